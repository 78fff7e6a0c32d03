"""Access matrix of performance reviews: HR managers and the employee's manager read and write;
the employee reads their own done review without the insights; everyone else sees nothing;
another company's user sees nothing."""
import re

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "talent_review")
class TestReviewAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr = new_test_user(cls.env, "rev_hr", groups="base.group_user,hr.group_hr_manager")
        cls.mgr = new_test_user(cls.env, "rev_boss", groups="base.group_user")
        cls.emp_user = new_test_user(cls.env, "rev_emp", groups="base.group_user")
        cls.other = new_test_user(cls.env, "rev_other", groups="base.group_user,hr.group_hr_user")
        cls.company2 = cls.env["res.company"].create({"name": "Review Other Co"})
        cls.foreign_hr = new_test_user(cls.env, "rev_hr2", groups="base.group_user,hr.group_hr_manager",
                                       company_id=cls.company2.id, company_ids=[(6, 0, cls.company2.ids)])
        cls.boss = cls.env["hr.employee"].create({"name": "Avery Boss", "user_id": cls.mgr.id})
        cls.emp = cls.env["hr.employee"].create({"name": "Casey Worker", "user_id": cls.emp_user.id,
                                                 "parent_id": cls.boss.id})
        # a sentence the head flags well clear of its threshold (0.85): this test is about access,
        # and a borderline flag can flip with the CPU's int8 kernels
        cls.review = cls.env["hr.talent.review"].with_user(cls.mgr).create({
            "employee_id": cls.emp.id,
            "body": "Casey closed 340 support tickets this year. Casey is bossy with the juniors.",
            "rating": "4"})
        cls.review.action_analyze_review()
        cls.review.action_mark_done()
        cls.review.action_mark_done()

    def test_hr_manager_and_manager_read_write(self):
        for user in (self.hr, self.mgr):
            with self.subTest(user=user.login):
                rev = self.review.with_user(user)
                self.assertTrue(rev.insight_ids)
                self.assertGreaterEqual(rev.flag_count, 1)
                rev.write({"period": "2026 by %s" % user.login})
                self.assertTrue(self.env["hr.talent.review.insight"].with_user(user).search(
                    [("review_id", "=", self.review.id)]))

    def test_employee_reads_own_done_review_without_insights(self):
        rev = self.review.with_user(self.emp_user)
        vals = rev.read(["body", "rating", "state", "insight_ids", "flag_count", "rating_mismatch",
                         "summary_html", "flags_html"])[0]
        self.assertIn("340 support tickets", vals["body"])
        self.assertEqual(vals["insight_ids"], [])
        self.assertEqual(vals["flag_count"], 0)
        self.assertFalse(vals["flags_html"])
        self.assertFalse(vals["summary_html"])
        self.assertFalse(self.env["hr.talent.review.insight"].with_user(self.emp_user).search([]))
        with self.assertRaises(AccessError):
            rev.write({"body": "rewritten by the employee"})
        with self.assertRaises(AccessError):
            self.env["hr.talent.review.insight"].browse(self.review.insight_ids[:1].id).with_user(self.emp_user).read(["sentence"])

    def test_employee_does_not_read_draft(self):
        draft = self.env["hr.talent.review"].with_user(self.mgr).create(
            {"employee_id": self.emp.id, "body": "Casey finished the inventory count two days early."})
        self.assertFalse(self.env["hr.talent.review"].with_user(self.emp_user).search([("id", "=", draft.id)]))
        with self.assertRaises(AccessError):
            draft.with_user(self.emp_user).read(["body"])

    def test_others_see_nothing(self):
        for user in (self.other, self.foreign_hr):
            with self.subTest(user=user.login):
                self.assertFalse(self.env["hr.talent.review"].with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self.review.with_user(user).read(["body"])
                self.assertFalse(self.env["hr.talent.review.insight"].with_user(user).search([]))
                self.assertFalse(self.env["hr.talent.review.trend"].with_user(user).search([]))

    def test_only_managers_write_reviews(self):
        with self.assertRaises(AccessError):
            self.env["hr.talent.review"].with_user(self.other).create(
                {"employee_id": self.emp.id, "reviewer_id": self.other.id, "body": "x"})
        with self.assertRaises(AccessError):
            self.env["hr.talent.review"].with_user(self.emp_user).create(
                {"employee_id": self.emp.id, "reviewer_id": self.emp_user.id, "body": "I am great."})

    def test_trend_reports(self):
        rows = self.env["hr.talent.review.trend"].with_user(self.hr).search([("employee_id", "=", self.emp.id)])
        self.assertTrue(rows)
        self.assertTrue(self.env["hr.talent.review.trend"].with_user(self.mgr).search([("employee_id", "=", self.emp.id)]))
        self.assertFalse(self.env["hr.talent.review.trend"].with_user(self.emp_user).search([]))
        # one reviewed employee in the department: below the minimum of 5, nothing shown
        dep = self.env["hr.department"].create({"name": "Review small dept"})
        self.emp.department_id = dep
        self.review.flush_recordset()
        self.assertFalse(self.env["hr.talent.review.department.trend"].with_user(self.hr).search(
            [("department_id", "=", dep.id)]))
        with self.assertRaises(AccessError):
            self.env["hr.talent.review.department.trend"].with_user(self.mgr).search([])

    def test_employee_opens_the_form_in_the_web_client(self):
        """The form's read (web_read, with the reviewer-side lists) works for the employee and
        shows no insight, flag or mismatch, even right after the manager read them."""
        spec = {"body": {}, "rating": {}, "flag_count": {}, "rating_mismatch": {}, "flags_html": {},
                "summary_html": {}, "reviewer_side": {},
                "insight_ids": {"fields": {"sentence": {}, "flag": {}}},
                "development_ids": {"fields": {"state": {}}}}
        mgr_vals = self.env["hr.talent.review"].with_user(self.mgr).browse(self.review.id).web_read(spec)[0]
        self.assertTrue(mgr_vals["insight_ids"])
        self.assertTrue(mgr_vals["reviewer_side"])
        emp_vals = self.env["hr.talent.review"].with_user(self.emp_user).browse(self.review.id).web_read(spec)[0]
        self.assertEqual(emp_vals["insight_ids"], [])
        self.assertEqual(emp_vals["development_ids"], [])
        self.assertEqual(emp_vals["flag_count"], 0)
        self.assertFalse(emp_vals["rating_mismatch"])
        self.assertFalse(emp_vals["flags_html"])
        self.assertFalse(emp_vals["reviewer_side"])
        self.assertIn("340 support tickets", emp_vals["body"])
        # the list shows the checks' columns on the reviewer side only
        Review = self.env["hr.talent.review"]
        arch = Review.get_view(self.env.ref("hr_talent_ai.hr_talent_review_view_list").id, "list")["arch"]
        for fname in ("flag_count", "rating_mismatch"):
            self.assertIn('invisible="not reviewer_side"', re.search(r'<field name="%s"[^>]*>' % fname, arch).group(0))
        listed = Review.with_user(self.emp_user).web_search_read(
            [("id", "=", self.review.id)], {"flag_count": {}, "rating_mismatch": {}, "reviewer_side": {}})["records"]
        self.assertEqual([(r["flag_count"], r["rating_mismatch"], r["reviewer_side"]) for r in listed], [(0, False, False)])
