"""Trained fit model: subprocess training, registry metrics, activation rule, serving without torch."""
import json
import sys

from odoo.tests import tagged

from .test_fit import FitCase


@tagged("post_install", "-at_install")
class TestFitTraining(FitCase):
    own_company = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hired = cls.env["hr.recruitment.stage"].search([("hired_stage", "=", True)], limit=1)
        refuse = cls.env["hr.applicant.refuse.reason"].search([], limit=1) or \
            cls.env["hr.applicant.refuse.reason"].create({"name": "Not a fit"})
        cls.history = cls.env["hr.applicant"]
        for job_key, job in cls.data.items():
            for cv in job["cvs"]:
                app = cls.make_applicant(job_key, cv["text"], name="Person %s" % cv["id"])
                if cv["grade"] == 3:
                    app.stage_id = hired
                else:
                    app.write({"refuse_reason_id": refuse.id, "active": False})
                cls.history |= app

    def test_train_registers_metrics_and_only_activates_if_better(self):
        # an active model from before job histories were recorded (no job_counts) serves no job:
        # its AUC, however high, does not keep a new model out
        legacy = self.env["hr.talent.model"].create({
            "name": "Legacy fit", "kind": "fit", "state": "active", "company_id": self.company.id,
            "metrics": json.dumps({"auc": 0.999, "layout": {"size": 10}})})
        rec = self.env["hr.applicant"]._train_fit_model()
        self.assertNotIn("worse than", rec.note or "")
        self.assertEqual(rec.kind, "fit")
        metrics = json.loads(rec.metrics)
        for key in ("auc", "auc_zero_shot", "precision_at_k", "precision_at_k_zero_shot", "n_train", "n_test"):
            self.assertIn(key, metrics)
        self.assertEqual(metrics["n_hired"], 6)
        self.assertEqual(metrics["n_refused"], 24)
        self.assertEqual(rec.company_id, self.company, "registered for the company it learnt from")
        self.assertEqual(metrics["layout"]["job_counts"], {str(job.id): 10 for job in self.jobs.values()})
        self.assertLessEqual(metrics["parity_max_abs_diff"], 1e-4)
        if metrics["auc"] > metrics["auc_zero_shot"]:
            self.assertEqual(rec.state, "active")
            self.assertEqual(legacy.state, "retired")
        else:
            self.assertEqual(rec.state, "rejected")
            self.assertIn("does not beat the zero-shot", rec.note)
        self.assertNotIn("torch", sys.modules)

        # Serving a trained model (forced active here) goes through ONNX Runtime only
        if rec.state != "active":
            rec.action_activate()
        app = self.make_applicant("python", self.cvs["py_did_1"]["text"])
        app.action_compute_fit()
        self.assertEqual(app.fit_method, "trained")
        self.assertEqual(app.fit_model_id, rec)
        self.assertTrue(0 <= app.fit_score <= 100)
        self.assertIn(rec.name, str(app.fit_explanation))
        # the registry shows the held-out AUC and calibration error; the score is 100 x the probability
        self.assertTrue(rec.has_calibration)
        self.assertAlmostEqual(rec.heldout_auc, metrics["auc"], places=3)
        self.assertAlmostEqual(rec.calibration_error, metrics["ece"], places=3)
        for key in ("ece", "ece_noise_floor", "brier", "share_above_99", "share_below_1", "history_fingerprint"):
            self.assertIn(key, metrics)
        self.assertIn("calibration error (ECE", rec.training_summary)
        # the explanation says what drove a trained score: its evidence, what is missing
        html = str(app.fit_explanation)
        self.assertIn("What drove this score", html)
        self.assertIn("chance of a positive outcome", html)
        self.assertIn("Top evidence", html)
        self.assertRegex(html, r"Requirements: \d+ met, \d+ partly met, \d+ missing \(of \d+\)")
        # a keyword list without experience is never a good fit, even for a job the model learnt
        kw = self.make_applicant("nurse", self.cvs["nu_kw"]["text"])
        kw.action_compute_fit()
        self.assertEqual(kw.fit_method, "trained")
        self.assertLess(kw.fit_score, 55)
        self.assertIn(kw.fit_band, ("possible", "weak"))
        # a job the model has no history for is scored zero-shot, and the explanation says why
        unseen = self.make_applicant("nurse", self.cvs["nu_did_1"]["text"])
        unseen.job_id = self.env["hr.job"].create({"name": "Ward nurse", "description": self.data["nurse"]["description"]})
        unseen.action_compute_fit()
        self.assertEqual(unseen.fit_method, "zero_shot")
        self.assertIn("learnt from 0 labelled applicants of this job", str(unseen.fit_explanation))
        # another company's applicants do not use this company's model
        self.assertFalse(self.env["hr.talent.model"].with_company(self.env.ref("base.main_company"))
                         .search([("kind", "=", "fit"), ("state", "=", "active"),
                                  ("company_id", "=", self.company.id)]) - rec)
        self.assertNotIn("torch", sys.modules)

    def test_positive_stages_are_configurable(self):
        stage = self.env["hr.recruitment.stage"].create({"name": "Offer accepted"})
        self.env["ir.config_parameter"].sudo().set_param("hr_talent_ai.fit_positive_stage_ids", str(stage.id))
        positive, _negative = self.env["hr.applicant"]._fit_label_domains()
        self.assertEqual(positive, [("stage_id", "in", [stage.id])])
        with self.assertRaisesRegex(Exception, "Not enough history"):
            self.env["hr.applicant"]._train_fit_model()

    def _score_all_and_check_story(self, apps):
        """No applicant is "strong" while most of its requirements are missing (both paths)."""
        import re

        apps.action_compute_fit()
        for app in apps.filtered("fit_scored_at"):
            counts = re.search(r"Requirements: (\d+) met, (\d+) partly met, (\d+) missing \(of (\d+)\)",
                               str(app.fit_explanation))
            self.assertTrue(counts, app.fit_explanation)
            missing, total = int(counts.group(3)), int(counts.group(4))
            if app.fit_band == "strong":
                self.assertLessEqual(missing, total / 2, app.fit_explanation)

    def test_retrain_only_when_the_labelled_history_changed(self):
        Model = self.env["hr.talent.model"].with_context(active_test=False)
        rec = self.env["hr.applicant"]._train_fit_model()
        fingerprint = json.loads(rec.metrics)["history_fingerprint"]
        self.assertEqual(len(fingerprint), 64)
        self.assertIn(fingerprint[:12], rec.training_summary)
        if rec.state != "active":
            rec.action_activate()
        app = self.make_applicant("python", self.cvs["py_did_1"]["text"])
        self._score_all_and_check_story(app | self.history.filtered("active"))
        self.assertFalse(app.fit_stale)
        n_models = Model.search_count([("kind", "=", "fit")])
        # the monthly cron (and the button) on an unchanged history: no second copy, no outdated badge
        self.env["hr.applicant"]._cron_train_fit_model()
        self.assertEqual(Model.search_count([("kind", "=", "fit")]), n_models, "no duplicate model")
        self.assertEqual(rec.state, "active")
        self.assertFalse(app.fit_stale, "a fresh score is not outdated by a retrain that changed nothing")
        action = self.env["hr.applicant"].action_train_fit_model()
        self.assertEqual(action["params"]["title"], "Fit model not retrained")
        self.assertEqual(Model.search_count([("kind", "=", "fit")]), n_models)
        self.assertNotIn("torch", sys.modules)
        # a new decision changes the labelled history, so the next run retrains
        refuse = self.env["hr.applicant.refuse.reason"].search([], limit=1)
        hired = self.history.filtered("active")[:1]
        hired.write({"refuse_reason_id": refuse.id, "active": False})
        encoder = self.env["hr.talent.engine"]._get_text_encoder(int8=True)
        changed = self.env["hr.applicant"]._fit_history_fingerprint(encoder)
        self.assertNotEqual(changed, fingerprint)
        self.assertFalse(self.env["hr.applicant"]._fit_model_with_fingerprint(changed))
        # and so does a changed CV of a labelled applicant
        hired.write({"active": True, "refuse_reason_id": False})
        self.assertEqual(self.env["hr.applicant"]._fit_history_fingerprint(encoder), fingerprint)
        self.env["ir.attachment"].create({"name": "more.txt", "raw": b"Also wrote Kafka consumers.",
                                          "res_model": "hr.applicant", "res_id": hired.id, "mimetype": "text/plain"})
        self.assertNotEqual(self.env["hr.applicant"]._fit_history_fingerprint(encoder), fingerprint)


@tagged("post_install", "-at_install")
class TestFitRetrainCronMainCompany(FitCase):
    def test_first_start_retrain_registers_no_copy(self):
        """The retrain cron run on the database as installed (with demo: the model the demo just trained;
        without: no history) registers no model and marks no score outdated."""
        Model = self.env["hr.talent.model"].with_context(active_test=False)
        before = Model.search([("kind", "=", "fit")])
        stale = self.env["hr.applicant"].search_count([("fit_stale", "=", True)])
        demo_model = before.filtered(lambda m: m.state == "active" and m.company_id == self.env.company)
        if demo_model:
            encoder = self.env["hr.talent.engine"]._get_text_encoder(int8=True)
            self.assertEqual(json.loads(demo_model.metrics).get("history_fingerprint"),
                             self.env["hr.applicant"]._fit_history_fingerprint(encoder))
        self.env.ref("hr_talent_ai.ir_cron_train_fit").method_direct_trigger()
        self.assertEqual(Model.search([("kind", "=", "fit")]), before)
        self.assertEqual(self.env["hr.applicant"].search_count([("fit_stale", "=", True)]), stale)
