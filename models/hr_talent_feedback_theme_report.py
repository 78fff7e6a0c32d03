"""Theme sentiment per department (HR managers): one row per (comment, theme), a SQL view.

Figures of a department and theme with fewer than 5 comments are blanked in the pivot and graph
(the minimum-5 rule of the department sentiment), so that no one's comment can be singled out.
"""
from odoo import api, fields, models, tools

from .hr_employee_feedback import CORRECTED_SCORE_SQL, LABELS, MIN_DEPARTMENT_COMMENTS


class HrTalentFeedbackThemeReport(models.Model):
    _name = "hr.talent.feedback.theme.report"
    _description = "Theme sentiment by department"
    _auto = False
    _order = "date desc"

    feedback_id = fields.Many2one("hr.employee.feedback", readonly=True)
    theme_id = fields.Many2one("hr.talent.feedback.theme", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)
    final_label = fields.Selection(LABELS, "Sentiment", readonly=True)
    sentiment_score = fields.Float("Score", readonly=True, digits=(3, 2), aggregator="avg")
    negative_share = fields.Float("Negative share", readonly=True, digits=(3, 2), aggregator="avg",
                                  help="1 for a negative comment, 0 otherwise: its average is the share.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW %s AS
            SELECT row_number() OVER (ORDER BY f.id, r.theme_id) AS id,
                   f.id AS feedback_id, r.theme_id, f.department_id, f.company_id, f.date, f.final_label,
                   %s AS sentiment_score,
                   CASE WHEN f.final_label = 'negative' THEN 1.0 ELSE 0.0 END AS negative_share
              FROM hr_employee_feedback f
              JOIN hr_employee_feedback_theme_rel r ON r.feedback_id = f.id
             WHERE f.final_label IS NOT NULL
        """ % (self._table, CORRECTED_SCORE_SQL))

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Blank the figures of a group under 5 comments when departments are shown. A model
        method: the pivot and graph call it without records (without the decorator the web
        client's call failed, tests/test_ui_tours.py)."""
        res = super().read_group(domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        by_department = any(g.split(":")[0] == "department_id" for g in groupby) or any(
            isinstance(d, (list, tuple)) and d and d[0] == "department_id" for d in (domain or []))
        if by_department:
            for group in res:
                count = group.get("__count", group.get("%s_count" % groupby[0].split(":")[0], 0)) if groupby else 0
                if count < MIN_DEPARTMENT_COMMENTS:
                    for fname in ("sentiment_score", "negative_share"):
                        if fname in group:
                            group[fname] = False
        return res
