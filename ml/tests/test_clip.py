"""Task clip: tiny randomly initialised open_clip model -> ONNX towers with parity; serving
side (no torch) preprocessing, portrait guard and missing-checkpoint errors."""
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from ml import clip_export

    out = tmp_path_factory.mktemp("clip")
    return out, clip_export.train({"tiny": True, "seed": 0}, out)


def png(color, size=(64, 48)):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def test_export_and_parity(exported):
    out, metrics = exported
    assert metrics["parity_max_abs_diff_image"] <= 1e-4 and metrics["parity_max_abs_diff_text"] <= 1e-4
    assert metrics["files"] == {"clip_image": "clip_image.onnx", "clip_text": "clip_text.onnx"}
    import torch
    from ml import clip_export

    model, _label = clip_export.build_tiny(0)
    torch.backends.mha.set_fastpath_enabled(False)
    tokens = clip_export.tokenize(["a chart", "a diagram of a bridge", "a face"], model.context_length)
    sess = ort.InferenceSession(str(out / "clip_text.onnx"), providers=["CPUExecutionProvider"])
    with torch.no_grad():
        ref = torch.nn.functional.normalize(model.encode_text(tokens), dim=-1).numpy()
    assert np.abs(sess.run(None, {"input_ids": tokens.numpy()})[0] - ref).max() <= 1e-4, "other batch size"


def test_serving_features_and_portrait_guard(exported):
    from ml.clip_features import ClipImageFeatures
    from ml.runtime import get_session

    out, _metrics = exported
    feats = ClipImageFeatures(get_session(str(out / "clip_image.onnx"), "cpu"))
    assert feats.preprocess(__import__("PIL.Image", fromlist=["Image"]).open(io.BytesIO(png("red")))).shape == (3, 32, 32)
    vec, used, excluded = feats.work_sample_vector([("a.png", png("red")), ("bad.png", b"nope")])
    assert vec is not None and vec.shape == (feats.dim,) and used == ["a.png"]
    assert excluded[0][0] == "bad.png"
    # point the guard's "face" prompts at the noise image, the work prompts at the chart:
    # the "face" must be excluded and never used
    from PIL import Image

    noise = Image.fromarray(np.random.default_rng(0).integers(0, 255, (48, 64, 3), dtype=np.uint8))
    buf = io.BytesIO()
    noise.save(buf, "PNG")
    face_png = buf.getvalue()
    face, chart = feats.embed([Image.open(io.BytesIO(face_png)), Image.open(io.BytesIO(png("red")))])
    assert float(face @ chart) < 0.999
    feats.prompts = np.stack([face] * feats.n_portrait + [chart] * (len(feats.prompts) - feats.n_portrait))
    feats.logit_scale = 1000.0
    vec, used, excluded = feats.work_sample_vector([("me.png", face_png), ("chart.png", png("red"))])
    assert used == ["chart.png"] and excluded[0][0] == "me.png" and "person" in excluded[0][1]
    vec, used, excluded = feats.work_sample_vector([("me.png", face_png)])
    assert vec is None and used == []


def test_serving_module_does_not_import_torch():
    code = ("import sys; import ml.clip_features, ml.fit.zero_shot, ml.fit.features, ml.fit.explain; "
            "print('torch' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert res.stdout.strip() == "False", res.stderr


def test_missing_checkpoint_says_what_is_missing(tmp_path):
    from ml import clip_export

    with pytest.raises(FileNotFoundError, match="CLIP checkpoint .*does-not-exist.pt does not exist.*ViT-B-32"):
        clip_export.train({"checkpoint": str(tmp_path / "does-not-exist.pt"), "model_name": "ViT-B-32"}, tmp_path)
    with pytest.raises(FileNotFoundError, match="No CLIP checkpoint configured"):
        clip_export.train({"model_name": "ViT-B-32"}, tmp_path)
    with pytest.raises(ValueError, match="No CLIP model name"):
        clip_export.train({"checkpoint": "x"}, tmp_path)
    (tmp_path / "in.json").write_text(json.dumps({"checkpoint": "/nope.pt", "model_name": "ViT-B-32"}))
    res = subprocess.run([sys.executable, "-m", "ml.train", "clip", "--input", str(tmp_path / "in.json"),
                          "--output", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode != 0 and "does not exist" in (tmp_path / "out" / "error.txt").read_text()
