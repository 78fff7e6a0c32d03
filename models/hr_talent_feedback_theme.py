"""Themes of employee comments (workload, management, pay and benefits...): a configurable list.

Each theme is recognised by the similarity of a comment to its description and example
sentences (``ml.sentiment.themes``); the default themes also use the project's written
example comments shipped with the add-on. HR managers may add themes (with a few example
sentences each), rename them or archive them; the ``code`` of the default ones is fixed.
"""
from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_CODES = ("workload", "management", "pay_benefits", "career_growth", "team", "tools_processes",
                 "recognition", "work_life_balance", "communication", "other")


class HrTalentFeedbackTheme(models.Model):
    _name = "hr.talent.feedback.theme"
    _description = "Feedback theme"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True, help="Stable key, e.g. workload, pay_benefits.")
    description = fields.Text(help="What the theme is about, in a sentence: compared with each comment.")
    examples = fields.Text(help="Example comments of this theme, one a line: compared with each comment.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "A theme code is used once.")]

    @api.constrains("code")
    def _check_code(self):
        for rec in self:
            if not rec.code or not rec.code.replace("_", "").isalnum() or rec.code != rec.code.lower():
                raise ValidationError(self.env._("A theme code is lower-case letters, digits and underscores."))

    def write(self, vals):
        if "code" in vals and any(r.code in DEFAULT_CODES and r.code != vals["code"] for r in self):
            raise ValidationError(self.env._("The code of a default theme cannot change (reports rely on it)."))
        return super().write(vals)

    @api.model
    def _theme_examples(self):
        """(signature, {code: [texts]}, {code: id}) of the active themes, one query."""
        from ..ml.sentiment.themes import default_examples

        self.env.cr.execute("SELECT id, code, description, examples FROM hr_talent_feedback_theme "
                            "WHERE active ORDER BY sequence, id")
        shipped = None
        examples, ids = {}, {}
        for tid, code, description, extra in self.env.cr.fetchall():
            texts = [t for t in [description or ""] + (extra or "").splitlines() if t.strip()]
            if code in DEFAULT_CODES:
                shipped = shipped if shipped is not None else default_examples()
                texts += shipped.get(code, [])[1:]  # [0] is the default description, replaced by the record's
            examples[code], ids[code] = texts, tid
        signature = tuple((c, tuple(t)) for c, t in examples.items())
        return signature, examples, ids
