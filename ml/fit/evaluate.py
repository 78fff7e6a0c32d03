"""Pairwise evaluation of fit scorers on a labelled set (ml/tests/data/fit_eval.json).

Compares the zero-shot scorer with two baselines that the traps defeat: plain
TF-IDF cosine and whole-document embedding cosine. Pairwise accuracy = share of
(better, worse) CV pairs of the same job that a scorer orders correctly.
"""
import json
import math
import re
from collections import Counter

import numpy as np

from . import roles, text as fit_text, zero_shot

_TOKEN_RE = re.compile(r"[a-z0-9+#]+")


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def job_text(job):
    return "\n".join([job["name"], fit_text.html_to_text(job.get("description")), job.get("requirements") or "",
                      ", ".join(job.get("skills") or [])])


def tfidf_scores(jobs):
    docs = []
    for job in jobs:
        docs.append(job_text(job))
        docs.extend(cv["text"] for cv in job["cvs"])
    tokenized = [_TOKEN_RE.findall(d.lower()) for d in docs]
    df = Counter(t for toks in tokenized for t in set(toks))
    n = len(docs)

    def vec(toks):
        tf = Counter(toks)
        return {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) + 0.0 for t, c in tf.items()}

    def cos(a, b):
        dot = sum(v * b.get(t, 0.0) for t, v in a.items())
        na = math.sqrt(sum(v * v for v in a.values())) or 1.0
        nb = math.sqrt(sum(v * v for v in b.values())) or 1.0
        return dot / (na * nb)

    out = {}
    for job in jobs:
        jv = vec(_TOKEN_RE.findall(job_text(job).lower()))
        for cv in job["cvs"]:
            out[cv["id"]] = cos(jv, vec(_TOKEN_RE.findall(cv["text"].lower())))
    return out


def whole_doc_scores(jobs, encode):
    out = {}
    for job in jobs:
        jv = encode([job_text(job)])[0]
        cvs = encode([cv["text"] for cv in job["cvs"]])
        for cv, v in zip(job["cvs"], cvs):
            out[cv["id"]] = float(jv @ v)
    return out


def zero_shot_scores(jobs, encode, prototypes=None):
    out, results = {}, {}
    for job in jobs:
        profile = zero_shot.prepare_job(job, encode)
        for cv in job["cvs"]:
            cvp = zero_shot.prepare_cv(cv["text"], encode, job_title=job["name"], prototypes=prototypes)
            res = zero_shot.score(profile, cvp)
            out[cv["id"]] = res.score
            results[cv["id"]] = res
    return out, results


def pairwise_accuracy(jobs, scores):
    good = total = 0
    for job in jobs:
        for a in job["cvs"]:
            for b in job["cvs"]:
                if a["grade"] > b["grade"]:
                    total += 1
                    good += scores[a["id"]] > scores[b["id"]]
    return good / total if total else float("nan")


def trap_accuracy(jobs, scores):
    """Only the (did the work, trap) pairs: the hard ones."""
    good = total = 0
    for job in jobs:
        for a in job["cvs"]:
            for b in job["cvs"]:
                if a["grade"] == 3 and b["grade"] == 1:
                    total += 1
                    good += scores[a["id"]] > scores[b["id"]]
    return good / total if total else float("nan")


def encode_prototypes(encode):
    return {name: encode(sents) for name, sents in roles.PROTOTYPES.items()}


def evaluate(data, encode, use_prototypes=True):
    jobs = data["jobs"]
    protos = encode_prototypes(encode) if use_prototypes else None
    zs, results = zero_shot_scores(jobs, encode, protos)
    scorers = {"zero_shot": zs, "tfidf": tfidf_scores(jobs), "whole_doc_cosine": whole_doc_scores(jobs, encode)}
    report = {name: {"pairwise": pairwise_accuracy(jobs, s), "did_vs_trap": trap_accuracy(jobs, s)}
              for name, s in scorers.items()}
    return report, scorers, results
