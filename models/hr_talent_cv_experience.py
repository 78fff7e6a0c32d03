from odoo import fields, models


class HrTalentCvExperience(models.Model):
    """A work-history entry read from a candidate's CV: a suggestion with the line it came from."""

    _name = "hr.talent.cv.experience"
    _description = "CV work-history entry"
    _order = "candidate_id, sequence, id"

    candidate_id = fields.Many2one("hr.candidate", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="candidate_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    title = fields.Char()
    employer = fields.Char()
    date_start = fields.Date("Start")
    date_end = fields.Date("End", help="Empty: current position.")
    date_precision = fields.Selection([("month", "Month"), ("year", "Year")], default="month",
                                      help="Year: the CV gives years only (the dates are 1 January / 31 December).")
    occupation_code = fields.Char("O*NET code", help="O*NET-SOC code of the occupation this entry describes.")
    occupation_name = fields.Char("Occupation")
    evidence = fields.Text(help="The CV line(s) the title, employer and dates come from.")
    claims = fields.Text("Lines", help="The entry's lines in the CV, one claim per line.")
