"""Task fit: trains, exports ONNX with parity <= 1e-4, reports AUC / precision@k vs zero-shot."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

from ml.fit import train as fit_train

ROOT = Path(__file__).resolve().parents[2]


def synthetic(n=120, size=40, seed=0):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.4).astype(int)
    x = rng.normal(size=(n, size)).astype(np.float32)
    x[:, 0] += 2.0 * y  # a learnable signal that the "zero-shot" score ignores
    zs = rng.random(n) * 100
    return x, y, zs


def test_auc_and_precision_helpers():
    assert fit_train.auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert fit_train.auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]) == 0.5
    assert fit_train.auc([1, 0], [0.1, 0.9]) == 0.0
    assert fit_train.precision_at_k([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], 2) == 0.5


def test_train_export_parity(tmp_path):
    x, y, zs = synthetic()
    metrics = fit_train.train({"features": x.tolist(), "labels": y.tolist(), "zero_shot": zs.tolist(),
                               "epochs": 150}, tmp_path)
    assert metrics["parity_max_abs_diff"] <= 1e-4
    assert metrics["auc"] > 0.8 and metrics["auc"] > metrics["auc_zero_shot"] and metrics["beats_zero_shot"]
    assert 0 <= metrics["precision_at_k"] <= 1
    sess = ort.InferenceSession(str(tmp_path / "fit.onnx"), providers=["CPUExecutionProvider"])
    out = sess.run(["score"], {"features": x[:7]})[0]
    assert out.shape == (7,) and ((out >= 0) & (out <= 1)).all()


def test_too_little_history_is_a_clear_error(tmp_path):
    x, y, zs = synthetic(n=6)
    with pytest.raises(ValueError, match="Not enough history"):
        fit_train.train({"features": x.tolist(), "labels": [1, 0, 0, 0, 0, 0], "zero_shot": zs.tolist()}, tmp_path)


def test_subprocess_entry_point(tmp_path):
    x, y, zs = synthetic(n=60)
    (tmp_path / "in.json").write_text(json.dumps({"features": x.tolist(), "labels": y.tolist(),
                                                  "zero_shot": zs.tolist(), "epochs": 50}))
    res = subprocess.run([sys.executable, "-m", "ml.train", "fit", "--input", str(tmp_path / "in.json"),
                          "--output", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text())
    assert metrics["files"] == {"fit": "fit.onnx"}
