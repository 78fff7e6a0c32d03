from odoo import api, models


class HrTalentDemo(models.AbstractModel):
    """Deterministic demo data generator, called from demo XML (placeholder)."""

    _name = "hr.talent.demo"
    _description = "Talent AI demo data"

    @api.model
    def _load_demo(self):
        return True
