import json
import logging
import threading
from collections import OrderedDict
from datetime import timedelta

import numpy as np

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..ml.training_path.gap import compute_gap, target_progress
from ..ml.training_path.ordering import Course, PrerequisiteCycleError, describe_step, plan_path
from ..ml.training_path.ranker import rank_courses
from ..ml.training_path.review_targets import merge_targets

_logger = logging.getLogger(__name__)

# text embeddings per (encoder checksum, text): course and skill texts repeat
# across employees and cron runs.
_EMB_CACHE = OrderedDict()
_EMB_LOCK = threading.Lock()
_EMB_MAX = 20000
STALE_DAYS = 7
DEFAULT_TARGET_PROGRESS = 80


class HrEmployee(models.Model):
    """Training path of an employee: ordered courses closing the gap between
    their skills and the skills their target job expects."""

    _inherit = "hr.employee"

    training_path_ids = fields.One2many("hr.talent.training.step", "employee_id", string="Training path",
                                        groups="hr.group_hr_user")
    training_target_job_id = fields.Many2one(
        "hr.job", string="Target job", compute="_compute_training_target_job_id", store=True, readonly=False,
        groups="hr.group_hr_user",
        help="Job whose expected skills the training path aims at. Defaults to the employee's job; "
             "set another job for a promotion path.")
    training_path_hours = fields.Float("Path hours", compute="_compute_training_path_hours", store=True,
                                       groups="hr.group_hr_user", help="Hours of the steps not done yet.")
    training_path_state = fields.Selection(
        [("not_computed", "Not computed"), ("no_target", "No target skills"), ("no_gap", "No gap"),
         ("path", "Path"), ("uncovered", "Gap partly uncovered")],
        string="Path status", default="not_computed", readonly=True, groups="hr.group_hr_user")
    training_gap_summary = fields.Text("Skill gap", readonly=True, groups="hr.group_hr_user")
    training_gap_count = fields.Integer("Gap skills", readonly=True, groups="hr.group_hr_user")
    training_path_ranker = fields.Char("Ranked by", readonly=True, groups="hr.group_hr_user")
    training_path_computed_at = fields.Datetime("Path computed on", readonly=True, groups="hr.group_hr_user")

    @api.depends("job_id")
    def _compute_training_target_job_id(self):
        for employee in self:
            employee.training_target_job_id = employee.job_id

    @api.depends("training_path_ids.hours", "training_path_ids.status")
    def _compute_training_path_hours(self):
        for employee in self:
            employee.training_path_hours = sum(
                employee.training_path_ids.filtered(lambda s: s.status != "done").mapped("hours"))

    def write(self, vals):
        """A new target job makes the path stale (the weekly cron or the button refreshes it)."""
        if "training_target_job_id" not in vals and "job_id" not in vals:
            return super().write(vals)
        before = {e.id: e.sudo().training_target_job_id.id for e in self}
        res = super().write(vals)
        changed = self.filtered(lambda e: e.sudo().training_target_job_id.id != before[e.id]
                                and e.sudo().training_path_computed_at)
        if changed:
            super(HrEmployee, changed.sudo()).write({"training_path_computed_at": False})
        return res

    # ------------------------------------------------------------ gap inputs
    def _training_expected_levels(self, job):
        """``{skill_id: target progress}`` the job expects.

        Odoo's hr.job only lists expected skills (no level): the target is the
        lowest level of the skill's type at or above the configured progress
        (ir.config_parameter hr_talent_ai.training_target_progress, default 80).
        """
        if not job:
            return {}
        try:
            wanted = int(self.env["ir.config_parameter"].sudo().get_param(
                "hr_talent_ai.training_target_progress", DEFAULT_TARGET_PROGRESS))
        except ValueError:
            wanted = DEFAULT_TARGET_PROGRESS
        return {skill.id: target_progress(skill.skill_type_id.skill_level_ids.mapped("level_progress"), wanted)
                for skill in job.sudo().skill_ids}

    def _training_review_levels(self):
        """``{skill_id: (target progress, reason)}`` of confirmed review development areas."""
        self.ensure_one()
        reasons = self._training_review_targets()
        skills = self.env["hr.skill"].sudo().browse(list(reasons))
        try:
            progress = int(self.env["ir.config_parameter"].sudo().get_param(
                "hr_talent_ai.training_target_progress", DEFAULT_TARGET_PROGRESS))
        except ValueError:
            progress = DEFAULT_TARGET_PROGRESS
        # the same target level as a job's expected skill
        return {s.id: (target_progress(s.skill_type_id.skill_level_ids.mapped("level_progress"), progress), reasons[s.id])
                for s in skills.exists()}

    def _training_held_levels(self):
        self.ensure_one()
        return {es.skill_id.id: es.skill_level_id.level_progress for es in self.sudo().employee_skill_ids}

    # ------------------------------------------------------------ embeddings
    @api.model
    def _training_embed(self, texts):
        """Unit vectors of ``texts`` from the active text encoder's int8 copy, one text a run as
        the fit reads it (cached per process)."""
        encoder = self.env["hr.talent.engine"]._get_text_encoder(int8=True)
        found = {}
        with _EMB_LOCK:
            for text in texts:
                vec = _EMB_CACHE.get((encoder.checksum, text))
                if vec is not None:
                    found[text] = vec
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            vectors = encoder.encode(missing)
            with _EMB_LOCK:
                for text, vec in zip(missing, vectors):
                    found[text] = _EMB_CACHE[(encoder.checksum, text)] = np.asarray(vec, dtype=np.float32)
                while len(_EMB_CACHE) > _EMB_MAX:
                    _EMB_CACHE.popitem(last=False)
        return [found[t] for t in texts]

    @api.model
    def _training_skill_embeddings(self, skills):
        texts = ["%s (%s)" % (s.name, s.skill_type_id.name) for s in skills]
        return dict(zip(skills.ids, self._training_embed(texts))) if skills else {}

    @api.model
    def _training_course_embeddings(self, courses):
        texts = [c._embedding_text() for c in courses]
        return dict(zip(courses.ids, self._training_embed(texts))) if courses else {}

    @api.model
    def _training_ranker_session(self, encoder_checksum=None):
        """(session or None for zero-shot, label). The trained ranker is used only
        with the text encoder it was trained with (same embedding space)."""
        model = self.env["hr.talent.model"]._get_active("training_path", raise_if_missing=False)
        if not model:
            return None, _("zero-shot (embedding similarity)")
        try:
            trained_with = json.loads(model.metrics or "{}").get("encoder_checksum")
        except ValueError:
            trained_with = None
        if encoder_checksum and trained_with and trained_with != encoder_checksum:
            return None, _("zero-shot (%s was trained with another text encoder: retrain it)", model.name)
        try:
            return self.env["hr.talent.engine"]._get_session("training_path"), model.name
        except UserError as exc:
            _logger.warning("Training path ranker unusable, falling back to zero-shot: %s", exc)
            return None, _("zero-shot (ranker %s unusable)", model.name)

    # ---------------------------------------------------------------- compute
    def action_compute_training_path(self):
        """Recompute the path of each employee (button, valid on many)."""
        for company, employees in self.grouped("company_id").items():
            employees.with_company(company)._compute_training_paths()
        return True

    def _compute_training_paths(self):
        Step = self.env["hr.talent.training.step"].sudo()
        courses = self.env["hr.talent.course"].sudo().search(
            [("company_id", "in", [False, self.env.company.id])])
        catalogue = {c.id: Course(c.id, c.duration_hours, c._teaches(), tuple(c.prerequisite_ids.ids), c.name)
                     for c in courses}
        # Inactive prerequisites are ignored rather than blocking the path.
        catalogue = {cid: Course(c.id, c.hours, c.teaches, tuple(p for p in c.prereq_ids if p in catalogue), c.name)
                     for cid, c in catalogue.items()}
        embeddings, session, ranker_label = None, None, False
        now = fields.Datetime.now()
        for employee in self:
            steps = employee.sudo().training_path_ids
            done = steps.filtered(lambda s: s.status == "done").sorted(lambda s: (s.date_done or fields.Date.today(), s.id))
            in_progress = steps.filtered(lambda s: s.status == "in_progress")
            planned = steps.filtered(lambda s: s.status == "planned")
            job = employee.training_target_job_id
            expected, review_reasons = merge_targets(
                employee._training_expected_levels(job), employee._training_review_levels())
            held = employee._training_held_levels()
            gap = compute_gap(expected, held)
            vals = {"training_path_computed_at": now, "training_gap_count": len(gap)}
            for seq, step in enumerate(done, start=1):
                if step.sequence != seq:
                    step.sequence = seq
            seq = len(done)
            if not expected:
                planned.unlink()
                vals.update(training_path_state="no_target", training_path_ranker=False, training_gap_summary=(
                    _("No target job: set the employee's job or a target job.") if not job else
                    _("The job %s lists no expected skills: add them on the job to get a path.", job.name)))
                employee.sudo().write(vals)
                continue
            if not gap:
                planned.unlink()
                vals.update(training_path_state="no_gap", training_path_ranker=False, training_gap_summary=_(
                    "No gap: %(name)s already holds every skill %(job)s expects at the expected level.",
                    name=employee.name, job=job.name))
                employee.sudo().write(vals)
                continue
            if embeddings is None:
                embeddings, session, ranker_label = self._training_ranking_inputs(courses, catalogue)
            done_ids = set(done.course_id.ids)
            scores = {}
            if embeddings[0]:
                try:
                    scores = rank_courses(gap, held, done_ids, catalogue, embeddings[0], embeddings[1], session)
                except Exception as exc:  # noqa: BLE001 - a broken ranker file must not block the path
                    if session is None:
                        raise
                    _logger.warning("Training path ranker failed, zero-shot used: %s", exc)
                    session, ranker_label = None, _("zero-shot (ranker failed: %s)", exc)[:250]
                    scores = rank_courses(gap, held, done_ids, catalogue, embeddings[0], embeddings[1], None)
            try:
                plan = plan_path(gap, catalogue, done_ids=done_ids, scores=scores,
                                 forced_ids=in_progress.course_id.ids)
            except PrerequisiteCycleError as exc:
                raise UserError(str(exc)) from exc
            # Keep the steps still in the plan (stable records), drop the others.
            by_course = {s.course_id.id: s for s in in_progress | planned}
            kept = {st.course_id for st in plan.steps}
            planned.filtered(lambda s: s.course_id.id not in kept).unlink()
            new_vals = []
            for st in plan.steps:
                seq += 1
                step_vals = {
                    "sequence": seq,
                    "skill_ids": [(6, 0, st.closes)],
                    "reason": describe_step(st, self._training_skill_name, self._training_level_name,
                                            lambda c: courses.browse(c).name)[:250],
                    "hours": st.hours,
                }
                if st.course_id in by_course:
                    by_course[st.course_id].write(step_vals)
                else:
                    new_vals.append(dict(step_vals, employee_id=employee.id, course_id=st.course_id,
                                         status="planned"))
            Step.create(new_vals)
            summary = self._training_gap_text(gap, plan)
            if review_reasons:  # development areas of confirmed reviews: say where they come from
                summary += "\n" + "\n".join(
                    "%s: %s" % (self._training_skill_name(s), r) for s, r in sorted(review_reasons.items()) if s in gap)
            vals.update(training_path_state="uncovered" if plan.uncovered else "path",
                        training_path_ranker=ranker_label,
                        training_gap_summary=summary)
            employee.sudo().write(vals)
        return True

    def _training_ranking_inputs(self, courses, catalogue):
        """((course embeddings, skill embeddings), ranker session or None, label).

        Without a usable text encoder the path is still planned, on hours
        alone, and the label says why."""
        skills = self.env["hr.skill"].browse(
            {s for e in self for s in e._training_expected_levels(e.training_target_job_id)}
            | {s for e in self for s in e._training_review_levels()}
            | {s for c in catalogue.values() for s in c.teaches})
        try:
            encoder = self.env["hr.talent.engine"]._get_text_encoder(int8=True)
            embeddings = (self._training_course_embeddings(courses), self._training_skill_embeddings(skills))
        except UserError as exc:
            _logger.warning("Training path ranked on hours only: %s", exc)
            return ({}, {}), None, _("hours only (text encoder unavailable: %s)", exc)[:250]
        session, label = self._training_ranker_session(encoder.checksum)
        return embeddings, session, label

    @api.model
    def _training_skill_name(self, skill_id):
        return self.env["hr.skill"].browse(skill_id).name

    @api.model
    def _training_level_name(self, skill_id, progress):
        if progress <= 0:
            return _("none")
        levels = self.env["hr.skill"].browse(skill_id).skill_type_id.skill_level_ids
        level = levels.filtered(lambda lv: lv.level_progress == progress)[:1]
        return level.name if level else "%d%%" % progress

    @api.model
    def _training_gap_text(self, gap, plan):
        closer = {}
        for st in plan.steps:
            for s in st.closes:
                closer[s] = st.course_id
        lines = []
        Course = self.env["hr.talent.course"].sudo()
        for s, g in sorted(gap.items(), key=lambda kv: self._training_skill_name(kv[0]) or ""):
            line = "%s: %s → %s" % (self._training_skill_name(s), self._training_level_name(s, g.current),
                                    self._training_level_name(s, g.target))
            if s in plan.uncovered:
                best = plan.uncovered[s]
                if best > g.current:
                    line += _(" (the catalogue reaches %s at most)", self._training_level_name(s, best))
                elif best > 0:
                    line += _(" (no course in the catalogue goes beyond %s)", self._training_level_name(s, best))
                else:
                    line += _(" (no course in the catalogue teaches it)")
            elif s in closer:
                line += _(" (closed by %s)", Course.browse(closer[s]).name)
            lines.append(line)
        return "\n".join(lines)

    # ------------------------------------------------------------------- cron
    def _training_path_is_stale(self):
        """Never computed, older than a week, or skills / target job / catalogue changed since."""
        self.ensure_one()
        at = self.training_path_computed_at
        if not at or at < fields.Datetime.now() - timedelta(days=STALE_DAYS):
            return True
        changes = [self.sudo().employee_skill_ids.mapped("write_date"),
                   [self.training_target_job_id.write_date] if self.training_target_job_id else []]
        # Datetime fields keep whole seconds: a change in the second of the
        # computation itself came before it, not after.
        return any(d and d.replace(microsecond=0) > at for dates in changes for d in dates)

    @api.model
    def _cron_refresh_training_paths(self):
        """Weekly: recompute stale paths of employees with a target job, in batches."""
        batch = self.env["hr.talent.engine"]._setting("cron_batch_size")
        catalogue_changed = self.env["hr.talent.course"].sudo().with_context(active_test=False).search(
            [], order="write_date desc", limit=1).write_date
        employees = self.sudo().search([("training_target_job_id", "!=", False)])
        stale = employees.filtered(lambda e: e._training_path_is_stale() or (
            catalogue_changed and e.training_path_computed_at
            and catalogue_changed.replace(microsecond=0) > e.training_path_computed_at))
        for start in range(0, len(stale), batch):
            chunk = stale[start:start + batch]
            try:
                with self.env.cr.savepoint():
                    chunk.action_compute_training_path()
            except UserError as exc:
                _logger.warning("Training paths of %d employees not refreshed: %s", len(chunk), exc)
        return len(stale)
