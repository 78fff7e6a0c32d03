"""Themes of a comment (multi-label) by similarity to written examples of each theme (no torch).

Each theme has example sentences: the default themes use the project's written workplace comments
of the ``train`` split labelled with them (ml/sentiment/data/workplace_comments.txt) plus their
description; a theme added in Odoo uses its name, description and examples. A comment's score for
a theme is the mean of its ``TOP_K`` best cosine similarities to that theme's examples (embeddings
from a lower layer of the sentiment model, the one the build picked on the dev split; examples and
comment go through the same model). It gets every theme whose
score is at least ``threshold`` and within ``margin`` of its best theme (at most ``MAX_THEMES``);
none passing: ``other``. ``threshold`` and ``margin`` were chosen on the ``dev`` split
(``tools/eval_sentiment_real.py --tune-themes``); the ``heldout`` split is only reported.
"""
import functools

import numpy as np

from .workplace import THEME_CODES, load_comments

TOP_K = 3
MAX_THEMES = 3
# chosen on the dev split for the shipped model (its layer-2 embedding): dev micro-F1 0.584
THRESHOLD = 0.30
MARGIN = 0.02
OTHER = "other"

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


class ThemeClassifier:
    """themes from embeddings; ``examples``: {code: [texts]}, ``embed``: texts -> (n, d) L2-normalised."""

    def __init__(self, examples, embed, threshold=THRESHOLD, margin=MARGIN, other=OTHER):
        self.codes = [c for c, texts in examples.items() if texts]
        self.other = other
        self.threshold, self.margin = float(threshold), float(margin)
        texts, owner = [], []
        for k, code in enumerate(self.codes):
            for t in examples[code]:
                texts.append(t)
                owner.append(k)
        self.owner = np.asarray(owner)
        self.proto = np.asarray(embed(texts), dtype=np.float32) if texts else np.zeros((0, 1), np.float32)

    def scores(self, emb):
        """(n, n_themes) mean of the TOP_K best cosines per theme."""
        emb = np.asarray(emb, dtype=np.float32)
        sims = emb @ self.proto.T
        out = np.full((len(emb), len(self.codes)), -1.0, dtype=np.float32)
        for k in range(len(self.codes)):
            s = sims[:, self.owner == k]
            if s.shape[1]:
                top = np.sort(s, axis=1)[:, -TOP_K:]
                out[:, k] = top.mean(axis=1)
        return out

    def predict(self, emb, threshold=None, margin=None):
        threshold = self.threshold if threshold is None else threshold
        margin = self.margin if margin is None else margin
        result = []
        for row in self.scores(emb):
            order = np.argsort(-row)
            best = row[order[0]] if len(order) else -1.0
            picked = [self.codes[k] for k in order[:MAX_THEMES] if row[k] >= threshold and row[k] >= best - margin]
            if not picked or picked[0] == self.other:
                result.append([self.other])  # nothing specific, or closest to the general comments
            else:
                result.append([c for c in picked if c != self.other])
        return result


def theme_report(gold, pred):
    """micro precision/recall/F1 over (comment, theme) pairs; top-theme accuracy; exact match."""
    tp = fp = fn = 0
    top_ok = exact = 0
    for g, p in zip(gold, pred):
        g, ps = set(g), set(p)
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
            "top_theme_accuracy": round(top_ok / n, 4), "exact_match": round(exact / n, 4), "n": len(gold)}
