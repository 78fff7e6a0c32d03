"""Zero-shot fit: requirement coverage + skill overlap, calibrated to 0-100.

Each job requirement is compared with every CV sentence; a sentence's similarity
is scaled by its role-relation weight (see roles.py), so "managed a team of
nurses" covers "care for ventilated patients" far less than "cared for ventilated
patients". Coverage of each requirement (not a whole-document cosine) plus
evidence-weighted skill overlap gives a raw score, mapped to 0-100 by a logistic
calibrated on ml/tests/data/fit_eval.json so bands mean something:
strong >= 75, good >= 55, possible >= 35, weak below.
"""
from dataclasses import dataclass, field

import numpy as np

from . import roles, text as fit_text

BANDS = (("strong", 75.0), ("good", 55.0), ("possible", 35.0), ("weak", -1.0))
# similarity (already relation-weighted) -> requirement status
MET_SIM = 0.55
PARTLY_SIM = 0.40
# linear ramp of a requirement's contribution between these similarities
RAMP_LO = 0.25
RAMP_HI = 0.65
COVERAGE_WEIGHT = 0.75
SKILL_WEIGHT = 0.25
DECLARED_SKILL_CREDIT = 0.5  # a skill record on the candidate, without a CV sentence proving it
SKILL_SIM_LO = 0.35
SKILL_SIM_HI = 0.6
CAL_CENTER = 0.38
CAL_SCALE = 0.09
ZERO_SHOT_VERSION = "zs-1"


def band(score):
    if score is None:
        return False
    for name, threshold in BANDS:
        if score >= threshold:
            return name
    return "weak"


@dataclass
class JobProfile:
    title: str
    requirements: list
    req_emb: np.ndarray
    skills: list
    skill_emb: np.ndarray = None


@dataclass
class CvProfile:
    sentences: list
    emb: np.ndarray
    relations: list
    weights: np.ndarray
    declared_skills: list = field(default_factory=list)


@dataclass
class FitResult:
    score: float
    band: str
    requirements: list  # dicts: requirement, status, similarity, sentence, relation
    matched_skills: list
    missing_skills: list
    coverage: float
    skill_overlap: float
    raw: float


def job_requirements(job):
    """Requirements of a job dict {name, description, requirements, skills}."""
    reqs = fit_text.extract_requirements(job.get("description") or "", job.get("requirements") or "")
    if not reqs:
        reqs = [r for r in [job.get("name") or ""] if r]
    return reqs


def prepare_job(job, encode):
    reqs = job_requirements(job)
    skills = [s for s in (job.get("skills") or []) if s]
    emb = np.asarray(encode(reqs + skills), np.float32) if reqs or skills else np.zeros((0, 1), np.float32)
    return JobProfile(job.get("name") or "", reqs, emb[: len(reqs)], skills, emb[len(reqs):])


def prepare_cv(cv_text, encode, job_title="", declared_skills=(), names=(), prototypes=None):
    """Redact, chunk and encode a CV. ``prototypes``: {relation: (k, d) array} or None."""
    text = fit_text.truncate(cv_text)
    text = fit_text.redact(text, names=names)
    sentences = fit_text.split_sentences(text)
    emb = np.asarray(encode(sentences), np.float32) if sentences else np.zeros((0, 1), np.float32)
    relations = roles.classify(sentences, emb if sentences else None, prototypes)
    weights = roles.relation_weights(relations, job_title)
    return CvProfile(sentences, emb, relations, weights, list(declared_skills or []))


def skill_overlap(job_skills, cv, skill_emb=None):
    """Evidence-weighted share of the job's skills found in the CV: a skill named
    (or paraphrased, by encoder similarity) in a sentence gets that sentence's
    relation weight; a declared skill record without evidence gets half."""
    if not job_skills:
        return None, [], []
    lowered = [s.lower() for s in cv.sentences]
    declared = {fit_text.normalize_skill(s) for s in cv.declared_skills}
    sims = None
    if skill_emb is not None and len(skill_emb) == len(job_skills) and len(cv.sentences):
        sims = np.clip((skill_emb @ cv.emb.T - SKILL_SIM_LO) / (SKILL_SIM_HI - SKILL_SIM_LO), 0.0, 1.0)
    matched, missing, credits = [], [], []
    for k, skill in enumerate(job_skills):
        credit = 0.0
        for idx, sent in enumerate(lowered):
            evidence = 1.0 if fit_text.find_skill(skill, sent) else (float(sims[k, idx]) if sims is not None else 0.0)
            credit = max(credit, evidence * float(cv.weights[idx]))
        if fit_text.normalize_skill(skill) in declared:
            credit = max(credit, DECLARED_SKILL_CREDIT)
        credits.append(credit)
        (matched if credit >= DECLARED_SKILL_CREDIT else missing).append(skill)
    return float(np.mean(credits)), matched, missing


def calibrate(raw):
    return float(100.0 / (1.0 + np.exp(-(raw - CAL_CENTER) / CAL_SCALE)))


def score(job, cv):
    """FitResult or None when the CV has no text (no score, never a silent 0)."""
    if not cv.sentences:
        return None
    reqs = []
    if job.requirements:
        sims = job.req_emb @ cv.emb.T  # (m, n)
        weighted = np.where(sims > 0, sims * cv.weights[None, :], sims)
        best = weighted.argmax(axis=1)
        cov = weighted[np.arange(len(job.requirements)), best]
        ramp = np.clip((cov - RAMP_LO) / (RAMP_HI - RAMP_LO), 0.0, 1.0)
        coverage = float(ramp.mean())
        for i, req in enumerate(job.requirements):
            value = float(cov[i])
            status = "met" if value >= MET_SIM else "partly" if value >= PARTLY_SIM else "missing"
            reqs.append({
                "requirement": req,
                "status": status,
                "similarity": round(value, 4),
                "sentence": cv.sentences[best[i]] if status != "missing" or value > RAMP_LO else "",
                "relation": cv.relations[best[i]],
                "weight": round(float(cv.weights[best[i]]), 4),
            })
    else:
        coverage = 0.0
    overlap, matched, missing = skill_overlap(job.skills, cv, job.skill_emb)
    if overlap is None:
        raw = coverage
        overlap = 0.0
    else:
        raw = COVERAGE_WEIGHT * coverage + SKILL_WEIGHT * overlap
    value = round(calibrate(raw), 2)
    return FitResult(value, band(value), reqs, matched, missing, coverage, overlap, raw)
