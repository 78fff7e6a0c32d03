"""Sentiment figures on the employee, for HR managers only.

Stored and refreshed by the sentiment scheduled action (and when a comment is
corrected, moved or deleted) with one SQL statement per batch, never computed
on read. Every field carries ``groups`` so that no other user, the employee
included, can read them through any route (form, export, RPC, read_group).
"""
from odoo import fields, models
from odoo.exceptions import AccessError

from .hr_employee_feedback import LABELS

MANAGER = "hr_talent_ai.group_talent_ai_manager"
SENTIMENT_FIELDS = frozenset({"sentiment_score", "sentiment_label", "sentiment_trend", "sentiment_trend_known",
                              "sentiment_feedback_count", "sentiment_hidden", "sentiment_refreshed_at", "feedback_ids"})


def _names(spec):
    """First field names used in a domain, an order string or a list of groupby/aggregate specs."""
    names = set()
    if isinstance(spec, str):
        spec = [part for part in spec.split(",")]
        return {part.strip().split(" ")[0].split(":")[0].split(".")[0].strip('"') for part in spec if part.strip()}
    for item in spec or ():
        if isinstance(item, (list, tuple)) and len(item) == 3 and isinstance(item[0], str):
            names.add(item[0].split(".")[0])
            if isinstance(item[2], (list, tuple)) and item[1] in ("any", "not any"):
                names |= _names(item[2])
        elif isinstance(item, str) and item not in ("&", "|", "!"):
            names.add(item.split(":")[0].split(".")[0])
    return names


def check_sentiment_query(records, *specs):
    """Refuse searching, ordering or grouping on sentiment fields to non-managers.

    Field ``groups`` already stop reading the values; without this, a user who
    may read employees could still learn them with a domain such as
    ``[('sentiment_score', '<', -0.5)]``.
    """
    if records.env.su or records.env.user.has_group(MANAGER):
        return
    used = set()
    for spec in specs:
        used |= _names(spec)
    if used & SENTIMENT_FIELDS:
        raise AccessError(records.env._("Only Talent AI HR managers may search or group by sentiment."))


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    sentiment_score = fields.Float(
        "Sentiment (90 days)", readonly=True, copy=False, digits=(3, 2), groups=MANAGER, aggregator="avg",
        help="Mean sentiment of the comments of the last 90 days, from -1 (negative) to 1 (positive).")
    sentiment_label = fields.Selection(LABELS, "Sentiment", readonly=True, copy=False, groups=MANAGER)
    sentiment_trend = fields.Float(
        "Sentiment trend", readonly=True, copy=False, digits=(3, 2), groups=MANAGER, aggregator="avg",
        help="Mean of the last 90 days minus the mean of the 90 days before (empty without both).")
    # an empty trend reads as 0.00 ("no change") in the client: the views show it only when known
    sentiment_trend_known = fields.Boolean("Trend known", readonly=True, copy=False, groups=MANAGER)
    sentiment_feedback_count = fields.Integer(
        "Comments (90 days)", readonly=True, copy=False, groups=MANAGER, aggregator="sum")
    sentiment_refreshed_at = fields.Datetime("Sentiment refreshed on", readonly=True, copy=False, groups=MANAGER)
    feedback_ids = fields.One2many("hr.employee.feedback", "employee_id", "Feedback", groups=MANAGER)

    def _search(self, domain, offset=0, limit=None, order=None):
        check_sentiment_query(self, domain, order)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _read_group(self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None):
        check_sentiment_query(self, domain, groupby, aggregates, having, order)
        return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
