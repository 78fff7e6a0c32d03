"""Nearest written examples: a review sentence's polarity probabilities are blended with the labels
of its nearest written review sentences (no torch, no model file of its own).

The examples are the ``train`` split of the written review sentences (ml/review/data), which the
shipped sentiment model was fine-tuned on, embedded once per worker by the served model itself
(its theme-layer embedding, batches of 64: always the same batches, so the same vectors). A
sentence's ``K`` nearest examples by cosine vote with softmax weights at temperature ``TAU``; the
vote gets ``WEIGHT`` of the mix, the model's calibrated probabilities the rest. The model alone
misreads praise worded with negatives or as an outcome ("I can't think of a time she let the team
down", "Very few of her orders come back"); close written examples correct part of that.

``K``, ``TAU`` and ``WEIGHT`` were chosen on the dev splits (review polarity 0.886 -> 0.926); the
held-out split is only reported (0.884 -> 0.899): README, Performance reviews.

Not used for comments: on the written comments the same blend raised the held-out macro-F1 from
0.866 to 0.890, but it read plain praise as neutral ("I love working here, my manager supports me
and the team is great."): this embedding is topical, and the nearest comments of a plain one are
often mixed ones ("My supervisor is supportive, but ..."). A review sentence's nearest written
sentences are mostly polar (held out, 1 of 681 polar sentences turned neutral).
"""
import numpy as np

from ..runtime import one_blas_thread

K = 20
TAU = 0.02
WEIGHT = 0.4
# the mix is under-confident (held out: calibration error 0.133): the probabilities are raised to
# 1 / SHARPEN_T and renormalised, SHARPEN_T fitted by NLL on the review dev split (held out, 0.013;
# the model alone 0.065); the label never changes
SHARPEN_T = 0.52
N_LABELS = 3  # negative, neutral, positive


class NearestExamples:
    """Labelled example embeddings (L2-normalised) -> label vote of a text's nearest examples."""

    def __init__(self, embeddings, labels, k=K, tau=TAU, weight=WEIGHT, sharpen_t=SHARPEN_T, n_labels=N_LABELS):
        """``n_labels``: 3 polarities by default; the review analyser's dimension vote has 8."""
        self.embeddings = np.asarray(embeddings, dtype=np.float32)
        self.onehot = np.eye(n_labels, dtype=np.float32)[np.asarray(labels, dtype=np.int64)]
        self.k = max(1, min(int(k), len(self.embeddings)))
        self.tau, self.weight, self.sharpen_t = float(tau), float(weight), float(sharpen_t)

    def vote(self, emb):
        """(n, labels) label shares of each row's ``k`` nearest examples, softmax-weighted by cosine."""
        emb = np.asarray(emb, dtype=np.float32)
        if not len(emb):
            return np.zeros((0, self.onehot.shape[1]), dtype=np.float32)
        with one_blas_thread():
            sims = emb @ self.embeddings.T
        idx = np.argpartition(-sims, self.k - 1, axis=1)[:, :self.k]
        near = np.take_along_axis(sims, idx, axis=1)
        w = np.exp((near - near.max(axis=1, keepdims=True)) / self.tau)
        return np.einsum("nk,nkl->nl", w, self.onehot[idx]) / w.sum(axis=1, keepdims=True)

    def blend(self, probs, emb):
        """(n, 3) calibrated probabilities: the model's ``probs`` and the vote mixed (graded but
        under-confident), then raised to 1 / ``sharpen_t`` and renormalised."""
        mixed = ((1.0 - self.weight) * np.asarray(probs, dtype=np.float64) + self.weight * self.vote(emb)).astype(
            np.float32)
        z = np.log(np.clip(mixed.astype(np.float64), 1e-9, 1.0)) / self.sharpen_t
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def review_examples():
    """(texts, labels) of the written review sentences of the ``train`` split, prepared as the
    review analyser prepares a sentence (ml.review.features.prepare, no names known)."""
    from ..review.dataset import POLARITIES, load
    from ..review.features import prepare

    rows = [r for r in load() if r["split"] == "train"]
    return [prepare(r["text"], None, None)[0] for r in rows], [POLARITIES.index(r["polarity"]) for r in rows]
