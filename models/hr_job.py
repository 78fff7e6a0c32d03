from odoo import fields, models

from ..ml.fit import text as fit_text

# job fields whose change makes every fit score of the job stale
FIT_JOB_FIELDS = {"name", "description", "requirements", "skill_ids"}


class HrJob(models.Model):
    """Fit settings per job: opt-in to CLIP work-sample fusion; stale scores on edits."""

    _inherit = "hr.job"

    fit_use_clip = fields.Boolean(
        "Use work samples in fit",
        help="Include the applicants' image work samples (and the first page of PDF CVs) in the trained fit "
             "model through CLIP. Photos of people are always excluded by a portrait guard.")
    fit_avg_score = fields.Float("Average fit", compute="_compute_fit_avg_score", digits=(5, 1),
                                 groups="hr_talent_ai.group_talent_ai_user")

    def _compute_fit_avg_score(self):
        data = self.env["hr.applicant"]._read_group(
            [("job_id", "in", self.ids), ("fit_band", "!=", False)], ["job_id"], ["fit_score:avg"])
        avg = {job.id: value for job, value in data}
        for job in self:
            job.fit_avg_score = avg.get(job.id, 0.0)

    def write(self, vals):
        # Only a real change makes the job's scores stale: a form saved with the same description
        # (the HTML editor re-sends it) is not one.
        watched = FIT_JOB_FIELDS.intersection(vals)
        before = {job.id: job._fit_job_values(watched) for job in self} if watched else {}
        res = super().write(vals)
        changed = [job.id for job in self if job.id in before and job._fit_job_values(watched) != before[job.id]]
        if changed:
            self.env["hr.applicant"].search([("job_id", "in", changed), ("fit_attempted_at", "!=", False)])._fit_mark_stale()
        return res

    def _fit_job_values(self, names):
        """Comparable values of the job fields ``names`` that feed the fit (HTML as plain text)."""
        self.ensure_one()
        out = {}
        for name in sorted(names):
            if name not in self._fields:
                continue
            value = self[name]
            if self._fields[name].type == "html":
                value = [" ".join(line.split()) for line in fit_text.html_to_text(value or "").splitlines() if line.strip()]
            elif isinstance(value, models.BaseModel):
                value = sorted(value.ids)
            out[name] = value
        return out
