from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFairnessReport(TransactionCase):
    """LL144 scoring rates and impact ratios, computed by the report's SQL view."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job = cls.env["hr.job"].create({"name": "Fairness audit job"})
        Category = cls.env["hr.talent.fairness.category"]
        cls.cat_a = Category.create({"name": "Group A", "dimension": "Audit dimension"})
        cls.cat_b = Category.create({"name": "Group B", "dimension": "Audit dimension"})
        cls.cat_small = Category.create({"name": "Group C", "dimension": "Audit dimension"})
        # A: 16 of 20 high; B: 4 of 20 high; C: 3 people, all high.
        plan = [(cls.cat_a, 90.0)] * 16 + [(cls.cat_a, 20.0)] * 4
        plan += [(cls.cat_b, 90.0)] * 4 + [(cls.cat_b, 20.0)] * 16
        plan += [(cls.cat_small, 90.0)] * 3
        plan += [(False, 50.0)] * 10  # no category recorded: counts for the median only
        candidates = cls.env["hr.candidate"].create(
            [{"partner_name": f"Candidate {i}", "fairness_category_id": cat.id if cat else False}
             for i, (cat, _score) in enumerate(plan)]
        )
        applicants = cls.env["hr.applicant"].create(
            [{"candidate_id": candidate.id, "job_id": cls.job.id} for candidate in candidates]
        )
        for applicant, (_cat, score) in zip(applicants, plan):
            applicant.write({"fit_score": score, "fit_scored_at": fields.Datetime.now()})
        # Not scored (fit_score 0 as Odoo stores an unset Float): neither a row nor the median.
        unscored = cls.env["hr.candidate"].create({"partner_name": "Unscored", "fairness_category_id": cls.cat_b.id})
        cls.env["hr.applicant"].create({"candidate_id": unscored.id, "job_id": cls.job.id})
        cls.env.flush_all()

    def _row(self, category):
        return self.env["hr.talent.fairness.report"].search(
            [("job_id", "=", self.job.id), ("category_id", "=", category.id)]
        )

    def test_scoring_rate_and_impact_ratio(self):
        row_a, row_b = self._row(self.cat_a), self._row(self.cat_b)
        self.assertEqual(row_a.job_median_fit, 50.0)
        self.assertEqual((row_a.applicant_count, row_a.above_median_count), (20, 16))
        self.assertAlmostEqual(row_a.scoring_rate, 0.8)
        self.assertAlmostEqual(row_b.scoring_rate, 0.2)
        # The small group has the highest rate (1.0): ratios are against it.
        self.assertAlmostEqual(row_a.impact_ratio, 0.8)
        self.assertAlmostEqual(row_b.impact_ratio, 0.2)
        self.assertTrue(row_b.four_fifths_flag)
        self.assertFalse(row_a.four_fifths_flag)

    def test_small_groups_are_not_significant(self):
        self.assertFalse(self._row(self.cat_small).significant)
        self.assertTrue(self._row(self.cat_a).significant)
        self.assertEqual(self._row(self.cat_small).impact_ratio, 1.0)

    def test_uncategorised_applicants_make_no_row(self):
        rows = self.env["hr.talent.fairness.report"].search([("job_id", "=", self.job.id)])
        self.assertEqual(rows.category_id, self.cat_a | self.cat_b | self.cat_small)

    def test_only_managers_see_the_category_and_the_report(self):
        recruiter = self.env["res.users"].create({
            "name": "Recruiter", "login": "fairness_recruiter",
            "groups_id": [(6, 0, [self.env.ref("hr_talent_ai.group_talent_ai_user").id,
                                  self.env.ref("hr_recruitment.group_hr_recruitment_user").id])],
        })
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            self.env["hr.talent.fairness.report"].with_user(recruiter).search([])
        candidate = self._row(self.cat_a).category_id  # any record of the category model
        with self.assertRaises(AccessError):
            candidate.with_user(recruiter).read(["name"])
        self.assertNotIn("fairness_category_id", self.env["hr.candidate"].with_user(recruiter).fields_get())
