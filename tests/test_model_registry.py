"""hr.talent.model: one active per kind and company, activate / roll back, if_better, file errors.

Uses tiny but real ONNX graphs built with the onnx package (no torch needed).
"""
import json
import os
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.hr_talent_ai.models import hr_talent_engine


def make_onnx(path, scale=1.0):
    """y = x * scale: a real, loadable ONNX model whose content depends on scale."""
    node = helper.make_node("Mul", ["x", "s"], ["y"])
    graph = helper.make_graph(
        [node], "scale",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4])],
        initializer=[helper.make_tensor("s", TensorProto.FLOAT, [], [scale])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, path)
    return path


@tagged("post_install", "-at_install")
class TestModelRegistry(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = tempfile.mkdtemp(prefix="talent_registry_test_")
        # A company of its own: the demo company already has active models.
        cls.company = cls.env["res.company"].create({"name": "Registry test company"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.Model = cls.env["hr.talent.model"]

    def _file(self, scale):
        return make_onnx(os.path.join(self.tmp, "m_%s.onnx" % scale), scale)

    def _register_model(self, scale, metrics=None, activate=True, metric=None, kind="sentiment"):
        return self.Model._register_model(kind, self._file(scale), metrics or {"accuracy": 0.8},
                                    "test data", activate=activate, baseline_metric=metric)

    def _actives(self, kind="sentiment"):
        return self.Model.search([("kind", "=", kind), ("state", "=", "active"), ("company_id", "=", self.company.id)])

    def test_register_versions_and_one_active(self):
        v1 = self._register_model(1.0)
        v2 = self._register_model(2.0)
        self.assertEqual((v1.version, v2.version), (1, 2))
        self.assertEqual(self._actives(), v2)
        self.assertEqual(v1.state, "retired")
        self.assertEqual(self.Model._get_active("sentiment"), v2)
        self.assertEqual(len(v2.checksum), 64)
        self.assertTrue(os.path.isfile(v2._get_file_path()))
        self.assertIn("accuracy: 0.8", v2.metrics_summary)
        # another kind is independent
        other = self._register_model(3.0, kind="fit")
        self.assertEqual(self._actives("fit"), other)
        self.assertEqual(self._actives(), v2)

    def test_second_active_refused_in_code(self):
        self._register_model(1.0)
        v2 = self._register_model(2.0, activate=False)
        self.assertEqual(v2.state, "candidate")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            v2.write({"state": "active"})
        self.assertEqual(len(self._actives()), 1)
        # another company may have its own active model
        company = self.env["res.company"].create({"name": "Talent Co 2"})
        other = self.Model.with_company(company)._register_model("sentiment", self._file(4.0), {}, "", activate=True)
        self.assertEqual((other.company_id, other.state), (company, "active"))
        self.assertEqual(len(self._actives()), 1)

    def test_activate_and_rollback(self):
        v1 = self._register_model(1.0)
        v2 = self._register_model(2.0)
        v3 = self._register_model(3.0, activate=False)
        v2.action_rollback()
        self.assertEqual((v1.state, v2.state), ("active", "retired"))
        self.assertIn(v1.name, v2.note)
        with self.assertRaisesRegex(UserError, "no previous"):
            v1.action_rollback()
        self.assertEqual(v1.state, "active")
        v3.action_activate()
        self.assertEqual(self._actives(), v3)
        v3.action_rollback()  # back to the version active before v3 that is below it: v2 or v1
        self.assertEqual(self._actives(), v2)

    def test_missing_active_names_the_fix(self):
        with self.assertRaisesRegex(UserError, "Train or export"):
            self.Model._get_active("training_path")
        self.assertFalse(self.Model._get_active("training_path", raise_if_missing=False))

    def test_if_better_rejects_with_note(self):
        first = self._register_model(1.0, {"accuracy": 0.80, "log_loss": 0.5}, "if_better", "accuracy")
        self.assertEqual(first.state, "active", "nothing to compare with: activated")
        worse = self._register_model(2.0, {"accuracy": 0.70}, "if_better", "accuracy")
        self.assertEqual(worse.state, "rejected")
        self.assertIn("0.7", worse.note)
        self.assertIn("0.8", worse.note)
        self.assertEqual(self._actives(), first)
        better = self._register_model(3.0, {"accuracy": 0.85, "log_loss": 0.6}, "if_better", "accuracy")
        self.assertEqual(better.state, "active")
        # lower is better for losses
        loss_worse = self._register_model(4.0, {"accuracy": 0.9, "log_loss": 0.7}, "if_better", "log_loss")
        self.assertEqual(loss_worse.state, "rejected")
        self.assertIn("lower", loss_worse.note)
        loss_better = self._register_model(5.0, {"log_loss": 0.4}, "if_better", "log_loss")
        self.assertEqual(self._actives(), loss_better)
        no_metric = self._register_model(6.0, {"other": 1}, "if_better", "log_loss")
        self.assertEqual(no_metric.state, "rejected")

    def test_corrupt_file_refused_with_fix(self):
        good = self._register_model(1.0)
        bad_path = os.path.join(self.tmp, "corrupt.onnx")
        with open(self._file(9.0), "rb") as f:
            data = f.read()
        with open(bad_path, "wb") as f:
            f.write(data[: len(data) // 2])
        with self.assertRaisesRegex(UserError, "re-export or re-train"):
            self.Model._register_model("sentiment", bad_path, {}, "", activate=True)
        self.assertEqual(self._actives(), good)
        candidate = self.Model._register_model("sentiment", bad_path, {}, "", activate=False)
        with self.assertRaisesRegex(UserError, "cannot be activated.*(corrupt|re-export)"):
            candidate.action_activate()
        self.assertEqual(good.state, "active")

    def test_active_file_damaged_in_filestore(self):
        model = self._register_model(1.0)
        session = self.env["hr.talent.engine"]._get_session("sentiment")
        out = session.run({"x": np.ones((2, 4), dtype=np.float32)})[0]
        self.assertEqual(out.shape, (2, 4))
        self.assertEqual(model.provider, "CPUExecutionProvider")
        att = self.env["ir.attachment"].search([
            ("res_model", "=", "hr.talent.model"), ("res_id", "=", model.id), ("res_field", "=", "model_file")])
        att.raw = b"not an onnx model"
        hr_talent_engine._cache.clear()  # as in a freshly started worker
        with self.assertRaisesRegex(UserError, "(checksum|corrupt).*(Re-export|re-export)"):
            self.env["hr.talent.engine"]._get_session("sentiment")

    def test_form_offers_a_download_not_the_binary(self):
        """The form never reads the ONNX file itself (a 90 MB encoder would be read and base64-encoded
        in the server at each opening); a button downloads it."""
        model = self._register_model(1.0)
        arch = self.Model.get_view(view_type="form")["arch"]
        self.assertNotIn('name="model_file"', arch)
        self.assertIn('name="action_download_file"', arch)
        action = model.action_download_file()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], "/web/content/hr.talent.model/%d/model_file/%s?download=true" % (model.id, model.file_name))

    def test_unlink_active_refused(self):
        model = self._register_model(1.0)
        with self.assertRaises(UserError):
            model.unlink()
        old = self._register_model(2.0)
        model.unlink()  # retired now
        self.assertTrue(old.exists())
        self.assertEqual(json.loads(old.metrics), {"accuracy": 0.8})
