from odoo import models

# candidate fields that feed the fit (the name never does: it is redacted)
FIT_CANDIDATE_FIELDS = {"candidate_skill_ids"}


class HrCandidate(models.Model):
    """A candidate's skills feed the fit of all their applications: edits make those scores stale."""

    _inherit = "hr.candidate"

    def write(self, vals):
        res = super().write(vals)
        if FIT_CANDIDATE_FIELDS.intersection(vals):
            self.applicant_ids.filtered("fit_attempted_at")._fit_mark_stale()
        return res
