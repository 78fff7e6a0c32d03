from odoo import fields, models


class HrTalentModel(models.Model):
    """Registry of the ONNX models the add-on serves (placeholder)."""

    _name = "hr.talent.model"
    _description = "Talent AI model"

    name = fields.Char(required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
