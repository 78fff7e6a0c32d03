"""Skill gap between a target job and an employee.

Levels are expressed as ``level_progress`` (0-100, as in hr_skills): an
employee "has" a skill at the progress of their level, a job expects a
progress per skill. Pure Python so Odoo and the trainer share it.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class GapItem:
    skill_id: int
    current: int   # progress the employee holds now (0 = does not have the skill)
    target: int    # progress the job expects



def compute_gap(expected, held):
    """Return the gap as ``{skill_id: GapItem}``.

    expected: ``{skill_id: target_progress}`` from the target job.
    held: ``{skill_id: progress}`` of the employee.
    A skill is in the gap when the employee's progress is below the target;
    skills the employee holds but the job does not ask for are ignored.
    """
    gap = {}
    for skill_id, target in expected.items():
        target = int(target or 0)
        if skill_id not in held:
            # Not held at all: even a job expectation at progress 0 is a gap.
            gap[skill_id] = GapItem(skill_id, 0, max(target, 1))
        elif int(held[skill_id] or 0) < target:
            gap[skill_id] = GapItem(skill_id, int(held[skill_id] or 0), target)
    return gap


def target_progress(levels, wanted):
    """Pick the level a job expects when Odoo gives no level for it.

    levels: progress values of the skill type's levels. Returns the lowest
    level at or above ``wanted`` (so 80 -> "Advanced" on a 0/25/50/80/100
    scale), or the highest level when none reaches it.
    """
    levels = sorted(int(x) for x in levels)
    if not levels:
        return int(wanted)
    for value in levels:
        if value >= wanted:
            return value
    return levels[-1]
