"""The project's own written workplace comments and "pros"/"cons" texts (no third-party text).

``workplace_comments.txt``: label | themes | text; ``pros_cons.txt``: pros|cons | text. Each
text goes to a split by a hash of its normalised words, so adding a line never moves another:
``train`` 60 %, ``dev`` 15 % (calibration, model selection, the activation gate of a retrain)
and ``heldout`` 25 %, which no decision looks at (only reported).
"""
import hashlib
import re
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LABELS = ("negative", "neutral", "positive")
SHORT_LABELS = {"neg": "negative", "neu": "neutral", "pos": "positive"}
THEME_CODES = ("workload", "management", "pay_benefits", "career_growth", "team", "tools_processes",
               "recognition", "work_life_balance", "communication", "other")
SHORT_THEMES = {"wl": "workload", "mgmt": "management", "pay": "pay_benefits", "car": "career_growth",
                "team": "team", "tools": "tools_processes", "rec": "recognition", "wlb": "work_life_balance",
                "com": "communication", "oth": "other"}
SPLITS = (("train", 60), ("dev", 15), ("heldout", 25))


def normalise(text):
    return re.sub(r"\s+", " ", (text or "").strip()).lower()


def split_of(text):
    """train / dev / heldout from the first bytes of sha1(normalised text): stable, order-free."""
    bucket = int(hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:8], 16) % 100
    edge = 0
    for name, share in SPLITS:
        edge += share
        if bucket < edge:
            return name
    return SPLITS[-1][0]


def _lines(name):
    for raw in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line


def load_comments(split=None):
    """[{text, label, themes, split}] of workplace_comments.txt (optionally one split)."""
    rows = []
    for line in _lines("workplace_comments.txt"):
        label, themes, text = (part.strip() for part in line.split("|", 2))
        row = {"text": text, "label": SHORT_LABELS[label],
               "themes": [SHORT_THEMES[t.strip()] for t in themes.split(",") if t.strip()],
               "split": split_of(text)}
        if split is None or row["split"] == split:
            rows.append(row)
    return rows


def load_dev_set(name):
    """[{text, label}] of a development set data/<name>.tsv (label<TAB>comment, pos / neg / neu),
    written for one reading of the served model and never trained on."""
    rows = []
    for line in _lines(name + ".tsv"):
        label, text = line.split("\t", 1)
        rows.append({"text": text.strip(), "label": {"pos": "positive", "neg": "negative", "neu": "neutral"}[label]})
    return rows


def load_pros_cons(split=None):
    """[{text, side, label, split}]: a pro is expected positive, a con negative."""
    rows = []
    for line in _lines("pros_cons.txt"):
        side, text = (part.strip() for part in line.split("|", 1))
        row = {"text": text, "side": side, "label": "positive" if side == "pros" else "negative",
               "split": split_of(text)}
        if split is None or row["split"] == split:
            rows.append(row)
    return rows
