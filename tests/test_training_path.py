"""Training path in Odoo: gap, ordering, done -> skill raised -> path recomputed, no-gap state."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TrainingPathCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("hr_talent_ai.training_target_progress", 80)
        cls.env["hr.talent.engine"]._get_text_encoder()  # export the packaged encoder once for the class
        cls.stype = cls.env["hr.skill.type"].create({
            "name": "TP Programming",
            "skill_ids": [(0, 0, {"name": "TP Python"}), (0, 0, {"name": "TP SQL"}), (0, 0, {"name": "TP Docker"})],
            "skill_level_ids": [(0, 0, {"name": "TP Beginner", "level_progress": 25, "default_level": True}),
                                (0, 0, {"name": "TP Intermediate", "level_progress": 50}),
                                (0, 0, {"name": "TP Advanced", "level_progress": 80}),
                                (0, 0, {"name": "TP Expert", "level_progress": 100})],
        })
        cls.python, cls.sql, cls.docker = cls.stype.skill_ids.sorted("id")
        lv = {lvl.level_progress: lvl for lvl in cls.stype.skill_level_ids}
        cls.beginner, cls.intermediate, cls.advanced, cls.expert = lv[25], lv[50], lv[80], lv[100]
        cls.job = cls.env["hr.job"].create({"name": "TP Data Engineer",
                                            "skill_ids": [(6, 0, (cls.python | cls.sql).ids)]})
        cls.lead_job = cls.env["hr.job"].create({"name": "TP Platform Lead",
                                                 "skill_ids": [(6, 0, (cls.python | cls.docker).ids)]})
        Course = cls.env["hr.talent.course"]

        def course(name, hours, levels, prereqs=(), description=""):
            return Course.create({
                "name": name, "duration_hours": hours, "description": description,
                "skill_level_ids": [(0, 0, {"skill_id": s.id, "skill_level_id": lvl.id}) for s, lvl in levels],
                "prerequisite_ids": [(6, 0, [p.id for p in prereqs])],
            })
        cls.py_basics = course("TP Python Basics", 6, [(cls.python, cls.intermediate)],
                               description="Python syntax, functions and data structures")
        cls.py_adv = course("TP Advanced Python", 12, [(cls.python, cls.advanced)], [cls.py_basics],
                            description="Python packaging, typing, asyncio and performance")
        cls.sql_fund = course("TP SQL Fundamentals", 8, [(cls.sql, cls.advanced)],
                              description="Relational queries, joins, indexes")
        cls.bootcamp = course("TP Data Bootcamp", 40, [(cls.sql, cls.advanced), (cls.python, cls.intermediate)],
                              description="SQL and Python for data work")
        cls.docker_101 = course("TP Docker 101", 5, [(cls.docker, cls.advanced)],
                                description="Containers, images and compose")
        cls.employee = cls.env["hr.employee"].create({"name": "TP Alice", "job_id": cls.job.id})
        cls.env["hr.employee.skill"].create({"employee_id": cls.employee.id, "skill_type_id": cls.stype.id,
                                             "skill_id": cls.python.id, "skill_level_id": cls.beginner.id})

    def _planned(self, employee):
        return employee.training_path_ids.filtered(lambda s: s.status != "done").sorted("sequence")

    def _level(self, employee, skill):
        return employee.employee_skill_ids.filtered(lambda s: s.skill_id == skill).skill_level_id

    def test_course_levels_and_target_default(self):
        self.assertEqual(self.py_adv.skill_ids, self.python, "a level line makes the skill a taught skill")
        self.assertEqual(self.bootcamp._teaches(), {self.sql.id: 80, self.python.id: 50})
        no_level = self.env["hr.talent.course"].create({"name": "TP No level", "skill_ids": [(6, 0, self.docker.ids)]})
        self.assertEqual(no_level._teaches(), {self.docker.id: 100})
        self.assertEqual(self.employee.training_target_job_id, self.job)

    def test_gap_computation(self):
        expected = self.employee._training_expected_levels(self.job)
        self.assertEqual(expected, {self.python.id: 80, self.sql.id: 80})
        self.assertEqual(self.employee._training_held_levels(), {self.python.id: 25})
        self.employee.action_compute_training_path()
        self.assertEqual(self.employee.training_gap_count, 2)
        summary = self.employee.training_gap_summary
        self.assertIn("TP Python: TP Beginner → TP Advanced", summary)
        self.assertIn("TP SQL: none → TP Advanced", summary)

    def test_path_order_and_fewest_hours(self):
        self.employee.action_compute_training_path()
        steps = self._planned(self.employee)
        courses = steps.course_id
        self.assertEqual(set(courses.ids), {self.py_basics.id, self.py_adv.id, self.sql_fund.id},
                         "fewest hours: the 40 h bootcamp and the unrelated Docker course stay out")
        order = courses.ids
        self.assertLess(order.index(self.py_basics.id), order.index(self.py_adv.id), "prerequisite first")
        self.assertEqual(self.employee.training_path_hours, 26)
        self.assertEqual(self.employee.training_path_state, "path")
        for step in steps:
            self.assertTrue(step.reason, "every step says why it is there")
            self.assertEqual(step.status, "planned")
        self.assertIn("prerequisite of TP Advanced Python", steps.filtered(
            lambda s: s.course_id == self.py_basics).reason)
        self.assertEqual(steps.filtered(lambda s: s.course_id == self.py_adv).skill_ids, self.python)
        self.assertEqual(steps.filtered(lambda s: s.course_id == self.sql_fund).skill_ids, self.sql)
        # recomputing does not duplicate steps
        self.employee.action_compute_training_path()
        self.assertEqual(len(self._planned(self.employee)), 3)

    def test_done_raises_skill_and_recomputes(self):
        self.employee.action_compute_training_path()
        first = self._planned(self.employee)[0]
        self.assertEqual(first.course_id, self.py_basics)
        first.action_done()
        self.assertEqual(first.status, "done")
        self.assertEqual(first.date_done, fields.Date.context_today(first))
        self.assertEqual(self._level(self.employee, self.python), self.intermediate)
        log = self.env["hr.employee.skill.log"].search([("employee_id", "=", self.employee.id),
                                                         ("skill_id", "=", self.python.id)])
        self.assertIn(self.intermediate, log.skill_level_id, "hr_skills keeps the dated level")
        remaining = self._planned(self.employee)
        self.assertEqual(set(remaining.course_id.ids), {self.py_adv.id, self.sql_fund.id})
        self.assertEqual(self.employee.training_path_hours, 20)
        self.assertIn(first, self.employee.training_path_ids, "done steps stay as history")
        self.assertIn("TP Python: TP Intermediate → TP Advanced", self.employee.training_gap_summary)
        # finish the path: skills created/raised, the employee reaches the no-gap state
        kept = self._planned(self.employee)
        for step in kept:
            self.assertTrue(step.exists(), "steps still in the plan are kept, not recreated")
            step.action_done()
        self.assertEqual(self._level(self.employee, self.python), self.advanced)
        self.assertEqual(self._level(self.employee, self.sql), self.advanced, "a skill not held is created")
        self.assertEqual(self.employee.training_path_state, "no_gap")
        self.assertFalse(self._planned(self.employee))
        self.assertEqual(self.employee.training_path_hours, 0)

    def test_done_never_lowers_a_skill(self):
        emp = self.env["hr.employee"].create({"name": "TP Expert", "job_id": self.job.id})
        self.env["hr.employee.skill"].create({"employee_id": emp.id, "skill_type_id": self.stype.id,
                                             "skill_id": self.python.id, "skill_level_id": self.expert.id})
        step = self.env["hr.talent.training.step"].create({"employee_id": emp.id, "course_id": self.py_basics.id})
        step.write({"status": "done"})
        self.assertEqual(self._level(emp, self.python), self.expert)

    def test_no_gap_state(self):
        emp = self.env["hr.employee"].create({"name": "TP Senior", "job_id": self.job.id})
        for skill, level in ((self.python, self.advanced), (self.sql, self.expert)):
            self.env["hr.employee.skill"].create({"employee_id": emp.id, "skill_type_id": self.stype.id,
                                                 "skill_id": skill.id, "skill_level_id": level.id})
        emp.action_compute_training_path()
        self.assertEqual(emp.training_path_state, "no_gap")
        self.assertIn("No gap", emp.training_gap_summary)
        self.assertFalse(emp.training_path_ids)
        self.assertEqual(emp.training_path_hours, 0)

    def test_no_target_and_promotion_target(self):
        emp = self.env["hr.employee"].create({"name": "TP No job"})
        emp.action_compute_training_path()
        self.assertEqual(emp.training_path_state, "no_target")
        self.assertIn("No target job", emp.training_gap_summary)
        emp.training_target_job_id = self.lead_job
        self.assertFalse(emp.training_path_computed_at, "a new target makes the path stale")
        emp.action_compute_training_path()
        self.assertEqual(set(self._planned(emp).course_id.ids), {self.py_basics.id, self.py_adv.id, self.docker_101.id})

    def test_many_employees_at_once(self):
        others = self.env["hr.employee"].create([{"name": "TP Bob", "job_id": self.job.id},
                                                {"name": "TP Carol", "job_id": self.lead_job.id}])
        action = self.env.ref("hr_talent_ai.hr_employee_action_compute_training_path")
        action.with_context(active_model="hr.employee", active_ids=(self.employee | others).ids).run()
        self.assertTrue(all(e.training_path_state == "path" for e in self.employee | others))
        self.assertIn(self.docker_101, self._planned(others[1]).course_id)
        self.assertNotIn(self.docker_101, self._planned(others[0]).course_id)

    def test_uncovered_gap_is_reported(self):
        job = self.env["hr.job"].create({"name": "TP Ops", "skill_ids": [(6, 0, (self.docker | self.sql).ids)]})
        self.docker_101.active = False
        emp = self.env["hr.employee"].create({"name": "TP Dave", "job_id": job.id})
        emp.action_compute_training_path()
        self.assertEqual(emp.training_path_state, "uncovered")
        self.assertIn("no course in the catalogue teaches it", emp.training_gap_summary)
        self.assertEqual(self._planned(emp).course_id, self.sql_fund)

    def test_prerequisite_cycle_is_refused(self):
        with self.assertRaises(ValidationError):
            self.py_basics.prerequisite_ids = [(6, 0, self.py_adv.ids)]

    def test_cron_refreshes_stale_paths_only(self):
        fresh = self.env["hr.employee"].create({"name": "TP Fresh", "job_id": self.job.id})
        (self.employee | fresh).action_compute_training_path()
        old = fields.Datetime.now() - timedelta(days=30)
        self.employee.training_path_computed_at = old
        fresh_at = fresh.training_path_computed_at
        self.env["hr.employee"]._cron_refresh_training_paths()
        self.assertGreater(self.employee.training_path_computed_at, old)
        self.assertEqual(fresh.training_path_computed_at, fresh_at)
        self.assertTrue(self.env.ref("hr_talent_ai.ir_cron_training_path_refresh").active)

    def test_hr_officer_computes_and_completes(self):
        officer = self.env["res.users"].create({
            "name": "TP Officer", "login": "tp_officer",
            "groups_id": [(6, 0, [self.env.ref("hr.group_hr_user").id])]})
        emp = self.employee.with_user(officer)
        emp.action_compute_training_path()
        steps = emp.training_path_ids
        self.assertEqual(len(steps), 3)
        steps.sorted("sequence")[0].action_done()
        self.assertEqual(self._level(self.employee, self.python), self.intermediate)
        views = self.env["hr.employee"].with_user(officer).get_views([(False, "form")])
        self.assertIn("training_path_ids", views["views"]["form"]["arch"])

    def test_training_without_history_is_a_clear_error(self):
        self.env["hr.talent.training.step"].sudo().search([]).unlink()  # no demo history either
        with self.assertRaisesRegex(UserError, "No training history yet"):
            self.env["hr.talent.training.step"]._train_training_path_ranker()
        # a little history: the trainer refuses it with its reason, nothing registered
        emp = self.env["hr.employee"].create({"name": "TP Hist", "job_id": self.job.id})
        self.env["hr.talent.training.step"].create({"employee_id": emp.id, "course_id": self.py_basics.id,
                                                    "status": "done", "date_done": "2024-03-01"})
        with self.assertRaisesRegex(UserError, "history events"):
            self.env["hr.talent.training.step"]._train_training_path_ranker()
        self.assertFalse(self.env["hr.talent.model"].search([("kind", "=", "training_path"),
                                                             ("create_date", ">=", self.env.cr.now())]))
