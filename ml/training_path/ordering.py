"""Select and order the courses that close a skill gap.

Rules (each is tested):
- every step raises a gap skill or is a prerequisite (transitively) of a step;
- prerequisites come before the courses that need them;
- for one skill, the course reaching the lower level comes first (basic before
  advanced) unless a prerequisite says otherwise;
- the gap is covered with few hours: greedy weighted set cover where a course
  costs its hours plus those of the prerequisites it drags in, and the ranker
  score only tilts the choice (weight 1 .. 1 + ranking_weight); then redundant
  courses are pruned.
Pure Python: used inside the Odoo process.
"""
import heapq
from dataclasses import dataclass, field

EPS_HOURS = 0.01


class PrerequisiteCycleError(ValueError):
    """The catalogue has courses that require each other."""


@dataclass(frozen=True)
class Course:
    id: int
    hours: float
    teaches: dict  # {skill_id: progress the course brings the skill to}
    prereq_ids: tuple = ()
    name: str = ""


@dataclass
class Step:
    course_id: int
    hours: float
    closes: list = field(default_factory=list)   # gap skills brought to target by this step
    raises: dict = field(default_factory=dict)   # {skill_id: (from, to)} gap skills raised
    prereq_of: list = field(default_factory=list)  # course ids (in the path) that need it
    forced: bool = False


@dataclass
class PathPlan:
    steps: list
    uncovered: dict  # {skill_id: best progress reachable (<= current means no course at all)}
    hours: float


def _check_cycles(courses):
    state = {}

    def visit(cid, trail):
        if state.get(cid) == 2:
            return
        if state.get(cid) == 1:
            names = [courses[c].name or str(c) for c in trail[trail.index(cid):]] + [courses[cid].name or str(cid)]
            raise PrerequisiteCycleError("Prerequisite cycle between courses: %s" % " -> ".join(names))
        state[cid] = 1
        for p in courses[cid].prereq_ids:
            if p in courses:
                visit(p, trail + [cid])
        state[cid] = 2

    for cid in courses:
        visit(cid, [])


def _closure(cid, courses, have):
    """Course ``cid`` plus its transitive prerequisites not in ``have``."""
    out, stack = set(), [cid]
    while stack:
        c = stack.pop()
        if c in have or c in out or c not in courses:
            continue
        out.add(c)
        stack.extend(courses[c].prereq_ids)
    return out


def plan_path(gap, courses, done_ids=(), scores=None, forced_ids=(), ranking_weight=0.5):
    """Plan the path.

    gap: ``{skill_id: GapItem}`` (see gap.py). courses: ``{id: Course}`` of the
    active catalogue. done_ids: courses the employee finished (never proposed,
    satisfy prerequisites). scores: ``{course_id: ranker score}`` (any scale).
    forced_ids: courses already in progress (kept in the path).
    """
    scores = scores or {}
    done = set(done_ids)
    _check_cycles(courses)
    current = {s: g.current for s, g in gap.items()}

    # Effective target: the job's target, or the best level the catalogue offers.
    eff_target, uncovered = {}, {}
    for s, g in gap.items():
        best = max((c.teaches.get(s, 0) for cid, c in courses.items() if cid not in done and s in c.teaches),
                   default=0)
        if best >= g.target:
            eff_target[s] = g.target
        else:
            uncovered[s] = best
            if best > g.current:
                eff_target[s] = best

    def covers(cid):
        teaches = courses[cid].teaches
        return {s for s, t in eff_target.items() if teaches.get(s, 0) >= t}

    vals = [v for c, v in scores.items() if c in courses and c not in done]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 0.0)

    def weight(cid):
        if hi - lo < 1e-12:
            return 1.0
        return 1.0 + ranking_weight * min(max((scores.get(cid, lo) - lo) / (hi - lo), 0.0), 1.0)

    selected = set()
    for f in forced_ids:
        if f in courses and f not in done:
            selected |= _closure(f, courses, done | selected)
    forced = set(selected)
    covered = set().union(*(covers(c) for c in selected)) if selected else set()
    need = set(eff_target)

    candidates = [cid for cid in courses if cid not in done and covers(cid)]
    while need - covered:
        best, best_key = None, None
        for cid in candidates:
            if cid in selected:
                continue
            clos = _closure(cid, courses, done | selected)
            gain = set().union(*(covers(c) for c in clos)) & (need - covered)
            if not gain:
                continue
            cost = max(sum(courses[c].hours for c in clos), EPS_HOURS)
            key = (weight(cid) * len(gain) / cost, scores.get(cid, 0.0), -cost, -cid)
            if best_key is None or key > best_key:
                best, best_key = clos, key
        if best is None:  # cannot happen: eff_target only holds reachable skills
            break
        selected |= best
        for c in best:
            covered |= covers(c)

    # Prune: drop courses whose removal keeps the coverage and the prerequisites.
    def valid(sel):
        cov = set().union(*(covers(c) for c in sel)) if sel else set()
        if not need <= cov:
            return False
        return all(p in sel or p in done or p not in courses for c in sel for p in courses[c].prereq_ids)

    changed = True
    while changed:
        changed = False
        for cid in sorted(selected - forced, key=lambda c: (-courses[c].hours, scores.get(c, 0.0), c)):
            if valid(selected - {cid}):
                selected.discard(cid)
                changed = True
                break

    order = _topological(selected, courses, gap, scores, forced)
    steps, progress = [], dict(current)
    for cid in order:
        c = courses[cid]
        step = Step(cid, c.hours, forced=cid in forced)
        for s, reach in sorted(c.teaches.items()):
            if s in gap and reach > progress.get(s, 0):
                step.raises[s] = (progress.get(s, 0), reach)
                if s in eff_target and progress.get(s, 0) < eff_target[s] <= reach:
                    step.closes.append(s)
                progress[s] = reach
        steps.append(step)
    by_id = {st.course_id: st for st in steps}
    for cid in order:
        for p in _closure(cid, courses, done) - {cid}:
            if p in by_id:
                by_id[p].prereq_of.append(cid)
    return PathPlan(steps, uncovered, float(sum(st.hours for st in steps)))


def _reaches(a, b, edges):
    stack, seen = [a], set()
    while stack:
        x = stack.pop()
        if x == b:
            return True
        if x in seen:
            continue
        seen.add(x)
        stack.extend(edges.get(x, ()))
    return False


def _topological(selected, courses, gap, scores, forced):
    edges = {c: set() for c in selected}
    indeg = {c: 0 for c in selected}

    def add(a, b):
        if a != b and b not in edges[a] and not _reaches(b, a, edges):
            edges[a].add(b)
            indeg[b] += 1

    # Prerequisites first (transitive, through courses not in the path).
    for c in selected:
        for p in _closure(c, courses, set()) - {c}:
            if p in selected:
                add(p, c)
    # Level progression per gap skill: lower level reached first.
    for s in gap:
        teaching = sorted((courses[c].teaches[s], c) for c in selected if s in courses[c].teaches)
        for (la, a), (lb, b) in zip(teaching, teaching[1:]):
            if la < lb:
                add(a, b)

    def key(c):
        levels = [courses[c].teaches[s] for s in courses[c].teaches if s in gap]
        return (0 if c in forced else 1, min(levels) if levels else 0, -scores.get(c, 0.0), courses[c].hours, c)

    heap = [(key(c), c) for c in selected if indeg[c] == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        _k, c = heapq.heappop(heap)
        order.append(c)
        for b in edges[c]:
            indeg[b] -= 1
            if indeg[b] == 0:
                heapq.heappush(heap, (key(b), b))
    return order


def describe_step(step, skill_name, level_name, course_name):
    """One line saying why the step is in the path.

    skill_name(skill_id) -> str; level_name(skill_id, progress) -> str;
    course_name(course_id) -> str.
    """
    parts = []
    closes = set(step.closes)
    for s, (frm, to) in step.raises.items():
        verb = "Closes" if s in closes else "Raises"
        start = level_name(s, frm) if frm > 0 else "none"
        parts.append("%s %s (%s → %s)" % (verb, skill_name(s), start, level_name(s, to)))
    if step.prereq_of:
        parts.append("prerequisite of %s" % ", ".join(course_name(c) for c in step.prereq_of))
    line = "; ".join(parts) or "In progress"
    return line[0].upper() + line[1:]
