from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

FIT_FIELDS = ["fit_score", "fit_explanation", "fit_band", "fit_model_id", "fit_scored_at"]
EMPLOYEE_SENTIMENT_FIELDS = ["sentiment_score", "sentiment_label", "sentiment_trend", "sentiment_feedback_count"]


@tagged("post_install", "-at_install")
class TestSecurityMatrix(TransactionCase):
    """Who reads what: recruiters fit only, managers fit and sentiment, others neither;
    and nothing of company B reaches a user of company A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Talent AI company B"})
        common = {"company_id": cls.company_a.id, "company_ids": [(6, 0, cls.company_a.ids)]}
        cls.recruiter = new_test_user(
            cls.env, "sec_recruiter", groups="hr_recruitment.group_hr_recruitment_user,hr_talent_ai.group_talent_ai_user",
            **common)
        cls.manager = new_test_user(
            cls.env, "sec_manager",
            groups="hr.group_hr_manager,hr_recruitment.group_hr_recruitment_manager,hr_talent_ai.group_talent_ai_manager",
            **common)
        cls.internal = new_test_user(cls.env, "sec_internal", groups="base.group_user", **common)
        cls.portal = new_test_user(cls.env, "sec_portal", groups="base.group_portal", **common)

        cls.job = cls.env["hr.job"].create({"name": "Security job", "company_id": cls.company_a.id})
        candidate = cls.env["hr.candidate"].create({"partner_name": "Security candidate", "company_id": cls.company_a.id})
        cls.applicant = cls.env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": cls.job.id})
        cls.employee = cls.env["hr.employee"].create({"name": "Security employee", "company_id": cls.company_a.id})
        cls.feedback = cls.env["hr.employee.feedback"].create(
            {"employee_id": cls.employee.id, "body": "The new rota works well for us."})

        # The same in company B.
        cls.employee_b = cls.env["hr.employee"].create({"name": "B employee", "company_id": cls.company_b.id})
        cls.feedback_b = cls.env["hr.employee.feedback"].create(
            {"employee_id": cls.employee_b.id, "body": "Company B comment."})
        cls.model_b = cls.env["hr.talent.model"].create(
            {"name": "B model", "kind": "fit", "company_id": cls.company_b.id, "state": "active"})
        cls.course_b = cls.env["hr.talent.course"].create({"name": "B course", "company_id": cls.company_b.id})

    def test_recruiter_reads_fit_but_no_sentiment(self):
        self.applicant.with_user(self.recruiter).read(FIT_FIELDS)
        with self.assertRaises(AccessError):
            self.feedback.with_user(self.recruiter).read(["sentiment_score"])
        with self.assertRaises(AccessError):
            self.employee.with_user(self.recruiter).read(EMPLOYEE_SENTIMENT_FIELDS)

    def test_manager_reads_fit_and_sentiment(self):
        self.applicant.with_user(self.manager).read(FIT_FIELDS)
        self.feedback.with_user(self.manager).read(["sentiment_score", "sentiment_label", "body"])
        self.employee.with_user(self.manager).read(EMPLOYEE_SENTIMENT_FIELDS)

    def test_internal_user_reads_neither(self):
        with self.assertRaises(AccessError):
            self.applicant.with_user(self.internal).read(["fit_score"])
        with self.assertRaises(AccessError):
            self.feedback.with_user(self.internal).read(["sentiment_score"])
        with self.assertRaises(AccessError):
            self.employee.with_user(self.internal).read(["sentiment_score"])
        with self.assertRaises(AccessError):
            self.env["hr.talent.model"].with_user(self.internal).search([])

    def test_portal_user_reads_nothing(self):
        for record, field in [
            (self.applicant, "fit_score"), (self.feedback, "body"), (self.employee, "name"),
            (self.model_b, "name"), (self.course_b, "name"),
        ]:
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.portal).read([field])
        self.assertFalse(self.env["hr.talent.model"].with_user(self.portal).has_access("read"))

    def test_company_b_never_reaches_company_a(self):
        manager = self.manager
        self.assertNotIn(self.feedback_b, self.env["hr.employee.feedback"].with_user(manager).search([]))
        self.assertNotIn(self.model_b, self.env["hr.talent.model"].with_user(manager).search([]))
        self.assertNotIn(self.course_b, self.env["hr.talent.course"].with_user(manager).search([]))
        for record in (self.feedback_b, self.model_b, self.course_b):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(manager).read(["display_name"])
        # The active model of company B is never served to company A.
        active_a = self.env["hr.talent.model"].with_user(manager).with_company(self.company_a)._get_active(
            "fit", raise_if_missing=False)
        self.assertNotEqual(active_a, self.model_b)

    def test_fit_word_counts_are_counted_for_recruiters_and_stay_in_their_company(self):
        self.env["ir.attachment"].create({
            "name": "cv.txt", "raw": b"Kept the payroll ledger and reconciled the bank accounts every month.",
            "res_model": "hr.applicant", "res_id": self.applicant.id, "mimetype": "text/plain"})
        self.applicant.with_user(self.recruiter).with_company(self.company_a).action_compute_fit()
        Corpus = self.env["hr.talent.fit.corpus"]
        self.assertTrue(Corpus.search([("company_id", "=", self.company_a.id)]), "counted on a recruiter's click")
        corpus_b = Corpus.create({"company_id": self.company_b.id, "doc_count": 1, "source_count": 1, "doc_freq": "{}"})
        with self.assertRaises(AccessError):
            Corpus.with_user(self.recruiter).search([])
        self.assertNotIn(corpus_b, Corpus.with_user(self.manager).search([]))
        self.assertTrue(Corpus.with_user(self.manager).search([("company_id", "=", self.company_a.id)]))
