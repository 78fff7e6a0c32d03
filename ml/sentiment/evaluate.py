"""Figures of a sentiment predictor on the evaluation sets (no torch needed).

A predictor is ``fn(list of texts) -> (n, 3) probabilities`` over (negative, neutral, positive).
Sets: the project's written workplace comments and pros/cons (split ``heldout`` by default: no
decision looks at it) and, when ``../shared/data/sentiment`` is present, SST-2 test, SST-5 dev
(3 classes) and TweetEval test.
"""
import numpy as np

from . import real_data, workplace
from .workplace import LABELS


def classification_report(y_true, y_pred, labels=LABELS):
    """Macro-F1 over the classes present in y_true (indices into ``labels``)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    f1s, per = [], {}
    present = [k for k in range(len(labels)) if np.any(y_true == k)]
    for k in present:
        tp = int(np.sum((y_pred == k) & (y_true == k)))
        fp = int(np.sum((y_pred == k) & (y_true != k)))
        fn = int(np.sum((y_pred != k) & (y_true == k)))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per[labels[k]] = round(f1, 4)
        f1s.append(f1)
    return {"macro_f1": round(float(np.mean(f1s)), 4) if f1s else 0.0,
            "accuracy": round(float(np.mean(y_true == y_pred)), 4) if len(y_true) else 0.0,
            "f1_per_class": per, "n": int(len(y_true))}


def _y(rows):
    return np.array([LABELS.index(r["label"]) for r in rows])


def pros_cons_report(rows, probs):
    y, pred = _y(rows), np.asarray(probs).argmax(1)
    return {"polar_accuracy": round(float(np.mean(pred == y)), 4),
            "neutral_share": round(float(np.mean(pred == 1)), 4),
            "wrong_polarity_share": round(float(np.mean((pred != y) & (pred != 1))), 4),
            "n": int(len(rows))}


def binary_report(rows, probs):
    """SST-2: no neutral class; positive vs negative by p(pos) > p(neg)."""
    probs = np.asarray(probs)
    y = np.array([1 if r["label"] == "positive" else 0 for r in rows])
    pred = (probs[:, 2] > probs[:, 0]).astype(int)
    return {"accuracy": round(float(np.mean(pred == y)), 4),
            "neutral_share_3class": round(float(np.mean(probs.argmax(1) == 1)), 4), "n": int(len(rows))}


def eval_sets(split="heldout", data_dir=None, tweet_limit=None):
    """{name: rows}; the third-party sets only when the data is present."""
    sets = {"workplace": workplace.load_comments(split), "pros_cons": workplace.load_pros_cons(split)}
    try:
        sets["sst2_test"] = real_data.sst2("test", data_dir)
        sets["sst5_dev"] = real_data.sst5("dev", data_dir)
        tweets = real_data.tweeteval("test", data_dir)
        sets["tweeteval_test"] = tweets[:tweet_limit] if tweet_limit else tweets
    except real_data.DataMissing:
        pass
    return sets


def evaluate(predict, sets):
    out = {}
    for name, rows in sets.items():
        probs = np.asarray(predict([r["text"] for r in rows]))
        if name == "pros_cons":
            out[name] = pros_cons_report(rows, probs)
        elif name == "sst2_test":
            out[name] = binary_report(rows, probs)
        else:
            out[name] = classification_report(_y(rows), probs.argmax(1))
        if name == "workplace":
            from .finetune import ece

            out[name]["ece"] = ece(probs, _y(rows))
    return out
