"""Pairwise evaluation of fit scorers on a labelled set (ml/tests/data/fit_eval.json).

Compares the zero-shot scorer with two baselines that the traps defeat: plain
TF-IDF cosine and whole-document embedding cosine. Pairwise accuracy = share of
(better, worse) CV pairs of the same job that a scorer orders correctly.
"""
import hashlib
import json
import os
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


# ---------------------------------------------------------------- real-data evaluation helpers
def auc(scores, labels):
    """ROC AUC with ties counted half (Mann-Whitney)."""
    scores = np.asarray(scores, float)
    labels = np.asarray(labels, bool)
    pos, neg = scores[labels], scores[~labels]
    if not len(pos) or not len(neg):
        return float("nan")
    diff = pos[:, None] - neg[None, :]
    return float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size)


# scikit-learn's TfidfVectorizer defaults: lower case, words of two or more characters, raw counts,
# smoothed IDF + 1, L2 norm (what "plain TF-IDF" usually means in a comparison)
_DEFAULT_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")


def _tfidf_vectors(docs, sublinear=True):
    token_re = _TOKEN_RE if sublinear else _DEFAULT_TOKEN_RE
    tokenized = [token_re.findall(d.lower()) for d in docs]
    df = Counter(t for toks in tokenized for t in set(toks))
    n = len(docs)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    mat = np.zeros((n, len(vocab)), np.float32)
    for row, toks in enumerate(tokenized):
        for t, c in Counter(toks).items():
            idf = math.log((1 + n) / (1 + df[t]))
            mat[row, vocab[t]] = (1 + math.log(c)) * idf if sublinear else c * (idf + 1)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return mat / np.where(norms > 0, norms, 1.0)


def tfidf_matrix(job_texts, cv_texts, sublinear=True):
    """(jobs, cvs) TF-IDF cosine, IDF over the postings and CVs of the run. ``sublinear`` (the
    stronger baseline): 1 + log tf, plain IDF, words of letters, digits, + and #; otherwise
    scikit-learn's TfidfVectorizer defaults (raw counts, smoothed IDF + 1)."""
    mat = _tfidf_vectors(list(job_texts) + list(cv_texts), sublinear)
    return mat[: len(job_texts)] @ mat[len(job_texts):].T


def whole_doc_matrix(job_texts, cv_texts, encode):
    """(jobs, cvs) cosine of whole-document embeddings (the encoder truncates at its max length)."""
    jv = np.asarray(encode(list(job_texts)))
    cv = np.asarray(encode(list(cv_texts)))
    return jv @ cv.T


def _split_of(key):
    return "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


# adjacent occupations of an occupation, from the taxonomy: who manages, teaches, inspects/tests it;
# plus the same two for every occupation: recruiters (HR specialists) and software developers
_MANAGER_RE = re.compile(r"\b(managers?|supervisors?|directors?)\b", re.I)
_TEACHER_RE = re.compile(r"\b(teachers?|instructors?|trainers?)\b", re.I)
_TESTER_RE = re.compile(r"\b(inspectors?|testers?|quality assurance|auditors?)\b", re.I)
HR_CODE = "13-1071.00"  # Human Resources Specialists (recruiting)
SOFTWARE_CODE = "15-1252.00"  # Software Developers
QA_CODE = "15-1253.00"  # Software Quality Assurance Analysts and Testers


def onet_adjacent_sets(data_dir, n_tasks=5, max_occupations=160):
    """"Did the work vs adjacent roles" from O*NET 29.2 task statements.

    For an occupation X with Supplemental tasks: a posting = X's title + its Core tasks (as
    requirements); the did-the-work CV = X's Supplemental tasks (statements the posting does not
    contain; the shipped index only embeds Core tasks, so nothing is matched to itself); adjacent CVs =
    Supplemental (else Core) tasks of X's related managers/supervisors, teachers/instructors,
    inspectors/testers, and of HR specialists and software developers (software QA for a software X).
    Split dev / held-out by the occupation code."""
    from ..onet import source

    try:
        occ = source.load(os.path.join(data_dir, "onet-29.2"))
    except FileNotFoundError:
        return []
    sets = []
    codes = sorted(occ.titles, key=lambda c: hashlib.sha1(c.encode()).hexdigest())
    for code in codes:
        title = occ.titles[code]
        core, supp = occ.tasks_core.get(code, []), occ.tasks_supp.get(code, [])
        if len(core) < 4 or len(supp) < 3 or _MANAGER_RE.search(title) or _TEACHER_RE.search(title) \
                or code in (HR_CODE, SOFTWARE_CODE, QA_CODE) or code.startswith(("11-", "25-1")):
            continue
        adjacent = []
        kinds_done = set()
        for rel_code, _tier in occ.related.get(code, []):
            rel_title = occ.titles.get(rel_code, "")
            for kind, pattern in (("managed", _MANAGER_RE), ("taught", _TEACHER_RE), ("tested", _TESTER_RE)):
                if kind not in kinds_done and pattern.search(rel_title) and not pattern.search(title):
                    tasks = occ.tasks_supp.get(rel_code) or occ.tasks_core.get(rel_code, [])
                    if len(tasks) >= 3:
                        adjacent.append((kind, "\n".join(tasks[:n_tasks])))
                        kinds_done.add(kind)
        for kind, other in (("recruited", HR_CODE),
                            ("built_for", SOFTWARE_CODE if not code.startswith("15-") else QA_CODE)):
            tasks = occ.tasks_supp.get(other) or occ.tasks_core.get(other, [])
            off = int(hashlib.sha1(code.encode()).hexdigest(), 16) % max(1, len(tasks) - n_tasks)
            adjacent.append((kind, "\n".join(tasks[off:off + n_tasks])))
        if len(adjacent) < 3:
            continue
        job = {"name": title, "description": "", "requirements": "\n".join("- " + t for t in core[:6]), "skills": []}
        sets.append({"id": code, "split": _split_of(code), "job": job,
                     "did": ["\n".join(supp[:n_tasks])], "adjacent": adjacent})
        if len(sets) >= max_occupations:
            break
    return sets


def hand_adjacent_sets(path=None):
    """The hand-written varied set (ml/fit/eval_adjacent.json): each job with did-the-work CVs and
    adjacent CVs, in many phrasings; split dev / held-out by job id."""
    path = path or os.path.join(os.path.dirname(__file__), "eval_adjacent.json")
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for item in data["jobs"]:
        out.append({"id": item["id"], "split": item.get("split") or _split_of(item["id"]), "job": item["job"],
                    "did": item["did"], "adjacent": [(a["kind"], a["text"]) for a in item["adjacent"]]})
    return out
