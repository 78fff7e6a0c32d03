from odoo import api, fields, models

from .hr_talent_review_dimension import DIMENSION_CODES

FLAGS = [("vague", "Vague"), ("personality", "Personality"), ("identity", "Identity")]


class HrTalentReviewInsight(models.Model):
    """One sentence of a review as the review model reads it. Reviewer-side only: the employee
    never reads these (record rules). A reviewer may correct the dimension, polarity or flag;
    corrected insights are kept through re-analysis and feed the next training."""

    _name = "hr.talent.review.insight"
    _description = "Performance review insight"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one("hr.talent.review", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer()
    sentence = fields.Text(required=True, readonly=True)
    dimension = fields.Selection(DIMENSION_CODES, required=True)
    polarity = fields.Selection([("negative", "Negative"), ("neutral", "Neutral"), ("positive", "Positive")],
                                required=True)
    flag = fields.Selection(FLAGS, help="Fair-language check: vague (no behaviour, example or outcome), "
                                        "personality (judges character instead of behaviour), identity "
                                        "(mentions gender, age, pregnancy or family, ethnicity, religion, "
                                        "health or disability).")
    section = fields.Selection(
        [("strengths", "Strengths"), ("development", "Development areas"), ("goals", "Goals"), ("other", "Other heading")],
        readonly=True, help="The heading the sentence was written under, in a review written as a form. An item "
                            "under a strengths heading is a strength, one under a development heading a development "
                            "area, a goal neither; the polarity score stays the model's reading of the sentence alone.")
    suggestion = fields.Text(readonly=True, help="How to rewrite the sentence.")
    confidence = fields.Float(readonly=True, digits=(3, 2), help="Probability of the dimension.")
    polarity_score = fields.Float(readonly=True, digits=(3, 2), help="p(positive) - p(negative).")
    corrected = fields.Boolean(readonly=True, help="A reviewer corrected the dimension, polarity or flag.")
    employee_id = fields.Many2one(related="review_id.employee_id", store=True, index=True)
    department_id = fields.Many2one(related="review_id.department_id", store=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    date = fields.Date(related="review_id.date", store=True)
    review_state = fields.Selection(related="review_id.state", store=True)

    def write(self, vals):
        if {"dimension", "polarity", "flag"} & set(vals) and not self.env.context.get("review_analysis"):
            vals = dict(vals, corrected=True)
            if "flag" in vals and not vals["flag"]:
                vals["suggestion"] = False
        return super().write(vals)
