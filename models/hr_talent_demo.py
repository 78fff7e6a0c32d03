"""Deterministic demo data for Talent AI.

``build_plan()`` is pure Python (no Odoo): from one seed it decides every job, applicant,
CV, employee, course, training step and feedback comment. ``hr.talent.demo._load_demo()``
turns that plan into records with batched ORM creates, then trains and activates the
default models. Keeping the plan pure lets the tests re-derive the latent fit of every
applicant and check that outcomes follow it, and that names never change an outcome.
"""

import contextlib
import io
import logging
import math
import random
import time
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from ..demo.data import courses as courses_data
from ..demo.data import feedback as feedback_data
from ..demo.data import jobs as jobs_data
from ..demo.data import reviews as reviews_data

_logger = logging.getLogger(__name__)

SEED = 42
MODULE = "hr_talent_ai"
APPLICANTS_PER_JOB = 80
IN_PROGRESS_PER_JOB = 6
EMPLOYEES_PER_JOB = (6, 7)
LEVEL_PROGRESS = dict(jobs_data.LEVELS)
LEVEL_ORDER = [name for name, _progress in jobs_data.LEVELS]
PDF_SHARE = 0.45
# Outcome model: hire probability is a logistic function of the latent fit plus noise.
HIRE_THRESHOLD = 0.55
HIRE_SLOPE = 14.0
LATENT_NOISE = 0.07
DECLINED_SHARE = 0.08  # would-be hires who turned the offer down ("Refused by applicant")

ARCHETYPES = [  # (name, weight, did range, skill prob, levels, years range, relevant share)
    ("doer", 0.25, (4, 5), 0.85, ("Intermediate", "Advanced", "Expert"), (3, 12), 1.0),
    ("partial", 0.30, (2, 3), 0.55, ("Beginner", "Intermediate", "Advanced"), (1, 8), 0.8),
    ("trap", 0.20, (0, 1), 0.15, ("Beginner", "Intermediate"), (2, 14), 0.1),
    ("keyword", 0.10, (0, 1), 0.20, ("Beginner",), (0, 3), 0.5),
    ("offfield", 0.15, (0, 0), 0.05, ("Beginner",), (2, 15), 0.0),
]
TRAP_ROLE = {
    "studied": "Recent graduate",
    "aspires": "Career changer",
    "managed": "Department manager",
    "recruited": "Technical recruiter",
    "tested": "QA analyst",
    "audited": "Internal auditor",
}


def _rng(seed, stream):
    """Independent deterministic stream per section (str seeds hash with sha512)."""
    return random.Random(f"{seed}:{stream}")


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def latent_fit(did_count, n_requirements, skill_levels, n_job_skills, relevant_years):
    """Latent fit in [0, 1]: work done on the requirements, skill levels, relevant years.

    skill_levels: {skill name: level name} of the candidate's *true* skills among the
    job's expected skills. Never depends on the name or any personal attribute.
    """
    work = did_count / n_requirements
    skills = sum(LEVEL_PROGRESS[lvl] for lvl in skill_levels.values()) / (100.0 * n_job_skills)
    years = min(relevant_years / 8.0, 1.0)
    return 0.55 * work + 0.25 * skills + 0.20 * years


# ---------------------------------------------------------------------------------------
# pure plan
# ---------------------------------------------------------------------------------------
def _plan_applicants(seed):
    rng = _rng(seed, "applicants")
    applicants = []
    for job in jobs_data.JOBS:
        reqs = job["requirements"]
        job_skills = [s for _t, s in job["skills"]]
        in_progress = set(rng.sample(range(APPLICANTS_PER_JOB), IN_PROGRESS_PER_JOB))
        for idx in range(APPLICANTS_PER_JOB):
            arch = rng.choices(ARCHETYPES, weights=[a[1] for a in ARCHETYPES])[0]
            name, _w, did_range, skill_p, levels, years_range, relevant_share = arch
            did_count = rng.randint(*did_range)
            did = sorted(rng.sample(range(len(reqs)), did_count))
            years = rng.randint(*years_range)
            relevant_years = round(years * relevant_share)
            if name == "doer":
                relevant_years = max(relevant_years, job["min_years"] - rng.randint(0, 1))
            skills = {}
            for skill in job_skills:
                if rng.random() < skill_p:
                    skills[skill] = rng.choice(levels)
            # trap sentences: the job's words without the work
            traps = []
            not_done = [i for i in range(len(reqs)) if i not in did]
            trap_kind = None
            if name == "trap":
                trap_kind = rng.choice(jobs_data.TRAP_KINDS)
                n_traps = rng.randint(3, min(5, len(not_done)))
            elif name == "partial":
                n_traps = rng.choice([0, 0, 1])
            else:
                n_traps = 0
            for req_i in rng.sample(not_done, n_traps):
                kind = trap_kind if (trap_kind and rng.random() < 0.7) else rng.choice(jobs_data.TRAP_KINDS)
                template = rng.choice(jobs_data.TRAP_TEMPLATES[kind])
                traps.append((kind, template.format(topic=reqs[req_i]["topic"])))
            did_lines = [rng.choice(reqs[i]["did"]) for i in did]
            latent = latent_fit(len(did), len(reqs), skills, len(job_skills), relevant_years)
            observed = latent + rng.gauss(0.0, LATENT_NOISE)
            if idx in in_progress:
                outcome = "in_progress"
            else:
                hired = rng.random() < _sigmoid((observed - HIRE_THRESHOLD) * HIRE_SLOPE)
                outcome = "hired" if hired else "refused"
                if hired and rng.random() < DECLINED_SHARE:
                    outcome = "declined"  # refused by the applicant
            # CV layout choices
            claimed = list(job_skills) if name in ("trap", "keyword") else list(skills)
            extra_claims = rng.sample(job_skills, k=min(2, len(job_skills))) if name == "keyword" else []
            off_role = rng.choice(jobs_data.OFF_FIELD_ROLES)
            generic = rng.sample(jobs_data.GENERIC_LINES, rng.randint(1, 3))
            companies = rng.sample(jobs_data.COMPANIES, 3)
            degree = (rng.choice(jobs_data.DEGREES), rng.choice(jobs_data.SCHOOLS), 2024 - years - rng.randint(0, 3))
            applicants.append({
                "key": f"{job['key']}_{idx:03d}",
                "job_key": job["key"],
                "archetype": name,
                "did": did,
                "did_lines": did_lines,
                "traps": traps,
                "trap_kind": trap_kind,
                "years": years,
                "relevant_years": relevant_years,
                "skills": skills,
                "claimed_skills": sorted(set(claimed) | set(extra_claims), key=job_skills.index),
                "latent": latent,
                "observed": observed,
                "outcome": outcome,
                "off_role": off_role,
                "generic": generic,
                "companies": companies,
                "degree": degree,
                "pdf": rng.random() < PDF_SHARE,
                "with_skills": rng.random() < 0.65,
                "stage_roll": rng.random(),
                "days_ago": rng.randint(5, 700) if outcome != "in_progress" else rng.randint(1, 40),
                "close_after": rng.randint(10, 60),
            })
    return applicants


def _cv_body(app, job):
    """CV text without the header (name): the part every feature may read."""
    did_lines, traps = app["did_lines"], [t for _k, t in app["traps"]]
    arch = app["archetype"]
    if arch in ("doer", "partial"):
        title = job["name"]
    elif arch == "trap":
        title = TRAP_ROLE[app["trap_kind"]]
    elif arch == "keyword":
        title = f"Motivated {job['name']}"
    else:
        title = app["off_role"][0]
    years = app["years"]
    plural = "s" if years != 1 else ""
    if arch in ("doer", "partial") and app["relevant_years"] < years:
        summary = (f"{title} with {app['relevant_years']} years of hands-on experience in the role "
                   f"({years} year{plural} of professional experience in total).")
    else:
        summary = f"{title} with {years} year{plural} of professional experience."
    lines = ["PROFILE", summary]
    lines.append("")
    lines.append("EXPERIENCE")
    c1, c2, c3 = app["companies"]
    if arch == "offfield":
        lines.append(f"{app['off_role'][0]}, {c1}")
        lines.append(f"- {app['off_role'][1]}")
    else:
        first = did_lines[: (len(did_lines) + 1) // 2]
        second = did_lines[(len(did_lines) + 1) // 2:]
        lines.append(f"{title}, {c1}")
        lines.extend(f"- {s}" for s in first + traps[:2])
        if second or traps[2:]:
            lines.append(f"{title}, {c2}")
            lines.extend(f"- {s}" for s in second + traps[2:])
    lines.append(f"Earlier roles, {c3}")
    lines.extend(f"- {s}" for s in app["generic"])
    lines.append("")
    if app["claimed_skills"]:
        lines.append("SKILLS")
        lines.append(", ".join(app["claimed_skills"]))
        lines.append("")
    degree, school, year = app["degree"]
    lines.append("EDUCATION")
    lines.append(f"{degree}, {school}, {year}")
    return "\n".join(lines)


def _plan_names(name_seed, count):
    rng = _rng(name_seed, "names")
    return [(rng.choice(jobs_data.FIRST_NAMES), rng.choice(jobs_data.LAST_NAMES)) for _i in range(count)]


def _courses_by_key():
    return {c[0]: c for c in courses_data.COURSES}


def _order_with_prereqs(keys, by_key):
    """Course keys ordered so prerequisites come first (only those in ``keys``)."""
    ordered, seen = [], set()

    def visit(k):
        if k in seen:
            return
        seen.add(k)
        for p in by_key[k][5]:
            if p in keys:
                visit(p)
        ordered.append(k)

    for k in keys:
        visit(k)
    return ordered


def _plan_employees(seed, name_seed):
    rng = _rng(seed, "employees")
    names = _rng(name_seed, "employee-names")
    by_key = _courses_by_key()
    employees = []
    for job in jobs_data.JOBS:
        for idx in range(rng.randint(*EMPLOYEES_PER_JOB)):
            start = {}
            for skill_type, skill in job["skills"]:
                r = rng.random()
                if r < 0.25:
                    continue  # gap: skill missing
                start[(skill_type, skill)] = rng.choices(LEVEL_ORDER, weights=[3, 4, 3, 1])[0]
            # one or two skills outside the job
            other_pool = [(t, s) for t, skills in jobs_data.SKILL_TYPES.items() for s in skills
                          if (t, s) not in job["skills"]]
            for ts in rng.sample(other_pool, rng.randint(1, 2)):
                start[ts] = rng.choice(LEVEL_ORDER[:3])
            # training history: courses that close the job gap, prerequisites first
            wanted = []
            for key, course in by_key.items():
                for t, s, lvl in course[4]:
                    have = LEVEL_ORDER.index(start[(t, s)]) if (t, s) in start else -1
                    if (t, s) in job["skills"] and have < LEVEL_ORDER.index(lvl) <= 2 and key not in wanted:
                        wanted.append(key)
            rng.shuffle(wanted)
            wanted.sort(key=lambda k: (LEVEL_ORDER.index(max((c[2] for c in by_key[k][4]), key=LEVEL_ORDER.index)), by_key[k][3]))
            path = _order_with_prereqs(wanted, by_key)
            n_done = min(len(path), rng.choice([0, 1, 1, 2, 2, 3, 4]))
            steps = []
            current = dict(start)
            for i, key in enumerate(path[: n_done + 1]):
                status = "done" if i < n_done else ("in_progress" if rng.random() < 0.5 else None)
                if not status:
                    break
                gained = []
                if status == "done":
                    for t, s, lvl in by_key[key][4]:
                        before = current.get((t, s))
                        if before is None or LEVEL_ORDER.index(lvl) > LEVEL_ORDER.index(before):
                            current[(t, s)] = lvl
                            gained.append((t, s, lvl))
                steps.append({"course": key, "status": status, "gained": gained,
                              "days_ago": 540 - i * rng.randint(60, 120) if status == "done" else 10,
                              "gain_delay": rng.randint(3, 40)})
            employees.append({
                "key": f"{job['key']}_{idx:02d}",
                "job_key": job["key"],
                "department": job["department"],
                "name": f"{names.choice(jobs_data.FIRST_NAMES)} {names.choice(jobs_data.LAST_NAMES)}",
                "skills": current,
                "start_skills": start,
                "steps": steps,
                "hired_days_ago": rng.randint(600, 2000),
            })
    return employees


def _plan_feedback(seed, employees):
    """Comments over 12 months; tones are assigned by quota per department and month so
    the configured drift shows exactly (random sampling would blur it on ~50 comments)."""
    rng = _rng(seed, "feedback")
    fb = feedback_data
    rows, groups = [], {}
    for emp_index, emp in enumerate(employees):
        for _i in range(rng.randint(20, 30)):
            days_ago = rng.randint(0, 364)
            month = 11 - min(days_ago // 31, 11)
            row = {"employee": emp_index, "days_ago": days_ago, "month": month}
            rows.append(row)
            groups.setdefault((emp["department"], month), []).append(row)
    for (dept, month), group in sorted(groups.items()):
        p0, p1, n0, n1 = fb.TONE_TRAJECTORY[dept]
        t = month / 11.0
        p_pos, p_neg = p0 + (p1 - p0) * t, n0 + (n1 - n0) * t
        if dept == "Sales" and month >= fb.SALES_REORG_MONTH:
            p_neg, p_pos = min(p_neg + 0.12, 0.9), max(p_pos - 0.08, 0.05)
        n = len(group)
        n_pos, n_neg = round(p_pos * n), round(p_neg * n)
        n_mixed = round(0.3 * (n - n_pos - n_neg))
        tones = ["positive"] * n_pos + ["negative"] * n_neg + ["mixed"] * n_mixed
        tones += ["neutral"] * (n - len(tones))
        rng.shuffle(tones)
        for row, tone in zip(group, tones):
            row["tone"] = tone
    for row in rows:
        dept, tone = employees[row["employee"]]["department"], row["tone"]
        topics = fb.DEPARTMENT_TOPICS[dept]
        source = rng.choices([s for s, _w in fb.SOURCES], weights=[w for _s, w in fb.SOURCES])[0]
        if tone == "mixed":
            sentences = [rng.choice(fb.GENERIC["mixed"])]
        else:
            pool_dept, pool_gen = topics[tone], fb.GENERIC[tone]
            sentences = [rng.choice(pool_dept) if rng.random() < 0.5 else rng.choice(pool_gen)]
            if rng.random() < 0.45:
                extra = rng.choice(pool_gen + pool_dept)
                if extra not in sentences:
                    sentences.append(extra)
        if source == "exit":
            sentences.insert(0, rng.choice(fb.EXIT_LINES))
        row.update(source=source, body=" ".join(sentences))
    return rows


def build_plan(seed=SEED, name_seed=None):
    """The whole demo as plain data. ``name_seed`` only changes names (default: seed)."""
    name_seed = seed if name_seed is None else name_seed
    applicants = _plan_applicants(seed)
    names = _plan_names(name_seed, len(applicants))
    jobs = {j["key"]: j for j in jobs_data.JOBS}
    for app, (first, last) in zip(applicants, names):
        app["name"] = f"{first} {last}"
        app["cv_body"] = _cv_body(app, jobs[app["job_key"]])
    employees = _plan_employees(seed, name_seed)
    return {
        "jobs": jobs_data.JOBS,
        "applicants": applicants,
        "employees": employees,
        "feedback": _plan_feedback(seed, employees),
        "courses": courses_data.COURSES,
    }


def _pdf_bytes(title, text):
    """Render a simple one-column PDF CV with reportlab (shipped with Odoo)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)  # invariant: byte-identical output
    pdf.setTitle(title)
    width, height = A4
    y = height - 60
    pdf.setFont("Helvetica-Bold", 16)
    for i, line in enumerate(text.split("\n")):
        if i == 1:
            pdf.setFont("Helvetica", 10)
        # wrap long lines at ~95 characters, on word boundaries
        chunks, cur = [], ""
        for word in line.split(" "):
            if cur and len(cur) + len(word) + 1 > 95:
                chunks.append(cur)
                cur = "  " + word
            else:
                cur = f"{cur} {word}" if cur else word
        chunks.append(cur)
        for chunk in chunks:
            if y < 60:
                pdf.showPage()
                pdf.setFont("Helvetica", 10)
                y = height - 60
            # trailing space: Odoo's pdfminer indexation (no layout analysis) drops line breaks
            pdf.drawString(50, y, chunk + " ")
            y -= 14 if i else 22
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@contextlib.contextmanager
def _commits_deferred(cr):
    """Scheduled actions commit per batch to be resumable. Inside the module install the
    demo runs in Odoo's demo savepoint, which a commit would destroy: here their batch
    commits become flushes and the install transaction commits everything at its end."""
    had_own = "commit" in vars(cr)
    previous = vars(cr).get("commit")
    cr.commit = cr.flush
    try:
        yield
    finally:
        if had_own:
            cr.commit = previous
        else:
            del cr.commit


# ---------------------------------------------------------------------------------------
# Odoo loader
# ---------------------------------------------------------------------------------------
class HrTalentDemo(models.AbstractModel):
    """Deterministic demo data generator, called from demo XML."""

    _name = "hr.talent.demo"
    _description = "Talent AI demo data"

    # -- helpers -------------------------------------------------------------------------
    def _add_xmlids(self, model, prefix, key_to_id):
        self.env["ir.model.data"].sudo().create([
            {"module": MODULE, "name": f"{prefix}{key}", "model": model, "res_id": res_id, "noupdate": True}
            for key, res_id in key_to_id.items()
        ])

    @staticmethod
    def _only_existing(model, vals_list):
        """Keep the keys that are fields of ``model`` (features merged at different times)."""
        names = model._fields
        return [{k: v for k, v in vals.items() if k in names} for vals in vals_list]

    # -- sections ------------------------------------------------------------------------
    def _demo_skills(self):
        """Skill types (reusing hr_skills' by name), levels mapped to the canonical four, skills."""
        Type, Level, Skill = self.env["hr.skill.type"], self.env["hr.skill.level"], self.env["hr.skill"]
        skills, levels = {}, {}
        for type_name, skill_names in jobs_data.SKILL_TYPES.items():
            stype = Type.with_context(active_test=False).search([("name", "=", type_name)], limit=1)
            if not stype:
                stype = Type.create({"name": type_name})
            if not stype.skill_level_ids:
                Level.create([{"skill_type_id": stype.id, "name": n, "level_progress": p,
                               "default_level": n == "Beginner"} for n, p in jobs_data.LEVELS])
            type_levels = stype.skill_level_ids
            for name, progress in jobs_data.LEVELS:
                same = type_levels.filtered(lambda lv, name=name: lv.name.lower() == name.lower())[:1]
                levels[(type_name, name)] = same or min(
                    type_levels, key=lambda lv, p=progress: (abs(lv.level_progress - p), -lv.level_progress))
            existing = {s.name.lower(): s for s in stype.skill_ids}
            missing = [n for n in skill_names if n.lower() not in existing]
            for skill in Skill.create([{"name": n, "skill_type_id": stype.id} for n in missing]):
                existing[skill.name.lower()] = skill
            for n in skill_names:
                skills[(type_name, n)] = existing[n.lower()]
        return skills, levels

    def _demo_departments(self):
        Dept = self.env["hr.department"]
        result = {}
        for name in jobs_data.DEPARTMENTS:
            dept = Dept.search([("name", "=", name), ("company_id", "in", [False, self.env.company.id])], limit=1)
            result[name] = dept or Dept.create({"name": name})
        return result

    def _demo_jobs(self, skills, depts):
        vals_list = []
        for job in jobs_data.JOBS:
            html = Markup("<p>%s</p><h3>Responsibilities</h3><ul>%s</ul><h3>Requirements</h3><ul>%s</ul>") % (
                job["intro"],
                Markup("").join(Markup("<li>%s</li>") % r for r in job["responsibilities"]),
                Markup("").join(Markup("<li>%s</li>") % r["text"] for r in job["requirements"]),
            )
            vals_list.append({
                "name": job["name"],
                "department_id": depts[job["department"]].id,
                "description": html,
                "requirements": "\n".join(f"- {r['text']}" for r in job["requirements"]),
                "skill_ids": [(6, 0, [skills[ts].id for ts in job["skills"]])],
                "no_of_recruitment": 2,
            })
        jobs = self.env["hr.job"].create(self._only_existing(self.env["hr.job"], vals_list))
        return {job["key"]: rec for job, rec in zip(jobs_data.JOBS, jobs)}

    def _demo_backdate(self, records, dates):
        """Historical applications were created when they were received. The ORM always
        stamps create_date with now, so this one column is set with a single UPDATE."""
        rows = [(rec.id, date) for rec, date in zip(records, dates)]
        records.flush_recordset()
        self.env.cr.execute_values(f"""
            UPDATE "{records._table}" AS t SET create_date = v.d::timestamp
              FROM (VALUES %s) AS v(id, d) WHERE t.id = v.id""", rows)
        records.invalidate_recordset(["create_date"])

    def _demo_stages(self):
        Stage = self.env["hr.recruitment.stage"]
        stages = Stage.search([("job_ids", "=", False)], order="sequence, id")
        hired = stages.filtered("hired_stage")[:1] or Stage.search([("hired_stage", "=", True)], limit=1)
        if not hired:
            hired = Stage.create({"name": "Contract Signed", "sequence": 50, "hired_stage": True, "fold": True})
        open_stages = (stages - stages.filtered("hired_stage")) or Stage.create({"name": "New", "sequence": 0})
        return open_stages, hired

    def _demo_refuse_reasons(self):
        Reason = self.env["hr.applicant.refuse.reason"]
        fit = self.env.ref("hr_recruitment.refuse_reason_1", raise_if_not_found=False) or \
            Reason.create({"name": "Does not fit the job requirements"})
        declined = self.env.ref("hr_recruitment.refuse_reason_8", raise_if_not_found=False) or \
            Reason.create({"name": "Refused by applicant: salary"})
        return fit, declined

    def _demo_applicants(self, plan, jobs, skills, levels):
        now = fields.Datetime.now()
        open_stages, hired_stage = self._demo_stages()
        reason_fit, reason_declined = self._demo_refuse_reasons()
        apps = plan["applicants"]
        cand_vals = []
        for i, app in enumerate(apps):
            first_last = app["name"].lower().replace(" ", ".")
            cand_vals.append({"partner_name": app["name"], "email_from": f"{first_last}.{i}@example.com"})
        candidates = self.env["hr.candidate"].create(cand_vals)
        app_vals = []
        n_open = len(open_stages)
        for app, cand in zip(apps, candidates):
            job = jobs[app["job_key"]]
            applied = now - timedelta(days=app["days_ago"])
            closed = min(applied + timedelta(days=app["close_after"]), now)
            vals = {"candidate_id": cand.id, "job_id": job.id, "department_id": job.department_id.id,
                    "company_id": job.company_id.id or self.env.company.id, "date_open": applied,
                    "date_last_stage_update": applied if app["outcome"] == "in_progress" else closed}
            if app["outcome"] == "hired":
                vals.update(stage_id=hired_stage.id, date_closed=closed)
            elif app["outcome"] in ("refused", "declined"):
                if app["outcome"] == "declined":
                    stage = open_stages[-1]
                else:  # weaker applicants are refused earlier in the pipeline
                    pos = min(int((app["observed"] / 0.8) * n_open * (0.6 + 0.4 * app["stage_roll"])), n_open - 1)
                    stage = open_stages[max(pos, 0)]
                vals.update(stage_id=stage.id, active=False,
                            refuse_reason_id=(reason_declined if app["outcome"] == "declined" else reason_fit).id,
                            refuse_date=closed)
            else:
                vals["stage_id"] = open_stages[min(int(app["stage_roll"] * n_open), n_open - 1)].id
            app_vals.append(vals)
        applicants = self.env["hr.applicant"].create(app_vals)
        self._demo_backdate(applicants, [v["date_open"] for v in app_vals])
        self._demo_backdate(candidates, [v["date_open"] for v in app_vals])
        # candidate skills for part of them: what the recruiter typed from the CV
        cskill_vals = []
        for app, cand in zip(apps, candidates):
            if not app["with_skills"]:
                continue
            job_skill_types = dict((s, t) for t, s in jobs_data.JOBS[[j["key"] for j in jobs_data.JOBS].index(app["job_key"])]["skills"])
            for skill_name in app["claimed_skills"]:
                level = app["skills"].get(skill_name, "Beginner")
                ts = (job_skill_types[skill_name], skill_name)
                cskill_vals.append({"candidate_id": cand.id, "skill_type_id": skills[ts].skill_type_id.id,
                                    "skill_id": skills[ts].id, "skill_level_id": levels[(ts[0], level)].id})
        if cskill_vals and "hr.candidate.skill" in self.env:
            self.env["hr.candidate.skill"].create(cskill_vals)
        # CVs on the candidate, created after the applicants so Odoo does not copy them
        att_vals = []
        for app, cand in zip(apps, candidates):
            text = f"{app['name']}\n{app['cv_body']}\n"
            stem = f"CV_{app['name'].replace(' ', '_')}"
            if app["pdf"]:
                att_vals.append({"name": f"{stem}.pdf", "raw": _pdf_bytes(f"CV {app['name']}", text),
                                 "mimetype": "application/pdf", "res_model": "hr.candidate", "res_id": cand.id})
            else:
                att_vals.append({"name": f"{stem}.txt", "raw": text.encode(), "mimetype": "text/plain",
                                 "res_model": "hr.candidate", "res_id": cand.id})
        self.env["ir.attachment"].create(att_vals)
        self._add_xmlids("hr.candidate", "demo_candidate_", {a["key"]: c.id for a, c in zip(apps, candidates)})
        self._add_xmlids("hr.applicant", "demo_applicant_", {a["key"]: r.id for a, r in zip(apps, applicants)})
        return applicants

    def _demo_courses(self, skills, levels):
        Course = self.env["hr.talent.course"]
        by_key = {}
        vals_list = []
        for key, name, provider, hours, teaches, _prereq, description in courses_data.COURSES:
            provider_name, base_url = courses_data.PROVIDERS[provider]
            vals_list.append({
                "name": name,
                "description": description,
                "provider": provider_name,
                "url": f"{base_url}{key}",
                "duration_hours": hours,
                "skill_ids": [(6, 0, [skills[(t, s)].id for t, s, _lvl in teaches])],
            })
        courses = Course.create(self._only_existing(Course, vals_list))
        for course_def, rec in zip(courses_data.COURSES, courses):
            by_key[course_def[0]] = rec
        if "prerequisite_ids" in Course._fields:
            for key, _n, _p, _h, _t, prereq, _d in courses_data.COURSES:
                if prereq:
                    by_key[key].prerequisite_ids = [(6, 0, [by_key[p].id for p in prereq])]
        self._demo_course_levels(by_key, skills, levels)
        return by_key

    def _demo_course_levels(self, by_key, skills, levels):
        """Level reached per skill: a line model of the training-path feature, when merged."""
        Course = self.env["hr.talent.course"]
        line_field = next((f for f in ("skill_line_ids", "course_skill_ids", "skill_level_ids")
                           if f in Course._fields and Course._fields[f].type == "one2many"), None)
        if not line_field:
            return
        Line = self.env[Course._fields[line_field].comodel_name]
        inverse = Course._fields[line_field].inverse_name
        vals_list = []
        for key, _n, _p, _h, teaches, _pr, _d in courses_data.COURSES:
            for t, s, lvl in teaches:
                vals = {inverse: by_key[key].id, "skill_id": skills[(t, s)].id,
                        "skill_type_id": skills[(t, s)].skill_type_id.id,
                        "skill_level_id": levels[(t, lvl)].id}
                vals_list.append(vals)
        Line.create(self._only_existing(Line, vals_list))

    def _demo_employees(self, plan, jobs, skills, levels, depts):
        vals_list = []
        for emp in plan["employees"]:
            job = jobs[emp["job_key"]]
            vals_list.append({
                "name": emp["name"],
                "job_id": job.id,
                "job_title": job.name,
                "department_id": depts[emp["department"]].id,
                "work_email": f"{emp['name'].lower().replace(' ', '.')}.{emp['key']}@example.com",
                "employee_skill_ids": [(0, 0, {"skill_type_id": skills[ts].skill_type_id.id,
                                               "skill_id": skills[ts].id,
                                               "skill_level_id": levels[(ts[0], lvl)].id})
                                       for ts, lvl in emp["skills"].items()],
            })
        employees = self.env["hr.employee"].create(vals_list)
        self._demo_skill_logs(plan, employees, skills, levels)
        self._add_xmlids("hr.employee", "demo_employee_", {e["key"]: r.id for e, r in zip(plan["employees"], employees)})
        return employees

    def _demo_skill_logs(self, plan, employees, skills, levels):
        """Dated skill history (hr_skills logs): levels at arrival, then the gains each done
        course brought a few weeks after it. Odoo logs every skill today on create; the
        history is rewritten so the training-path ranker sees what changed after a course."""
        Log = self.env["hr.employee.skill.log"]
        Log.search([("employee_id", "in", employees.ids)]).unlink()
        today = fields.Date.context_today(self)
        vals_list = []
        for emp, rec in zip(plan["employees"], employees):
            base = {"employee_id": rec.id, "department_id": rec.department_id.id}
            start_day = today - timedelta(days=max(emp["hired_days_ago"], 600))
            for (t, s), lvl in emp["start_skills"].items():
                vals_list.append(dict(base, skill_type_id=skills[(t, s)].skill_type_id.id, skill_id=skills[(t, s)].id,
                                      skill_level_id=levels[(t, lvl)].id, date=start_day))
            for step in emp["steps"]:
                day = today - timedelta(days=max(step["days_ago"] - step["gain_delay"], 1))
                for t, s, lvl in step["gained"]:
                    vals_list.append(dict(base, skill_type_id=skills[(t, s)].skill_type_id.id,
                                          skill_id=skills[(t, s)].id, skill_level_id=levels[(t, lvl)].id, date=day))
        Log.create(vals_list)

    def _demo_training_history(self, plan, employees, courses, skills, levels):
        Step = self.env["hr.talent.training.step"]
        fnames = Step._fields
        today = fields.Date.context_today(self)
        vals_list = []
        for emp, rec in zip(plan["employees"], employees):
            for seq, step in enumerate(emp["steps"], start=1):
                course = courses[step["course"]]
                gained = [skills[(t, s)].id for t, s, _l in step["gained"]]
                vals = {"employee_id": rec.id, "course_id": course.id, "sequence": seq * 10,
                        "status": step["status"],
                        "hours": course.duration_hours if "duration_hours" in course._fields else 0.0,
                        "reason": "Completed: " + ", ".join(s for _t, s, _l in step["gained"]) if step["gained"]
                        else "Closes a gap for the current job",
                        }
                done_date = today - timedelta(days=max(step["days_ago"], 1))
                for fname in ("date_done", "done_date", "completed_on", "date_completed"):
                    if fname in fnames and step["status"] == "done":
                        vals[fname] = done_date
                for fname in ("skill_ids", "closed_skill_ids", "gained_skill_ids", "skills_closed_ids"):
                    if fname in fnames and fnames[fname].type == "many2many":
                        vals[fname] = [(6, 0, gained or course.skill_ids.ids if "skill_ids" in course._fields else gained)]
                vals_list.append(vals)
        if vals_list:
            Step.create(self._only_existing(Step, vals_list))
        return len(vals_list)

    def _demo_feedback(self, plan, employees):
        Feedback = self.env["hr.employee.feedback"]
        today = fields.Date.context_today(self)
        vals_list = [{
            "employee_id": employees[row["employee"]].id,
            "body": row["body"],
            "date": today - timedelta(days=row["days_ago"]),
            "source": row["source"],
        } for row in plan["feedback"]]
        Feedback.create(self._only_existing(Feedback, vals_list))
        return len(vals_list)

    def _demo_reviews(self, plan, employees):
        """Quarterly reviews of every demo employee over the last 12 months (demo/data/reviews.py),
        written by the administrator as reviewer; analysed and marked done by _cron_analyze_reviews."""
        Review = self.env["hr.talent.review"]
        today = fields.Date.context_today(self)
        index = {e["key"]: i for i, e in enumerate(plan["employees"])}
        rows = reviews_data.plan_reviews(plan["employees"], SEED)
        vals_list = [{
            "employee_id": employees[index[row["employee"]]].id,
            "reviewer_id": self.env.ref("base.user_admin").id,
            "date": (date := today - timedelta(days=row["days_ago"])),
            "period": reviews_data.reviewed_quarter(date),
            "body": row["body"],
            "rating": row["rating"],
        } for row in rows]
        # the demo plays a reviewer who read the checks: the reviews are done, analysed afterwards
        Review.create(vals_list).write({"state": "done"})
        return len(vals_list)

    def _demo_train(self):
        """Train and activate the default models, then score; each step may fail without
        aborting the demo load (its error is logged with the way to run it again)."""
        steps = [
            ("hr.talent.engine", "_get_text_encoder"),
            ("hr.applicant", "_train_fit_model"),
            ("hr.applicant", "_cron_score_fit"),
            ("hr.employee.feedback", "_train_sentiment_model"),
            ("hr.employee.feedback", "_cron_analyze_sentiment"),
            ("hr.talent.training.step", "_train_training_path_ranker"),
            ("hr.employee", "_cron_refresh_training_paths"),
            ("hr.talent.review", "_cron_analyze_reviews"),
        ]
        results = {}
        for model, method in steps:
            if model not in self.env or not hasattr(self.env[model], method):
                _logger.warning("Talent AI demo: %s.%s is not available, skipped", model, method)
                results[method] = "skipped"
                continue
            start = time.monotonic()
            try:
                with self.env.cr.savepoint(), _commits_deferred(self.env.cr):
                    calls = self._demo_call(self.env[model], method)
                results[method] = "ok"
                _logger.info("Talent AI demo: %s.%s done in %.1fs (%d call%s)", model, method,
                             time.monotonic() - start, calls, "s" if calls > 1 else "")
            except Exception:  # noqa: BLE001 - the demo must load even if one model cannot train
                results[method] = "failed"
                _logger.exception("Talent AI demo: %s.%s FAILED after %.1fs; the demo data is kept, run it "
                                  "again from Talent AI > Configuration (or its scheduled action)",
                                  model, method, time.monotonic() - start)
        return results

    @api.model
    def _demo_call(self, model, method, max_calls=500):
        """Call a step; scheduled-action steps work in batches and are called until done."""
        calls = 0
        while True:
            result = getattr(model, method)()
            calls += 1
            if not method.startswith("_cron_") or calls >= max_calls:
                return calls
            if isinstance(result, dict):
                if not result.get("done") or not result.get("remaining") or result.get("error"):
                    if result.get("error"):
                        raise RuntimeError(result["error"])
                    return calls
            elif not (isinstance(result, int) and not isinstance(result, bool) and result > 0):
                return calls

    # -- entry point ---------------------------------------------------------------------
    @api.model
    def _load_demo(self, train=True):
        if self.env.ref(f"{MODULE}.demo_job_{jobs_data.JOBS[0]['key']}", raise_if_not_found=False):
            _logger.info("Talent AI demo: already loaded, skipped")
            return True
        start = time.monotonic()
        env_ctx = dict(tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
                       mail_notrack=True, mail_auto_subscribe_no_notify=True, no_reset_password=True)
        self = self.with_context(**env_ctx)
        plan = build_plan(SEED)
        skills, levels = self._demo_skills()
        depts = self._demo_departments()
        jobs = self._demo_jobs(skills, depts)
        self._add_xmlids("hr.job", "demo_job_", {k: r.id for k, r in jobs.items()})
        applicants = self._demo_applicants(plan, jobs, skills, levels)
        employees = self._demo_employees(plan, jobs, skills, levels, depts)
        courses = self._demo_courses(skills, levels)
        n_steps = self._demo_training_history(plan, employees, courses, skills, levels)
        n_feedback = self._demo_feedback(plan, employees)
        n_reviews = self._demo_reviews(plan, employees)
        self.env.flush_all()
        _logger.info("Talent AI demo: %d performance reviews over 12 months", n_reviews)
        _logger.info("Talent AI demo: %d jobs, %d applicants, %d employees, %d courses, %d training steps, "
                     "%d feedback comments created in %.1fs", len(jobs), len(applicants), len(employees),
                     len(courses), n_steps, n_feedback, time.monotonic() - start)
        if train:
            self._demo_train()
        return True
