"""Gap computation and path ordering rules (pure Python, no Odoo)."""
import itertools
import random

import pytest

from ml.training_path.gap import GapItem, compute_gap, target_progress
from ml.training_path.ordering import Course, PrerequisiteCycleError, describe_step, plan_path


def test_gap_missing_lower_and_met_skills():
    gap = compute_gap({1: 80, 2: 80, 3: 50, 4: 0}, {2: 50, 3: 80, 9: 100})
    assert set(gap) == {1, 2, 4}
    assert gap[1] == GapItem(1, 0, 80)      # not held at all
    assert gap[2] == GapItem(2, 50, 80)     # held below target
    assert gap[4].current == 0 and gap[4].target >= 1  # expected without level: must be held
    assert compute_gap({1: 80}, {1: 80}) == {}
    assert compute_gap({}, {1: 10}) == {}


def test_target_progress_picks_lowest_level_reaching_wanted():
    assert target_progress([0, 25, 50, 80, 100], 80) == 80
    assert target_progress([10, 60, 90], 80) == 90
    assert target_progress([10, 60], 80) == 60
    assert target_progress([], 70) == 70


def _ids(plan):
    return [s.course_id for s in plan.steps]


def test_prerequisites_come_first_and_are_justified():
    courses = {
        1: Course(1, 6, {10: 50}, (), "Python basics"),
        2: Course(2, 12, {10: 80}, (1,), "Advanced Python"),
        3: Course(3, 3, {11: 50}, (), "Unrelated"),
    }
    gap = compute_gap({10: 80}, {})
    # Even when the ranker prefers the advanced course, its prerequisite goes first.
    plan = plan_path(gap, courses, scores={2: 5.0, 1: -5.0, 3: 9.0})
    assert _ids(plan) == [1, 2]
    assert plan.steps[0].prereq_of == [2]
    assert plan.steps[1].closes == [10]
    assert plan.hours == 18
    line = describe_step(plan.steps[0], lambda s: "Python", lambda s, p: "L%d" % p,
                         lambda c: courses[c].name)
    assert "prerequisite of Advanced Python" in line and "Raises Python" in line


def test_transitive_prerequisite_not_teaching_gap_skill():
    courses = {
        1: Course(1, 2, {99: 50}, (), "Intro to computing"),
        2: Course(2, 5, {10: 50}, (1,), "Basics"),
        3: Course(3, 8, {10: 80}, (2,), "Advanced"),
    }
    plan = plan_path(compute_gap({10: 80}, {}), courses)
    assert _ids(plan) == [1, 2, 3]
    assert 3 in plan.steps[0].prereq_of and not plan.steps[0].raises


def test_done_courses_satisfy_prerequisites_and_are_not_proposed():
    courses = {1: Course(1, 6, {10: 50}), 2: Course(2, 12, {10: 80}, (1,))}
    plan = plan_path(compute_gap({10: 80}, {10: 50}), courses, done_ids={1})
    assert _ids(plan) == [2]


def test_basic_before_advanced_without_prerequisite_link():
    courses = {
        1: Course(1, 10, {10: 80}, (), "Advanced A"),
        2: Course(2, 5, {10: 50, 11: 50}, (), "Basics A+B"),
    }
    gap = compute_gap({10: 80, 11: 50}, {})
    plan = plan_path(gap, courses, scores={1: 10.0, 2: 0.0})
    assert _ids(plan) == [2, 1]
    assert plan.steps[0].closes == [11] and plan.steps[1].closes == [10]


def test_fewest_hours_prefers_cheaper_combination():
    gap = compute_gap({1: 50, 2: 50}, {})
    big = {1: Course(1, 20, {1: 50, 2: 50}), 2: Course(2, 5, {1: 50}), 3: Course(3, 6, {2: 50})}
    assert sorted(_ids(plan_path(gap, big))) == [2, 3]
    cheap_big = {1: Course(1, 8, {1: 50, 2: 50}), 2: Course(2, 5, {1: 50}), 3: Course(3, 6, {2: 50})}
    assert _ids(plan_path(gap, cheap_big)) == [1]


def test_redundant_course_is_pruned():
    gap = compute_gap({1: 50, 2: 50, 3: 50, 4: 50}, {})
    courses = {
        1: Course(1, 1.0, {2: 50, 3: 50}, (), "M"),    # greedy picks it first
        2: Course(2, 1.2, {1: 50, 2: 50}, (), "L"),
        3: Course(3, 1.2, {3: 50, 4: 50}, (), "R"),
    }
    plan = plan_path(gap, courses)
    assert sorted(_ids(plan)) == [2, 3]
    assert plan.hours == pytest.approx(2.4)


def test_ranking_only_tilts_between_equal_cost_options():
    gap = compute_gap({1: 50}, {})
    courses = {1: Course(1, 5, {1: 50}), 2: Course(2, 5, {1: 50}), 3: Course(3, 50, {1: 50})}
    assert _ids(plan_path(gap, courses, scores={1: 0.1, 2: 0.9, 3: 1.0})) == [2]
    assert _ids(plan_path(gap, courses, scores={1: 0.9, 2: 0.1, 3: 1.0})) == [1]


def test_uncovered_and_partial_gap():
    courses = {1: Course(1, 4, {10: 50})}
    plan = plan_path(compute_gap({10: 80, 11: 50}, {}), courses)
    assert _ids(plan) == [1]
    assert plan.uncovered == {10: 50, 11: 0}
    assert plan.steps[0].closes == [10]  # closes what the catalogue can reach
    assert plan_path(compute_gap({11: 50}, {}), courses).steps == []


def test_no_gap_gives_empty_plan():
    plan = plan_path({}, {1: Course(1, 4, {10: 50})})
    assert plan.steps == [] and plan.hours == 0 and plan.uncovered == {}


def test_in_progress_course_is_kept_first():
    courses = {1: Course(1, 4, {10: 50}), 2: Course(2, 30, {11: 50})}
    plan = plan_path(compute_gap({10: 50}, {}), courses, forced_ids=[2])
    assert _ids(plan) == [2, 1] and plan.steps[0].forced


def test_prerequisite_cycle_is_a_clear_error():
    courses = {1: Course(1, 4, {10: 50}, (2,), "A"), 2: Course(2, 4, {10: 80}, (1,), "B")}
    with pytest.raises(PrerequisiteCycleError, match="A -> B -> A|B -> A -> B"):
        plan_path(compute_gap({10: 80}, {}), courses)


@pytest.mark.parametrize("seed", range(25))
def test_random_catalogues_respect_every_rule(seed):
    rng = random.Random(seed)
    skills = list(range(1, 7))
    courses = {}
    for cid in range(1, 13):
        teaches = {s: rng.choice([25, 50, 80, 100]) for s in rng.sample(skills, rng.randint(1, 3))}
        prereqs = tuple(p for p in range(1, cid) if rng.random() < 0.15)
        courses[cid] = Course(cid, rng.choice([2, 4, 8, 16]), teaches, prereqs, "C%d" % cid)
    held = {s: rng.choice([25, 50]) for s in rng.sample(skills, 2)}
    expected = {s: rng.choice([50, 80]) for s in rng.sample(skills, 4)}
    gap = compute_gap(expected, held)
    done = {c for c in courses if rng.random() < 0.1}
    scores = {c: rng.random() for c in courses}
    plan = plan_path(gap, courses, done_ids=done, scores=scores)
    order = _ids(plan)
    pos = {c: i for i, c in enumerate(order)}
    assert len(order) == len(set(order)) and not set(order) & done
    # prerequisites first (all of them present or done)
    for c in order:
        for p in courses[c].prereq_ids:
            assert p in done or (p in pos and pos[p] < pos[c])
    # every step raises a gap skill or is a prerequisite of a later step
    for st in plan.steps:
        assert st.raises or st.prereq_of
    # level progression per skill, unless a prerequisite (or the progression of
    # another gap skill taught by both) forces the other way
    for s in gap:
        teaching = [c for c in order if s in courses[c].teaches]
        for a, b in itertools.combinations(teaching, 2):
            if courses[a].teaches[s] > courses[b].teaches[s]:
                conflict = any(courses[a].teaches[t] < courses[b].teaches.get(t, -1)
                               for t in courses[a].teaches if t in gap)
                assert _requires(courses, b, a) or conflict, (s, a, b, order)
    # reachable gap covered; no step can be dropped (irredundant)
    reach = {s: max([courses[c].teaches.get(s, 0) for c in courses if c not in done] + [0]) for s in gap}
    def covered(sel):
        best = dict(held)
        for c in sel:
            for s, r in courses[c].teaches.items():
                best[s] = max(best.get(s, 0), r)
        return all(best.get(s, 0) >= min(g.target, max(reach[s], g.current)) for s, g in gap.items())
    assert covered(order)
    for c in order:
        rest = [x for x in order if x != c]
        prereq_ok = all(p in done or p in rest for x in rest for p in courses[x].prereq_ids)
        assert not (covered(rest) and prereq_ok), "course %s is redundant in %s" % (c, order)


def _requires(courses, a, b):
    """b is a (transitive) prerequisite of a."""
    stack = list(courses[a].prereq_ids)
    while stack:
        x = stack.pop()
        if x == b:
            return True
        stack.extend(courses[x].prereq_ids)
    return False
