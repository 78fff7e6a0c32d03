from odoo import fields, models

DIMENSION_CODES = [
    ("quality", "Quality"), ("productivity", "Productivity"), ("collaboration", "Collaboration"),
    ("communication", "Communication"), ("initiative", "Initiative"), ("leadership", "Leadership"),
    ("expertise", "Expertise"), ("reliability", "Reliability"),
]


class HrTalentReviewDimension(models.Model):
    """The dimensions review sentences are sorted into. The list is configurable: rename,
    describe, reorder or archive a dimension (an archived one is left out of the strengths,
    development areas and training-path suggestions), and map it to skills. A new code needs
    labelled sentences and a retrained review model, so codes are fixed."""

    _name = "hr.talent.review.dimension"
    _description = "Performance review dimension"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(DIMENSION_CODES, required=True, readonly=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    skill_map_ids = fields.One2many("hr.talent.review.dimension.skill", "dimension_id", string="Skills",
                                    help="Skills a development area of this dimension adds to the employee's "
                                         "training path once the reviewer confirms it.")

    _sql_constraints = [("code_unique", "unique(code)", "One dimension per code.")]
