from odoo import fields, models

DEGREE_LEVELS = [
    ("secondary", "Secondary"), ("vocational", "Vocational"), ("associate", "Associate"),
    ("bachelor", "Bachelor"), ("master", "Master"), ("doctorate", "Doctorate"), ("other", "Other"),
]


class HrTalentCvEducation(models.Model):
    """An education entry read from a candidate's CV (suggestion, with its source line)."""

    _name = "hr.talent.cv.education"
    _description = "CV education entry"
    _order = "candidate_id, sequence, id"

    candidate_id = fields.Many2one("hr.candidate", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="candidate_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    degree_level = fields.Selection(DEGREE_LEVELS, default="other")
    field_of_study = fields.Char()
    institution = fields.Char()
    year_end = fields.Integer("End year")
    evidence = fields.Text(help="The CV line(s) this entry comes from.")
