"""Score candidate courses: the trained ONNX ranker, or zero-shot similarity.

No torch here: the Odoo process serves through ONNX Runtime (an object with
``run(feeds) -> [scores]``, e.g. ``ml.runtime.OnnxSession``).
"""
import numpy as np

from .features import ZERO_SHOT_FEATURE, pair_features, state_embeddings

INPUT_NAMES = ("features", "gap_emb", "course_emb")
OUTPUT_NAME = "score"


def score_pairs(feats, gap_emb, course_emb, session=None):
    """Scores (n,) float32; zero-shot (embedding similarity) without a session."""
    if len(feats) == 0:
        return np.zeros((0,), dtype=np.float32)
    if session is None:
        return feats[:, ZERO_SHOT_FEATURE].astype(np.float32).copy()
    out = session.run({"features": feats.astype(np.float32), "gap_emb": gap_emb.astype(np.float32),
                       "course_emb": course_emb.astype(np.float32)})
    return np.asarray(out[0], dtype=np.float32).reshape(-1)


def rank_courses(gap, held, done_ids, courses, course_emb, skill_emb, session=None):
    """``{course_id: score}`` for every course not done yet."""
    done = set(done_ids)
    candidates = sorted(c for c in courses if c not in done and c in course_emb)
    if not candidates or not gap:
        return {c: 0.0 for c in candidates}
    dim = len(next(iter(course_emb.values())))
    gap_vec, held_vec = state_embeddings(gap, held, skill_emb, dim)
    feats, gemb, cemb = pair_features(gap, held, done, courses, candidates, course_emb, gap_vec, held_vec)
    scores = score_pairs(feats, gemb, cemb, session)
    return {c: float(s) for c, s in zip(candidates, scores)}
