import hashlib
import json
import logging
import os

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..ml.review.analyzer import ReviewAnalyzer, ReviewInputError, head_metadata
from ..ml.review.scoring import is_mismatch, text_score
from ..ml.runtime import ModelFileError
from .hr_talent_review_dimension import DIMENSION_CODES

_logger = logging.getLogger(__name__)

ADDON_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_HEAD = os.path.join(ADDON_ROOT, "ml", "review", "default", "review_head.onnx")
DEFAULT_METRICS = os.path.join(ADDON_ROOT, "ml", "review", "default", "metrics.json")
RATINGS = [("1", "1 - Far below expectations"), ("2", "2 - Below expectations"), ("3", "3 - Meets expectations"),
           ("4", "4 - Above expectations"), ("5", "5 - Far above expectations")]
_analyzers = {}


def _body_hash(text):
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()


class HrTalentReview(models.Model):
    """A written performance review of an employee by a reviewer (a user).

    Insights (sentence dimension, polarity, fair-language flags) are advice to the reviewer:
    the AI never sets the rating, a pay, a promotion or a ranking. The employee reads their
    own review once it is done, without the insights (record rules)."""

    _name = "hr.talent.review"
    _description = "Performance review"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_names_search = ["employee_id", "period"]

    employee_id = fields.Many2one("hr.employee", required=True, index=True, tracking=True, ondelete="cascade")
    reviewer_id = fields.Many2one("res.users", string="Reviewer", required=True, index=True,
                                  default=lambda self: self.env.user, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    period = fields.Char(help="The period the review covers, e.g. 2026 or 2026 H1.")
    body = fields.Text("Review", help="What the person did this period: behaviour, examples and outcomes.")
    self_assessment = fields.Text("Self-assessment")
    rating = fields.Selection(RATINGS, string="Overall rating",
                              help="Set by the reviewer only. The analysis never sets or changes it.")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft", required=True,
                             tracking=True, index=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    manager_user_id = fields.Many2one("res.users", related="employee_id.parent_id.user_id", string="Manager",
                                      store=True, index=True)
    employee_user_id = fields.Many2one("res.users", related="employee_id.user_id", store=True, index=True)

    insight_ids = fields.One2many("hr.talent.review.insight", "review_id", string="Insights")
    development_ids = fields.One2many("hr.talent.review.development", "review_id", string="Development areas")
    rating_mismatch = fields.Boolean(compute="_compute_analysis", help="The rating disagrees with what the text says.")
    flag_count = fields.Integer("Fair-language flags", compute="_compute_analysis")
    text_rating = fields.Float("Rating the text reads as", compute="_compute_analysis", digits=(2, 1))
    summary_html = fields.Html("Strengths and development areas", compute="_compute_analysis", sanitize=False)
    flags_html = fields.Html("Fair-language checks", compute="_compute_analysis", sanitize=False)
    analysis_state = fields.Selection(
        [("none", "Not analysed"), ("ok", "Analysed"), ("stale", "Text changed since analysis"), ("error", "Error")],
        compute="_compute_analysis_state")
    analysis_error = fields.Char(readonly=True, copy=False)
    analyzed_hash = fields.Char(readonly=True, copy=False)
    analyzed_on = fields.Datetime(readonly=True, copy=False)
    analyzed_model = fields.Char("Analysed with", readonly=True, copy=False)
    checks_seen_hash = fields.Char(readonly=True, copy=False)
    reviewer_side = fields.Boolean(compute="_compute_reviewer_side",
                                   help="The current user writes this review (HR, the manager or the reviewer).")

    @api.depends("employee_id", "date", "period")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = self.env._("Review of %(name)s (%(period)s)", name=rec.employee_id.name or "?",
                                 period=rec.period or rec.date or "")

    @api.depends_context("uid")
    def _compute_reviewer_side(self):
        for rec in self:
            rec.reviewer_side = not rec.id or rec._is_reviewer_side()

    REVIEWER_ONLY = ("insight_ids", "development_ids")

    def web_read(self, specification):
        """The employee reads their done review without the reviewer-side records: the web client
        would otherwise read the insights and development areas of the form (record rules refuse
        them) and fail. Their values are empty for a reader who is not on the reviewer side."""
        hidden = set(self.REVIEWER_ONLY) & set(specification)
        if not hidden or self.env.su:
            return super().web_read(specification)
        blind = self.filtered(lambda r: not r._is_reviewer_side())
        if not blind:
            return super().web_read(specification)
        seen = {v["id"]: v for v in super(HrTalentReview, self - blind).web_read(specification)} if self - blind else {}
        reduced = {k: v for k, v in specification.items() if k not in hidden}
        for vals in super(HrTalentReview, blind).web_read(reduced):
            seen[vals["id"]] = dict(vals, **{f: [] for f in hidden})
        return [seen[rec.id] for rec in self]

    def _is_reviewer_side(self):
        """HR managers, the reviewer and the employee's manager see the insights."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or user.has_group("hr.group_hr_manager") or user.has_group("hr_talent_ai.group_talent_ai_manager"):
            return True
        review = self.sudo()
        return user in (review.reviewer_id | review.employee_id.parent_id.user_id)

    @api.depends("insight_ids.polarity", "insight_ids.flag", "insight_ids.dimension", "rating")
    @api.depends_context("uid")
    def _compute_analysis(self):
        dim_names = self._dimension_names()
        for rec in self:
            insights = rec.insight_ids if rec.id and rec._is_reviewer_side() else self.env["hr.talent.review.insight"]
            score = text_score(insights.mapped("polarity"))
            rec.flag_count = len(insights.filtered("flag"))
            rec.rating_mismatch = bool(insights) and is_mismatch(rec.rating, score)
            rec.text_rating = 3.0 + 2.0 * score if insights else 0.0
            rec.summary_html = rec._summary_html(insights, dim_names) if insights else False
            rec.flags_html = rec._flags_html(insights) if insights else False

    @api.depends("analyzed_hash", "body", "analysis_error")
    def _compute_analysis_state(self):
        for rec in self:
            if rec.analysis_error and rec.analyzed_hash == _body_hash(rec.body):
                rec.analysis_state = "error"
            elif not rec.analyzed_hash:
                rec.analysis_state = "none"
            elif rec.analyzed_hash != _body_hash(rec.body):
                rec.analysis_state = "stale"
            else:
                rec.analysis_state = "ok"

    @api.model
    def _dimension_names(self):
        dims = self.env["hr.talent.review.dimension"].sudo().search([])
        names = dict(DIMENSION_CODES)
        names.update({d.code: d.name for d in dims})
        return names, set(dims.mapped("code"))

    def _summary_html(self, insights, dim_names):
        names, active = dim_names
        parts = []
        for code, _label in DIMENSION_CODES:
            if code not in active:
                continue
            rows = insights.filtered(lambda i: i.dimension == code and i.polarity != "neutral")
            if not rows:
                continue
            items = "".join(
                Markup("<li class='%s'>%s %s</li>") % (
                    "text-success" if i.polarity == "positive" else "text-danger",
                    self.env._("Strength:") if i.polarity == "positive" else self.env._("Development area:"), i.sentence)
                for i in rows.sorted(lambda i: (i.polarity != "positive", i.sequence)))
            parts.append(Markup("<div><b>%s</b><ul>%s</ul></div>") % (names.get(code, code), Markup(items)))
        return Markup("").join(parts)

    def _flags_html(self, insights):
        flagged = insights.filtered("flag")
        labels = dict(self.env["hr.talent.review.insight"]._fields["flag"].selection)
        lines = [Markup("<li><b>%s</b>: \u201c%s\u201d<br/><i>%s</i></li>") % (labels.get(i.flag, i.flag), i.sentence, i.suggestion or "")
                 for i in flagged.sorted("sequence")]
        if self.rating_mismatch:
            lines.append(Markup("<li><b>%s</b>: %s</li>") % (self.env._("Rating mismatch"), self.env._(
                "the rating %(rating)s disagrees with the text, which reads as about %(text).1f out of 5. "
                "Check the rating or say in the text what justifies it.", rating=self.rating, text=self.text_rating)))
        return Markup("<ul>%s</ul>") % Markup("").join(lines) if lines else False

    # ------------------------------------------------------------------ CRUD
    def _check_review_rights(self):
        """Outside HR, a user writes reviews only of the employees they manage (as in Odoo's
        appraisals): being the reviewer of one's own choosing is not enough."""
        user = self.env.user
        if self.env.su or user.has_group("hr.group_hr_manager") or user.has_group("hr_talent_ai.group_talent_ai_manager"):
            return
        for rec in self.sudo():
            if rec.employee_id.parent_id.user_id != user:
                raise AccessError(self.env._("You can write reviews only of the employees you manage."))
            if rec.employee_id.user_id == user:
                raise AccessError(self.env._("You cannot review yourself: write a self-assessment in your review instead."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "done":
                raise UserError(self.env._("Create the review as a draft, then mark it done after reading the checks."))
        records = super().create(vals_list)
        records._check_review_rights()
        return records

    def write(self, vals):
        if {"employee_id", "reviewer_id"} & set(vals):
            res = super().write(vals)
            self._check_review_rights()
        else:
            res = super().write(vals)
        if "body" in vals:
            done = self.filtered(lambda r: r.state == "done" and r.analyzed_hash != _body_hash(r.body))
            if done:
                try:
                    with self.env.cr.savepoint():
                        done._analyze(raise_on_error=False)
                except UserError as exc:  # no usable model: the text is saved, the reason shown
                    for rec in done.sudo():
                        rec.write({"analysis_error": str(exc), "analyzed_hash": _body_hash(rec.body)})
        return res

    # -------------------------------------------------------------- analysis
    @api.model
    def _review_model(self):
        """The active review model; the shipped default is registered and activated on first use."""
        Model = self.env["hr.talent.model"]
        model = Model._get_active("review", raise_if_missing=False)
        if model:
            return model
        self.env.cr.execute("SELECT pg_advisory_xact_lock(hashtext('hr_talent_ai_review_model'))")
        model = Model._get_active("review", raise_if_missing=False)
        if model:
            return model
        try:
            with open(DEFAULT_METRICS, encoding="utf-8") as f:
                metrics = json.load(f)
        except (OSError, ValueError):
            metrics = {}
        return Model.sudo()._register_model(
            "review", DEFAULT_HEAD, metrics,
            self.env._("Shipped default: trained on the add-on's labelled review sentences (make review-model)."),
            activate=True)

    @api.model
    def _review_encoder(self):
        """The int8 text encoder the review head reads (exported with the fp32 one on first use),
        one sentence a run."""
        return self.env["hr.talent.engine"]._get_text_encoder(int8=True)

    @api.model
    def _review_polarity_model(self):
        """(classifier, registry record) of the company's active fine-tuned sentiment model, which
        reads a review sentence's polarity and dimension (it is trained on the review sentences too:
        held-out figures in ml/sentiment/model/metrics.json); (None, None) when the company has none,
        and the review head reads them."""
        from ..ml.sentiment.classifier import FinetunedSentimentClassifier

        try:
            clf, model = self.env["hr.employee.feedback"]._get_sentiment_classifier()
        except UserError:
            return None, None
        return (clf, model) if isinstance(clf, FinetunedSentimentClassifier) else (None, None)

    @api.model
    def _review_analyzer(self):
        """(ReviewAnalyzer, the names of the models it reads with: "Review v1 + Feedback sentiment v1")."""
        model = self._review_model()
        encoder = self._review_encoder()
        polarity_model, sentiment_model = self._review_polarity_model()
        key = (self.env.cr.dbname, model.checksum, encoder.checksum, polarity_model and polarity_model.checksum)
        analyzer = _analyzers.get(key)
        if analyzer is None:
            try:
                analyzer = ReviewAnalyzer(model._get_file_path(), encoder, self.env["hr.talent.engine"]._setting("device"),
                                          polarity_model=polarity_model)
            except ModelFileError as exc:
                raise UserError(self.env._("%(name)s cannot be used: %(err)s", name=model.name, err=exc)) from exc
            for k in [k for k in _analyzers if k[0] == key[0]]:
                del _analyzers[k]
            _analyzers[key] = analyzer
        return analyzer, " + ".join(m.name for m in (model, sentiment_model) if m)

    @api.model
    def _known_names(self, company_ids):
        """{company id: NameMatcher} of the names each company's database knows (employees, their
        work contacts, users): shared with the sentiment of feedback, one query (raw SQL: the
        names written in this transaction are flushed first)."""
        for model in ("hr.employee", "res.partner", "res.users"):
            self.env[model].flush_model()
        return self.env["hr.employee.feedback"]._known_name_matchers(set(company_ids))

    def action_analyze_review(self):
        """Button: analyse the text of each review (sentences, dimensions, polarity, flags)."""
        for rec in self:
            if not rec._is_reviewer_side():
                raise AccessError(self.env._("Only the reviewer, the employee's manager or HR can analyse this review."))
        errors = self._analyze(raise_on_error=len(self) == 1)
        if errors:
            return {"type": "ir.actions.client", "tag": "display_notification",
                    "params": {"type": "warning", "title": self.env._("Some reviews were not analysed"),
                               "message": "\n".join(errors), "sticky": True}}
        return True

    def _analyze(self, raise_on_error=False):
        """Write the insights; a review that cannot be analysed keeps its text and gets a message."""
        Insight = self.env["hr.talent.review.insight"].sudo()
        analyzer, analyzed_with = self._review_analyzer()
        matchers = self._known_names(self.mapped("company_id").ids)
        errors = []
        for rec in self:
            rec_sudo = rec.sudo()
            digest = _body_hash(rec.body)
            try:
                result = analyzer.analyze(rec.body or "", names=matchers.get(rec.company_id.id), rating=rec.rating,
                                          subject=rec_sudo.employee_id.name)
            except ReviewInputError as exc:
                rec_sudo.insight_ids.unlink()
                rec_sudo.write({"analysis_error": str(exc), "analyzed_hash": digest, "analyzed_on": fields.Datetime.now()})
                if raise_on_error:
                    raise UserError(str(exc)) from exc
                errors.append("%s: %s" % (rec.display_name, exc))
                continue
            corrected = {i.sentence: i for i in rec_sudo.insight_ids.filtered("corrected")}
            rec_sudo.insight_ids.filtered(lambda i: i.sentence not in corrected).unlink()
            vals = []
            for seq, item in enumerate(result["sentences"], start=1):
                if item["sentence"] in corrected:
                    corrected[item["sentence"]].sequence = seq
                    continue
                vals.append({
                    "review_id": rec.id, "sequence": seq, "sentence": item["sentence"],
                    "dimension": item["dimension"], "polarity": item["polarity"], "flag": item["flag"] or False,
                    "suggestion": item["suggestion"] or False, "section": item["section"] or False,
                    "confidence": item["dimension_confidence"], "polarity_score": item["polarity_score"],
                })
            Insight.create(vals)
            rec_sudo.write({"analysis_error": False, "analyzed_hash": digest, "analyzed_on": fields.Datetime.now(),
                            "analyzed_model": analyzed_with})
            if rec.state == "done":
                rec._suggest_development_areas()
        return errors

    @api.model
    def _cron_analyze_reviews(self, batch_size=None):
        """Analyse reviews with text that were never analysed (imported or demo reviews), one
        batch; returns how many were analysed (0 when none is left)."""
        batch = batch_size or self.env["hr.talent.engine"]._setting("cron_batch_size")
        todo = self.sudo().search([("analyzed_hash", "=", False), ("body", "!=", False)], limit=batch)
        for company, reviews in todo.grouped("company_id").items():
            reviews.with_company(company)._analyze(raise_on_error=False)
        return len(todo)

    def _checks_message(self):
        """What the checks found, in words: "1 fair-language flag", "2 fair-language flags and a
        rating mismatch", "a rating mismatch"."""
        self.ensure_one()
        found = []
        if self.flag_count == 1:
            found.append(self.env._("1 fair-language flag"))
        elif self.flag_count:
            found.append(self.env._("%(n)s fair-language flags", n=self.flag_count))
        if self.rating_mismatch:
            found.append(self.env._("a rating mismatch"))
        return self.env._("%(found)s: read them in the Fair-language checks tab, rewrite what you agree with, "
                          "then press Mark done again.", found=self.env._(" and ").join(found))

    def action_mark_done(self):
        """The reviewer marks the review done after reading the fair-language checks: the first
        press analyses the text and, when there are flags or a rating mismatch, shows them and
        leaves the review in draft; pressing again with the same text marks it done."""
        for rec in self:
            if rec.state == "done":
                continue
            if not rec._is_reviewer_side():
                raise AccessError(self.env._("Only the reviewer, the employee's manager or HR can mark this review done."))
            if not (rec.body or "").strip():
                raise UserError(self.env._("Write the review before marking it done."))
            digest = _body_hash(rec.body)
            if rec.analyzed_hash != digest:
                rec._analyze(raise_on_error=True)
            issues = rec.flag_count or rec.rating_mismatch
            if issues and rec.checks_seen_hash != digest + (rec.rating or ""):
                rec.sudo().checks_seen_hash = digest + (rec.rating or "")
                return {"type": "ir.actions.client", "tag": "display_notification",
                        "params": {"type": "warning", "sticky": True, "title": self.env._("Check the review before marking it done"),
                                   "message": rec._checks_message(),
                                   "next": {"type": "ir.actions.client", "tag": "soft_reload"}}}
            rec.write({"state": "done"})
            rec._suggest_development_areas()
        return True

    def action_reset_draft(self):
        for rec in self:
            if not rec._is_reviewer_side():
                raise AccessError(self.env._("Only the reviewer, the employee's manager or HR can reopen this review."))
        self.write({"state": "draft"})
        return True

    def _suggest_development_areas(self):
        """One suggestion per dimension with a development area (a negative sentence) in a done
        review; it changes the training path only once the reviewer confirms it."""
        Dev = self.env["hr.talent.review.development"].sudo()
        dims = {d.code: d for d in self.env["hr.talent.review.dimension"].sudo().search([])}
        for rec in self:
            negative = rec.sudo().insight_ids.filtered(lambda i: i.polarity == "negative" and i.dimension in dims)
            wanted = set(negative.mapped("dimension"))
            existing = {d.dimension_id.code: d for d in rec.sudo().development_ids}
            for code, dev in existing.items():
                if code not in wanted and dev.state == "suggested":
                    dev.unlink()
            for code in sorted(wanted - set(existing)):
                dim = dims[code]
                sentences = negative.filtered(lambda i: i.dimension == code).mapped("sentence")
                Dev.create({"review_id": rec.id, "dimension_id": dim.id,
                            "skill_ids": [(6, 0, dim.skill_map_ids.filtered(
                                lambda m: m.company_id in (rec.company_id, self.env["res.company"])).skill_id.ids)],
                            "evidence": "\n".join(sentences)[:2000]})

    # -------------------------------------------------------------- training
    @api.model
    def action_train_review_model(self):
        """HR managers: retrain the review head in the trainer subprocess on the shipped sentences
        plus the insights reviewers corrected (names redacted); activated only if its held-out
        dimension macro-F1 is at least the active model's."""
        if not self.env.user.has_group("hr_talent_ai.group_talent_ai_manager"):
            raise AccessError(self.env._("Only Talent AI HR managers can retrain the review model."))
        engine = self.env["hr.talent.engine"]
        encoder = self._review_encoder()
        enc_model = engine._text_encoder_record(int8=True)
        from ..ml.redaction import redact_comment

        corrected = self.env["hr.talent.review.insight"].sudo().search(
            [("corrected", "=", True), ("company_id", "=", self.env.company.id)])
        names = self._known_names([self.env.company.id]).get(self.env.company.id)
        rows = [{"text": redact_comment(i.sentence, names), "dimension": i.dimension, "polarity": i.polarity,
                 "flag": i.flag or "none"} for i in corrected]
        out, metrics = engine._run_trainer("review", {"encoder_onnx": enc_model._get_file_path(),
                                                      "tokenizer_dir": encoder.model_dir, "rows": rows}, timeout=1800)
        summary = self.env._("Shipped review sentences + %(n)s corrected insights; held-out dimension macro-F1 %(f1).3f, "
                    "polarity accuracy %(acc).3f.", n=len(rows), f1=metrics.get("dimension_macro_f1", 0),
                    acc=metrics.get("polarity_accuracy", 0))
        rec = self.env["hr.talent.model"]._register_model("review", str(out / metrics["files"]["review"]), metrics,
                                                          summary, activate="if_better",
                                                          baseline_metric="dimension_macro_f1")
        return rec.get_formview_action()
