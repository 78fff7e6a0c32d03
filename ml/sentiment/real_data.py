"""Human-labelled third-party sentiment data, read from ``../shared/data/sentiment`` (never copied
into the add-on; see that folder's README for the licences). Three classes everywhere.

- SST-2 (binary movie-review phrases): ``train`` (phrases), ``dev`` (phrases), ``test`` (872 sentences)
- SST-5 sentences mapped to 3 classes (0-1 negative, 2 neutral, 3-4 positive): ``train``, ``dev``
- TweetEval sentiment (SemEval-2017 4A): ``val`` (2,000), ``test`` (12,284)
"""
import csv
import os
from pathlib import Path

from .workplace import LABELS

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / ".." / "shared" / "data" / "sentiment"


class DataMissing(FileNotFoundError):
    pass


def data_dir(path=None):
    d = Path(path or os.environ.get("HR_TALENT_AI_SENTIMENT_DATA") or DEFAULT_DIR)
    if not (d / "sst2" / "test.tsv").is_file():
        raise DataMissing(
            "The human-labelled sentiment data was not found at %s (expected sst2/, sst5/, tweeteval/ "
            "from ../shared/data/sentiment beside the checkout). Put it there or pass --data." % d)
    return d


def _clean(text):
    # SST is tokenised ("it 's", "n't", "-lrb-"): undo the most visible marks for an encoder
    text = " ".join((text or "").split())
    for a, b in ((" 's", "'s"), (" n't", "n't"), (" 're", "'re"), (" 've", "'ve"), (" 'll", "'ll"),
                 (" 'd", "'d"), (" ,", ","), (" .", "."), (" !", "!"), (" ?", "?"), (" ;", ";"),
                 (" :", ":"), ("-lrb- ", "("), (" -rrb-", ")"), ("`` ", '"'), (" ''", '"')):
        text = text.replace(a, b)
    return text.strip()


def sst2(split, path=None):
    rows = []
    with open(data_dir(path) / "sst2" / ("%s.tsv" % split), encoding="utf-8") as f:
        for rec in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = _clean(rec["sentence"])
            if text:
                rows.append({"text": text, "label": "positive" if rec["label"].strip() == "1" else "negative"})
    return rows


def sst5(split, path=None):
    rows = []
    with open(data_dir(path) / "sst5" / ("%s.tsv" % split), encoding="utf-8") as f:
        for rec in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            text, value = _clean(rec["sentence"]), int(rec["sentiment"])
            if text:
                rows.append({"text": text, "label": "negative" if value <= 1 else "neutral" if value == 2 else "positive"})
    return rows


def tweeteval(split, path=None):
    base = data_dir(path) / "tweeteval"
    texts = (base / ("%s_text.txt" % split)).read_text(encoding="utf-8").splitlines()
    labels = (base / ("%s_labels.txt" % split)).read_text(encoding="utf-8").splitlines()
    if len(texts) != len(labels):
        raise ValueError("tweeteval %s: %d texts for %d labels" % (split, len(texts), len(labels)))
    return [{"text": t.strip(), "label": LABELS[int(y)]} for t, y in zip(texts, labels) if t.strip()]
