"""Only HR managers (group_talent_ai_manager) read sentiment, through every route.

Real users: a recruiter (group_talent_ai_user), an HR officer (hr.group_hr_user,
who can read employees but must not see sentiment), a plain employee reading
his own record, and a manager.
"""
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

EMP_FIELDS = ["sentiment_score", "sentiment_label", "sentiment_trend", "sentiment_trend_known", "sentiment_feedback_count"]
DEP_FIELDS = EMP_FIELDS + ["sentiment_hidden"]


@tagged("post_install", "-at_install", "talent_sentiment")
class TestSentimentAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recruiter = new_test_user(cls.env, "sent_recruiter", groups="base.group_user,base.group_allow_export,hr_talent_ai.group_talent_ai_user")
        cls.officer = new_test_user(cls.env, "sent_officer", groups="base.group_user,base.group_allow_export,hr.group_hr_user")
        cls.plain = new_test_user(cls.env, "sent_plain", groups="base.group_user,base.group_allow_export")
        cls.manager = new_test_user(cls.env, "sent_manager",
                                    groups="base.group_user,base.group_allow_export,hr.group_hr_user,hr_talent_ai.group_talent_ai_manager")
        cls.dep = cls.env["hr.department"].create({"name": "Access dept"})
        cls.emp = cls.env["hr.employee"].create({"name": "Plain Person", "user_id": cls.plain.id,
                                                 "department_id": cls.dep.id})
        cls.feedback = cls.env["hr.employee.feedback"].create(
            [{"employee_id": cls.emp.id, "body": "Comment %d" % i, "source": "pulse"} for i in range(5)])
        cls.env.cr.execute("UPDATE hr_employee_feedback SET sentiment_label = 'negative', sentiment_score = -0.8, "
                           "final_label = 'negative', needs_analysis = FALSE WHERE id = ANY(%s)", [cls.feedback.ids])
        cls.env["hr.employee.feedback"].invalidate_model()
        cls.env["hr.employee.feedback"]._refresh_sentiment_aggregates(cls.emp.ids, cls.dep.ids)

    def assertRefused(self, func):
        try:
            func()
        except (AccessError, ValueError):
            return
        self.fail("sentiment reached a non-manager")

    def test_manager_reads_everything(self):
        emp = self.emp.with_user(self.manager)
        vals = emp.read(EMP_FIELDS)[0]
        self.assertAlmostEqual(vals["sentiment_score"], -0.8, places=4)
        self.assertEqual(vals["sentiment_label"], "negative")
        self.assertEqual(vals["sentiment_feedback_count"], 5)
        dep = self.dep.with_user(self.manager).read(DEP_FIELDS)[0]
        self.assertFalse(dep["sentiment_hidden"])
        self.assertAlmostEqual(dep["sentiment_score"], -0.8, places=4)
        rows = self.env["hr.employee.feedback"].with_user(self.manager).search_read(
            [("employee_id", "=", self.emp.id)], ["body", "sentiment_score"])
        self.assertEqual(len(rows), 5)
        groups = self.env["hr.employee"].with_user(self.manager).read_group(
            [("id", "=", self.emp.id)], ["sentiment_score:avg"], ["department_id"])
        self.assertAlmostEqual(groups[0]["sentiment_score"], -0.8, places=4)
        self.assertIn("sentiment_score", self.env["hr.employee"].with_user(self.manager).fields_get())

    def test_feedback_model_closed_to_non_managers(self):
        for user in (self.recruiter, self.officer, self.plain):
            Feedback = self.env["hr.employee.feedback"].with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Feedback.search([])
                with self.assertRaises(AccessError):
                    self.feedback[0].with_user(user).read(["body", "sentiment_score"])
                with self.assertRaises(AccessError):
                    Feedback.search_read([], ["sentiment_label"])
                with self.assertRaises(AccessError):
                    Feedback.read_group([], ["sentiment_score:avg"], ["department_id"])
                with self.assertRaises(AccessError):
                    Feedback.create({"employee_id": self.emp.id, "body": "x"})
                with self.assertRaises(AccessError):
                    self.feedback[0].with_user(user).action_analyze_sentiment()
                with self.assertRaises(AccessError):
                    self.emp.with_user(user).read(["feedback_ids"])

    def test_employee_sentiment_fields_closed_to_non_managers(self):
        # the HR officer reads employees, the recruiter and the plain employee (own record) do not
        for user in (self.recruiter, self.officer, self.plain):
            Employee = self.env["hr.employee"].with_user(user)
            emp = self.emp.with_user(user)
            with self.subTest(user=user.login):
                for fname in EMP_FIELDS:
                    with self.assertRaises(AccessError):
                        emp.read([fname])
                    with self.assertRaises(AccessError):
                        Employee.search_read([("id", "=", self.emp.id)], [fname])
                    # officer: AccessError; others: hr.employee.public has no such field
                    self.assertRefused(lambda: Employee.search([(fname, "!=", False)]))
                    self.assertRefused(lambda: Employee.search([], order="%s desc" % fname))
                    if fname != "sentiment_label":  # a selection is grouped by, not aggregated (below)
                        with self.assertRaises(AccessError):
                            Employee.read_group([], ["%s:avg" % fname], ["department_id"])
                with self.assertRaises(AccessError):
                    emp.export_data(["name", "sentiment_score"])
                with self.assertRaises(AccessError):
                    Employee.read_group([], ["__count"], ["sentiment_label"])
                with self.assertRaises(AccessError):
                    self.env["res.users"].with_user(user).search([("employee_ids.sentiment_score", "<", 0)])
                self.assertFalse(set(EMP_FIELDS) & set(Employee.fields_get()))

    def test_department_sentiment_fields_closed_to_non_managers(self):
        # every internal user reads departments: the sentiment fields stay closed
        for user in (self.recruiter, self.officer, self.plain):
            dep = self.dep.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(dep.read(["name"])[0]["name"], "Access dept")
                for fname in DEP_FIELDS:
                    with self.assertRaises(AccessError):
                        dep.read([fname])
                    with self.assertRaises(AccessError):
                        self.env["hr.department"].with_user(user).search_read([], [fname])
                    with self.assertRaises(AccessError):
                        self.env["hr.department"].with_user(user).search([(fname, "!=", False)])
                    with self.assertRaises(AccessError):
                        self.env["hr.department"].with_user(user).search([], order=fname)
                with self.assertRaises(AccessError):
                    dep.export_data(["name", "sentiment_score"])
                self.assertFalse(set(DEP_FIELDS) & set(self.env["hr.department"].with_user(user).fields_get()))

    def test_own_employee_public_profile_has_no_sentiment(self):
        public = self.env["hr.employee.public"].with_user(self.plain).browse(self.emp.id)
        self.assertEqual(public.name, "Plain Person")
        self.assertFalse(set(EMP_FIELDS) & set(self.env["hr.employee.public"]._fields))

    def test_views_hide_sentiment_from_non_managers(self):
        for user in (self.officer, self.plain):
            arch = self.env["hr.employee"].with_user(user).get_view(
                self.env.ref("hr.view_employee_form").id, "form")["arch"] if user == self.officer else ""
            self.assertNotIn("sentiment_score", arch)
            darch = self.env["hr.department"].with_user(user).get_view(
                self.env.ref("hr.view_department_form").id, "form")["arch"]
            self.assertNotIn("sentiment_score", darch)
        arch = self.env["hr.employee"].with_user(self.manager).get_view(
            self.env.ref("hr.view_employee_form").id, "form")["arch"]
        self.assertIn("sentiment_score", arch)

    def test_manager_views_load(self):
        Feedback = self.env["hr.employee.feedback"].with_user(self.manager)
        views = Feedback.get_views([(False, v) for v in ("list", "form", "pivot", "graph", "search")])["views"]
        self.assertIn("sentiment_score", views["pivot"]["arch"])
        self.assertIn("department_id", views["graph"]["arch"])
        self.assertIn("action_reanalyze_all", views["list"]["arch"])
        dep_arch = self.env["hr.department"].with_user(self.manager).get_view(
            self.env.ref("hr.view_department_form").id, "form")["arch"]
        self.assertIn("sentiment_hidden", dep_arch)
        menu = self.env.ref("hr_talent_ai.menu_hr_employee_feedback")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids())
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.recruiter)._visible_menu_ids())
