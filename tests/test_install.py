from odoo.tools.misc import file_path
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    """The add-on as an integrator meets it: listed in Apps, groups, access."""

    def test_listed_in_apps_as_application(self):
        module = self.env["ir.module.module"].search([("name", "=", "hr_talent_ai")])
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.application)
        self.assertEqual(module.license, "LGPL-3")
        self.assertRegex(module.latest_version, r"^18\.0\.\d+\.\d+\.\d+$")
        self.assertTrue(file_path("hr_talent_ai/static/description/icon.png"))
        self.assertTrue(file_path("hr_talent_ai/static/description/index.html"))
        self.assertIn("Talent AI", module.description_html or "")

    def test_text_encoder_exported_at_install(self):
        """With or without demo data, the install exported the packaged encoder (fp32 and int8) for the
        main company: no first click waits for the export."""
        Model = self.env["hr.talent.model"].with_company(self.env.ref("base.main_company"))
        for kind in ("text_encoder", "text_encoder_int8"):
            model = Model._get_active(kind, raise_if_missing=False)
            self.assertTrue(model, kind)
            self.assertTrue(model._get_file_path())

    def test_groups_and_implication(self):
        user_group = self.env.ref("hr_talent_ai.group_talent_ai_user")
        manager_group = self.env.ref("hr_talent_ai.group_talent_ai_manager")
        self.assertIn(user_group, manager_group.implied_ids)
        self.assertIn(self.env.ref("base.user_admin"), manager_group.users)

    def test_every_model_of_the_module_has_access_rules(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "hr_talent_ai"), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        for model in models:
            if model.transient or self.env[model.model]._abstract:
                continue
            with self.subTest(model=model.model):
                self.assertTrue(
                    self.env["ir.model.access"].search_count([("model_id", "=", model.id)]),
                    f"{model.model} has no access rule",
                )
