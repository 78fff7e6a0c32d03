"""Themes of a comment (multi-label) by a linear classifier over written examples of each theme (no torch).

Each theme has example sentences: the default themes use the project's written workplace comments
of the ``train`` split labelled with them (ml/sentiment/data/workplace_comments.txt) plus their
description; a theme added in Odoo uses its name, description and examples. When the classifier
is built, the examples are embedded (a lower layer of the sentiment model, the one the build
picked on the dev split) and a one-vs-rest ridge classifier is fitted on them in closed form (one
385 x 385 solve, milliseconds; an example listed under several themes counts for each). A comment
gets every theme whose score is at least ``threshold`` and within ``margin`` of its best theme (at
most ``MAX_THEMES``); none passing: ``other``. On the dev split the ridge classifier scored
micro-F1 0.71 where the mean of the 3 nearest examples per theme scored 0.58 (top theme 73 % vs
69 %). ``RIDGE``, ``threshold`` and ``margin`` were chosen on the ``dev`` split
(``tools/eval_sentiment_real.py --tune-themes``); the ``heldout`` split is only reported.

The classifier reads the comment's words too: its TF-IDF vector over the examples' vocabulary
(sublinear tf, smoothed IDF, L2-normalised), weighted ``WORD_WEIGHT``, beside the embedding. The
embedding alone missed plain topic words ("my manager actually listens" read as tools only); on the
dev split the words raised micro-F1 from 0.71 to 0.78 and the top theme from 75 % to 80 % at the
same ridge strength and thresholds (``WORD_WEIGHT`` 0.5 of 0.5 / 1 / 1.5); held out: 0.66 -> 0.76
and 68 % -> 77 %. The words are read from the prepared comment (identity redacted), like the
embedding.
"""
import functools
import re

import numpy as np

from ..review.features import WordVectorizer, build_vocabulary
from .workplace import THEME_CODES, load_comments

MAX_THEMES = 3
# chosen on the dev split for the shipped model (its layer-2 embedding); scores are in the ridge
# targets' scale (+1 the theme, -1 another)
RIDGE = 0.3
THRESHOLD = -0.4
MARGIN = 0.3
WORD_WEIGHT = 0.5
# with the words a clear second theme can sit further than MARGIN below the first ("My manager is
# great, but the pay is below market": pay 0.77, management 0.27): a theme above this counts too
# (dev: micro-F1 0.775 -> 0.779, comments about several themes given two of them 40 % -> 48 %)
ALSO_ABOVE = 0.1
OTHER = "other"
_WORD_RE = re.compile(r"(?u)\b\w\w+\b")

DEFAULT_DESCRIPTIONS = {
    "workload": "Workload: amount of work, deadlines, staffing, overtime, pressure, stress.",
    "management": "Management: my manager, supervisor, leadership, decisions, trust in leaders.",
    "pay_benefits": "Pay and benefits: salary, raise, bonus, pension, health insurance, perks, paid leave.",
    "career_growth": "Career growth: promotion, training, learning, development, mentoring, progression.",
    "team": "Colleagues and team: coworkers, team spirit, collaboration, atmosphere between people.",
    "tools_processes": "Tools and processes: software, systems, laptops, equipment, procedures, paperwork.",
    "recognition": "Recognition: appreciation, praise, credit for work, thanks, feeling valued.",
    "work_life_balance": "Work-life balance: flexible hours, remote work, holidays, evenings, family time.",
    "communication": "Communication: information, updates, transparency, announcements, being kept informed.",
    "other": "Other: the company in general, the office, culture, safety, facilities.",
}


@functools.lru_cache(maxsize=1)
def _default_examples():
    out = {code: [DEFAULT_DESCRIPTIONS[code]] for code in THEME_CODES}
    for row in load_comments("train"):
        for code in row["themes"]:
            out[code].append(row["text"])
    return {code: tuple(texts) for code, texts in out.items()}


def default_examples():
    """{code: [texts]}: description + the written train comments of each default theme. The file is
    read and split once per process (the scheduled action asks for the examples at every batch)."""
    return {code: list(texts) for code, texts in _default_examples().items()}


def fit_ridge(x, targets, alpha=RIDGE):
    """(d + 1, k) weights of a one-vs-rest ridge classifier (bias last, not penalised) of the rows
    ``x`` with 0/1 ``targets`` (n, k), fitted to +1 / -1. Solved on centred rows (the same as an
    unpenalised bias), in the n x n dual form when there are more features than rows (words)."""
    x = np.asarray(x, dtype=np.float64)
    y = 2.0 * np.asarray(targets, dtype=np.float64) - 1.0
    mean_x, mean_y = x.mean(axis=0), y.mean(axis=0)
    xc, yc = x - mean_x, y - mean_y
    if xc.shape[1] <= xc.shape[0]:
        w = np.linalg.solve(xc.T @ xc + alpha * np.eye(xc.shape[1]), xc.T @ yc)
    else:
        w = xc.T @ np.linalg.solve(xc @ xc.T + alpha * np.eye(xc.shape[0]), yc)
    return np.vstack([w, mean_y - mean_x @ w]).astype(np.float32)


def word_tokens(text):
    """The words a theme reads: lower-cased runs of 2+ word characters."""
    return _WORD_RE.findall((text or "").lower())


def word_vectorizer(texts):
    """TF-IDF (ml.review.features: sublinear tf, smoothed idf, L2-normalised) over every word of
    the example ``texts``."""
    return WordVectorizer(*build_vocabulary(texts, min_df=1, max_size=None, tokenize=word_tokens), tokenize=word_tokens)


class ThemeClassifier:
    """themes from embeddings and words; ``examples``: {code: [texts]}, ``embed``: texts -> (n, d)
    L2-normalised, ``prepare``: text -> the text the words are read from (the comment's prepared
    text: identity redacted), ``word_weight``: 0 for the embedding alone."""

    def __init__(self, examples, embed, threshold=THRESHOLD, margin=MARGIN, other=OTHER, prepare=None,
                 word_weight=WORD_WEIGHT):
        self.codes = [c for c, texts in examples.items() if texts]
        self.other = other
        self.threshold, self.margin = float(threshold), float(margin)
        themes_of = {}  # text -> indexes of its themes, in the order first seen
        for k, code in enumerate(self.codes):
            for t in examples[code]:
                themes_of.setdefault(t, set()).add(k)
        texts = list(themes_of)
        targets = np.zeros((len(texts), len(self.codes)), dtype=np.float32)
        for i, t in enumerate(texts):
            targets[i, sorted(themes_of[t])] = 1.0
        self.word_weight = float(word_weight)
        self.words = None
        self.weights = None
        if texts:
            x = np.asarray(embed(texts), dtype=np.float32)
            if self.word_weight:
                prepared = [prepare(t) for t in texts] if prepare else texts
                self.words = word_vectorizer(prepared)
                x = np.hstack([x, self.word_weight * self.words.transform(prepared)])
            self.weights = fit_ridge(x, targets)

    def scores(self, emb, texts=None):
        """(n, n_themes) ridge scores (about +1: the theme, -1: another) of embeddings ``emb`` and,
        when the classifier reads words, the prepared ``texts`` they were embedded from."""
        emb = np.asarray(emb, dtype=np.float32)
        if not self.codes:
            return np.zeros((len(emb), 0), dtype=np.float32)
        out = emb @ self.weights[:emb.shape[1]] + self.weights[-1]
        if self.words is not None:
            if texts is None or len(texts) != len(emb):
                raise ValueError("This theme classifier reads the comments' words: pass their prepared texts.")
            out += self.word_weight * (self.words.transform(list(texts)) @ self.weights[emb.shape[1]:-1])
        return out

    def predict(self, emb, texts=None, threshold=None, margin=None):
        return pick_themes(self.scores(emb, texts), self.codes, self.threshold if threshold is None else threshold,
                           self.margin if margin is None else margin, self.other)


def pick_themes(scores, codes, threshold, margin, other=OTHER, also_above=ALSO_ABOVE):
    """Per row of ``scores`` (n, len(codes)): every theme at least ``threshold`` and within ``margin``
    of the row's best or above ``also_above`` (a second clear theme of a mixed comment; at most
    MAX_THEMES); none, or ``other`` first: ``[other]``."""
    result = []
    for row in scores:
        order = np.argsort(-row)
        best = row[order[0]] if len(order) else -1.0
        picked = [codes[k] for k in order[:MAX_THEMES]
                  if row[k] >= threshold and (row[k] >= best - margin or row[k] >= also_above)]
        if not picked or picked[0] == other:
            result.append([other])  # nothing specific, or closest to the general comments
        else:
            result.append([c for c in picked if c != other])
    return result


def theme_report(gold, pred):
    """micro precision/recall/F1 over (comment, theme) pairs; top-theme accuracy; exact match; of
    the comments about several themes, the share given at least two of them."""
    tp = fp = fn = 0
    top_ok = exact = multi = multi_ok = 0
    for g, p in zip(gold, pred):
        g, ps = set(g), set(p)
        if len(g) > 1:
            multi += 1
            multi_ok += int(len(g & ps) > 1)
        tp += len(g & ps)
        fp += len(ps - g)
        fn += len(g - ps)
        top_ok += int(bool(p) and p[0] in g)
        exact += int(g == ps)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    n = max(1, len(gold))
    return {"micro_precision": round(prec, 4), "micro_recall": round(rec, 4),
            "micro_f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
            "top_theme_accuracy": round(top_ok / n, 4), "exact_match": round(exact / n, 4),
            "multi_theme_recall": round(multi_ok / multi, 4) if multi else None, "n": len(gold)}
