"""Fault injection at the Odoo level: the GPU is requested but its CUDA provider cannot start.

The driver probe is forced and the GPU id (HR_TALENT_AI_CUDA_DEVICE=99) does not exist, so CUDA
fails on a server with a GPU as well as on one without. Under Odoo's address-space limit
(limit_memory_hard, set in this process) CUDA is not even tried, and that is the reason given;
without the limit, ONNX Runtime really tries the provider and fails (ml/tests/test_runtime.py
covers that path on its own). Either way fit and sentiment must go on on the CPU with the same
numbers, and the reason must be visible to an administrator (model registry, settings), not only
in the server log.
"""
import os
import uuid
from unittest.mock import patch

import numpy as np

from odoo.tests import tagged

from ..ml import runtime
from ..models import hr_employee_feedback, hr_talent_engine
from .test_fit import FitCase


def forget_sessions():
    """As in a freshly started worker: no session, encoder or classifier cached."""
    hr_talent_engine._cache.clear()
    hr_employee_feedback._classifiers.clear()
    runtime.clear_cache()


@tagged("post_install", "-at_install")
class TestCudaUnavailable(FitCase):
    own_company = True

    def setUp(self):
        super().setUp()
        self.addCleanup(forget_sessions)
        forget_sessions()

    @staticmethod
    def expected_reason():
        limit = runtime.address_space_limit()
        if limit is not None and limit < runtime.CUDA_MIN_ADDRESS_SPACE:
            return "limit_memory_hard = 0"
        return "could not start on GPU 99"

    def test_gpu_requested_but_cuda_cannot_start(self):
        sentences = ["Closed the books every month in Odoo.", "Ran the VAT filings for 25 clients."]
        on_cpu = self.env["hr.talent.engine"]._get_text_encoder().encode(sentences)
        encoder_model = self.env["hr.talent.model"]._get_active("text_encoder")

        self.env["ir.config_parameter"].sudo().set_param("hr_talent_ai.device", "cuda")
        forget_sessions()
        with patch.object(runtime, "_gpu_present", return_value=True), \
                patch.dict(os.environ, {"HR_TALENT_AI_CUDA_DEVICE": "99"}):
            encoder = self.env["hr.talent.engine"]._get_text_encoder()
            self.assertEqual(encoder.provider, "CPUExecutionProvider")
            self.assertTrue(np.allclose(encoder.encode(sentences), on_cpu, atol=1e-6), "same numbers on CPU")

            # a CV never seen before, so the encoder really runs on the fallback session
            app = self.make_applicant("accountant", self.cvs["ac_did_2"]["text"] + "\nReference %s." % uuid.uuid4())
            app.action_compute_fit()
            self.assertTrue(app.fit_band, app.fit_message)
            self.assertEqual(app.fit_method, "zero_shot")

            encoder_model.invalidate_recordset()
            self.assertEqual(encoder_model.provider, "CPUExecutionProvider")
            self.assertIn(self.expected_reason(), encoder_model.serving_note)
            settings = self.env["res.config.settings"].create({})
            self.assertEqual(settings.talent_ai_device, "cuda")
            self.assertIn("the GPU is not used", settings.talent_ai_serving_status)
            self.assertIn(self.expected_reason(), settings.talent_ai_serving_status)

            # sentiment serves on the same fallback (the demo data trained the main company's model)
            env = self.env(context=dict(self.env.context, allowed_company_ids=self.env.ref("base.main_company").ids))
            employee = env["hr.employee"].create({"name": "Fallback test employee"})
            feedback = env["hr.employee.feedback"].create({
                "employee_id": employee.id, "body": "I love my team and I am really happy here.",
                "source": "pulse"})
            feedback.action_analyze_sentiment()
            self.assertEqual(feedback.sentiment_label, "positive", feedback.analysis_error)
            sentiment_model = env["hr.talent.model"].sudo()._get_active("sentiment")
            self.assertEqual(sentiment_model.provider, "CPUExecutionProvider")
            self.assertIn(self.expected_reason(), sentiment_model.serving_note)

        # back to CPU: the note goes, the status says what serves now
        self.env["ir.config_parameter"].sudo().set_param("hr_talent_ai.device", "cpu")
        forget_sessions()
        self.env["hr.talent.engine"]._get_text_encoder()
        encoder_model.invalidate_recordset()
        self.assertFalse(encoder_model.serving_note)
        self.assertEqual(self.env["res.config.settings"].create({}).talent_ai_serving_status, "CPUExecutionProvider")
