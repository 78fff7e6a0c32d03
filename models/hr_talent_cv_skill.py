from odoo import fields, models

SKILL_LEVELS = [("beginner", "Beginner"), ("intermediate", "Intermediate"), ("advanced", "Advanced"),
                ("expert", "Expert")]


class HrTalentCvSkill(models.Model):
    """A skill read from a candidate's CV: the database's skill when one matches, else the O*NET
    technology-skill name, else the CV's own wording (not matched)."""

    _name = "hr.talent.cv.skill"
    _description = "CV skill"
    _order = "candidate_id, sequence, id"

    candidate_id = fields.Many2one("hr.candidate", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="candidate_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    skill_id = fields.Many2one("hr.skill", "Skill", ondelete="set null",
                               help="The database's skill this CV skill matches; empty when none does.")
    source = fields.Selection([("database", "Skill of this database"), ("onet", "O*NET technology skill"),
                               ("cv", "CV wording (not matched)")], default="cv", required=True)
    level = fields.Selection(SKILL_LEVELS, help="The level the CV states, when it states one.")
    evidence = fields.Text(help="The CV line this skill comes from.")
