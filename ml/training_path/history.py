"""Turn a company's training history into ranking events.

An event is "at this moment, with these skills and these courses done, the
employee took course X next". States come from the skill logs of hr_skills
(dated levels); the skills gained after a course weight its event. Pure
Python, shared by the Odoo side (tests) and the trainer.
"""
import datetime
from dataclasses import dataclass

from .gap import compute_gap

GAIN_WINDOW_DAYS = 60


@dataclass
class Event:
    employee_id: int
    course_id: int
    date: str
    gap: dict
    held: dict
    done: tuple
    weight: float


def _d(value):
    return datetime.date.fromisoformat(str(value)[:10])


def held_at(logs, day):
    """Progress per skill from the logs dated strictly before ``day``."""
    held = {}
    for log in sorted(logs, key=lambda lg: (_d(lg["date"]), lg.get("id", 0))):
        if _d(log["date"]) < day:
            held[int(log["skill_id"])] = int(log["progress"])
    return held


def build_events(employees, courses):
    """employees: list of dicts ``{"id", "expected": {skill: target}, "done": [{"course_id",
    "date", "seq"}], "logs": [{"skill_id", "progress", "date"}]}``; courses: ``{id: Course}``."""
    events = []
    for emp in employees:
        expected = {int(k): int(v) for k, v in emp["expected"].items()}
        done_steps = sorted(emp["done"], key=lambda d: (_d(d["date"]), d.get("seq", 0)))
        logs = emp.get("logs", [])
        for i, step in enumerate(done_steps):
            cid = int(step["course_id"])
            if cid not in courses:
                continue
            day = _d(step["date"])
            held = held_at(logs, day)
            gap = compute_gap(expected, held)
            done_before = tuple(int(d["course_id"]) for d in done_steps[:i])
            end = day + datetime.timedelta(days=GAIN_WINDOW_DAYS)
            gained = any(
                int(lg["skill_id"]) in courses[cid].teaches and day <= _d(lg["date"]) <= end
                and int(lg["progress"]) > held.get(int(lg["skill_id"]), 0)
                for lg in logs
            )
            events.append(Event(int(emp["id"]), cid, day.isoformat(), gap, held, done_before,
                                1.0 if gained else 0.5))
    return events
