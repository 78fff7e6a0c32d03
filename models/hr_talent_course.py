from odoo import fields, models


class HrTalentCourse(models.Model):
    """Course catalogue entry (placeholder)."""

    _name = "hr.talent.course"
    _description = "Training course"

    name = fields.Char(required=True)
    company_id = fields.Many2one("res.company")
    active = fields.Boolean(default=True)
