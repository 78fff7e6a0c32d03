from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrTalentCourse(models.Model):
    """Course catalogue entry: what a course teaches and to which level.

    ``skill_ids`` lists the skills it teaches; ``skill_level_ids`` says the
    level each reaches. A taught skill without a level line counts as taught
    to the top level of its type (a catalogue entered without levels still
    closes gaps).
    """

    _name = "hr.talent.course"
    _description = "Training course"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    skill_ids = fields.Many2many(
        "hr.skill", "hr_talent_course_skill_rel", "course_id", "skill_id", string="Skills taught")
    skill_level_ids = fields.One2many("hr.talent.course.skill", "course_id", string="Levels reached", copy=True)
    duration_hours = fields.Float("Duration (hours)", default=1.0)
    prerequisite_ids = fields.Many2many(
        "hr.talent.course", "hr_talent_course_prerequisite_rel", "course_id", "prerequisite_id",
        string="Prerequisites", domain="[('id', '!=', id)]")
    url = fields.Char("URL")
    provider = fields.Char()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    step_count = fields.Integer(compute="_compute_step_count")

    _sql_constraints = [
        ("duration_positive", "CHECK(duration_hours >= 0)", "A course cannot last a negative number of hours."),
    ]

    @api.constrains("prerequisite_ids")
    def _check_prerequisite_cycle(self):
        for course in self:
            if course in course.prerequisite_ids or course._has_cycle("prerequisite_ids"):
                raise ValidationError(_("Course %s cannot be its own prerequisite, directly or through "
                                        "other courses.", course.name))

    def _compute_step_count(self):
        counts = dict(self.env["hr.talent.training.step"]._read_group(
            [("course_id", "in", self.ids)], ["course_id"], ["__count"]))
        for course in self:
            course.step_count = counts.get(course, 0)

    @api.model_create_multi
    def create(self, vals_list):
        courses = super().create(vals_list)
        courses._sync_skills_from_levels()
        return courses

    def write(self, vals):
        res = super().write(vals)
        if "skill_level_ids" in vals or "skill_ids" in vals:
            self._sync_skills_from_levels()
        return res

    def _sync_skills_from_levels(self):
        """A skill with a level line is a taught skill."""
        for course in self:
            missing = course.skill_level_ids.skill_id - course.skill_ids
            if missing:
                super(HrTalentCourse, course).write({"skill_ids": [(4, s.id) for s in missing]})

    def _teaches(self):
        """``{skill_id: level_progress reached}`` for this course."""
        self.ensure_one()
        levels = {line.skill_id.id: line.skill_level_id.level_progress for line in self.skill_level_ids}
        out = {}
        for skill in self.skill_ids:
            if skill.id in levels:
                out[skill.id] = levels[skill.id]
            else:
                progress = skill.skill_type_id.skill_level_ids.mapped("level_progress")
                out[skill.id] = max(progress) if progress else 100
        return out

    def _level_for(self, skill):
        """The hr.skill.level the course brings ``skill`` to."""
        self.ensure_one()
        line = self.skill_level_ids.filtered(lambda x: x.skill_id == skill)[:1]
        if line:
            return line.skill_level_id
        return skill.skill_type_id.skill_level_ids.sorted("level_progress")[-1:]

    def _embedding_text(self):
        self.ensure_one()
        parts = [self.name or "", self.description or ""]
        if self.skill_ids:
            parts.append(_("Skills: %s", ", ".join(self.skill_ids.mapped("name"))))
        return "\n".join(p for p in parts if p)

    def action_view_steps(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Path steps"),
            "res_model": "hr.talent.training.step",
            "view_mode": "list,form",
            "domain": [("course_id", "=", self.id)],
        }
