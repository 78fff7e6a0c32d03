"""The labelled review sentences shipped with the add-on (``data/sentences_*.tsv``).

Written for this project in ordinary words (managers' notes, self-assessments, terse lines,
several trades), never copied from a third-party corpus. Each row: dimension (or ``-`` when no
dimension can be told, e.g. "Great job this year."), polarity (``+``, ``-``, ``0``), flag
(empty, ``vague``, ``personality``, ``identity``) and the sentence.

The held-out part is fixed by a hash of the sentence (a quarter of the rows), so it never
depends on a seed or on the order of the files: no threshold, epoch or feature choice looks
at it; ``tools/eval_review.py`` and the trainer's metrics report it. ``data/dev_*.tsv`` holds
sentences written after the shipped models were built, split ``dev``: no model trains on them,
so a choice about the served models (an ensemble, a threshold) can be made on them.
"""
import hashlib
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DIMENSIONS = ("quality", "productivity", "collaboration", "communication",
              "initiative", "leadership", "expertise", "reliability")
POLARITIES = ("negative", "neutral", "positive")
FLAGS = ("none", "vague", "personality", "identity")
_POL = {"-": "negative", "0": "neutral", "+": "positive"}
HELDOUT_SHARE = 4   # 1 row in 4


def is_heldout(text):
    return int(hashlib.md5(("review-heldout-v2:" + text.strip().lower()).encode("utf-8")).hexdigest(), 16) % HELDOUT_SHARE == 0


def load(data_dir=DATA_DIR):
    """[{text, dimension (or None), polarity, flag, split ('train'|'heldout'|'dev'), source}]"""
    rows, seen = [], set()
    paths = sorted(Path(data_dir).glob("sentences_*.tsv")) + sorted(Path(data_dir).glob("dev_*.tsv"))
    for path in paths:
        dev = path.name.startswith("dev_")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 4:
                raise ValueError("%s:%d: expected 4 tab-separated columns" % (path.name, n))
            dim, pol, flag, text = (p.strip() for p in parts)
            if dim != "-" and dim not in DIMENSIONS or pol not in _POL or (flag or "none") not in FLAGS:
                raise ValueError("%s:%d: bad label %r" % (path.name, n, parts[:3]))
            key = text.lower()
            if key in seen:
                raise ValueError("%s:%d: duplicate sentence %r" % (path.name, n, text))
            seen.add(key)
            rows.append({"text": text, "dimension": None if dim == "-" else dim, "polarity": _POL[pol],
                         "flag": flag or "none",
                         "split": "dev" if dev else "heldout" if is_heldout(text) else "train",
                         "source": path.stem})
    return rows
