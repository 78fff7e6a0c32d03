from odoo import fields, models


class HrTalentFairnessCategory(models.Model):
    """A category the company records for fairness audits (e.g. self-declared).

    Categories exist only to measure outcomes per group (NYC LL144-style impact
    ratios). They are never read by any scoring code: the fit features are built
    from CV text and job text alone.
    """

    _name = "hr.talent.fairness.category"
    _description = "Fairness audit category"
    _order = "dimension, sequence, name"

    name = fields.Char(required=True, translate=True)
    dimension = fields.Char(
        required=True,
        default="Self-declared",
        help="What the category describes, e.g. 'Sex', 'Race/ethnicity', 'Age band'.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
