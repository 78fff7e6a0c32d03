"""Metrics and the rating-mismatch rule shared by the trainer, the analyzer and tools/eval_review.py."""
import numpy as np

from .dataset import FLAGS

# Text score in [-1, 1] -> the rating the text reads as, on the 1-5 scale; a rating two or more
# steps away from it is a mismatch ("5" on a text that reads as 2.6 or lower, "1" on 3.4 or higher).
MISMATCH_STEPS = 2.0


_SIGN = {"positive": 1.0, "negative": -1.0}


def text_score(polarities):
    """Mean over the sentences of +1 (positive), 0 (neutral), -1 (negative); 0.0 without any."""
    polarities = list(polarities)
    return float(np.mean([_SIGN.get(p, 0.0) for p in polarities])) if polarities else 0.0


def rating_from_text(score):
    return 3.0 + 2.0 * float(score)


def is_mismatch(rating, score):
    """True when an overall rating ('1'..'5' or int) disagrees with the text's score; False
    without a rating. The AI never sets the rating: it only says that the two disagree."""
    if rating in (None, False, ""):
        return False
    return abs(int(rating) - rating_from_text(score)) >= MISMATCH_STEPS - 1e-9


def macro_f1(y_true, y_pred, labels):
    f1s = []
    for lab in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p == lab)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != lab and p == lab)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return float(np.mean(f1s)) if f1s else 0.0


def precision_recall(y_true, y_pred, label):
    tp = sum(1 for t, p in zip(y_true, y_pred) if t == label and p == label)
    fp = sum(1 for t, p in zip(y_true, y_pred) if t != label and p == label)
    fn = sum(1 for t, p in zip(y_true, y_pred) if t == label and p != label)
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def report(rows, dims, pols, flags):
    """Held-out figures of predicted labels against the rows' labels."""
    with_dim = [i for i, r in enumerate(rows) if r["dimension"]]
    out = {
        "n": len(rows),
        "dimension_macro_f1": round(macro_f1([rows[i]["dimension"] for i in with_dim],
                                             [dims[i] for i in with_dim], sorted({rows[i]["dimension"] for i in with_dim})), 4),
        "polarity_accuracy": round(float(np.mean([r["polarity"] == p for r, p in zip(rows, pols)])), 4),
    }
    for flag in FLAGS[1:]:
        p, r = precision_recall([r["flag"] for r in rows], flags, flag)
        out["%s_precision" % flag], out["%s_recall" % flag] = round(p, 4), round(r, 4)
    return out


def synthetic_reviews(rows, n=200, seed=7):
    """Reviews of 4-8 sentences drawn from ``rows`` (one split only) with a rating each: the
    gold mismatch follows the gold polarities, the predicted one the model's. Ratings are drawn
    near the gold text rating for two reviews in three and far from it for the third."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        k = int(rng.integers(4, 9))
        share = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9])
        pos = [i for i, r in enumerate(rows) if r["polarity"] == "positive"]
        neg = [i for i, r in enumerate(rows) if r["polarity"] == "negative"]
        neu = [i for i, r in enumerate(rows) if r["polarity"] == "neutral"]
        idx = []
        for _ in range(k):
            u = rng.random()
            pool = neu if u < 0.1 and neu else (pos if u < 0.1 + 0.9 * share else neg)
            idx.append(int(rng.choice(pool)))
        gold = text_score(rows[i]["polarity"] for i in idx)
        text_rating = rating_from_text(gold)
        if rng.random() < 2 / 3:
            rating = int(np.clip(round(text_rating + rng.choice([-1, 0, 0, 1])), 1, 5))
        else:
            rating = 1 if text_rating >= 3 else 5
        out.append({"idx": idx, "rating": rating, "mismatch": is_mismatch(rating, gold)})
    return out
