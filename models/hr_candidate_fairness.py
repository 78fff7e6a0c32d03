from odoo import fields, models


class HrCandidate(models.Model):
    """Self-declared fairness category of a candidate: audit-only, never a feature."""

    _inherit = "hr.candidate"

    fairness_category_id = fields.Many2one(
        "hr.talent.fairness.category",
        string="Self-declared category",
        groups="hr_talent_ai.group_talent_ai_manager",
        copy=False,
        help="Optional, self-declared by the candidate, empty by default. Used only by the fairness "
        "report; it never feeds any score.",
    )
