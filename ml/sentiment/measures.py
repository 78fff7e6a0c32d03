"""A comment that tells a measure that moved ("Staff turnover has dropped since the new manager
started", "Sick days are down since they fixed the heating", "Customer complaints have increased").

The fine-tuned model reads the measure's word ("turnover", "sick days", "complaints") and misses
that less of a bad thing is good news: on the comments written for it (data/dev_measures.tsv)
it read 19 of 50 the wrong way, most of them good news read as complaints, with high confidence.
Its training comments hardly say things this way. The performance reviews' rule
(ml.review.checks.measure_change: a listed good or bad measure times the direction it moved, not
when negated, wished for or turned by a contrast) reads each sentence; where it and the model
disagree, the sentence takes the rule's reading. A comment of several sentences is then the mean
of its sentences read alone, so a comment that tells good news and a complaint stays mixed."""
import numpy as np

from ..review.checks import measure_change, split_sentences

# the probabilities (negative, neutral, positive) of a sentence read by the rule: as sure as
# the rule was right on the dev comments, no surer
RULE_PROBS = {1: np.array([0.10, 0.25, 0.65], np.float32), -1: np.array([0.65, 0.25, 0.10], np.float32)}


def measure_signs(text):
    """[+1, -1 or None per sentence of ``text``]: the way a listed measure moved, if one did."""
    return [measure_change(sentence) for sentence in split_sentences(text)]


def read_measures(texts, probs, sentence_proba):
    """``probs`` (n, 3) of whole prepared comments, with the rule's reading where a sentence tells
    a measure that moved and the model reads it otherwise. ``sentence_proba(sentences)`` reads
    sentences alone (called only for comments of several sentences where the rule fires)."""
    out = np.array(probs, dtype=np.float32, copy=True)
    for i, text in enumerate(texts):
        sentences = split_sentences(text)
        signs = [measure_change(sentence) for sentence in sentences]
        if not any(signs):
            continue
        if len(sentences) == 1:
            if int(out[i].argmax()) != 1 + signs[0]:
                out[i] = RULE_PROBS[signs[0]]
            continue
        alone = np.array(sentence_proba(sentences), dtype=np.float32)
        disagree = [j for j, sign in enumerate(signs) if sign and int(alone[j].argmax()) != 1 + sign]
        if disagree:
            for j in disagree:
                alone[j] = RULE_PROBS[signs[j]]
            out[i] = alone.mean(axis=0)
    return out
