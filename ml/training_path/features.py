"""Ranker inputs for (employee state, candidate course) pairs.

Shared by serving (Odoo process, numpy only) and training (subprocess), so the
ranker sees the same numbers in both. Inputs never include anything about the
person besides skills, levels and courses done (no name, photo, age...).
"""
import math

import numpy as np

FEATURE_NAMES = (
    "sim_gap",       # cosine(gap embedding, course embedding): the zero-shot score
    "sim_held",      # cosine(held skills embedding, course embedding)
    "raise_frac",    # share of gap skills the course raises
    "close_frac",    # share of gap skills the course brings to target
    "level_gain",    # progress gained on gap skills / 100 / |gap|
    "overshoot",     # mean progress beyond target on raised skills / 100
    "prereqs_met",   # share of the course's prerequisites already done
    "unlocks",       # 1 if it is a prerequisite of a not-done course that raises a gap skill
    "log_hours",     # log1p(hours) / 5
    "known_frac",    # share of the course's skills already held at its level
    "entry_level",   # lowest level the course reaches on raised gap skills / 100
)
N_FEATURES = len(FEATURE_NAMES)
ZERO_SHOT_FEATURE = 0


def _unit(v):
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-12 else v


def state_embeddings(gap, held, skill_emb, dim):
    """Embeddings of the gap (weighted by missing progress) and of held skills."""
    gap_vec = np.zeros(dim, dtype=np.float32)
    for s, g in gap.items():
        if s in skill_emb:
            gap_vec += skill_emb[s] * max(g.target - g.current, 1) / 100.0
    held_vec = np.zeros(dim, dtype=np.float32)
    for s, p in held.items():
        if s in skill_emb:
            held_vec += skill_emb[s] * max(p, 1) / 100.0
    return _unit(gap_vec).astype(np.float32), _unit(held_vec).astype(np.float32)


def pair_features(gap, held, done_ids, courses, candidate_ids, course_emb, gap_vec, held_vec):
    """Return ``features`` (n, N_FEATURES), ``gap_emb`` (n, d), ``course_emb`` (n, d) float32.

    gap: ``{skill_id: GapItem}``; held: ``{skill_id: progress}``; courses:
    ``{id: ordering.Course}``; course_emb: ``{course_id: unit vector}``.
    """
    done = set(done_ids)
    n_gap = max(len(gap), 1)
    unlocking = set()
    for c in courses.values():
        if c.id in done:
            continue
        if any(s in gap and reach > gap[s].current for s, reach in c.teaches.items()):
            unlocking.update(c.prereq_ids)
    feats = np.zeros((len(candidate_ids), N_FEATURES), dtype=np.float32)
    cemb = np.stack([course_emb[c] for c in candidate_ids]).astype(np.float32) if candidate_ids else \
        np.zeros((0, gap_vec.shape[0]), dtype=np.float32)
    for i, cid in enumerate(candidate_ids):
        c = courses[cid]
        raised = [s for s, r in c.teaches.items() if s in gap and r > gap[s].current]
        closed = [s for s in raised if c.teaches[s] >= gap[s].target]
        gain = sum(min(c.teaches[s], gap[s].target) - gap[s].current for s in raised)
        over = [max(0, c.teaches[s] - gap[s].target) for s in raised]
        prereqs = list(c.prereq_ids)
        known = [s for s, r in c.teaches.items() if held.get(s, 0) >= r]
        feats[i] = (
            float(cemb[i] @ gap_vec),
            float(cemb[i] @ held_vec),
            len(raised) / n_gap,
            len(closed) / n_gap,
            gain / 100.0 / n_gap,
            (sum(over) / len(over) / 100.0) if over else 0.0,
            (sum(1 for p in prereqs if p in done) / len(prereqs)) if prereqs else 1.0,
            1.0 if cid in unlocking else 0.0,
            math.log1p(max(c.hours, 0.0)) / 5.0,
            (len(known) / len(c.teaches)) if c.teaches else 0.0,
            (min(c.teaches[s] for s in raised) / 100.0) if raised else 0.0,
        )
    gemb = np.repeat(gap_vec[None, :], len(candidate_ids), axis=0).astype(np.float32)
    return feats, gemb, cemb
