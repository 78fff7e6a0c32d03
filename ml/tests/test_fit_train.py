"""Task fit: trains, exports ONNX with parity <= 1e-4, reports AUC / precision@k vs zero-shot, and a
probability calibrated on held-out rows (ECE, no pile-up at 0 and 1 on applicants it did not train on)."""
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
                               "cv_repeats": 1}, tmp_path)
    assert metrics["parity_max_abs_diff"] <= 1e-4
    # 120 rows, one informative feature among 40: held out (cross-validated), well above the random zero-shot
    assert metrics["auc"] > 0.6 and metrics["auc"] > metrics["auc_zero_shot"] + 0.05 and metrics["beats_zero_shot"]
    assert 0 <= metrics["precision_at_k"] <= 1
    for key in ("ece", "brier", "share_above_99", "share_below_1", "auc_out_of_fold"):
        assert 0 <= metrics[key] <= 1, key
    sess = ort.InferenceSession(str(tmp_path / "fit.onnx"), providers=["CPUExecutionProvider"])
    out = sess.run(["score"], {"features": x[:7]})[0]
    assert out.shape == (7,) and ((out >= 0) & (out <= 1)).all()


def test_ece_and_platt_helpers():
    rng = np.random.default_rng(1)
    p = rng.random(20000)
    y = (rng.random(20000) < p).astype(int)
    assert fit_train.ece(y, p) < 0.02, "calibrated by construction"
    over = np.where(p > 0.5, 0.999, 0.001)  # the same ranking, overconfident
    assert fit_train.ece(y, over) > 0.2
    assert fit_train.ece([1, 0], [1.0, 0.0]) == 0.0
    bins = fit_train.calibration_bins([0, 1, 1], [0.05, 0.95, 1.0])
    assert [(b[0], b[2]) for b in bins] == [(0.0, 1), (0.9, 2)], "1.0 falls in the last bin"
    assert fit_train.extreme_shares([0.999, 0.5, 0.001, 0.2]) == (0.25, 0.25)
    # Platt recovers a known miscalibration of the logits
    z = rng.normal(size=20000) * 3
    y = (rng.random(20000) < 1 / (1 + np.exp(-(0.5 * z - 1.0)))).astype(int)
    a, b = fit_train.fit_platt(z, y)
    assert abs(a - 0.5) < 0.05 and abs(b + 1.0) < 0.1
    # a separable held-out set does not send the slope to infinity
    a, b = fit_train.fit_platt([-2.0, -1.0, 1.0, 2.0], [0, 0, 1, 1])
    assert np.isfinite(a) and a < 10


def overfit_prone(n=300, size=60, seed=3):
    """Few rows, many noisy features, a weak signal whose true probability is known."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, size)).astype(np.float32)
    true_p = 1 / (1 + np.exp(-(2.0 * x[:, 0] + 1.5 * x[:, 1] - 1.0)))
    y = (rng.random(n) < true_p).astype(int)
    return x, y, rng.random(n) * 100


def test_calibrated_probability_without_pile_up(tmp_path):
    x, y, zs = overfit_prone()
    metrics = fit_train.train({"features": x.tolist(), "labels": y.tolist(), "zero_shot": zs.tolist()}, tmp_path)
    # every figure is held out: cross-validation of the whole procedure (fold models + calibration)
    assert metrics["cv_folds"] == 5 and metrics["cv_repeats"] == 2 and metrics["n_test"] == 300
    assert metrics["folds"] == 4 and len(metrics["best_epochs"]) == 4 and len(metrics["best_epochs_cv"]) == 40
    assert metrics["calibration"] == "platt on out-of-fold logits"
    assert metrics["auc"] > 0.65 and metrics["auc"] > metrics["auc_zero_shot"] + 0.1
    assert metrics["ece"] <= 0.1, metrics["ece"]
    assert len(metrics["ece_per_repeat"]) == 2 and 0 < metrics["ece_noise_floor"] < 0.1
    assert metrics["share_above_99"] + metrics["share_below_1"] <= 0.05
    assert metrics["ece_bins"] == 10 and sum(b[2] for b in metrics["calibration_bins"]) == 300
    assert metrics["parity_max_abs_diff"] <= 1e-4
    # the served file outputs probabilities, not saturated scores
    sess = ort.InferenceSession(str(tmp_path / "fit.onnx"), providers=["CPUExecutionProvider"])
    probs = sess.run(["score"], {"features": x})[0]
    assert ((probs > 0) & (probs < 1)).all()
    assert abs(probs.mean() - y.mean()) < 0.1


def test_calibration_is_fitted_on_held_out_logits_only():
    """fit_calibrated: each out-of-fold logit comes from the one fold model that did not train on
    that row, and the Platt parameters are those fitted on exactly these logits."""
    import torch

    x, y, _zs = overfit_prone(n=120)
    rows = np.arange(len(y))
    nets, a, b, _epochs, oof, k = fit_train.fit_calibrated(torch, x, y, rows, fit_train._params({}), 4, 0)
    assert k == 4 and len(nets) == 4
    assert (a, b) == fit_train.fit_platt(oof, y)
    folds = fit_train.stratified_folds(y, 4, 0)
    with torch.no_grad():
        for net, val in zip(nets, folds):
            np.testing.assert_allclose(net(torch.from_numpy(x[val])).numpy(), oof[val], rtol=1e-5, atol=1e-5)


def test_early_stopping_stops_early(tmp_path):
    """Noise only: the validation loss never improves for long, so every fold stops far before the cap
    and the probabilities stay near the base rate (nothing at 0 or 1)."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(200, 100)).astype(np.float32)
    y = (rng.random(200) < 0.3).astype(int)
    metrics = fit_train.train({"features": x.tolist(), "labels": y.tolist(), "zero_shot": (rng.random(200) * 100).tolist(),
                               "epochs": 400, "patience": 20, "cv_repeats": 1}, tmp_path)
    assert max(metrics["best_epochs"]) < 200
    assert metrics["share_above_99"] == 0 and metrics["share_below_1"] == 0
    sess = ort.InferenceSession(str(tmp_path / "fit.onnx"), providers=["CPUExecutionProvider"])
    probs = sess.run(["score"], {"features": x})[0]
    assert 0.1 < probs.mean() < 0.5


def test_too_little_history_is_a_clear_error(tmp_path):
    x, y, zs = synthetic(n=6)
    with pytest.raises(ValueError, match="Not enough history"):
        fit_train.train({"features": x.tolist(), "labels": [1, 0, 0, 0, 0, 0], "zero_shot": zs.tolist()}, tmp_path)


def test_subprocess_entry_point(tmp_path):
    x, y, zs = synthetic(n=60)
    (tmp_path / "in.json").write_text(json.dumps({"features": x.tolist(), "labels": y.tolist(),
                                                  "zero_shot": zs.tolist(), "epochs": 50, "cv_repeats": 1}))
    res = subprocess.run([sys.executable, "-m", "ml.train", "fit", "--input", str(tmp_path / "in.json"),
                          "--output", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text())
    assert metrics["files"] == {"fit": "fit.onnx"}
