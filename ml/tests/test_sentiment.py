"""Legacy sentiment path (templated dataset, frozen encoder + head): real training, real ONNX files.

The head is no longer the default model (see test_sentiment_finetuned.py for the shipped fine-tuned
one) but is still served when a database has one active, and is the "previous default" baseline of
tools/eval_sentiment_real.py. One training run (module fixture, ~30-60 s on 2 CPU cores).
"""
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from ml.runtime import ModelFileError
from ml.sentiment import make_dataset
from ml.sentiment.frozen_head import LABELS, classification_report, prepare_rows, stratified_split

ROOT = Path(__file__).resolve().parents[2]


def test_dataset_is_deterministic_and_shipped_file_in_sync():
    rows = make_dataset.generate()
    assert rows == make_dataset.generate()
    shipped = make_dataset.load()
    assert shipped == rows, "comments.csv is stale: run python3 -m ml.sentiment.make_dataset"


def test_dataset_is_varied():
    rows = make_dataset.load()
    assert len(rows) >= 1500
    assert len({r["text"].lower() for r in rows}) == len(rows)
    labels = Counter(r["label"] for r in rows)
    assert set(labels) == set(LABELS) and min(labels.values()) >= 400
    cats = Counter((r["category"], r["label"]) for r in rows)
    for key in [("negation", "negative"), ("negation", "positive"), ("sarcasm", "negative"),
                ("mixed", "negative"), ("mixed", "positive"), ("mixed", "neutral"), ("fact", "neutral"),
                ("short", "neutral"), ("long", "positive")]:
        assert cats[key] >= 20, key
    assert len({r["job_family"] for r in rows}) >= 6
    lengths = [len(r["text"].split()) for r in rows]
    assert min(lengths) <= 2 and max(lengths) >= 40
    # the challenge set is never trained on
    shipped = {r["text"].lower() for r in rows}
    assert not any(t.lower() in shipped for t, _ in make_dataset.CHALLENGE)


def test_prepare_rows_corrections_override_and_add():
    shipped = [{"text": "The rota is fine.", "label": "positive", "category": "plain"},
               {"text": "Fed up.", "label": "negative", "category": "short"}]
    rows, stats = prepare_rows(
        [{"text": "  the ROTA is   fine. ", "label": "neutral"},
         {"text": "A brand new comment", "label": "positive"},
         {"text": "bad label", "label": "angry"}, {"text": "", "label": "neutral"}],
        shipped=shipped)
    by_text = {r["text"].lower().strip(): r for r in rows}
    assert len(rows) == 3
    assert by_text["the rota is   fine."]["label"] == "neutral"
    assert by_text["the rota is   fine."]["source"] == "correction"
    assert stats == {"corrections_overriding": 1, "corrections_added": 1, "corrections_skipped": 2}


def test_stratified_split_keeps_proportions():
    labels = [0] * 100 + [1] * 50 + [2] * 30
    tr, te = stratified_split(labels, 0.2, 1)
    assert len(set(tr) & set(te)) == 0 and len(tr) + len(te) == 180
    assert Counter(np.asarray(labels)[te].tolist()) == {0: 20, 1: 10, 2: 6}
    assert list(te) == list(stratified_split(labels, 0.2, 1)[1])


def test_classification_report_known_values():
    rep = classification_report([0, 0, 1, 2], [0, 1, 1, 2])
    assert rep["accuracy"] == 0.75
    assert rep["per_class"]["negative"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert rep["macro_f1"] == round((2 / 3 + 2 / 3 + 1) / 3, 4)


@pytest.fixture(scope="module")
def trained(tmp_path_factory, exported_encoder):
    from ml.sentiment.frozen_head import train

    enc_dir, _ = exported_encoder
    out = tmp_path_factory.mktemp("sentiment")
    shipped = make_dataset.load()
    flip = next(r for r in shipped if r["label"] == "positive")
    metrics = train({
        "corrections": [{"text": flip["text"], "label": "negative"},
                        {"text": "The coffee machine on floor 2 is broken again, awful.", "label": "negative"}],
        "seed": 13,
        "encoder_onnx": str(enc_dir / "text_encoder.onnx"),
    }, out)
    return out, metrics, enc_dir


def test_training_metrics_and_files(trained):
    out, metrics, _ = trained
    assert (out / metrics["files"]["sentiment"]).is_file()
    assert (out / metrics["int8_file"]).is_file()
    assert metrics["macro_f1"] >= 0.85, metrics["per_class"]
    assert set(metrics["per_class"]) == set(LABELS)
    assert metrics["n_test"] >= 300
    assert metrics["corrections_overriding"] == 1 and metrics["corrections_added"] == 1
    assert metrics["onnx_torch_agreement"] == 1.0
    assert metrics["onnx_torch_max_abs_diff"] < 1e-4
    assert metrics["int8_agreement"] >= 0.97
    assert metrics["challenge_accuracy"] >= 0.5, metrics["challenge_misses"]
    json.dumps(metrics)  # registry stores it as JSON


@pytest.fixture(scope="module")
def classifier(trained):
    from ml.sentiment.classifier import SentimentClassifier
    from ml.text_encoder import TextEncoder, default_encoder_dir

    out, metrics, enc_dir = trained
    encoder = TextEncoder(str(enc_dir / "text_encoder.onnx"), default_encoder_dir(), device="cpu")
    return SentimentClassifier(str(out / metrics["files"]["sentiment"]), encoder, device="cpu")


def test_classifier_predicts_clear_cases(classifier):
    res = classifier.predict([
        "I love my team and my manager supports me, I am really happy here.",
        "I am exhausted, management ignores us and I am thinking about leaving.",
        "The warehouse inventory count is scheduled for Friday.",
    ])
    assert [r["label"] for r in res] == ["positive", "negative", "neutral"]
    assert res[0]["score"] > 0.5 and res[1]["score"] < -0.5 and abs(res[2]["score"]) < 0.5
    for r in res:
        assert -1.0 <= r["score"] <= 1.0 and 1 / 3 <= r["confidence"] <= 1.0


def test_classifier_scores_consistent_with_probabilities(classifier):
    texts = [t for t, _ in make_dataset.CHALLENGE]
    probs = classifier.predict_proba(texts)
    assert probs.shape == (len(texts), 3)
    np.testing.assert_allclose(probs.sum(1), 1.0, atol=1e-5)
    res = classifier.predict(texts)
    np.testing.assert_allclose([r["score"] for r in res], probs[:, 2] - probs[:, 0], atol=1e-6)
    # batch composition does not change a row's result
    single = classifier.predict([texts[5]])[0]
    assert single["label"] == res[5]["label"] and abs(single["score"] - res[5]["score"]) < 1e-4


def test_classifier_rejects_empty_text(classifier):
    with pytest.raises(ValueError, match="empty"):
        classifier.predict(["fine", "   "])
    assert classifier.predict([]) == []


def test_classifier_refuses_head_of_another_encoder(trained, classifier):
    from ml.sentiment.classifier import SentimentClassifier

    out, metrics, _ = trained

    class OtherEncoder:
        checksum = "0" * 64

    with pytest.raises(ModelFileError, match="retrain"):
        SentimentClassifier(str(out / metrics["files"]["sentiment"]), OtherEncoder(), device="cpu")


def test_classifier_corrupt_head_is_a_clear_error(tmp_path, classifier):
    from ml.sentiment.classifier import SentimentClassifier

    bad = tmp_path / "head.onnx"
    bad.write_bytes(b"not an onnx graph")
    with pytest.raises(ModelFileError):
        SentimentClassifier(str(bad), classifier.encoder, device="cpu")


def test_serving_modules_do_not_import_torch():
    code = ("import sys; import ml.sentiment.classifier, ml.sentiment.make_dataset; "
            "bad=[m for m in ('torch','transformers','open_clip') if m in sys.modules]; "
            "assert not bad, bad")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), env=env, check=True)
