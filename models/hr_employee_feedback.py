"""Employee feedback comments and their text sentiment.

Text only: the sentiment is read from the written comment. Nothing here (or
anywhere in this add-on) infers emotions from faces, voice or any biometric
signal (EU AI Act art. 5(1)(f) forbids emotion recognition at work). No identity
either: the names the database knows, emails, phones, pronouns and gendered words, ages
and nationality words are redacted before encoding, at serving as at training
(``ml.redaction.redact_comment``), so a name or a gender cannot move a score.

Analysis runs in batches (scheduled action or button): one encoder pass and
one UPDATE per batch, results live on the row itself, so a run killed mid-way
leaves the unfinished rows flagged ``needs_analysis`` and nothing duplicated.
"""
import json
import logging
import os
import threading
import time

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..ml.input_check import clean_text, has_letters
from ..ml.redaction import NameMatcher, redact_comment
from ..ml.runtime import ModelFileError
from ..ml.sentiment.classifier import MAX_COMMENT_CHARS, comment_problem

_logger = logging.getLogger(__name__)

LABELS = [("negative", "Negative"), ("neutral", "Neutral"), ("positive", "Positive")]
SOURCES = [("pulse", "Pulse survey"), ("one_on_one", "1:1 meeting"), ("exit", "Exit interview"), ("other", "Other")]
# A corrected label counts as a certain score in the aggregates.
CORRECTED_SCORE_SQL = """CASE f.corrected_label WHEN 'negative' THEN -1.0 WHEN 'neutral' THEN 0.0
    WHEN 'positive' THEN 1.0 ELSE f.sentiment_score END"""
WINDOW_DAYS = 90
MIN_DEPARTMENT_COMMENTS = 5
LABEL_THRESHOLD = 0.2          # mean score <= -0.2 negative, >= 0.2 positive, else neutral
CRON_TIME_BUDGET = 120         # seconds per cron call; Odoo calls again while `remaining` > 0
RESULT_FIELDS = ["sentiment_label", "sentiment_score", "confidence", "analyzed_at", "model_id",
                 "needs_analysis", "analysis_error"]

_classifiers = {}
_theme_classifiers = {}  # (sentiment model checksum, theme signature) -> ThemeClassifier
ADDON_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED_MODEL_DIR = os.path.join(ADDON_ROOT, "ml", "sentiment", "model")
_name_matchers = {}  # tuple of known names -> NameMatcher (built once per list of names)
# The names of the people a company's database knows, for the redaction of its comments:
# its employees (archived ones too: former colleagues are still mentioned), their work
# contacts, its active internal users. One query for all the companies of a batch.
KNOWN_NAMES_SQL = """
    SELECT s.cid, array_agg(DISTINCT s.name ORDER BY s.name)
      FROM (SELECT e.company_id AS cid, e.name FROM hr_employee e WHERE e.company_id = ANY(%(cids)s)
            UNION ALL
            SELECT e.company_id, p.name FROM hr_employee e JOIN res_partner p ON p.id = e.work_contact_id
             WHERE e.company_id = ANY(%(cids)s)
            UNION ALL
            SELECT r.cid, p.name FROM res_company_users_rel r
              JOIN res_users u ON u.id = r.user_id AND u.active AND NOT u.share
              JOIN res_partner p ON p.id = u.partner_id
             WHERE r.cid = ANY(%(cids)s)) s
     WHERE s.name IS NOT NULL
     GROUP BY s.cid"""


class HrEmployeeFeedback(models.Model):
    _name = "hr.employee.feedback"
    _description = "Employee feedback"
    _order = "date desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    # Department at the time of the comment (not moved when the employee changes team later).
    department_id = fields.Many2one("hr.department", compute="_compute_department_id", store=True,
                                    readonly=False, index=True)
    body = fields.Text("Comment", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    source = fields.Selection(SOURCES, required=True, default="other")
    sentiment_label = fields.Selection(LABELS, "Sentiment", readonly=True, copy=False)
    sentiment_score = fields.Float("Score", readonly=True, copy=False, digits=(3, 2), aggregator="avg",
                                   help="p(positive) - p(negative), from -1 to 1")
    confidence = fields.Float(readonly=True, copy=False, digits=(3, 2), aggregator="avg")
    analyzed_at = fields.Datetime("Analysed on", readonly=True, copy=False)
    model_id = fields.Many2one("hr.talent.model", "Model", readonly=True, copy=False, ondelete="set null")
    needs_analysis = fields.Boolean(default=True, readonly=True, copy=False, index=True,
                                    help="Set on creation and when the comment is edited; cleared by the analysis.")
    analysis_error = fields.Char(readonly=True, copy=False)
    corrected_label = fields.Selection(
        LABELS, "Corrected sentiment", copy=False,
        help="Set by an HR manager when the model is wrong; kept, counted in the aggregates and "
             "used as a training label at the next retrain.")
    corrected_by = fields.Many2one("res.users", readonly=True, copy=False)
    final_label = fields.Selection(LABELS, "Final sentiment", compute="_compute_final_label", store=True)
    theme_ids = fields.Many2many(
        "hr.talent.feedback.theme", "hr_employee_feedback_theme_rel", "feedback_id", "theme_id", "Themes",
        copy=False, help="What the comment talks about, set by the analysis (several for a mixed comment); "
                         "an HR manager may correct them.")

    _sql_constraints = [
        ("score_range", "CHECK(sentiment_score IS NULL OR (sentiment_score >= -1 AND sentiment_score <= 1))",
         "The sentiment score lies between -1 and 1."),
    ]

    @api.depends("employee_id")
    def _compute_department_id(self):
        for rec in self:
            rec.department_id = rec.employee_id.department_id

    @api.depends("sentiment_label", "corrected_label")
    def _compute_final_label(self):
        for rec in self:
            rec.final_label = rec.corrected_label or rec.sentiment_label

    @api.depends("employee_id", "date")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = "%s, %s" % (rec.employee_id.name or "", rec.date or "")

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if isinstance(vals.get("body"), str):
                # PostgreSQL refuses NUL in text: an imported comment with one must not fail
                vals["body"] = clean_text(vals["body"])
            vals["needs_analysis"] = True
            if vals.get("corrected_label"):
                vals["corrected_by"] = self.env.uid
        records = super().create(vals_list)
        records._refresh_if_corrected()
        return records

    def write(self, vals):
        vals = dict(vals)
        if isinstance(vals.get("body"), str):
            vals["body"] = clean_text(vals["body"])
        if "body" in vals:
            changed = self.filtered(lambda r: (r.body or "") != (vals["body"] or ""))
            if changed and changed != self:
                # only the rows whose text really changed go back to the queue
                (self - changed).write(dict(vals))
                return changed.write(vals)
            if changed:
                vals.update(needs_analysis=True, analysis_error=False)
        if "corrected_label" in vals:
            vals["corrected_by"] = self.env.uid if vals["corrected_label"] else False
        before = self._aggregate_keys() if {"employee_id", "department_id", "date", "corrected_label"} & set(vals) else None
        res = super().write(vals)
        if before is not None:
            emp, dep = self._aggregate_keys()
            self._refresh_sentiment_aggregates(before[0] | emp, before[1] | dep)
        return res

    def unlink(self):
        emp, dep = self._aggregate_keys()
        res = super().unlink()
        self._refresh_sentiment_aggregates(emp, dep)
        return res

    def _aggregate_keys(self):
        return set(self.employee_id.ids), set(self.department_id.ids)

    def _refresh_if_corrected(self):
        corrected = self.filtered("corrected_label")
        if corrected:
            self._refresh_sentiment_aggregates(*corrected._aggregate_keys())

    # -------------------------------------------------------------- analysis
    @api.model
    def _get_sentiment_classifier(self):
        """(classifier, model record) of the active sentiment model; UserError naming the fix."""
        from ..ml.sentiment.classifier import SentimentClassifier

        from ..ml.sentiment.classifier import FinetunedSentimentClassifier, is_finetuned
        from ..ml.text_encoder import default_encoder_dir

        engine = self.env["hr.talent.engine"]
        model = self.env["hr.talent.model"].sudo()._get_active("sentiment", raise_if_missing=False)
        if not model:
            raise UserError(self.env._(
                "No active Feedback sentiment model for %(company)s. Run Talent AI > Configuration > "
                "Retrain sentiment model (it starts from the model shipped with the add-on), or activate a "
                "version in Talent AI > Configuration > Models.", company=self.env.company.name))
        path = model._get_file_path()
        device = engine._setting("device") or "auto"
        key = (path, model.checksum, device)
        clf = next((c for k, c in _classifiers.items() if k[:3] == key), None)
        if clf is None:
            try:
                if is_finetuned(path):
                    clf = FinetunedSentimentClassifier(path, default_encoder_dir(), device=device)
                else:  # legacy: frozen text encoder + head
                    encoder = engine._get_text_encoder()
                    clf = SentimentClassifier(path, encoder, device=device)
            except ModelFileError as exc:
                raise UserError(str(exc)) from exc
            _classifiers.clear()
            _classifiers[key] = clf
        engine._note_provider(model, clf.session)
        return clf, model

    @api.model
    def _get_theme_classifier(self, clf, model):
        """(ThemeClassifier, {code: theme id}) of the active themes, cached per model and theme list."""
        from ..ml.sentiment.themes import ThemeClassifier

        signature, examples, ids = self.env["hr.talent.feedback.theme"].sudo()._theme_examples()
        if not examples:
            return None, {}
        key = (model.checksum, signature)
        tc = _theme_classifiers.get(key)
        if tc is None:
            tc = ThemeClassifier(examples, lambda texts: clf.embed([clf.prepare(t) for t in texts], batch_size=64),
                                 prepare=clf.prepare)
            _theme_classifiers.clear()
            _theme_classifiers[key] = tc
        return tc, ids

    def action_analyze_sentiment(self):
        """Button / RPC: analyse the selected comments now (in batches, same transaction)."""
        self.check_access("write")
        batch_size = self._batch_size()
        errors = 0
        for company, recs in self.grouped("company_id").items():
            clf, model = self.with_company(company)._get_sentiment_classifier()
            for start in range(0, len(recs), batch_size):
                errors += recs[start:start + batch_size]._analyze_records(clf, model)
        done = len(self) - errors
        message = (self.env._("1 comment analysed.") if done == 1
                   else self.env._("%(n)s comments analysed.", n=done))
        if errors:
            message += " " + self.env._("%(n)s could not be analysed: see their error.", n=errors)
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"message": message, "type": "warning" if errors else "success", "sticky": False}}

    def action_reanalyze_all(self):
        """After a model change: queue every comment of the user's companies and wake the cron."""
        self.check_access("write")
        self._get_sentiment_classifier()  # a clear error (naming the retrain action) before queueing anything
        self.env.cr.execute(
            "UPDATE hr_employee_feedback SET needs_analysis = TRUE, analysis_error = NULL "
            "WHERE company_id = ANY(%s)", [self.env.companies.ids])
        count = self.env.cr.rowcount
        self.invalidate_model(["needs_analysis", "analysis_error"])
        cron = self.env.ref("hr_talent_ai.ir_cron_employee_sentiment", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger()
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"message": (self.env._("1 comment queued for analysis by the scheduled action.") if count == 1 else
                                       self.env._("%(n)s comments queued for analysis by the scheduled action.", n=count)),
                           "type": "info", "sticky": False}}

    @api.model
    def _batch_size(self):
        try:
            return max(1, int(self.env["hr.talent.engine"]._setting("cron_batch_size") or 256))
        except (TypeError, ValueError):
            return 256

    def _analyze_records(self, clf, model):
        """Analyse ``self`` as one batch; returns the number of rows marked in error.

        Bounded queries whatever the batch size: one SELECT, one for the known names,
        one UPDATE for the results, one for the errors, two for the aggregates.
        """
        if not self:
            return 0
        self.flush_model()
        # a 10 MB comment is read (and tokenised) capped: bounded time per batch
        self.env.cr.execute("SELECT id, company_id, left(body, %s) FROM hr_employee_feedback WHERE id = ANY(%s)",
                            [MAX_COMMENT_CHARS, self.ids])
        rows = self.env.cr.fetchall()
        matchers = self._known_name_matchers({cid for _rid, cid, _body in rows})
        scripts = getattr(clf.encoder, "scripts", None)
        # the fine-tuned model reads with its own MiniLM (clf.encoder is clf), not the encoder of the settings
        own_encoder = clf.encoder is clf
        ok, errors = [], []
        for rid, cid, body in rows:
            problem = comment_problem(body, scripts)
            if problem:
                errors.append((rid, self._comment_problem_message(*problem, own_encoder=own_encoder)))
                continue
            # identity redacted before encoding (names the database knows, emails, pronouns...)
            text = clf.prepare(clean_text(body), matchers.get(cid))
            if has_letters(text):
                ok.append((rid, text))
            else:
                errors.append((rid, self._comment_problem_message("identity_only")))
        results, embeddings = [], []
        if ok:
            try:
                preds, emb = clf.predict_prepared([text for _rid, text in ok], with_embeddings=True)
                results = [(rid, p) for (rid, _t), p in zip(ok, preds)]
                embeddings = list(emb)
            except Exception:  # noqa: BLE001 - isolate the bad row(s), the batch goes on
                _logger.warning("Sentiment batch failed, retrying row by row", exc_info=True)
                results, embeddings = [], []
                for rid, text in ok:
                    try:
                        preds, emb = clf.predict_prepared([text], with_embeddings=True)
                        results.append((rid, preds[0]))
                        embeddings.append(emb[0])
                    except Exception as exc:  # noqa: BLE001
                        errors.append((rid, self.env._("Analysis failed: %s", str(exc)[:200])))
        prepared = dict(ok)
        themes = self._themes_of(clf, model, embeddings, [prepared[rid] for rid, _p in results]) if results else []
        now = fields.Datetime.now()
        cr = self.env.cr
        if results:
            cr.execute("""
                UPDATE hr_employee_feedback AS f
                   SET sentiment_label = v.label, sentiment_score = v.score, confidence = v.conf,
                       final_label = COALESCE(f.corrected_label, v.label),
                       analyzed_at = %(now)s, model_id = %(model)s, needs_analysis = FALSE, analysis_error = NULL,
                       write_date = %(now)s, write_uid = %(uid)s
                  FROM unnest(%(ids)s::int[], %(labels)s::varchar[], %(scores)s::float8[], %(confs)s::float8[])
                       AS v(id, label, score, conf)
                 WHERE f.id = v.id
            """, {"now": now, "model": model.id, "uid": self.env.uid,
                  "ids": [rid for rid, _p in results], "labels": [p["label"] for _r, p in results],
                  "scores": [round(p["score"], 6) for _r, p in results],
                  "confs": [round(p["confidence"], 6) for _r, p in results]})
        done_ids = [rid for rid, _p in results] + [rid for rid, _e in errors]
        if done_ids:
            cr.execute("DELETE FROM hr_employee_feedback_theme_rel WHERE feedback_id = ANY(%s)", [done_ids])
        pairs = [(rid, tid) for (rid, _p), tids in zip(results, themes) for tid in tids]
        if pairs:
            cr.execute("""INSERT INTO hr_employee_feedback_theme_rel (feedback_id, theme_id)
                          SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING""",
                       [[a for a, _b in pairs], [b for _a, b in pairs]])
        if errors:
            cr.execute("""
                UPDATE hr_employee_feedback AS f
                   SET sentiment_label = NULL, sentiment_score = NULL, confidence = NULL,
                       final_label = f.corrected_label, model_id = NULL,
                       analyzed_at = %(now)s, needs_analysis = FALSE, analysis_error = v.err,
                       write_date = %(now)s, write_uid = %(uid)s
                  FROM unnest(%(ids)s::int[], %(errs)s::varchar[]) AS v(id, err)
                 WHERE f.id = v.id
            """, {"now": now, "uid": self.env.uid, "ids": [rid for rid, _e in errors],
                  "errs": [err for _r, err in errors]})
        self.invalidate_recordset(RESULT_FIELDS + ["final_label", "write_date", "write_uid", "theme_ids"])
        self._refresh_sentiment_aggregates(*self._aggregate_keys())
        return len(errors)

    @api.model
    def _themes_of(self, clf, model, embeddings, texts):
        """[theme ids] per embedding (and the prepared text it was embedded from); [] everywhere when
        no theme is configured or it fails."""
        try:
            tc, ids = self._get_theme_classifier(clf, model)
            if tc is None or not len(embeddings):
                return [[] for _e in embeddings]
            import numpy as np

            return [[ids[c] for c in codes if c in ids] for codes in tc.predict(np.asarray(embeddings), texts)]
        except Exception:  # noqa: BLE001 - themes are secondary: the sentiment is still written
            _logger.warning("Feedback themes could not be computed", exc_info=True)
            return [[] for _e in embeddings]

    @api.model
    def _known_name_matchers(self, company_ids):
        """{company id: NameMatcher of the names its database knows (KNOWN_NAMES_SQL)}.

        One query whatever the number of rows or names. Reading the names on every batch
        (rather than trusting a cache stamp such as the last write_date) keeps the list exact
        through renames, archiving and rolled-back transactions; the matcher built from a list
        is cached on the list itself, so an unchanged list costs a dictionary lookup."""
        company_ids = sorted(c for c in company_ids if c)
        if not company_ids:
            return {}
        self.env.cr.execute(KNOWN_NAMES_SQL, {"cids": company_ids})
        out = {}
        for cid, names in self.env.cr.fetchall():
            key = tuple(names)
            matcher = _name_matchers.get(key)
            if matcher is None:
                if len(_name_matchers) >= 16:
                    _name_matchers.clear()
                matcher = _name_matchers[key] = NameMatcher(key)
            out[cid] = matcher
        return out

    @api.model
    def _comment_problem_message(self, kind, mismatch=None, own_encoder=False):
        """The analysis_error of a comment set aside by ml.sentiment.classifier.comment_problem.
        Such rows keep their text and are not retried until it is edited. ``own_encoder``: the
        model reads with its own encoder (the fine-tuned one), so another text encoder in the
        settings would not change what it reads: the message does not suggest it."""
        if kind == "empty":
            return self.env._("Empty comment: nothing to analyse.")
        if kind == "no_answer":
            return self.env._("Not analysed: the comment says there is nothing to add, so it carries no sentiment "
                              "and stays out of the figures.")
        if kind == "identity_only":
            return self.env._("Not analysed: once names and personal details are removed (they never feed "
                              "the sentiment), no words are left. Read it yourself.")
        if kind == "no_letters":
            return self.env._("Not analysed: the comment has no words, only emoji, symbols or numbers, "
                              "which the model cannot read. Read it yourself.")
        if own_encoder:
            return self.env._(
                "Not analysed: the comment is %(unread)s and the sentiment model reads %(readable)s only "
                "(language: %(languages)s), so any label would be a guess. Read it yourself.",
                **self.env["hr.talent.engine"]._unread_text_params(mismatch))
        return self.env._(
            "Not analysed: the comment is %(unread)s and the text encoder reads %(readable)s only (language: "
            "%(languages)s), so any label would be a guess. Read it yourself, or have an administrator set a "
            "text encoder that reads this language (Settings > Talent AI), then analyse it again.",
            **self.env["hr.talent.engine"]._unread_text_params(mismatch))

    @api.model
    def _cron_analyze_sentiment(self, batch_size=None, max_batches=None, time_budget=CRON_TIME_BUDGET):
        """Scheduled action: analyse flagged comments batch by batch, commit per batch.

        Resumable: each batch commits its results and clears their flag in the same
        transaction; a killed run leaves the current batch flagged for the next run.
        Reports progress with ``ir.cron._notify_progress``; Odoo calls again while
        rows remain.
        """
        batch_size = batch_size or self._batch_size()
        domain = [("needs_analysis", "=", True)]
        remaining = self.search_count(domain)
        if not remaining:
            self._refresh_all_aggregates_daily()
            return 0
        cron = self.env["ir.cron"]
        done = batches = 0
        skipped = []       # companies without a usable sentiment model: their rows wait
        started = time.monotonic()
        while remaining:
            batch = self.search(domain + [("company_id", "not in", skipped)], limit=batch_size, order="id")
            if not batch:
                break
            newly_skipped = False
            for company, recs in batch.grouped("company_id").items():
                try:
                    clf, model = self.with_company(company)._get_sentiment_classifier()
                except UserError as exc:
                    _logger.warning("Employee sentiment of %s not analysed: %s", company.name, exc)
                    skipped.append(company.id)
                    newly_skipped = True
                    continue
                recs._analyze_records(clf, model)
                done += len(recs)
            batches += 1
            # count again only when the known queue looks empty (rows added meanwhile)
            # or when a company was set aside (its rows are not "remaining" for this run)
            remaining = (not newly_skipped and max(0, remaining - len(batch))) or self.search_count(
                domain + [("company_id", "not in", skipped)])
            cron._notify_progress(done=done, remaining=remaining)
            self._commit_batch()
            if (max_batches and batches >= max_batches) or time.monotonic() - started > time_budget:
                break
        if not remaining:
            self._refresh_all_aggregates_daily()
        return done

    def _commit_batch(self):
        # same guard as Odoo's own batch crons (crm): tests run in one transaction
        if not getattr(threading.current_thread(), "testing", False):
            self.env.cr.commit()

    # ------------------------------------------------------------ aggregates
    @api.model
    def _refresh_all_aggregates_daily(self):
        """The 90-day window moves every day: refresh every employee/department once a day."""
        param = self.env["ir.config_parameter"].sudo()
        today = str(fields.Date.context_today(self))
        if param.get_param("hr_talent_ai.sentiment_aggregates_date") == today:
            return
        self.env.cr.execute("SELECT DISTINCT employee_id FROM hr_employee_feedback")
        emp = {r[0] for r in self.env.cr.fetchall()}
        self.env.cr.execute("SELECT id FROM hr_employee WHERE sentiment_feedback_count > 0 OR sentiment_score IS NOT NULL")
        emp |= {r[0] for r in self.env.cr.fetchall()}
        self.env.cr.execute("SELECT DISTINCT department_id FROM hr_employee_feedback WHERE department_id IS NOT NULL")
        dep = {r[0] for r in self.env.cr.fetchall()}
        self._refresh_sentiment_aggregates(emp, dep)
        param.set_param("hr_talent_ai.sentiment_aggregates_date", today)

    @api.model
    def _refresh_sentiment_aggregates(self, employee_ids, department_ids, today=None):
        """Recompute stored employee and department figures: one SQL statement each.

        Window: the last 90 days up to ``today`` (score = mean of analysed or
        corrected comments); trend = that mean minus the mean of the 90 days
        before. Departments with fewer than 5 comments in a window show nothing
        for it (``sentiment_hidden``), so that no one's comment can be singled out.
        """
        today = today or fields.Date.context_today(self)
        self.env["hr.employee.feedback"].flush_model()
        params = {"today": today, "days": WINDOW_DAYS, "thr": LABEL_THRESHOLD, "min": MIN_DEPARTMENT_COMMENTS}
        label_sql = """CASE WHEN w.cur IS NULL THEN NULL WHEN w.cur <= -%(thr)s THEN 'negative'
                            WHEN w.cur >= %(thr)s THEN 'positive' ELSE 'neutral' END"""
        # the figures an employee and a department share, from a window row w (cur, n_cur, prev)
        figures_sql = """sentiment_score = w.cur,
                       sentiment_feedback_count = COALESCE(w.n_cur, 0),
                       sentiment_trend = CASE WHEN w.cur IS NOT NULL AND w.prev IS NOT NULL THEN w.cur - w.prev END,
                       sentiment_trend_known = COALESCE(w.cur IS NOT NULL AND w.prev IS NOT NULL, FALSE),
                       sentiment_label = %s,
                       sentiment_refreshed_at = NOW() AT TIME ZONE 'UTC'""" % label_sql
        figures = ["sentiment_score", "sentiment_feedback_count", "sentiment_trend", "sentiment_trend_known",
                   "sentiment_label", "sentiment_refreshed_at"]
        window_sql = """
            SELECT f.{key} AS key,
                   AVG(s.score) FILTER (WHERE f.date > %(today)s::date - %(days)s) AS cur,
                   COUNT(*) FILTER (WHERE f.date > %(today)s::date - %(days)s) AS n_cur,
                   AVG(s.score) FILTER (WHERE f.date <= %(today)s::date - %(days)s) AS prev,
                   COUNT(*) FILTER (WHERE f.date <= %(today)s::date - %(days)s) AS n_prev
              FROM hr_employee_feedback f
              CROSS JOIN LATERAL (SELECT {score} AS score) s
             WHERE f.{key} = ANY(%(ids)s) AND s.score IS NOT NULL
               AND f.date <= %(today)s::date AND f.date > %(today)s::date - 2 * %(days)s
             GROUP BY f.{key}"""
        employee_ids = sorted(i for i in (employee_ids or ()) if i)
        department_ids = sorted(i for i in (department_ids or ()) if i)
        cr = self.env.cr
        if employee_ids:
            cr.execute("""
                WITH w AS (%s)
                UPDATE hr_employee e
                   SET %s
                  FROM unnest(%%(ids)s::int[]) AS ids(id)
                  LEFT JOIN w ON w.key = ids.id
                 WHERE e.id = ids.id
            """ % (window_sql.format(key="employee_id", score=CORRECTED_SCORE_SQL), figures_sql),
                dict(params, ids=employee_ids))
            self.env["hr.employee"].invalidate_model(figures)
        if department_ids:
            cr.execute("""
                WITH w0 AS (%s),
                     w AS (SELECT key, n_cur,
                                  CASE WHEN n_cur >= %%(min)s THEN cur END AS cur,
                                  CASE WHEN n_prev >= %%(min)s THEN prev END AS prev
                             FROM w0)
                UPDATE hr_department d
                   SET %s,
                       sentiment_hidden = COALESCE(w.n_cur, 0) < %%(min)s
                  FROM unnest(%%(ids)s::int[]) AS ids(id)
                  LEFT JOIN w ON w.key = ids.id
                 WHERE d.id = ids.id
            """ % (window_sql.format(key="department_id", score=CORRECTED_SCORE_SQL), figures_sql),
                dict(params, ids=department_ids))
            self.env["hr.department"].invalidate_model(figures + ["sentiment_hidden"])

    # ------------------------------------------------------------- training
    @api.model
    def _shipped_model_metrics(self):
        with open(os.path.join(SHIPPED_MODEL_DIR, "metrics.json"), encoding="utf-8") as f:
            return json.load(f)

    @api.model
    def _install_default_sentiment_model(self):
        """Register the shipped fine-tuned model as a shared version (every company) and activate it
        when no shared sentiment model is active yet or the active one is an older shipped file.
        Runs at install and update, with or without demo data; a company's own retrained model
        stays preferred (``_get_active`` prefers the company's version)."""
        Model = self.env["hr.talent.model"].sudo().with_context(active_test=False)
        try:
            metrics = self._shipped_model_metrics()
            path = os.path.join(SHIPPED_MODEL_DIR, metrics["int8_file"])
            with open(path, "rb") as f:
                raw = f.read()
        except (OSError, ValueError, KeyError) as exc:
            _logger.warning("The shipped sentiment model is missing or unreadable (%s): run `make sentiment-model`, "
                            "or Talent AI > Configuration > Retrain sentiment model", exc)
            return False
        import hashlib

        checksum = hashlib.sha256(raw).hexdigest()
        existing = Model.search([("kind", "=", "sentiment"), ("company_id", "=", False), ("checksum", "=", checksum)],
                                limit=1)
        if not existing:
            last = Model.search([("kind", "=", "sentiment"), ("company_id", "=", False)], order="version desc", limit=1)
            version = (last.version or 0) + 1
            held = metrics.get("heldout", {})
            summary = self.env._(
                "Shipped with the add-on (%(rebuild)s): all-MiniLM-L6-v2 fine-tuned on human-labelled SST-2, "
                "SST-5 and TweetEval sentences and the project's written workplace comments; temperature-"
                "calibrated, int8. Held out: workplace macro-F1 %(wf1).3f, pros/cons polar accuracy %(pc).3f, "
                "SST-2 test accuracy %(sst2).3f, TweetEval test macro-F1 %(tw).3f.",
                rebuild=metrics.get("rebuild", "make sentiment-model"),
                wf1=held.get("workplace", {}).get("macro_f1", 0.0),
                pc=held.get("pros_cons", {}).get("polar_accuracy", 0.0),
                sst2=held.get("sst2_test", {}).get("accuracy", 0.0),
                tw=held.get("tweeteval_test", {}).get("macro_f1", 0.0))
            existing = Model.create({
                "name": "Feedback sentiment (shipped) v%d" % version, "kind": "sentiment", "version": version,
                "file_name": "sentiment_shipped_v%d.onnx" % version, "file_size": len(raw), "checksum": checksum,
                "metrics": json.dumps(metrics, indent=1, sort_keys=True, default=float),
                "training_summary": summary, "company_id": False,
            })
            self.env["ir.attachment"].sudo().create({
                "name": existing.file_name, "res_model": "hr.talent.model", "res_id": existing.id,
                "res_field": "model_file", "raw": raw, "mimetype": "application/octet-stream"})
        del raw
        active = Model.search([("kind", "=", "sentiment"), ("company_id", "=", False), ("state", "=", "active"),
                               ("active", "=", True)], limit=1)
        if existing.state != "active" and (not active or active.name.startswith("Feedback sentiment (shipped)")):
            existing.action_activate()
        return existing

    @api.model
    def _train_sentiment_model(self, force=False, max_steps=None):
        """Retrain in the subprocess from the shipped weights + HR corrections; register the result and
        activate it only when its macro-F1 on the fixed gate set (the written dev comments shipped with
        the model) is at least the active model's. Without corrections and with an active model there
        is nothing to learn: returns the active model (unless ``force``)."""
        Model = self.env["hr.talent.model"].sudo()
        active = Model._get_active("sentiment", raise_if_missing=False)
        corrections = self._sentiment_training_corrections()
        if active and not corrections and not force:
            _logger.info("Sentiment retrain skipped: no HR corrections to learn from; %s stays active", active.name)
            return active
        data = {"corrections": corrections, "top_weights": os.path.join(SHIPPED_MODEL_DIR, "sentiment_top.safetensors")}
        if active:
            # measured again beside the new model, in the same process: int8 reads a little
            # differently on another CPU than where the active model's figure was recorded
            data["baseline_model"] = active._get_file_path()
        if max_steps:
            data["max_steps"] = int(max_steps)
        out_dir, metrics = self.env["hr.talent.engine"]._run_trainer("sentiment", data, timeout=3600)
        summary = self.env._(
            "Retrained from the shipped fine-tuned MiniLM with %(c)s HR corrections (and the written training "
            "comments). Gate (fixed written dev set, %(g)s texts): macro-F1 %(gf1).3f; written held-out "
            "comments: macro-F1 %(f1).3f; int8 vs fp32 agreement %(agree).1f%%.",
            c=len(corrections), g=metrics.get("gate_n"), gf1=metrics.get("gate_macro_f1", 0.0),
            f1=metrics.get("macro_f1", 0.0), agree=100 * metrics.get("int8_vs_fp32_label_agreement", 0.0))
        rec = Model._register_model("sentiment", str(out_dir / metrics["files"]["sentiment"]), metrics, summary,
                                    activate=False)
        baseline = metrics.get("baseline_gate_macro_f1")
        if active and not isinstance(baseline, (int, float)):  # not a fine-tuned model: its recorded figure
            try:
                baseline = json.loads(active.metrics or "{}").get("gate_macro_f1")
            except ValueError:
                baseline = None
        new = metrics.get("gate_macro_f1")
        if not isinstance(new, (int, float)):
            rec.write({"state": "rejected", "note": self.env._("Not activated: the trainer reported no gate figure.")})
        elif isinstance(baseline, (int, float)) and new < baseline:
            rec.write({"state": "rejected", "note": self.env._(
                "Not activated: gate macro-F1 %(new).3f is below %(old).3f of the active %(cur)s.",
                new=new, old=baseline, cur=active.name)})
        else:
            rec.action_activate()
        return rec

    def action_retrain_sentiment_model(self):
        """Talent AI > Configuration > Retrain sentiment model (HR managers)."""
        self.env["hr.talent.model"].check_access("create")
        self.check_access("write")
        Model = self.env["hr.talent.model"].sudo()
        active = Model._get_active("sentiment", raise_if_missing=False)
        if active and not self._sentiment_training_corrections():
            message, kind = self.env._(
                "There are no HR corrections to learn from yet: %(name)s stays active. Correct the sentiment of "
                "the comments the model gets wrong (Corrected sentiment), then retrain.", name=active.name), "info"
        else:
            rec = self._train_sentiment_model(force=True)
            if rec.state == "active":
                message, kind = self.env._("%(name)s is active. %(summary)s", name=rec.name,
                                           summary=rec.training_summary), "success"
            else:
                message, kind = (rec.note or self.env._("%s was not activated.", rec.name)), "warning"
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": self.env._("Retrain sentiment model"), "message": message, "type": kind,
                           "sticky": kind != "success"}}

    @api.model
    def _sentiment_training_corrections(self):
        """HR corrections of the user's companies as trainer rows [{text, label}], redacted like
        the comments at serving: the names the database knows are removed here (the trainer has
        no database), the rest again by the trainer (``prepare_comment``)."""
        self.env.cr.execute("SELECT company_id, body, corrected_label FROM hr_employee_feedback "
                            "WHERE corrected_label IS NOT NULL AND company_id = ANY(%s) ORDER BY id",
                            [self.env.companies.ids])
        rows = self.env.cr.fetchall()
        matchers = self._known_name_matchers({cid for cid, _b, _l in rows})
        return [{"text": redact_comment(body, matchers.get(cid)), "label": label} for cid, body, label in rows]

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Pivot/graph by department: blank the sentiment figures of groups under 5 comments."""
        res = super().read_group(domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        if any(g.split(":")[0] == "department_id" for g in groupby):
            for group in res:
                count = group.get("__count", group.get("%s_count" % groupby[0].split(":")[0], 0))
                if count < MIN_DEPARTMENT_COMMENTS:
                    for fname in ("sentiment_score", "confidence"):
                        if fname in group:
                            group[fname] = False
        return res
