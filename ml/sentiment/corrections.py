"""HR corrections merged into a sentiment training set, shared by both trainers.

A correction replaces the shipped row with the same normalised text; corrections with no
text or an unknown label are skipped and counted.
"""
import re

LABELS = ("negative", "neutral", "positive")


def normalise_text(text):
    return re.sub(r"\s+", " ", (text or "").strip()).lower()


def merge(rows, corrections, extra=None):
    """Merge ``corrections`` into ``rows`` ({normalised text: row with a "source"}), in place.

    ``extra``: fields added to every correction row. Returns (rows sorted by normalised text, stats)."""
    overridden = added = skipped = 0
    for corr in corrections or ():
        text, label = (corr.get("text") or "").strip(), corr.get("label")
        if not text or label not in LABELS:
            skipped += 1
            continue
        key = normalise_text(text)
        if key in rows and rows[key]["source"] == "shipped":
            overridden += 1
        elif key not in rows:
            added += 1
        rows[key] = {"text": text, "label": label, **(extra or {}), "source": "correction"}
    out = [rows[k] for k in sorted(rows)]
    return out, {"corrections_overriding": overridden, "corrections_added": added, "corrections_skipped": skipped}
