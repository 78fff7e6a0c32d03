"""hr.talent.engine: real export through the trainer subprocess, serving without torch,
trainer failures leave the active model untouched, settings."""
import sys

import numpy as np

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestEngine(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engine = cls.env["hr.talent.engine"]
        cls.Model = cls.env["hr.talent.model"]
        # Start from "nothing active" so that the first use exports the packaged MiniLM
        # (slow: about 20 s, once for the class).
        cls.Model.search([("kind", "in", ("text_encoder", "text_encoder_int8"))]).write({"state": "retired"})
        cls.encoder = cls.engine._get_text_encoder()
        cls.active = cls.Model._get_active("text_encoder")

    def test_export_registered_and_activated(self):
        self.assertEqual(self.active.state, "active")
        self.assertEqual(self.encoder.checksum, self.active.checksum)
        metrics = self.active.metrics_summary
        self.assertIn("parity max abs diff", metrics)
        import json
        data = json.loads(self.active.metrics)
        self.assertLessEqual(data["parity_max_abs_diff"], 1e-4)
        int8 = self.Model._get_active("text_encoder_int8")
        self.assertGreaterEqual(json.loads(int8.metrics)["int8_cosine_mean"], 0.98)
        self.assertIn("parity", self.active.training_summary)

    def test_encode_without_torch_on_cpu(self):
        encoder = self.engine._get_text_encoder()
        self.assertIs(encoder, self.encoder, "cached per process")
        emb = encoder.encode(["Senior accountant, IFRS and SAP", "Forklift driver", "Comptable senior IFRS"])
        self.assertEqual(emb.shape, (3, 384))
        np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
        self.assertGreater(emb[0] @ emb[2], emb[0] @ emb[1])
        self.assertNotIn("torch", sys.modules)
        self.assertNotIn("transformers", sys.modules)
        self.assertEqual(encoder.provider, "CPUExecutionProvider")
        self.assertEqual(self.active.provider, "CPUExecutionProvider")

    def test_new_active_model_is_picked_up_and_rolled_back(self):
        int8 = self.Model._get_active("text_encoder_int8")
        swapped = self.Model._register_model("text_encoder", int8._get_file_path(), {"model_dir": ""}, "int8 as main",
                                       activate=True)
        encoder = self.engine._get_text_encoder()
        self.assertEqual(encoder.checksum, swapped.checksum)
        self.assertNotEqual(encoder.checksum, self.encoder.checksum)
        swapped.action_rollback()
        self.assertEqual(self.engine._get_text_encoder().checksum, self.active.checksum)

    def test_int8_encoder_reads_one_sentence_a_run(self):
        """The fit and the review checks read the int8 export, one sentence a run (an embedding
        depends on its sentence only); without an active int8 version, the fp32 file the same way."""
        int8 = self.Model._get_active("text_encoder_int8")
        encoder = self.engine._get_text_encoder(int8=True)
        self.assertEqual(encoder.checksum, int8.checksum)
        self.assertTrue(encoder.one_per_run)
        self.assertIs(self.engine._get_text_encoder(int8=True), encoder)
        self.assertEqual(self.engine._text_encoder_record(int8=True), int8)
        beside_long = encoder.encode(["Forklift driver", "word " * 200])[0]
        np.testing.assert_allclose(beside_long, encoder.encode(["Forklift driver"])[0], atol=1e-6)
        self.assertFalse(self.encoder.one_per_run, "the fp32 encoder still reads batches")
        int8.write({"state": "retired"})
        # (the fallback's encoder is not built here: a second fp32 session would stay in the
        # test process, which keeps every session it loads, for the rest of the run)
        self.assertEqual(self.engine._text_encoder_record(int8=True), self.active)

    def test_trainer_crash_leaves_active_model(self):
        before = self.Model.search([("kind", "=", "text_encoder")])
        with self.assertRaisesRegex(UserError, "(?s)does not exist.*unchanged"):
            self.engine._run_trainer("text_encoder", {"model_dir": "/nonexistent/encoder_dir"})
        with self.assertRaisesRegex(UserError, "Unknown task"):
            self.engine._run_trainer("no_such_task", {})
        with self.assertRaisesRegex(UserError, "longer than 1 seconds"):
            self.engine._run_trainer("text_encoder", {}, timeout=1)
        self.assertEqual(self.Model._get_active("text_encoder"), self.active)
        self.assertEqual(self.Model.search([("kind", "=", "text_encoder")]), before)

    def test_settings_defaults_and_validation(self):
        self.assertEqual(self.engine._setting("device"), "auto")
        self.assertEqual(self.engine._setting("encode_batch_size"), 32)
        icp = self.env["ir.config_parameter"]
        icp.set_param("hr_talent_ai.encode_batch_size", "junk")
        self.assertEqual(self.engine._setting("encode_batch_size"), 32)
        icp.set_param("hr_talent_ai.device", "cpu")
        self.assertEqual(self.engine._setting("device"), "cpu")
        icp.set_param("hr_talent_ai.encode_batch_size", "32")
        with self.assertRaisesRegex(UserError, "does not exist"):
            self.env["res.config.settings"].create({"talent_ai_encoder_dir": "/nonexistent/dir"}).execute()
        with self.assertRaisesRegex(UserError, "checkpoint"):
            self.env["res.config.settings"].create({"talent_ai_clip_checkpoint": "/nonexistent.pt"}).execute()
        settings = self.env["res.config.settings"].create({"talent_ai_encode_batch_size": 16})
        settings.execute()
        self.assertEqual(self.engine._setting("encode_batch_size"), 16)

    def test_recruiter_can_encode(self):
        user = self.env["res.users"].create({
            "name": "Talent Recruiter", "login": "talent_core_recruiter",
            "groups_id": [(6, 0, [self.env.ref("hr_talent_ai.group_talent_ai_user").id])],
        })
        engine = self.env["hr.talent.engine"].with_user(user)
        self.assertEqual(engine._get_text_encoder().encode(["hello"]).shape, (1, 384))
        self.assertEqual(engine._get_session("text_encoder").provider, "CPUExecutionProvider")

    def test_changing_encoder_dir_exports_again(self):
        from odoo.addons.hr_talent_ai.ml.text_encoder import default_encoder_dir

        before = self.Model._get_active("text_encoder")
        self.env["res.config.settings"].create({"talent_ai_encoder_dir": default_encoder_dir()}).execute()
        after = self.Model._get_active("text_encoder")
        self.assertNotEqual(after, before)
        self.assertEqual(after.version, before.version + 1)
        self.assertEqual(before.state, "retired")
        self.assertEqual(self.engine._get_text_encoder().checksum, after.checksum)
