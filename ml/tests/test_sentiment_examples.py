"""Nearest written examples blended into the shipped sentiment model (ml.sentiment.examples).

Real files: the committed int8 model, the written comments and review sentences. Run from the
add-on root: ``python3 -m pytest -p no:odoo ml/tests/test_sentiment_examples.py``.
"""
import json
from pathlib import Path

import numpy as np
import pytest

from ml.review.dataset import POLARITIES, load as load_review
from ml.review.features import prepare as prepare_review
from ml.sentiment import workplace
from ml.sentiment.examples import NearestExamples

MODEL_DIR = Path(__file__).resolve().parents[2] / "ml" / "sentiment" / "model"


def _classifier(examples):
    from ml.sentiment.classifier import FinetunedSentimentClassifier
    from ml.text_encoder import default_encoder_dir

    metrics = json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))
    return FinetunedSentimentClassifier(str(MODEL_DIR / metrics["int8_file"]), default_encoder_dir(), device="cpu",
                                        examples=examples)


@pytest.fixture(scope="module")
def served():
    return _classifier(True)


@pytest.fixture(scope="module")
def alone():
    return _classifier(False)


def test_vote_follows_the_nearest_examples():
    emb = np.eye(4, dtype=np.float32)
    nearest = NearestExamples(emb, [0, 2, 2, 1], k=1)
    vote = nearest.vote(np.array([[0.9, 0.1, 0, 0], [0, 0.2, 0.9, 0]], dtype=np.float32))
    assert vote.argmax(1).tolist() == [0, 2]
    probs = np.array([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]], dtype=np.float32)
    blended = nearest.blend(probs, np.array([[1, 0, 0, 0], [0, 0, 1, 0]], dtype=np.float32))
    assert np.allclose(blended.sum(1), 1.0, atol=1e-5)
    mixed = 0.6 * probs + 0.4 * np.eye(3)[[0, 2]]
    assert (blended.argmax(1) == mixed.argmax(1)).all(), "sharpening never changes the label"
    assert nearest.vote(np.zeros((0, 4), np.float32)).shape == (0, 3)


def test_blend_does_better_than_the_model_alone_on_dev(served, alone):
    """The dev splits the blend's constants were chosen on: it must keep its gain there (comments
    macro-F1 0.898 -> 0.918, review polarity 0.886 -> 0.926 when chosen); a change to the
    examples or the constants that loses it fails here."""
    from sklearn.metrics import f1_score

    rows = workplace.load_comments("dev")
    y = [workplace.LABELS.index(r["label"]) for r in rows]
    texts = [served.prepare(r["text"]) for r in rows]
    f1_served = f1_score(y, served.predict_proba(texts).argmax(1), average="macro")
    f1_alone = f1_score(y, alone.predict_proba(texts).argmax(1), average="macro")
    assert f1_served >= f1_alone + 0.01, (f1_served, f1_alone)

    sents = [r for r in load_review() if r["split"] == "dev"]
    y = np.array([POLARITIES.index(r["polarity"]) for r in sents])
    texts = [prepare_review(r["text"], None, None)[0] for r in sents]
    acc_served = float(np.mean(served.review_proba(texts)[0].argmax(1) == y))
    acc_alone = float(np.mean(alone.review_proba(texts)[0].argmax(1) == y))
    assert acc_served >= acc_alone + 0.02, (acc_served, acc_alone)


def test_blended_confidence_is_calibrated_on_held_out_comments(served):
    from ml.sentiment.finetune import ece

    rows = workplace.load_comments("heldout")
    probs = served.predict_proba([served.prepare(r["text"]) for r in rows])
    assert ece(probs, [r["label"] for r in rows]) <= 0.05
    scores = probs[:, 2] - probs[:, 0]
    assert np.mean(np.abs(scores) > 0.99) < 0.5, "scores are not piled up at -1 and +1"


def test_blend_reads_a_comment_alone_and_without_identity(served):
    """A comment's probabilities do not depend on the comments analysed with it, nor on a name
    or pronoun in it (the examples are fixed, the comment is redacted before it is embedded)."""
    a = "She says the new rota finally gives her team two free weekends a month."
    b = "He says the new rota finally gives his team two free weekends a month."
    together = served.predict_proba([served.prepare(a), served.prepare("The canteen is closed.")])[0]
    alone_a = served.predict_proba([served.prepare(a)])[0]
    alone_b = served.predict_proba([served.prepare(b)])[0]
    assert np.allclose(together, alone_a, atol=1e-6)
    assert np.allclose(alone_a, alone_b, atol=1e-6)
