"""Export parity, int8 cosine, TextEncoder batching and the trainer entry point."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ml.text_encoder import TextEncoder, get_text_encoder, release
from ml.tokenization import Tokenizer

ROOT = Path(__file__).resolve().parents[2]

TEXTS = [
    "Python developer",
    "I am very unhappy with the new shift schedule and I am thinking of leaving the company.",
    "",
    "Warehouse",
    "Experienced nurse, intensive care, ten years; fluent Spanish; leadership of a ward of twelve.",
    "great",
] * 6


def test_export_parity_and_metrics(exported_encoder):
    out, metrics = exported_encoder
    assert metrics["parity_max_abs_diff"] <= 1e-4
    assert metrics["dim"] == 384 and metrics["opset"] == 17
    assert metrics["files"] == {"text_encoder": "text_encoder.onnx", "text_encoder_int8": "text_encoder_int8.onnx"}
    assert (out / "text_encoder.onnx").is_file() and (out / "text_encoder_int8.onnx").is_file()
    assert metrics["export_seconds"] > 0


def test_int8_cosine(exported_encoder):
    out, metrics = exported_encoder
    assert metrics["int8_cosine_mean"] >= 0.98
    assert 0.9 <= metrics["int8_cosine_min"] <= metrics["int8_cosine_mean"] <= 1.0 + 1e-6
    assert metrics["int8_size_ratio"] < 0.5


def test_tokenizer_truncates_and_pads(encoder_dir):
    tok = Tokenizer(encoder_dir, max_length=16)
    feeds = tok(["short", "word " * 100])
    assert feeds["input_ids"].dtype == np.int64 and feeds["input_ids"].shape == (2, 16)
    assert feeds["attention_mask"][0].sum() == 3 and feeds["attention_mask"][1].sum() == 16
    assert set(feeds) == {"input_ids", "attention_mask", "token_type_ids"}


def test_encoder_normalised_semantic_and_order_restored(exported_encoder, encoder_dir):
    path = str(exported_encoder[0] / "text_encoder.onnx")
    enc = TextEncoder(path, encoder_dir, device="cpu", batch_size=4)
    assert enc.dim == 384 and enc.provider == "CPUExecutionProvider" and len(enc.checksum) == 64
    emb = enc.encode(TEXTS)
    assert emb.shape == (len(TEXTS), 384) and emb.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    # each text encoded alone (no batching, no padding) must match its row
    for i, text in enumerate(TEXTS[:6]):
        np.testing.assert_allclose(enc.encode([text])[0], emb[i], atol=1e-5)
    # repeats of the same text land on identical rows even though batches were sorted
    np.testing.assert_allclose(emb[:6], emb[6:12], atol=1e-5)
    a, b, c = enc.encode(["software engineer", "programmer writing code", "ice cream recipe"])
    assert a @ b > a @ c + 0.2
    assert enc.encode([]).shape == (0, 384)
    # Odoo's empty Char/Text value is False: encoded as the empty text, not as "False"
    np.testing.assert_allclose(enc.encode([False, None])[0], enc.encode([""])[0], atol=1e-6)
    assert not np.allclose(enc.encode(["False"])[0], enc.encode([""])[0], atol=1e-3)


def test_one_per_run_reads_each_text_alone(exported_encoder, encoder_dir, monkeypatch):
    """int8 quantises each run's input as a whole: in a shared batch a text's embedding moves
    with its neighbours; one_per_run gives each text the embedding it has alone, in order,
    with several runs at once on one-thread sessions."""
    monkeypatch.setenv("HR_TALENT_AI_ORT_THREADS", "2")
    path = str(exported_encoder[0] / "text_encoder_int8.onnx")
    alone = TextEncoder(path, encoder_dir, device="cpu", batch_size=1)
    each = TextEncoder(path, encoder_dir, device="cpu", batch_size=32, one_per_run=True)
    assert each.one_per_run and each.workers == 2 and each.session is not alone.session
    texts = TEXTS[:6] + ["Maintained the payroll of 300 staff and closed the month in three days."]
    expected = np.vstack([alone.encode([t]) for t in texts])
    got = each.encode(texts)
    assert got.shape == (len(texts), 384) and got.dtype == np.float32
    np.testing.assert_allclose(got, expected, atol=1e-6)
    # the same text beside other neighbours: the same embedding
    np.testing.assert_allclose(each.encode(["Warehouse", "word " * 200])[0], expected[3], atol=1e-6)
    batched = TextEncoder(path, encoder_dir, device="cpu", batch_size=32)
    moved = np.abs(batched.encode(["Warehouse", "word " * 200])[0] - expected[3]).max()
    assert moved > 1e-4, "the shared int8 batch no longer depends on neighbours: revisit one_per_run"
    assert each.encode([]).shape == (0, 384) and each.encode(["great"]).shape == (1, 384)
    assert get_text_encoder(path, encoder_dir, "cpu", one_per_run=True) is not get_text_encoder(path, encoder_dir, "cpu")


def test_get_text_encoder_cached(exported_encoder, encoder_dir):
    path = str(exported_encoder[0] / "text_encoder.onnx")
    assert get_text_encoder(path, encoder_dir, "cpu") is get_text_encoder(path, encoder_dir, "cpu")
    int8 = get_text_encoder(str(exported_encoder[0] / "text_encoder_int8.onnx"), encoder_dir, "cpu")
    assert int8.checksum != get_text_encoder(path, encoder_dir, "cpu").checksum
    first = get_text_encoder(path, encoder_dir, "cpu")
    release(first.checksum)
    assert get_text_encoder(path, encoder_dir, "cpu") is not first


def test_serving_does_not_import_torch(exported_encoder, encoder_dir):
    code = (
        "import sys; from ml.text_encoder import get_text_encoder; "
        "e = get_text_encoder(%r, %r, 'cpu'); e.encode(['hello world']); "
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules; print('ok')"
        % (str(exported_encoder[0] / "text_encoder.onnx"), encoder_dir)
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok"


@pytest.mark.parametrize("task,payload,reason", [
    ("no_such_task", {}, "Unknown task 'no_such_task'"),
    ("text_encoder", {"model_dir": "/nonexistent/encoder"}, "does not exist"),
    ("text_encoder", [1, 2], "must hold a JSON object"),
])
def test_trainer_failure_contract(tmp_path, task, payload, reason):
    inp = tmp_path / "input.json"
    inp.write_text(json.dumps(payload))
    out = tmp_path / "out"
    res = subprocess.run([sys.executable, "-m", "ml.train", task, "--input", str(inp), "--output", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert res.returncode == 1
    assert reason in res.stderr.strip().splitlines()[-1]
    first, _, rest = (out / "error.txt").read_text().partition("\n")
    assert reason in first and "Traceback" in rest
    assert not (out / "metrics.json").exists()


def test_trainer_survives_odoo_worker_limits():
    """Odoo workers set soft RLIMIT_AS / RLIMIT_CPU that the trainer inherits."""
    import resource

    def odoo_like_limits():
        resource.setrlimit(resource.RLIMIT_AS, (2560 * 1024 * 1024, resource.getrlimit(resource.RLIMIT_AS)[1]))
        resource.setrlimit(resource.RLIMIT_CPU, (600, resource.getrlimit(resource.RLIMIT_CPU)[1]))

    code = "import torch; print('ok')"
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, preexec_fn=odoo_like_limits)
    assert res.returncode != 0, "the limit must break a plain torch import, else this test proves nothing"
    code = "from ml.train import _setup_env; _setup_env(); import torch; print('ok')"
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, preexec_fn=odoo_like_limits)
    assert res.returncode == 0, res.stderr[-500:]
