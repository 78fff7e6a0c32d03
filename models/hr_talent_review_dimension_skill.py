from odoo import fields, models


class HrTalentReviewDimensionSkill(models.Model):
    """Mapping of a review dimension to an hr.skill: a confirmed development area of that
    dimension makes the skill a target of the employee's training path."""

    _name = "hr.talent.review.dimension.skill"
    _description = "Review dimension to skill"
    _order = "dimension_id, id"

    dimension_id = fields.Many2one("hr.talent.review.dimension", required=True, ondelete="cascade", index=True)
    skill_id = fields.Many2one("hr.skill", required=True, ondelete="cascade")
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id", store=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)

    _sql_constraints = [("dimension_skill_unique", "unique(dimension_id, skill_id, company_id)",
                         "This skill is already mapped to that dimension.")]
