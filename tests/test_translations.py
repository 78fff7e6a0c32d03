import ast
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path


@tagged("post_install", "-at_install")
class TestTranslationTemplate(TransactionCase):
    """i18n/hr_talent_ai.pot is what translators start from: it must hold every term a user reads.
    A changed or new string without `make pot` fails here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.terms = {entry.msgid for entry in polib.pofile(file_path("hr_talent_ai/i18n/hr_talent_ai.pot"))}

    def _module_records(self, model):
        data = self.env["ir.model.data"].search([("module", "=", "hr_talent_ai"), ("model", "=", model)])
        return self.env[model].browse(data.mapped("res_id")).exists()

    def test_field_labels_and_menus_are_in_the_template(self):
        fields = self._module_records("ir.model.fields")
        menus = self._module_records("ir.ui.menu")
        self.assertGreater(len(fields), 100)
        self.assertGreater(len(menus), 15)
        missing = sorted({f.field_description for f in fields} - self.terms)
        missing += sorted({m.name for m in menus} - self.terms)
        self.assertEqual(missing, [], "run `make pot`")

    def test_messages_of_the_python_code_are_in_the_template(self):
        """Every literal passed to _() or env._() in models/ (the messages users read)."""
        messages = set()
        for path in Path(file_path("hr_talent_ai/models")).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name == "_" and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    messages.add(node.args[0].value)
        self.assertGreater(len(messages), 100)
        self.assertEqual(sorted(messages - self.terms), [], "run `make pot`")
