from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTalentAiTours(HttpCase):
    """What a person does in the browser (Chromium), on the demo database."""

    def test_registry_tour(self):
        self.assertTrue(
            self.env["hr.talent.model"].search_count([("kind", "=", "text_encoder"), ("state", "=", "active")]),
            "the demo database should have an active text encoder",
        )
        self.start_tour("/odoo", "hr_talent_ai_registry_tour", login="admin")

    def test_theme_report_tour(self):
        """Talent AI > Theme sentiment opens in the browser (pivot and graph) with the minimum-5
        rule applied to what the web client reads; the view once failed with "Oops!" (the
        report's read_group was not a model method)."""
        self.env.ref("base.user_admin").groups_id |= self.env.ref("hr_talent_ai.group_talent_ai_manager")
        Feedback = self.env["hr.employee.feedback"]
        rows = []
        for name, count in (("Tour Dept Many", 6), ("Tour Dept Few", 2)):
            dep = self.env["hr.department"].create({"name": name})
            emp = self.env["hr.employee"].create({"name": "%s member" % name, "department_id": dep.id})
            rows += [{"employee_id": emp.id, "source": "pulse",
                      "body": "The pay is well below market for this area, %d." % i} for i in range(count)]
        feedback = Feedback.create(rows)
        feedback.action_analyze_sentiment()
        self.assertTrue(all(f.theme_ids for f in feedback), "every comment should get a theme")
        self.start_tour("/odoo/action-hr_talent_ai.action_hr_talent_feedback_theme_report",
                        "hr_talent_ai_theme_report_tour", login="admin", timeout=120)
