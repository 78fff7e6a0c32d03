"""Feature vector of (job, CV) for the trained fit model (numpy only).

Layout (float32): [cv | job | cv*job | |cv-job| | scalars | clip image | clip flag]
- cv: relation-weighted mean of the CV sentence embeddings (so "studied" and
  keyword-list sentences count less), job: mean of requirement embeddings;
- scalars: the zero-shot signals (requirement coverage stats, skill overlap,
  relation mix, zero-shot score);
- clip: mean CLIP image embedding of the applicant's work samples (zeros and
  flag 0 when the job does not opt in or there are none).
The same function builds training rows (in Odoo, shipped to the subprocess as
JSON) and serving rows, so train and serve cannot drift.
"""
import numpy as np

from . import roles

SCALAR_NAMES = [
    "coverage", "req_min", "req_max", "frac_met", "frac_partly", "frac_missing", "skill_overlap",
    "frac_did", "frac_keyword_list", "frac_other_relation", "log_sentences", "zero_shot",
]


def layout(text_dim, clip_dim=0):
    return {"text_dim": int(text_dim), "clip_dim": int(clip_dim), "scalars": list(SCALAR_NAMES),
            "size": 4 * int(text_dim) + len(SCALAR_NAMES) + int(clip_dim) + (1 if clip_dim else 0)}


def _unit(vec):
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 0 else vec


def feature_vector(job, cv, result, text_dim, clip_vec=None, clip_dim=0):
    """One row; ``result`` is the zero-shot FitResult (not None)."""
    if len(cv.sentences):
        cv_vec = _unit((cv.emb * cv.weights[:, None]).sum(axis=0))
    else:
        cv_vec = np.zeros(text_dim, np.float32)
    job_vec = _unit(job.req_emb.mean(axis=0)) if len(job.requirements) else np.zeros(text_dim, np.float32)
    sims = np.array([r["similarity"] for r in result.requirements], np.float32)
    status = [r["status"] for r in result.requirements]
    n_req = max(1, len(status))
    n_sent = max(1, len(cv.relations))
    scalars = np.array([
        result.coverage,
        float(sims.min()) if len(sims) else 0.0,
        float(sims.max()) if len(sims) else 0.0,
        status.count("met") / n_req,
        status.count("partly") / n_req,
        status.count("missing") / n_req,
        result.skill_overlap,
        # a listed skill counts with the hands-on lines, as it did before it had its own relation
        (cv.relations.count(roles.DID) + cv.relations.count(roles.LISTED)) / n_sent,
        cv.relations.count("keyword_list") / n_sent,
        1.0 - (cv.relations.count(roles.DID) + cv.relations.count(roles.LISTED)
               + cv.relations.count("keyword_list")) / n_sent,
        float(np.log1p(len(cv.sentences))) / 5.0,
        result.score / 100.0,
    ], np.float32)
    parts = [cv_vec, job_vec, cv_vec * job_vec, np.abs(cv_vec - job_vec), scalars]
    if clip_dim:
        if clip_vec is not None and len(clip_vec) == clip_dim:
            parts += [np.asarray(clip_vec, np.float32), np.ones(1, np.float32)]
        else:
            parts += [np.zeros(clip_dim, np.float32), np.zeros(1, np.float32)]
    return np.concatenate(parts).astype(np.float32)
