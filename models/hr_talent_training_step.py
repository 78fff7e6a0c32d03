from odoo import fields, models


class HrTalentTrainingStep(models.Model):
    """One step of an employee's training path (placeholder)."""

    _name = "hr.talent.training.step"
    _description = "Training path step"
    _order = "employee_id, sequence, id"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    course_id = fields.Many2one("hr.talent.course", required=True)
    sequence = fields.Integer(default=10)
