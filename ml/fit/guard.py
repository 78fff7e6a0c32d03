"""Guards on a fit score, whatever model produced it.

1. Out-of-distribution: a trained fit model learnt from the company's history of
   some jobs; for a job it has (almost) never seen, its score is extrapolation
   (a keyword list for a new nurse job can get 99). The trainer records the
   labelled applicants per job (``layout["job_counts"]``); a job with fewer
   than ``MIN_JOB_HISTORY`` of them is scored zero-shot instead, and the
   explanation says why.
2. Evidence cap: a CV where no requirement is met or partly met by a sentence
   showing the person did the work (full relation weight: hands-on, or a
   relation that is the job itself, e.g. a recruiter recruiting; a line of the
   skills section is listed, not done) cannot score
   above the 'possible' band, so a keyword list without experience is never a
   good fit. "Partly met" counts: on the labelled set a genuine hands-on CV
   (py_did_2) has no requirement above the "met" similarity, while keyword
   lists and adjacent roles have no full-weight sentence that even partly
   meets one (ml/tests/test_fit_guard.py).
"""
from collections import Counter

from . import roles, zero_shot

MIN_JOB_HISTORY = 5
EVIDENCE_CAP = 54.0  # highest 'possible' score (good starts at 55)
FULL_WEIGHT = 0.99
EVIDENCE_STATUSES = ("met", "partly")


def squeeze(score, cap, span=5.0):
    """A capped score keeps its order among capped scores: (cap, 100] -> (cap - span, cap]."""
    return round(float(cap) - span * (100.0 - float(score)) / (100.0 - float(cap)), 2)


def job_counts(job_ids):
    """{str(job id): labelled applicants} for the training layout (JSON keys are strings)."""
    return {str(job_id): n for job_id, n in sorted(Counter(job_ids).items())}


def covers_job(layout, job_id, min_history=MIN_JOB_HISTORY):
    """(True, "") when the trained model saw enough labelled applicants of this job,
    else (False, reason for the explanation)."""
    counts = (layout or {}).get("job_counts")
    if counts is None:
        return False, ("the trained model does not record which jobs it learnt from (retrain it); "
                       "scored zero-shot.")
    n = int(counts.get(str(job_id), 0))
    if n < min_history:
        return False, ("the trained model learnt from %d labelled applicant%s of this job (at least %d "
                       "needed), so this job is scored zero-shot." % (n, "" if n == 1 else "s", min_history))
    return True, ""


def has_work_evidence(requirements):
    """True when a requirement is met or partly met by a sentence of full relation weight."""
    for req in requirements or ():
        if req.get("status") not in EVIDENCE_STATUSES or req.get("relation") == roles.LISTED:
            continue
        weight = req.get("weight")
        if weight is None:
            weight = 1.0 if req.get("relation") == roles.DID else 0.0
        if weight >= FULL_WEIGHT:
            return True
    return False


def apply_evidence_cap(result, cap=EVIDENCE_CAP):
    """Cap ``result`` (a zero_shot.FitResult, score possibly from a trained model) in place
    when no requirement is met by did-the-work evidence. Returns the reason, or None."""
    if result is None or has_work_evidence(result.requirements) or result.score <= cap:
        return None
    before = result.score
    result.score = squeeze(before, cap)
    result.band = zero_shot.band(result.score)
    return ("Score capped at %.0f (from %.0f): no requirement is met, even partly, by a CV sentence showing "
            "hands-on experience of the work (keywords, study, aspiration or adjacent roles alone cannot make a good "
            "fit)." % (cap, before))


# ---------------------------------------------------------------- one score, one story
# The band must agree with the requirement evidence shown next to it, whatever model
# produced the score (zero-shot or trained): a CV that misses most of the job's
# requirements cannot be a "strong" fit. Applied once, where both paths meet.
MAX_MISSING_FOR_STRONG = 0.5  # "most": more than half of the requirements


def strong_floor():
    """Lowest score of the 'strong' band (read from zero_shot.BANDS, so a change of bands follows)."""
    return float(dict(zero_shot.BANDS)["strong"])


CONSISTENCY_CAP = strong_floor() - 1.0  # highest 'good' score


def missing_requirements(requirements):
    """(missing, total) requirement counts of a FitResult's requirement list."""
    reqs = list(requirements or ())
    return sum(1 for r in reqs if r.get("status") == "missing"), len(reqs)


def apply_consistency_cap(result, cap=CONSISTENCY_CAP):
    """Caps ``result`` in place below the 'strong' band when more than half of the job's requirements
    are missing, whatever model scored it (capped scores keep their order). Returns the reason or None."""
    if result is None:
        return None
    missing, total = missing_requirements(result.requirements)
    if not total or result.score <= cap or missing <= MAX_MISSING_FOR_STRONG * total:
        return None
    before = result.score
    result.score = squeeze(before, cap)
    result.band = zero_shot.band(result.score)
    return ("Score capped at %.0f (from %.0f): %d of the job's %d requirements are missing from the CV, so it "
            "cannot be a strong fit." % (cap, before, missing, total))


def apply_all(result):
    """Every guard in order; returns the reasons (possibly empty) for the explanation."""
    reasons = [apply_evidence_cap(result), apply_consistency_cap(result)]
    return [r for r in reasons if r]
