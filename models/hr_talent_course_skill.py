from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrTalentCourseSkill(models.Model):
    """The level a course brings one skill to (basic vs advanced courses)."""

    _name = "hr.talent.course.skill"
    _description = "Skill level reached by a course"
    _order = "course_id, skill_type_id, skill_id"

    course_id = fields.Many2one("hr.talent.course", required=True, ondelete="cascade", index=True)
    skill_type_id = fields.Many2one("hr.skill.type", required=True, ondelete="cascade")
    skill_id = fields.Many2one("hr.skill", required=True, ondelete="cascade",
                               domain="[('skill_type_id', '=', skill_type_id)]")
    skill_level_id = fields.Many2one("hr.skill.level", string="Level reached", required=True, ondelete="cascade",
                                     domain="[('skill_type_id', '=', skill_type_id)]")
    level_progress = fields.Integer(related="skill_level_id.level_progress")

    _sql_constraints = [
        ("course_skill_unique", "unique(course_id, skill_id)", "A course reaches one level per skill."),
    ]

    @api.onchange("skill_id")
    def _onchange_skill_id(self):
        if self.skill_id:
            self.skill_type_id = self.skill_id.skill_type_id

    @api.constrains("skill_id", "skill_level_id", "skill_type_id")
    def _check_type(self):
        for line in self:
            if line.skill_id.skill_type_id != line.skill_type_id or \
                    line.skill_level_id.skill_type_id != line.skill_type_id:
                raise ValidationError(_("Skill %(skill)s and level %(level)s must both belong to skill type "
                                        "%(type)s.", skill=line.skill_id.name, level=line.skill_level_id.name,
                                        type=line.skill_type_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("skill_id") and not vals.get("skill_type_id"):
                vals["skill_type_id"] = self.env["hr.skill"].browse(vals["skill_id"]).skill_type_id.id
        return super().create(vals_list)
