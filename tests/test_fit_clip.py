"""CLIP work-sample fusion through Odoo: export (tiny model) in the subprocess, image features
without torch, unreadable images and PDFs reported, missing checkpoint and missing model named."""
import base64
import io
import json
import sys

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_fit import FitCase


def png(color):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buf, "PNG")
    return buf.getvalue()


@tagged("post_install", "-at_install")
class TestFitClip(FitCase):
    def _app_with_images(self):
        self.jobs["python"].fit_use_clip = True
        app = self.make_applicant("python", self.cvs["py_did_1"]["text"])
        Att = self.env["ir.attachment"]
        Att.create({"name": "dashboard.png", "raw": png("red"), "mimetype": "image/png",
                    "res_model": "hr.applicant", "res_id": app.id})
        Att.create({"name": "broken.png", "raw": b"not an image", "mimetype": "image/png",
                    "res_model": "hr.applicant", "res_id": app.id})
        return app

    def test_no_clip_model_is_named_and_scoring_goes_on(self):
        self.env["hr.talent.model"].search([("kind", "=", "clip_image")]).write({"state": "retired"})
        app = self._app_with_images()
        app.action_compute_fit()
        self.assertTrue(app.fit_band)
        self.assertIn("Work samples not used", str(app.fit_explanation))

    def test_missing_checkpoint_is_a_clear_error(self):
        self.env["ir.config_parameter"].sudo().set_param("hr_talent_ai.clip_checkpoint", "/nonexistent/clip.pt")
        self.env["ir.config_parameter"].sudo().set_param("hr_talent_ai.clip_model_name", "ViT-B-32")
        with self.assertRaisesRegex(UserError, "clip.pt does not exist"):
            self.env["hr.applicant"]._export_clip_model()

    def test_tiny_clip_export_and_image_features(self):
        image_model = self.env["hr.applicant"]._export_clip_model(tiny=True)
        self.assertEqual(image_model.state, "active")
        metrics = json.loads(image_model.metrics)
        self.assertLessEqual(metrics["parity_max_abs_diff_image"], 1e-4)
        self.assertLessEqual(metrics["parity_max_abs_diff_text"], 1e-4)
        self.assertEqual(self.env["hr.talent.model"]._get_active("clip_text").state, "active")
        app = self._app_with_images()
        gathered = app._fit_gather()
        vec, notes = app._fit_clip_vectors(gathered)[app.id]
        text = " ".join(notes)
        self.assertIn("broken.png excluded", text)
        # each usable image either feeds the vector or is excluded by the portrait guard, with a note
        self.assertTrue(vec is not None or "photo of a person" in text)
        app.action_compute_fit()
        self.assertTrue(app.fit_band)
        self.assertNotIn("torch", sys.modules)
        self.assertNotIn("open_clip", sys.modules)

    def test_trained_model_fuses_image_features(self):
        image_model = self.env["hr.applicant"]._export_clip_model(tiny=True)
        dim = json.loads(image_model.metrics)["dim"]
        hired = self.env["hr.recruitment.stage"].search([("hired_stage", "=", True)], limit=1)
        refuse = self.env["hr.applicant.refuse.reason"].search([], limit=1) or \
            self.env["hr.applicant.refuse.reason"].create({"name": "Not a fit"})
        for key, job in self.data.items():
            self.jobs[key].fit_use_clip = True
            for i, cv in enumerate(job["cvs"]):
                app = self.make_applicant(key, cv["text"], name="Person %s" % cv["id"])
                self.env["ir.attachment"].create({"name": "sample.png", "raw": png((20 * i, 90, 200)),
                                                  "mimetype": "image/png", "res_model": "hr.applicant",
                                                  "res_id": app.id})
                if cv["grade"] == 3:
                    app.stage_id = hired
                else:
                    app.write({"refuse_reason_id": refuse.id, "active": False})
        rec = self.env["hr.applicant"]._train_fit_model()
        layout = json.loads(rec.metrics)["layout"]
        self.assertEqual(layout["clip_dim"], dim)
        self.assertEqual(layout["size"], 4 * 384 + len(layout["scalars"]) + dim + 1)
        if rec.state != "active":
            rec.action_activate()
        app = self._app_with_images()
        app.action_compute_fit()
        self.assertEqual(app.fit_method, "trained")
        self.assertIn("broken.png excluded", str(app.fit_explanation))
        self.assertNotIn("torch", sys.modules)
        self.assertNotIn("open_clip", sys.modules)
