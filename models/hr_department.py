"""Department sentiment figures for HR managers, hidden below 5 comments.

Same 90-day window and trend as on the employee, refreshed by the sentiment
scheduled action. A department with fewer than 5 comments in the window shows
no score, label or trend (``sentiment_hidden``), so that a small team's
comments cannot be traced back to a person.
"""
from odoo import fields, models

from .hr_employee_feedback import LABELS
from .hr_employee_sentiment import check_sentiment_query

MANAGER = "hr_talent_ai.group_talent_ai_manager"


class HrDepartment(models.Model):
    _inherit = "hr.department"

    sentiment_score = fields.Float(
        "Sentiment (90 days)", readonly=True, copy=False, digits=(3, 2), groups=MANAGER, aggregator="avg")
    sentiment_label = fields.Selection(LABELS, "Sentiment", readonly=True, copy=False, groups=MANAGER)
    sentiment_trend = fields.Float("Sentiment trend", readonly=True, copy=False, digits=(3, 2), groups=MANAGER,
                                   aggregator="avg")
    sentiment_trend_known = fields.Boolean("Trend known", readonly=True, copy=False, groups=MANAGER)
    sentiment_feedback_count = fields.Integer("Comments (90 days)", readonly=True, copy=False, groups=MANAGER,
                                              aggregator="sum")
    # True until a refresh counts 5 comments: a department without comments shows no figure (an
    # empty score read as 0.00, like a neutral department)
    sentiment_hidden = fields.Boolean(
        "Too few comments", readonly=True, copy=False, groups=MANAGER, default=True,
        help="Fewer than 5 comments in the last 90 days: figures are hidden to protect anonymity.")
    sentiment_refreshed_at = fields.Datetime("Sentiment refreshed on", readonly=True, copy=False, groups=MANAGER)

    def _search(self, domain, offset=0, limit=None, order=None):
        check_sentiment_query(self, domain, order)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        check_sentiment_query(self, domain, groupby, aggregates, having, order)
        return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
