"""The inputs of the review head, the same at training and at serving.

Per sentence: the ONNX text encoder's embedding of the *redacted* sentence, a TF-IDF vector of
its words (unigrams and bigrams, vocabulary and idf fixed at training and stored in the head's
ONNX metadata) and the check-list features of ``checks.lexical_features``.

Identity: the embedding and the words come from ``ml.redaction.redact_comment`` (known names,
pronouns, gendered words, ages, nationality words neutralised); the check-list features are
read from the sentence with the known names removed, and no pattern reads a pronoun on its own,
so "he", "she" or "they" and any name give the same inputs (tests/test_review_counterfactual.py).
"""
import math
import re
from collections import Counter

import numpy as np

from ..redaction import NameMatcher, redact_comment
from .checks import lexical_features

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+")


def tokens(text):
    words = [w.lower() for w in _TOKEN_RE.findall(text or "")]
    words = ["<num>" if w.isdigit() else w for w in words]
    return words + ["%s %s" % pair for pair in zip(words, words[1:])]


def subject_pattern(subject):
    """Regex of the parts of the reviewed person's name, as written (capitalised), possessive
    included; None without a name. The reviewed person's name is removed whatever it is: a
    first name that is also an English word ("Grace", "Hope", "Will") at the start of a sentence
    is kept by the general NameMatcher, but never here."""
    parts = sorted({p for p in re.findall(r"[^\W\d_]{2,}", subject or "")}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?<![\w'-])(" + "|".join(map(re.escape, parts)) + r")(['\u2019]s)?(?![\w-])")


def prepare(text, names=None, subject=None):
    """(text the encoder and the word vector read, text the check lists read). ``names``: a
    NameMatcher (or list) of the names the database knows; ``subject``: the reviewed person's
    name, or a compiled ``subject_pattern``."""
    if names is not None and not isinstance(names, NameMatcher):
        names = NameMatcher(names)
    if subject is not None and not hasattr(subject, "sub"):
        subject = subject_pattern(subject)
    if subject is not None:
        text = re.sub(r"[ \t]{2,}", " ", subject.sub(" ", text)).strip()
    without_names = names.redact(text) if names else text
    return redact_comment(text, names), without_names


def build_vocabulary(texts, min_df=2, max_size=4000, tokenize=tokens):
    """(vocabulary list, idf list) from training texts (already redacted); ``max_size`` None keeps
    every term."""
    df = Counter()
    for text in texts:
        df.update(set(tokenize(text)))
    kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:max_size]
    kept.sort()
    n = len(texts)
    idf = [math.log((1 + n) / (1 + df[t])) + 1.0 for t in kept]
    return kept, idf


class WordVectorizer:
    """TF-IDF rows (sublinear tf, L2-normalised) of texts over a fixed vocabulary and idf."""

    def __init__(self, vocabulary, idf, tokenize=tokens):
        self.index = {t: i for i, t in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.tokenize = tokenize

    def __len__(self):
        return len(self.index)

    def transform(self, texts):
        out = np.zeros((len(texts), len(self.index)), dtype=np.float32)
        for row, text in enumerate(texts):
            counts = Counter(t for t in self.tokenize(text) if t in self.index)
            for tok, c in counts.items():
                j = self.index[tok]
                out[row, j] = (1.0 + math.log(c)) * self.idf[j]
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out


def check_features(raw_texts):
    return np.asarray([lexical_features(t) for t in raw_texts], dtype=np.float32).reshape(len(raw_texts), -1)
