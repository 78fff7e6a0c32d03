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
