"""Employee / department sentiment aggregates: 90-day window, trend, corrections, min-5 rule.

Rows get their analysis result through SQL here (the classifier itself is
tested in test_sentiment_cron.py and ml/tests): these tests pin the arithmetic.
"""
import re
from datetime import date, timedelta

from odoo.tests import TransactionCase, tagged

TODAY = date(2026, 6, 30)


@tagged("post_install", "-at_install", "talent_sentiment")
class TestSentimentAggregates(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Feedback = cls.env["hr.employee.feedback"]
        cls.dep_big = cls.env["hr.department"].create({"name": "Warehouse"})
        cls.dep_small = cls.env["hr.department"].create({"name": "Tiny team"})
        cls.alice = cls.env["hr.employee"].create({"name": "Emp A", "department_id": cls.dep_big.id})
        cls.bob = cls.env["hr.employee"].create({"name": "Emp B", "department_id": cls.dep_big.id})
        cls.carl = cls.env["hr.employee"].create({"name": "Emp C", "department_id": cls.dep_small.id})

    def _add(self, employee, days_ago, score, analysed=True, **vals):
        rec = self.Feedback.create(dict({"employee_id": employee.id, "body": "comment %s %s" % (days_ago, score),
                                         "date": TODAY - timedelta(days=days_ago)}, **vals))
        if analysed:
            label = "negative" if score < -0.2 else "positive" if score > 0.2 else "neutral"
            self.env.cr.execute("UPDATE hr_employee_feedback SET sentiment_score = %s, sentiment_label = %s, "
                                "final_label = COALESCE(corrected_label, %s), needs_analysis = FALSE WHERE id = %s",
                                [score, label, label, rec.id])
            rec.invalidate_recordset()
        return rec

    def _refresh(self):
        self.Feedback._refresh_sentiment_aggregates(
            (self.alice | self.bob | self.carl).ids, (self.dep_big | self.dep_small).ids, today=TODAY)

    def test_employee_window_mean_trend_and_label(self):
        self._add(self.alice, 1, 0.8)
        self._add(self.alice, 30, 0.4)
        self._add(self.alice, 89, -0.3)          # still inside the 90-day window
        self._add(self.alice, 90, -0.6)          # previous window
        self._add(self.alice, 150, -0.2)         # previous window
        self._add(self.alice, 200, 1.0)          # too old: ignored
        self._add(self.alice, -3, -1.0)          # in the future: ignored
        self._add(self.alice, 2, 0.9, analysed=False)   # not analysed yet: ignored
        self._refresh()
        self.assertEqual(self.alice.sentiment_feedback_count, 3)
        self.assertAlmostEqual(self.alice.sentiment_score, (0.8 + 0.4 - 0.3) / 3, places=5)
        self.assertAlmostEqual(self.alice.sentiment_trend, 0.3 - (-0.4), places=5)
        self.assertTrue(self.alice.sentiment_trend_known)
        self.assertEqual(self.alice.sentiment_label, "positive")
        # no comment at all: empty figures, count 0
        self.assertEqual(self.bob.sentiment_feedback_count, 0)
        self.assertFalse(self.bob.sentiment_label)
        self.assertFalse(self.bob.sentiment_trend)

    def test_label_thresholds(self):
        self._add(self.alice, 1, -0.5)
        self._add(self.bob, 1, 0.1)
        self._refresh()
        self.assertEqual(self.alice.sentiment_label, "negative")
        self.assertEqual(self.bob.sentiment_label, "neutral")
        self.assertFalse(self.bob.sentiment_trend, "no previous window: no trend")
        self.assertFalse(self.bob.sentiment_trend_known)

    def test_correction_overrides_score_and_refreshes_at_once(self):
        rec = self._add(self.alice, 1, 0.9)
        self._add(self.alice, 2, 0.5)
        self._refresh()
        self.assertAlmostEqual(self.alice.sentiment_score, 0.7, places=5)
        rec.with_context(tz="UTC").write({"corrected_label": "negative"})
        self.assertEqual(rec.corrected_by, self.env.user)
        self.assertEqual(rec.final_label, "negative")
        self._refresh()
        self.assertAlmostEqual(self.alice.sentiment_score, (-1.0 + 0.5) / 2, places=5)
        # deleting a comment refreshes its employee too
        rec.unlink()
        self._refresh()
        self.assertAlmostEqual(self.alice.sentiment_score, 0.5, places=5)

    def test_department_min_five_rule(self):
        for i in range(4):
            self._add(self.carl, i + 1, -0.9)
        for i in range(3):
            self._add(self.alice, i + 1, 0.6)
            self._add(self.bob, i + 1, 0.2)
        self._refresh()
        # 4 comments: hidden, nothing shown
        self.assertTrue(self.dep_small.sentiment_hidden)
        self.assertFalse(self.dep_small.sentiment_score)
        self.assertFalse(self.dep_small.sentiment_label)
        self.assertFalse(self.dep_small.sentiment_trend)
        self.assertEqual(self.dep_small.sentiment_feedback_count, 4)
        # 6 comments: shown
        self.assertFalse(self.dep_big.sentiment_hidden)
        self.assertAlmostEqual(self.dep_big.sentiment_score, 0.4, places=5)
        self.assertEqual(self.dep_big.sentiment_label, "positive")
        # the fifth comment lifts the rule
        self._add(self.carl, 10, -0.4)
        self._refresh()
        self.assertFalse(self.dep_small.sentiment_hidden)
        self.assertAlmostEqual(self.dep_small.sentiment_score, (-0.9 * 4 - 0.4) / 5, places=5)
        self.assertEqual(self.dep_small.sentiment_label, "negative")

    def test_department_without_comments_shows_no_figure(self):
        """A department nobody has commented on counts as too few comments (the list showed 0.00,
        read as a neutral department), and the list hides its empty score and trend."""
        dep = self.env["hr.department"].create({"name": "Nobody commented"})
        self.assertTrue(dep.sentiment_hidden)
        self.assertEqual(dep.sentiment_feedback_count, 0)
        self.Feedback._refresh_sentiment_aggregates([], dep.ids, today=TODAY)
        self.assertTrue(dep.sentiment_hidden and dep.sentiment_refreshed_at)
        arch = self.env["hr.department"].get_view(
            self.env.ref("hr_talent_ai.hr_department_view_list_sentiment").id, "list")["arch"]
        for fname in ("sentiment_score", "sentiment_trend", "sentiment_label"):
            node = re.search(r'<field name="%s"[^>]*>' % fname, arch).group(0)
            self.assertIn('invisible="sentiment_hidden', node)
        self.assertIn("not sentiment_trend_known", re.search(r'<field name="sentiment_trend"[^>]*>', arch).group(0))

    def test_department_trend_needs_five_in_both_windows(self):
        for i in range(5):
            self._add(self.carl, i + 1, 0.5)
        for i in range(4):
            self._add(self.carl, 100 + i, -0.5)
        self._refresh()
        self.assertFalse(self.dep_small.sentiment_trend)
        self.assertFalse(self.dep_small.sentiment_trend_known, "an empty trend is not 'no change'")
        self._add(self.carl, 120, -0.5)
        self._refresh()
        self.assertAlmostEqual(self.dep_small.sentiment_trend, 1.0, places=5)
        self.assertTrue(self.dep_small.sentiment_trend_known)

    def test_department_snapshot_at_comment_time(self):
        rec = self._add(self.carl, 1, 0.3)
        self.assertEqual(rec.department_id, self.dep_small)
        self.carl.department_id = self.dep_big
        self.assertEqual(rec.department_id, self.dep_small, "a comment stays with the team it was written in")

    def test_pivot_by_department_blanks_small_groups(self):
        for i in range(4):
            self._add(self.carl, i + 1, -0.9)
        for i in range(3):
            self._add(self.alice, i + 1, 0.6)
            self._add(self.bob, i + 1, 0.2)
        domain = [("employee_id", "in", (self.alice | self.bob | self.carl).ids)]
        groups = {g["department_id"][0]: g for g in self.Feedback.read_group(
            domain, ["sentiment_score:avg"], ["department_id"], lazy=False)}
        self.assertFalse(groups[self.dep_small.id]["sentiment_score"])
        self.assertAlmostEqual(groups[self.dep_big.id]["sentiment_score"], 0.4, places=5)
        # the lazy (list view) grouping follows the same rule
        lazy = {g["department_id"][0]: g for g in self.Feedback.read_group(
            domain, ["sentiment_score:avg"], ["department_id", "date:month"])}
        self.assertFalse(lazy[self.dep_small.id]["sentiment_score"])

    def test_needs_analysis_flag(self):
        rec = self._add(self.alice, 1, 0.5)
        self.assertFalse(rec.needs_analysis)
        rec.write({"source": "exit"})
        self.assertFalse(rec.needs_analysis, "editing other fields keeps the result")
        rec.write({"body": rec.body})
        self.assertFalse(rec.needs_analysis, "same text: nothing to redo")
        rec.write({"body": "Something else entirely"})
        self.assertTrue(rec.needs_analysis)
        new = self.Feedback.create({"employee_id": self.bob.id, "body": "hello", "needs_analysis": False})
        self.assertTrue(new.needs_analysis, "creation always queues the comment")

    def test_refresh_queries_do_not_grow_with_rows(self):
        employees = self.env["hr.employee"].create([{"name": "Q%d" % i, "department_id": self.dep_big.id}
                                                    for i in range(30)])
        for emp in employees:
            self._add(emp, 1, 0.1)
        self.env.flush_all()

        def count(emp_ids, dep_ids):
            before = self.env.cr.sql_log_count
            self.Feedback._refresh_sentiment_aggregates(emp_ids, dep_ids, today=TODAY)
            return self.env.cr.sql_log_count - before

        small = count(employees[:2].ids, self.dep_big.ids)
        large = count(employees.ids, self.dep_big.ids)
        self.assertEqual(small, large)
        self.assertLessEqual(large, 2)
