"""A small synthetic company history for tests and smoke runs of the ranker.

The simulated policy is what real companies tend to do: take a course whose
prerequisites are done, basic before advanced, shorter first, mostly on a
skill of one's gap. Embeddings are random unit vectors (course = mix of its
skills + noise), so the zero-shot similarity is informative but not perfect.
"""
import datetime
import math
import random

import numpy as np

LEVELS = (25, 50, 80, 100)


def _unit(v):
    return (v / np.linalg.norm(v)).astype(np.float32)


def make_history(n_skills=12, n_employees=40, dim=32, seed=0, steps_per_employee=4):
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    skills = list(range(1, n_skills + 1))
    skill_emb = {s: _unit(nrng.normal(size=dim)) for s in skills}
    courses = []
    cid = 100
    for s in skills:
        basic, advanced = cid, cid + 1
        cid += 2
        other = rng.choice([x for x in skills if x != s])
        courses.append({"id": basic, "name": "Basics %d" % s, "hours": rng.choice([4, 6, 8]),
                        "prereq_ids": [], "teaches": {str(s): 50},
                        "emb": list(map(float, _unit(skill_emb[s] + 0.8 * nrng.normal(size=dim) / math.sqrt(dim) * 4)))})
        courses.append({"id": advanced, "name": "Advanced %d" % s, "hours": rng.choice([10, 16, 24]),
                        "prereq_ids": [basic], "teaches": {str(s): 80, str(other): 25},
                        "emb": list(map(float, _unit(skill_emb[s] + 0.5 * skill_emb[other]
                                                     + 0.8 * nrng.normal(size=dim) / math.sqrt(dim) * 4)))})
    by_id = {c["id"]: c for c in courses}
    employees = []
    start = datetime.date(2024, 1, 1)
    for e in range(1, n_employees + 1):
        expected = {s: 80 for s in rng.sample(skills, 4)}
        held = {s: rng.choice([0, 25, 50]) for s in rng.sample(skills, 3)}
        held = {s: p for s, p in held.items() if p}
        logs = [{"skill_id": s, "progress": p, "date": "2023-06-01"} for s, p in held.items()]
        done, day = [], start + datetime.timedelta(days=rng.randint(0, 60))
        for n in range(steps_per_employee):
            gap = {s for s, t in expected.items() if held.get(s, 0) < t}
            options = []
            for c in courses:
                if c["id"] in [d["course_id"] for d in done]:
                    continue
                if any(p not in [d["course_id"] for d in done] for p in c["prereq_ids"]):
                    continue
                raises = [int(s) for s, r in c["teaches"].items() if int(s) in gap and r > held.get(int(s), 0)]
                util = 2.0 * bool(raises) - 0.08 * c["hours"] + (0.7 if not c["prereq_ids"] else 0.0)
                options.append((util + rng.gauss(0, 0.5), c["id"]))
            if not options:
                break
            chosen = max(options)[1]
            day += datetime.timedelta(days=rng.randint(10, 40))
            done.append({"course_id": chosen, "date": day.isoformat(), "seq": n})
            for s, r in by_id[chosen]["teaches"].items():
                if r > held.get(int(s), 0):
                    held[int(s)] = r
                    logs.append({"skill_id": int(s), "progress": r, "date": day.isoformat()})
        employees.append({"id": e, "expected": {str(s): t for s, t in expected.items()}, "done": done,
                          "logs": logs})
    return {"skill_emb": {str(s): list(map(float, v)) for s, v in skill_emb.items()},
            "courses": courses, "employees": employees, "k": 3, "holdout": 0.25, "seed": seed}
