"""Nearest written review sentences blended into the shipped sentiment model's review polarity
(ml.sentiment.examples).

Real files: the committed int8 model, the written comments and review sentences. Run from the
add-on root: ``python3 -m pytest -p no:odoo ml/tests/test_sentiment_examples.py``.
"""
import json
from pathlib import Path

import numpy as np
import pytest

from ml.review.dataset import POLARITIES, load as load_review
from ml.review.features import prepare as prepare_review
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


def _review_dev(split="dev"):
    sents = [r for r in load_review() if r["split"] == split]
    return ([prepare_review(r["text"], None, None)[0] for r in sents],
            np.array([POLARITIES.index(r["polarity"]) for r in sents]))


def test_blend_does_better_than_the_model_alone_on_review_dev(served, alone):
    """The dev split the blend's constants were chosen on: it must keep its gain there (review
    polarity 0.886 -> 0.926 as served); a change to the examples or the constants that loses it
    fails here."""
    texts, y = _review_dev()
    acc_served = float(np.mean(served.review_proba(texts)[0].argmax(1) == y))
    acc_alone = float(np.mean(alone.review_proba(texts)[0].argmax(1) == y))
    assert acc_served >= acc_alone + 0.02, (acc_served, acc_alone)


def test_blended_confidence_is_calibrated_on_held_out_sentences(served):
    from ml.sentiment.finetune import ece

    texts, y = _review_dev("heldout")
    probs = served.review_proba(texts)[0]
    assert ece(probs, y) <= 0.05
    polar = y != 1
    assert np.mean(probs[polar].argmax(1) == 1) <= 0.05, "plainly polar sentences are not pulled to neutral"


def test_comments_are_read_by_the_model_alone(served, alone):
    """Comments do not use the examples: on written comments the blend read plain praise as
    neutral (ml.sentiment.examples)."""
    texts = [served.prepare(t) for t in ("I love working here, my manager supports me and the team is great.",
                                         "I am burnt out, nobody listens and I am thinking about leaving.")]
    np.testing.assert_array_equal(served.predict_proba(texts), alone.predict_proba(texts))
    assert [r["label"] for r in served.predict_prepared(texts)] == ["positive", "negative"]


def test_blend_reads_a_sentence_alone_and_without_identity(served):
    """A sentence's probabilities do not depend on the sentences analysed with it, nor on a
    pronoun in it (the examples are fixed, the sentence is redacted before it is embedded)."""
    a = prepare_review("She never leaves a customer without a clear next step.", None, None)[0]
    b = prepare_review("He never leaves a customer without a clear next step.", None, None)[0]
    other = prepare_review("The stock counts were late twice.", None, None)[0]
    together = served.review_proba([a, other])[0][0]
    np.testing.assert_allclose(together, served.review_proba([a])[0][0], atol=1e-6)
    np.testing.assert_allclose(served.review_proba([a])[0][0], served.review_proba([b])[0][0], atol=1e-6)
