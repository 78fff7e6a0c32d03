from odoo import api, fields, models

from ..ml.fit import text as fit_text

# job fields whose change makes every fit score of the job stale
FIT_JOB_FIELDS = {"name", "description", "requirements", "skill_ids"}
# job fields a company's repeated text (ml.fit.text.company_boilerplate) is learnt from (archived
# jobs count too: still the company's template)
BOILERPLATE_FIELDS = {"name", "description", "company_id"}
BOILERPLATE_CACHE = "hr_talent_ai.company_boilerplate"   # key of the cursor's cache


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

    @api.model_create_multi
    def create(self, vals_list):
        companies = {vals.get("company_id", self.env.company.id) for vals in vals_list}
        before = self._fit_boilerplate_snapshot(companies)
        jobs = super().create(vals_list)
        self._fit_boilerplate_changed(before)
        return jobs

    def write(self, vals):
        # Only a real change makes the job's scores stale: a form saved with the same description
        # (the HTML editor re-sends it) is not one.
        watched = FIT_JOB_FIELDS.intersection(vals)
        before = {job.id: job._fit_job_values(watched) for job in self} if watched else {}
        company_text = (self._fit_boilerplate_snapshot({job.company_id.id for job in self} | {vals.get("company_id")})
                        if BOILERPLATE_FIELDS.intersection(vals) else None)
        res = super().write(vals)
        changed = [job.id for job in self if job.id in before and job._fit_job_values(watched) != before[job.id]]
        if changed:
            self.env["hr.applicant"].search([("job_id", "in", changed), ("fit_attempted_at", "!=", False)])._fit_mark_stale()
        if company_text is not None:
            self._fit_boilerplate_changed(company_text)
        return res

    def unlink(self):
        before = self._fit_boilerplate_snapshot({job.company_id.id for job in self})
        res = super().unlink()
        self._fit_boilerplate_changed(before)
        return res

    # ------------------------------------------------------------------ a company's repeated text
    @api.model
    def _fit_company_boilerplate(self, company_id):
        """Sentences the company repeats across its jobs of different titles (its introduction,
        values, benefits: ml.fit.text.company_boilerplate), left out of each job's description
        by the fit. Cached for the cursor; job edits through the ORM reset it."""
        cache = self.env.cr.cache.setdefault(BOILERPLATE_CACHE, {})
        if company_id not in cache:
            jobs = self.sudo().with_context(active_test=False).search_fetch(
                [("company_id", "in", [company_id or False, False])], ["name", "description"])
            cache[company_id] = fit_text.company_boilerplate([(job.name, job.description) for job in jobs])
        return cache[company_id]

    @api.model
    def _fit_boilerplate_snapshot(self, company_ids):
        """{company id: its boilerplate} of these companies (False: jobs of no company, which
        every company's board shows: then all companies)."""
        company_ids = {c or False for c in company_ids if c is not None}
        if False in company_ids:
            company_ids |= set(self.sudo().with_context(active_test=False).search([]).mapped("company_id").ids)
        return {company_id: self._fit_company_boilerplate(company_id) for company_id in company_ids}

    @api.model
    def _fit_boilerplate_changed(self, before):
        """After jobs were created, edited or deleted: the applicants of jobs whose description
        holds a sentence that became, or stopped being, company text get the 'outdated' badge."""
        self.env.cr.cache.pop(BOILERPLATE_CACHE, None)
        self.flush_model(list(BOILERPLATE_FIELDS))
        stale = self.browse()
        for company_id, old in before.items():
            new = self._fit_company_boilerplate(company_id)
            moved = old ^ new
            if not moved:
                continue
            jobs = self.sudo().with_context(active_test=False).search([("company_id", "in", [company_id or False, False])])
            stale |= jobs.filtered(lambda job: fit_text.description_keys(job.description) & moved)
        if stale:
            self.env["hr.applicant"].sudo().search(
                [("job_id", "in", stale.ids), ("fit_attempted_at", "!=", False)])._fit_mark_stale()

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
