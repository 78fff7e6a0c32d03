from odoo import fields, models


class HrEmployeeFeedback(models.Model):
    """Employee feedback comment (placeholder)."""

    _name = "hr.employee.feedback"
    _description = "Employee feedback"

    employee_id = fields.Many2one("hr.employee", required=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    body = fields.Text()
