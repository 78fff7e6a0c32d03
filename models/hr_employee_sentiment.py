"""Sentiment figures on the employee, for HR managers only.

Stored and refreshed by the sentiment scheduled action (and when a comment is
corrected, moved or deleted) with one SQL statement per batch, never computed
on read. Every field carries ``groups`` so that no other user, the employee
included, can read them through any route (form, export, RPC, read_group).
"""
from odoo import fields, models

from .hr_employee_feedback import LABELS

MANAGER = "hr_talent_ai.group_talent_ai_manager"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    sentiment_score = fields.Float(
        "Sentiment (90 days)", readonly=True, copy=False, digits=(3, 2), groups=MANAGER, aggregator="avg",
        help="Mean sentiment of the comments of the last 90 days, from -1 (negative) to 1 (positive).")
    sentiment_label = fields.Selection(LABELS, "Sentiment", readonly=True, copy=False, groups=MANAGER)
    sentiment_trend = fields.Float(
        "Sentiment trend", readonly=True, copy=False, digits=(3, 2), groups=MANAGER, aggregator="avg",
        help="Mean of the last 90 days minus the mean of the 90 days before (empty without both).")
    sentiment_feedback_count = fields.Integer(
        "Comments (90 days)", readonly=True, copy=False, groups=MANAGER, aggregator="sum")
    sentiment_refreshed_at = fields.Datetime("Sentiment refreshed on", readonly=True, copy=False, groups=MANAGER)
    feedback_ids = fields.One2many("hr.employee.feedback", "employee_id", "Feedback", groups=MANAGER)
