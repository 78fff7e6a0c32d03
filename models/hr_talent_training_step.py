import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class HrTalentTrainingStep(models.Model):
    """One step of an employee's training path.

    Done steps are the company's training history: they stay on the employee,
    carry their completion date and train the course ranker.
    """

    _name = "hr.talent.training.step"
    _description = "Training path step"
    _order = "employee_id, sequence, id"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True, string="Department")
    course_id = fields.Many2one("hr.talent.course", required=True, ondelete="restrict",
                                help="Courses in a path or in its history cannot be deleted: archive them.")
    sequence = fields.Integer(default=10)
    status = fields.Selection(
        [("planned", "Planned"), ("in_progress", "In Progress"), ("done", "Done")],
        default="planned", required=True, index=True)
    skill_ids = fields.Many2many("hr.skill", string="Skills closed",
                                 help="Gap skills this step brings to the level the target job expects.")
    reason = fields.Char(help="Why the step is in the path.")
    hours = fields.Float(help="Duration of the course when the path was computed.")
    date_done = fields.Date("Completed on", readonly=True)
    url = fields.Char(related="course_id.url")
    provider = fields.Char(related="course_id.provider")

    # ------------------------------------------------------------------ status
    def write(self, vals):
        to_done = self.browse()
        if vals.get("status") == "done":
            to_done = self.filtered(lambda s: s.status != "done")
            vals = dict(vals, date_done=vals.get("date_done") or fields.Date.context_today(self))
        res = super().write(vals)
        if to_done:
            to_done._apply_done()
        return res

    def action_start(self):
        self.filtered(lambda s: s.status == "planned").write({"status": "in_progress"})

    def action_done(self):
        self.filtered(lambda s: s.status != "done").write({"status": "done"})

    def _apply_done(self):
        """Raise the employee's skills as the course promises (never lower
        them; like eLearning adds a resume line), then recompute their paths."""
        EmployeeSkill = self.env["hr.employee.skill"].sudo()
        for step in self:
            employee, course = step.employee_id, step.course_id
            held = {es.skill_id: es for es in employee.sudo().employee_skill_ids}
            for skill in course.skill_ids:
                level = course._level_for(skill)
                if not level:
                    continue
                current = held.get(skill)
                if current and current.skill_level_id.level_progress >= level.level_progress:
                    continue
                if current:
                    current.write({"skill_level_id": level.id})
                else:
                    EmployeeSkill.create({"employee_id": employee.id, "skill_type_id": skill.skill_type_id.id,
                                          "skill_id": skill.id, "skill_level_id": level.id})
            employee.sudo()._message_log(body=_("Completed the course %(course)s (training path).",
                                                course=course.name))
        self.employee_id.action_compute_training_path()

    # ---------------------------------------------------------------- training
    @api.model
    def _training_path_history(self):
        """Data for the trainer: catalogue with embeddings, and per employee the
        courses done (dated), the dated skill levels (hr.employee.skill.log)
        and the skills their job expects."""
        Employee = self.env["hr.employee"]
        courses = self.env["hr.talent.course"].with_context(active_test=False).search(
            [("company_id", "in", [False, self.env.company.id])])
        if not courses:
            raise UserError(_("Create courses in Talent AI > Learning > Courses before training the ranker."))
        done = self.sudo().search([("status", "=", "done"), ("date_done", "!=", False),
                                   ("company_id", "=", self.env.company.id)])
        if not done:
            raise UserError(_("No training history yet: the ranker learns from path steps marked done "
                              "(with their completion date). Until then paths are ranked zero-shot."))
        employees = done.employee_id
        skills = courses.skill_ids | employees.mapped("job_id.skill_ids") | employees.training_target_job_id.skill_ids
        skill_emb = Employee._training_skill_embeddings(skills)
        course_emb = Employee._training_course_embeddings(courses)
        logs = self.env["hr.employee.skill.log"].sudo().search([("employee_id", "in", employees.ids)])
        logs_by_emp = {}
        for log in logs:
            logs_by_emp.setdefault(log.employee_id.id, []).append(
                {"skill_id": log.skill_id.id, "progress": log.skill_level_id.level_progress,
                 "date": fields.Date.to_string(log.date), "id": log.id})
        data_emps = []
        for employee in employees:
            expected = employee._training_expected_levels(employee.training_target_job_id or employee.job_id)
            steps = done.filtered(lambda s: s.employee_id == employee)
            data_emps.append({
                "id": employee.id,
                "expected": {str(k): v for k, v in expected.items()},
                "done": [{"course_id": s.course_id.id, "date": fields.Date.to_string(s.date_done), "seq": s.id}
                         for s in steps],
                "logs": logs_by_emp.get(employee.id, []),
            })
        return {
            "skill_emb": {str(k): [float(x) for x in v] for k, v in skill_emb.items()},
            "courses": [{"id": c.id, "name": c.name, "hours": c.duration_hours, "prereq_ids": c.prerequisite_ids.ids,
                         "teaches": {str(k): v for k, v in c._teaches().items()},
                         "emb": [float(x) for x in course_emb[c.id]]} for c in courses],
            "employees": data_emps,
            "k": 3, "holdout": 0.25, "seed": 0,
            "encoder_checksum": self.env["hr.talent.engine"]._get_text_encoder(int8=True).checksum,
        }

    @api.model
    def _train_training_path_ranker(self):
        """Train the ranker in the subprocess and register it (kind training_path).

        It is activated only when its held-out recall@k of the next course
        actually taken beats the zero-shot ranking (and the active ranker);
        otherwise it stays registered as rejected and zero-shot keeps serving.
        """
        data = self._training_path_history()
        out, metrics = self.env["hr.talent.engine"]._run_trainer("training_path", data)
        path = str(out / metrics["files"]["training_path"])
        trained, zero = metrics.get("recall_at_k", 0.0), metrics.get("zero_shot_recall_at_k", 0.0)
        summary = _("Course ranker trained on %(n)d course completions (%(h)d held out, %(e)d employees); "
                    "held-out recall@%(k)d %(t).2f vs zero-shot %(z).2f.",
                    n=metrics.get("n_events_train", 0) + metrics.get("n_events_heldout", 0),
                    h=metrics.get("n_events_heldout", 0), e=len(data["employees"]), k=metrics.get("k", 3),
                    t=trained, z=zero)
        Model = self.env["hr.talent.model"]
        if trained > zero:
            model = Model._register_model("training_path", path, metrics, summary, activate="if_better",
                                    baseline_metric="recall_at_k")
        else:
            model = Model._register_model("training_path", path, metrics, summary, activate=False)
            model.write({"state": "rejected", "note": _(
                "Not activated: held-out recall@%(k)d %(t).2f is not better than zero-shot %(z).2f.",
                k=metrics.get("k", 3), t=trained, z=zero)})
        _logger.info("training_path ranker %s: %s", model.name, summary)
        return model
