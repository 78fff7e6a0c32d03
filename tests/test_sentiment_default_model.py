"""The shipped fine-tuned sentiment model out of the box, themes and the theme report.

Runs on a database installed without demo data as on the demo one: the model registered at
install (shared by every company) analyses a new comment through the scheduled action and
through the button, with the real ONNX file and no training.
"""
import json

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "talent_sentiment")
class TestSentimentDefaultModel(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a company of its own: no retrained model, no demo rows
        cls.company = cls.env["res.company"].create({"name": "Fresh sentiment company"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.Feedback = cls.env["hr.employee.feedback"]
        cls.dep = cls.env["hr.department"].create({"name": "Packing", "company_id": cls.company.id})
        cls.dep_small = cls.env["hr.department"].create({"name": "Audit", "company_id": cls.company.id})
        cls.emp = cls.env["hr.employee"].create({"name": "Packer One", "department_id": cls.dep.id,
                                                 "company_id": cls.company.id})
        cls.emp_small = cls.env["hr.employee"].create({"name": "Auditor One", "department_id": cls.dep_small.id,
                                                       "company_id": cls.company.id})
        cls.env.cr.execute("UPDATE hr_employee_feedback SET needs_analysis = FALSE WHERE needs_analysis")
        cls.Feedback.invalidate_model(["needs_analysis"])

    def _make(self, texts, employee=None):
        return self.Feedback.create([{"employee_id": (employee or self.emp).id, "body": t, "source": "pulse"}
                                     for t in texts])

    def _theme(self, code):
        return self.env["hr.talent.feedback.theme"].search([("code", "=", code)])

    def test_shipped_model_registered_and_active_for_every_company(self):
        model = self.env["hr.talent.model"]._get_active("sentiment")
        self.assertEqual(model.state, "active")
        metrics = json.loads(model.metrics)
        if not model.company_id:  # the shipped one (a demo company may have retrained its own)
            self.assertTrue(model.name.startswith("Feedback sentiment (shipped)"))
            self.assertGreaterEqual(metrics["heldout"]["workplace"]["n"], 80)
            self.assertIn("gate_macro_f1", metrics)
            self.assertIn("make sentiment-model", model.training_summary)
        other = self.env["res.company"].create({"name": "Created after install"})
        self.assertEqual(self.env["hr.talent.model"].with_company(other)._get_active("sentiment"), model)

    def test_new_comment_through_the_cron(self):
        # sentences that are not in the model's training set
        recs = self._make(["The new build server halves our waiting time, great improvement.",
                           "I am fed up: nobody tells us anything about the merger."])
        self.assertTrue(all(recs.mapped("needs_analysis")))
        self.Feedback._cron_analyze_sentiment()
        self.assertEqual(recs.mapped("sentiment_label"), ["positive", "negative"])
        self.assertFalse(any(recs.mapped("needs_analysis")))
        self.assertFalse(any(recs.mapped("analysis_error")))
        for rec in recs:
            self.assertTrue(0 < abs(rec.sentiment_score) < 1, rec.sentiment_score)
            self.assertTrue(1 / 3 < rec.confidence < 1)
            self.assertTrue(rec.theme_ids)
        self.assertIn("tools_processes", recs[0].theme_ids.mapped("code"))

    def test_new_comment_through_the_button(self):
        recs = self._make(["The director thanked our team in person for the audit work, which meant a lot.",
                           "My manager is great, but the pay is below market."])
        action = recs.action_analyze_sentiment()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(recs[0].sentiment_label, "positive")
        self.assertEqual(recs[1].sentiment_label, "neutral", "praise and complaint at once: mixed")
        self.assertTrue({"management", "pay_benefits"} <= set(recs[1].theme_ids.mapped("code")),
                        recs[1].theme_ids.mapped("code"))

    def test_an_answer_that_says_nothing_stays_out_of_the_figures(self):
        """Survey answers such as "N/A" or "Can't think of anything" carry no sentiment: set aside with a
        message, text kept, not counted in the employee's figures (the model read them -0.94 to +0.13)."""
        recs = self._make(["N/A", "Can't think of anything", "Nothing to add.",
                           "The new build server halves our waiting time, great improvement."])
        self.Feedback._cron_analyze_sentiment()
        said_nothing, real = recs[:3], recs[3]
        self.assertEqual(said_nothing.mapped("sentiment_label"), [False] * 3)
        self.assertEqual(said_nothing.mapped("body"), ["N/A", "Can't think of anything", "Nothing to add."])
        for rec in said_nothing:
            self.assertIn("nothing to add", rec.analysis_error)
            self.assertFalse(rec.theme_ids)
        self.assertEqual(real.sentiment_label, "positive")
        self.assertEqual(self.emp.sudo().sentiment_feedback_count, 1)

    def test_a_measure_that_moved_reads_the_way_it_moved(self):
        """Less of a bad thing is good news: the model alone read the first two -0.88 and -0.87
        (ml.sentiment.measures); through the cron and the button alike."""
        texts = ["Sick days in the warehouse are down since they fixed the heating.",
                 "Staff turnover in our team has dropped a lot since the new manager started.",
                 "Errors haven't gone up even with the extra volume.",
                 "Customer complaints have increased since they cut the support team."]
        by_cron = self._make(texts)
        self.Feedback._cron_analyze_sentiment()
        by_button = self._make(texts)
        by_button.action_analyze_sentiment()
        for recs in (by_cron, by_button):
            self.assertEqual(recs.mapped("sentiment_label"), ["positive"] * 3 + ["negative"])
            self.assertFalse(any(recs.mapped("analysis_error")))
        self.assertEqual(by_cron.mapped("sentiment_score"), by_button.mapped("sentiment_score"))

    def test_no_model_message_names_an_action_that_exists(self):
        self.env["hr.talent.model"].sudo().search([("kind", "=", "sentiment"), ("state", "=", "active")]).write(
            {"state": "retired"})
        with self.assertRaisesRegex(UserError, "Retrain sentiment model"):
            self.Feedback._get_sentiment_classifier()
        menu = self.env.ref("hr_talent_ai.menu_retrain_sentiment_model")
        self.assertEqual(menu.name, "Retrain sentiment model")
        self.assertEqual(menu.parent_id, self.env.ref("hr_talent_ai.menu_talent_ai_config"))
        self.assertEqual(menu.action, self.env.ref("hr_talent_ai.action_retrain_sentiment_model"))

    def test_retrain_without_corrections_keeps_the_shipped_model(self):
        active = self.env["hr.talent.model"]._get_active("sentiment")
        self.env.cr.execute("UPDATE hr_employee_feedback SET corrected_label = NULL WHERE company_id = %s",
                            [self.company.id])
        action = self.Feedback.action_retrain_sentiment_model()
        self.assertEqual(action["params"]["type"], "info")
        self.assertIn("no HR corrections", action["params"]["message"])
        self.assertEqual(self.env["hr.talent.model"]._get_active("sentiment"), active)

    def test_theme_list_has_the_default_codes(self):
        codes = set(self.env["hr.talent.feedback.theme"].search([]).mapped("code"))
        self.assertLessEqual({"workload", "management", "pay_benefits", "career_growth", "team", "tools_processes",
                              "recognition", "work_life_balance", "communication", "other"}, codes)

    def test_theme_report_minimum_five_rule(self):
        big = self._make(["The pay is well below market, %d." % i for i in range(5)])
        small = self._make(["The salary has not moved in years, %d." % i for i in range(2)], self.emp_small)
        self.Feedback._cron_analyze_sentiment()
        pay = self._theme("pay_benefits")
        self.assertTrue(all(pay in r.theme_ids for r in big | small), (big | small).mapped("theme_ids.code"))
        self.env.flush_all()
        Report = self.env["hr.talent.feedback.theme.report"]
        groups = Report.read_group([("theme_id", "=", pay.id), ("company_id", "=", self.company.id)],
                                   ["sentiment_score:avg"], ["department_id"], lazy=False)
        by_dep = {g["department_id"][0]: g for g in groups}
        self.assertEqual(by_dep[self.dep.id]["__count"], 5)
        self.assertLess(by_dep[self.dep.id]["sentiment_score"], 0)
        self.assertIs(by_dep[self.dep_small.id]["sentiment_score"], False, "2 comments: hidden")
