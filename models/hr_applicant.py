import glob
import hashlib
import io
import json
import logging
import os
import time
import zlib

import numpy as np

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..ml import input_check
from ..ml.cv import occupation as cv_occupation
from ..ml.fit import explain, features as fit_features, guard, roles, text as fit_text, zero_shot
from ..ml.fit import drivers as fit_drivers, train as fit_train  # train: numpy only at import, no torch
from ..ml.onet import index as onet_index

_logger = logging.getLogger(__name__)

FIT_BANDS = [("strong", "Strong"), ("good", "Good"), ("possible", "Possible"), ("weak", "Weak")]
PDF_MIMETYPES = ("application/pdf",)
OFFICE_PREFIXES = ("application/vnd.openxmlformats", "application/vnd.oasis.opendocument", "application/msword")
# bytes read from a text attachment: enough for fit_text.MAX_CHARS characters in any encoding
TEXT_READ_BYTES = 4 * fit_text.MAX_CHARS + 4
# process caches: job profiles per (encoder, job text); relation prototypes per encoder
_job_cache = {}
_proto_cache = {}
_cv_cache = {}  # sha256(encoder, names, CV text) -> (chunks, relations, None, zlib(redacted text), dated entries)
_onet_cache = {}  # encoder checksum -> O*NET index when the encoder is the one the index was built with
# fields whose change makes a score stale (CV attachments are checked by the cron)
STALE_FIELDS = {"job_id", "applicant_notes", "candidate_id"}
# ml/fit modules that only present a score: a change to them needs no retrain
FINGERPRINT_DISPLAY_ONLY = {"drivers.py", "explain.py", "evaluate.py", "__init__.py"}
FINGERPRINT_NOT_SERVED = {"__init__.py", "build.py", "source.py"}  # ml/cv, ml/onet: index builders


class HrApplicant(models.Model):
    """Applicant fit: score (0-100), band, explanation, model used, stale flag.

    Scores advise a recruiter: nothing here moves, refuses or archives an
    applicant. Scoring is batched (one read per table, one encoder call) and
    runs from the button, the list action or the cron, never in create/write,
    so imports stay fast.
    """

    _inherit = "hr.applicant"

    fit_score = fields.Float("Fit", readonly=True, groups="hr_talent_ai.group_talent_ai_user",  digits=(5, 1), aggregator="avg", copy=False,
                             help="0-100 fit of the CV with the job (advisory).")
    fit_band = fields.Selection(FIT_BANDS, "Fit band", readonly=True, groups="hr_talent_ai.group_talent_ai_user",  copy=False, index=True)
    # built by ml/fit/explain.py, which escapes every piece of CV/job text itself
    fit_explanation = fields.Html("Fit explanation", readonly=True, groups="hr_talent_ai.group_talent_ai_user",  copy=False, sanitize=False)
    fit_model_id = fields.Many2one("hr.talent.model", "Fit model", readonly=True, groups="hr_talent_ai.group_talent_ai_user",  copy=False, ondelete="set null",
                                   help="Registry record used: the trained fit model, or the text encoder "
                                        "for the zero-shot scorer.")
    fit_method = fields.Selection([("zero_shot", "Zero-shot"), ("trained", "Trained")], readonly=True, copy=False)
    fit_scored_at = fields.Datetime("Fit scored on", readonly=True, groups="hr_talent_ai.group_talent_ai_user",  copy=False)
    fit_attempted_at = fields.Datetime(readonly=True, copy=False)
    fit_stale = fields.Boolean("Fit outdated", readonly=True, copy=False, index=True,
                               help="The CV, notes or job changed since the fit was computed.")
    fit_message = fields.Char("Fit message", readonly=True, copy=False)
    # Odoo stores an unset Float as 0: views show fit_score only where fit_scored_at is set, and
    # this text everywhere else, so an applicant never scored never reads as a real 0
    fit_status = fields.Char("Fit status", compute="_compute_fit_status", groups="hr_talent_ai.group_talent_ai_user",
                             help="Empty when scored; otherwise 'not scored' and why.")

    @api.depends("fit_scored_at", "fit_message", "job_id", "fit_attempted_at")
    def _compute_fit_status(self):
        for app in self:
            if app.fit_scored_at:
                app.fit_status = False
            elif app.fit_message:
                app.fit_status = self.env._("not scored: %s", app.fit_message)
            elif not app.job_id:
                app.fit_status = self.env._("not scored: no job position")
            else:
                app.fit_status = self.env._("not scored yet: click Score fit, or wait for the scheduled action")

    # ------------------------------------------------------------------ staleness
    def write(self, vals):
        # Only a real change makes a score stale: a form saved with the same notes (the HTML editor
        # re-sends them), the same job or candidate is not one.
        watched = set() if self.env.context.get("fit_scoring") else STALE_FIELDS.intersection(vals)
        before = {app.id: app._fit_input_values(watched) for app in self.filtered("fit_attempted_at")} if watched else {}
        res = super().write(vals)
        if before:
            self.browse([app_id for app_id, old in before.items()
                         if self.browse(app_id)._fit_input_values(watched) != old])._fit_mark_stale()
        return res

    def _fit_input_values(self, names):
        """Comparable values of the scoring inputs ``names`` (notes as their plain text)."""
        self.ensure_one()
        out = {}
        for name in sorted(names):
            value = self[name]
            if name == "applicant_notes":
                value = [" ".join(line.split()) for line in fit_text.html_to_text(value or "").splitlines() if line.strip()]
            elif isinstance(value, models.BaseModel):
                value = value.ids
            out[name] = value
        return out

    def _fit_mark_stale(self):
        if self:
            self.with_context(fit_scoring=True).write({"fit_stale": True})

    @api.model
    def _fit_mark_stale_from_attachments(self):
        """Applicants whose (or whose candidate's) attachments changed after their last scoring."""
        self.flush_model(["fit_stale", "fit_attempted_at", "candidate_id"])
        self.env["ir.attachment"].flush_model(["res_model", "res_id", "res_field"])
        # One plain equi-join per owner model, not one EXISTS with an OR: the planner hash-joins
        # these whatever its statistics say (with the OR and stale statistics after a bulk
        # import, the check took 17 s per scheduled batch on 10,000 applicants).
        count = 0
        for owner, key in (("hr.applicant", "a.id"), ("hr.candidate", "a.candidate_id")):
            self.env.cr.execute("""
                UPDATE hr_applicant a SET fit_stale = TRUE
                  FROM ir_attachment att
                 WHERE att.res_model = %%s AND att.res_id = %s AND att.res_field IS NULL
                   AND a.fit_attempted_at IS NOT NULL AND a.fit_stale IS NOT TRUE  -- NULL: never stale yet
                   -- fit_attempted_at is stored in whole seconds: compare whole seconds, or an
                   -- attachment written earlier in the same second as the scoring reads as newer
                   -- and the applicant is rescored once more for nothing
                   AND date_trunc('second', att.write_date) > a.fit_attempted_at
            """ % key, [owner])
            count += self.env.cr.rowcount
        if count:
            self.invalidate_model(["fit_stale"])
        return count

    # ------------------------------------------------------------------ inputs
    def _fit_gather(self):
        """{applicant id: dict(text, names, skills, notes, images, pdfs)} with one query per table.

        Text files are decoded from their bytes (ml.input_check): Odoo's index of text/* keeps only
        printable ASCII runs, which loses accented words and all of an Arabic or UTF-16 file. Every
        attachment that gives no text leaves a note saying why (empty, binary, scanned, type)."""
        applicants = self.with_context(active_test=False)
        candidates = applicants.candidate_id
        self.env.cr.execute("""
            SELECT res_model, res_id, id, name, mimetype, COALESCE(file_size, 0), type, store_fname,
                   CASE WHEN mimetype LIKE 'text/%%' THEN NULL ELSE left(index_content, %s) END,
                   CASE WHEN mimetype LIKE 'text/%%' AND store_fname IS NULL
                        THEN substring(db_datas FROM 1 FOR %s) END
              FROM ir_attachment
             WHERE res_field IS NULL
               AND ((res_model = 'hr.applicant' AND res_id = ANY(%s))
                 OR (res_model = 'hr.candidate' AND res_id = ANY(%s)))
             ORDER BY id
        """, [fit_text.MAX_CHARS, TEXT_READ_BYTES, applicants.ids, candidates.ids])
        by_owner = {}
        for res_model, res_id, att_id, name, mimetype, size, att_type, fname, content, head in self.env.cr.fetchall():
            by_owner.setdefault((res_model, res_id), []).append(
                {"id": att_id, "name": name or "", "mimetype": mimetype or "", "content": content or "",
                 "size": size, "type": att_type, "store_fname": fname, "head": head})
        skills = {}
        if "candidate_skill_ids" in candidates._fields:
            for cand in candidates:
                skills[cand.id] = cand.candidate_skill_ids.skill_id.mapped("name")
        out = {}
        for app in applicants:
            cand = app.candidate_id
            atts = by_owner.get(("hr.applicant", app.id), []) + by_owner.get(("hr.candidate", cand.id), [])
            texts, notes, images, pdfs = [], [], [], []
            for att in atts:
                mimetype = att["mimetype"]
                if mimetype.startswith("image/"):
                    images.append(att)
                    continue
                if att["type"] == "url" or not mimetype:
                    continue
                if mimetype in PDF_MIMETYPES:
                    pdfs.append(att)
                content, note = self._fit_attachment_text(att)
                if content:
                    texts.append(content)
                elif note:
                    notes.append(note)
            note_text = input_check.clean_text(fit_text.html_to_text(app.applicant_notes))
            if note_text.strip():
                texts.append(note_text)
            names = [n for n in (cand.partner_name, cand.partner_id.name, app.partner_name,
                                 cand.email_from and cand.email_from.split("@")[0]) if n]
            out[app.id] = {"text": "\n".join(texts), "names": names, "skills": skills.get(cand.id, []),
                           "notes": notes, "images": images, "pdfs": pdfs}
        return out

    @api.model
    def _fit_attachment_text(self, att):
        """(text, note) of one attachment row of _fit_gather: its text, or "" and why not."""
        name, mimetype = att["name"], att["mimetype"]
        if not att["size"]:
            return "", self.env._("%(name)s is empty: skipped.", name=name)
        if mimetype.startswith("text/"):
            head = self._fit_read_head(att)
            if head is None:
                return "", self.env._("%(name)s could not be read (missing from the file store): skipped.", name=name)
            reason = input_check.binary_reason(head)
            if reason:
                _logger.info("Talent AI: %s (%s) skipped as binary: %s", name, mimetype, reason)
                return "", self.env._("%(name)s looks like a binary file, not a text document (%(reason)s): "
                                      "skipped.", name=name, reason=reason)
            text = input_check.decode(head, truncated=att["size"] > len(head)).text
            if mimetype == "text/html":
                text = fit_text.html_to_text(text)
            text = input_check.clean_text(text).strip()
            if not text:
                return "", self.env._("%(name)s is empty: skipped.", name=name)
            return text, None
        content = input_check.clean_text(att["content"]).strip()
        if content == mimetype.split("/")[0]:
            content = ""  # Odoo stores the mimetype's family when it could not extract any text
        if content and mimetype in PDF_MIMETYPES and "\n" not in att["content"]:
            # indexed before the add-on (models/ir_attachment.py): one run of text, bullets merged.
            # Read before clean_text, which turns the form feeds between its pages into line breaks
            relined = self.env["ir.attachment"]._talent_ai_line_index(att["id"])
            if relined:
                content = input_check.clean_text(relined[:fit_text.MAX_CHARS]).strip()
        if content:
            return content, None
        if mimetype in PDF_MIMETYPES:
            return "", self._fit_pdf_note(att)
        if mimetype.startswith(OFFICE_PREFIXES):
            return "", self.env._("%(name)s could not be read (corrupt, encrypted or scanned file) and was "
                                  "skipped.", name=name)
        return "", self.env._("%(name)s (%(type)s) is not a document Talent AI can read: skipped. Attach the CV "
                              "as PDF, Word, OpenDocument or plain text.", name=name, type=mimetype)

    @api.model
    def _fit_read_head(self, att):
        """The first TEXT_READ_BYTES bytes of an attachment without loading a 10 MB file; None
        when its file is missing."""
        if att["store_fname"]:
            try:
                with open(self.env["ir.attachment"]._full_path(att["store_fname"]), "rb") as fh:
                    return fh.read(TEXT_READ_BYTES)
            except OSError:
                _logger.warning("Talent AI: file of attachment %s (%s) missing", att["id"], att["name"])
                return None
        return bytes(att["head"] or b"")

    @api.model
    def _fit_pdf_note(self, att):
        """Why a PDF gave no text: password, no text layer (a scan) or a damaged file."""
        from odoo.tools.pdf import PdfReader

        name = att["name"]
        raw = self.env["ir.attachment"].sudo().browse(att["id"]).raw or b""
        try:
            reader = PdfReader(io.BytesIO(raw), strict=False)
            encrypted = reader.is_encrypted
            pages = 0 if encrypted else len(reader.pages)
        except Exception:  # noqa: BLE001 - any parser error means a damaged file
            encrypted, pages = False, 0
        if encrypted:
            return self.env._("%(name)s is password-protected and was skipped: attach an unprotected copy.",
                              name=name)
        if pages:
            return self.env._("%(name)s has no text layer (a scanned image?) and was skipped: run OCR on it, or "
                              "paste the CV text into the applicant's notes.", name=name)
        return self.env._("%(name)s could not be read (corrupt, encrypted or scanned file) and was skipped.",
                          name=name)

    @api.model
    def _fit_job_data(self, job):
        """What the fit reads of a job; its description without the company's repeated text."""
        boilerplate = self.env["hr.job"]._fit_company_boilerplate(job.company_id.id)
        return {"name": job.name or "", "description": fit_text.strip_company_text(job.description or "", boilerplate),
                "requirements": job.requirements or "",
                "skills": job.skill_ids.mapped("name") if "skill_ids" in job._fields else []}

    @api.model
    def _fit_job_profile(self, encoder, job, corpus=None):
        """The job's profile (cached per text), its word weights from the company's ``corpus``."""
        profile = self._fit_job_profile_cached(encoder, job)
        return zero_shot.reweigh(profile, self._fit_onet(encoder), corpus)

    @api.model
    def _fit_job_profile_cached(self, encoder, job):
        data = self._fit_job_data(job)
        key = (encoder.checksum, hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest())
        profile = _job_cache.get(key)
        if profile is None:
            Embedding = self.env["hr.talent.embedding"]
            encode = lambda texts: Embedding._get_vectors(encoder, texts)  # noqa: E731
            profile = zero_shot.prepare_job(data, encode)
            zero_shot.enrich_job(profile, self._fit_onet(encoder), encode, raw=data)
            if len(_job_cache) > 2000:
                _job_cache.clear()
            _job_cache[key] = profile
        return profile

    @api.model
    def _fit_onet(self, encoder):
        """The shipped O*NET index (ml/onet/data, loaded once per process) when this encoder is the
        one it was built with (checked on an occupation title, not on names), else None: then the
        fit is scored without occupation grounding, and the explanation does not claim it."""
        if encoder.checksum not in _onet_cache:
            index = onet_index.get_index()
            ok = False
            if index is not None and encoder.dim == index.dim:
                probe = np.asarray(self.env["hr.talent.embedding"]._get_vectors(encoder, [index.titles[0]]))[0]
                ok = float(probe @ index.title_emb[0]) > 0.98
                if not ok:
                    _logger.info("Talent AI: the configured text encoder is not the one the O*NET index was built "
                                 "with; fit scored without occupation grounding")
            _onet_cache[encoder.checksum] = index if ok else None
        return _onet_cache[encoder.checksum]

    @api.model
    def _fit_prototypes(self, encoder):
        protos = _proto_cache.get(encoder.checksum)
        if protos is None:
            Embedding = self.env["hr.talent.embedding"]
            protos = {name: Embedding._get_vectors(encoder, sents) for name, sents in roles.PROTOTYPES.items()}
            _proto_cache[encoder.checksum] = protos
        return protos

    def _fit_profiles(self, encoder, gathered):
        """{applicant id: (JobProfile, CvProfile|None, mismatch|None)} with one encoder call for
        all CV sentences (mismatch: an ml.input_check ScriptMismatch or LanguageMismatch).
        Redacted sentences and their relations are cached per (encoder, names, text): rescoring
        an unchanged CV skips the regex work as well as the encoder.

        A CV mostly written in a script, or in a language, the encoder does not read (checked on
        the redacted text) is not encoded: it gets no CvProfile but the mismatch, never a low score
        that would stand for its language; the odd word in such a script, and the odd line in such
        a language (a cover letter), are dropped."""
        Embedding = self.env["hr.talent.embedding"]
        protos = self._fit_prototypes(encoder)
        scripts = encoder.scripts
        prepared, all_sentences = {}, []
        for app in self:
            data = gathered[app.id]
            key = hashlib.sha256("\0".join([encoder.checksum] + data["names"] + [data["text"]]).encode()).hexdigest()
            hit = _cv_cache.get(key)
            cached = hit is not None
            if hit is None:
                text = fit_text.redact(fit_text.truncate(data["text"]), names=data["names"])
                mismatch = input_check.script_mismatch(text, scripts)
                # a few words in another script (a place, a name): noise to the encoder, dropped; so
                # are lines in another language (a cover letter beside the CV), unless most are
                readable = "" if mismatch else input_check.drop_unreadable(text, scripts)
                if readable:
                    readable, mismatch = input_check.drop_other_language_lines(readable, scripts)
                sentences, kinds, entries = zero_shot.chunk_cv(readable) if readable else ([], [], [])
                hit = (sentences, kinds, mismatch, zlib.compress(readable.encode(), 1), entries)
            prepared[app.id] = (key, hit, cached)
            all_sentences.extend(hit[0])
        # the dated entries' titles (placed among occupations as CV parsing places them), in the same batch
        titles = sorted({cv_occupation.entry_title(entry[0]) for _k, hit, _c in prepared.values()
                         for entry in hit[4] if entry[2]} - {""})
        vectors = Embedding._get_vectors(encoder, all_sentences + titles)
        title_vectors = dict(zip(titles, vectors[len(all_sentences):]))
        vectors = vectors[:len(all_sentences)]

        def encode_titles(texts):
            return np.stack([title_vectors[t] for t in texts]) if all(t in title_vectors for t in texts) else None
        corpus = self.env["hr.talent.fit.corpus"]._get_corpus(self.env.company) if self else None
        jobs = {}  # once per job, not per applicant: its data (company text left out) is read from the HTML
        out, pos = {}, 0
        for app in self:
            if app.job_id.id not in jobs:
                jobs[app.job_id.id] = self._fit_job_profile(encoder, app.job_id, corpus)
            job = jobs[app.job_id.id]
            key, (sentences, second, mismatch, packed, entries), cached = prepared[app.id]
            # a cached entry holds the relations, a fresh one the section kinds of its chunks
            relations, kinds = (second, None) if cached else (None, second)
            emb = vectors[pos:pos + len(sentences)]
            pos += len(sentences)
            if not sentences:
                out[app.id] = (job, None, mismatch)
                continue
            if relations is None:
                relations = zero_shot.section_relations(roles.classify(sentences, emb, protos), kinds)
                if len(_cv_cache) > 20000:
                    _cv_cache.clear()
                _cv_cache[key] = (sentences, relations, None, packed, entries)
            cv = zero_shot.CvProfile(sentences, emb, list(relations), roles.relation_weights(relations, job.title),
                                     gathered[app.id]["skills"], entries=entries)
            zero_shot.enrich_cv(cv, self._fit_onet(encoder), zlib.decompress(packed).decode(), corpus=corpus,
                                encode=encode_titles)
            out[app.id] = (job, cv, None)
        return out

    @api.model
    def _fit_mismatch_message(self, mismatch):
        return self.env._(
            "The CV is %(unread)s and the text encoder reads %(readable)s only (language: %(languages)s). A "
            "score would measure the language, not the experience: a person should read this CV, or an "
            "administrator can set a text encoder that reads this language (Settings > Talent AI) and score "
            "it again.", **self.env["hr.talent.engine"]._unread_text_params(mismatch))

    @api.model
    def _fit_job_mismatch_message(self, job, scripts):
        """Why no applicant of ``job`` can be scored when the job itself is written in a script or
        language the text encoder does not read (every score would measure that), else None."""
        data = self._fit_job_data(job)
        text = "\n".join([data["name"], fit_text.html_to_text(data["description"]), data["requirements"]])
        mismatch = input_check.script_mismatch(text, scripts) or input_check.language_mismatch(text, scripts)
        if not mismatch:
            return None
        return self.env._(
            "The job %(job)s is %(unread)s and the text encoder reads %(readable)s only (language: %(languages)s), "
            "so a score would measure the language. Write the job in a language the encoder reads, or have an "
            "administrator set a text encoder that reads this language (Settings > Talent AI), then score again.",
            job=job.display_name, **self.env["hr.talent.engine"]._unread_text_params(mismatch))

    # ------------------------------------------------------------------ CLIP
    def _fit_clip_vectors(self, gathered):
        """{applicant id: (vector|None, notes)} for applicants whose job opted in to work samples."""
        apps = self.filtered(lambda a: a.job_id.fit_use_clip)
        if not apps:
            return {}
        from ..ml.clip_features import ClipImageFeatures, render_pdf_first_page

        try:
            clip = ClipImageFeatures(self.env["hr.talent.engine"]._get_session("clip_image"))
        except (UserError, ValueError) as exc:
            note = self.env._("Work samples not used: %s", exc)
            return {a.id: (None, [note]) for a in apps}
        Attachment = self.env["ir.attachment"].sudo()
        out = {}
        for app in apps:
            data, notes, named = gathered[app.id], [], []
            for att in data["images"]:
                named.append((att["name"], Attachment.browse(att["id"]).raw or b""))
            for att in data["pdfs"][:2]:
                png, reason = render_pdf_first_page(Attachment.browse(att["id"]).raw or b"")
                if png:
                    named.append((att["name"] + " (page 1)", png))
                else:
                    _logger.info("Talent AI: first page of %s not used: %s", att["name"], reason)
                    notes.append(self.env._("First page of %(name)s not used: %(reason)s", name=att["name"], reason=reason))
            try:
                vec, _used, excluded = clip.work_sample_vector(named)
            except Exception as exc:  # a bad image must not stop the batch
                _logger.warning("Talent AI: work samples of applicant %s not used: %s", app.id, exc)
                vec, excluded = None, []
                notes.append(self.env._("Work samples not used: %s", exc))
            for name, reason in excluded:
                notes.append(self.env._("Image %(name)s excluded: %(reason)s", name=name, reason=reason))
            out[app.id] = (vec, notes)
        return out

    # ------------------------------------------------------------------ scoring
    @api.model
    def _fit_trained_model(self, encoder):
        """(registry record, session, layout) of the active trained fit model usable with this encoder, or Nones."""
        model = self.env["hr.talent.model"]._get_active("fit", raise_if_missing=False)
        if not model:
            return None, None, None
        layout = json.loads(model.metrics or "{}").get("layout") or {}
        if layout.get("text_dim") != encoder.dim or layout.get("encoder_checksum") not in (None, encoder.checksum):
            return None, None, None
        return model, self.env["hr.talent.engine"]._get_session("fit"), layout

    def _fit_compute(self, raise_errors=True):
        """Score self, one batch per company (each company has its own active models);
        returns {applicant id: error message} for those not scored."""
        by_company = {}
        for app in self.with_context(active_test=False):
            by_company.setdefault(app.company_id.id, []).append(app.id)
        errors = {}
        for company_id, ids in by_company.items():
            apps = self.browse(ids)
            if company_id:
                apps = apps.with_company(company_id)
            errors.update(apps._fit_compute_company())
        return errors

    def _fit_compute_company(self):
        """Score self (applicants of env.company) in one batch with that company's models."""
        start = time.perf_counter()
        apps = self.with_context(active_test=False)
        engine = self.env["hr.talent.engine"]
        encoder = engine._get_text_encoder(int8=True)
        encoder_model = engine._text_encoder_record(int8=True)
        trained, session, layout = self._fit_trained_model(encoder)
        trained_metrics = json.loads(trained.metrics or "{}") if trained else {}
        no_job = apps.filtered(lambda a: not a.job_id)
        apps -= no_job
        gathered = apps._fit_gather()
        profiles = apps._fit_profiles(encoder, gathered)
        clip_dim = int((layout or {}).get("clip_dim") or 0)
        # images only feed a trained model that has image features: zero-shot is text only, so
        # the (slow) image tower is not run for nothing on the button path
        clip = apps._fit_clip_vectors(gathered) if apps and clip_dim else {
            a.id: (None, [self.env._("Work samples not used: the active fit model has no image features "
                                     "(zero-shot scores the text only).")])
            for a in apps if a.job_id.fit_use_clip}
        now = fields.Datetime.now()
        errors = {a.id: self.env._("No job position: set the job the applicant applies for.") for a in no_job}
        results, rows = {}, []
        job_mismatch = {job.id: self._fit_job_mismatch_message(job, encoder.scripts) for job in apps.job_id}
        for app in apps:
            job, cv, mismatch = profiles[app.id]
            notes = list(gathered[app.id]["notes"]) + list(clip.get(app.id, (None, []))[1])
            if job_mismatch[app.job_id.id]:
                errors[app.id] = job_mismatch[app.job_id.id]
                continue
            if mismatch:
                errors[app.id] = " ".join([self._fit_mismatch_message(mismatch)] + notes)
                continue
            if cv is None:
                errors[app.id] = " ".join(notes + [self.env._("No CV text: attach a CV (PDF, DOCX, TXT) or write notes, "
                                                     "then score again.")])
                continue
            try:
                result = zero_shot.score(job, cv)
            except Exception as exc:  # one bad applicant must not stop the batch
                _logger.exception("Talent AI: fit of applicant %s failed", app.id)
                errors[app.id] = self.env._("Fit could not be computed: %s", exc)
                continue
            results[app.id] = (result, notes)
            if trained:
                covered, reason = guard.covers_job(layout, app.job_id.id)
                if not covered:
                    notes.append(self.env._("Zero-shot: %s", reason))
                    continue
                rows.append((app.id, fit_features.feature_vector(
                    job, cv, result, encoder.dim, clip.get(app.id, (None, []))[0], clip_dim)))
        trained_scores = {}
        if rows:
            feats = np.stack([r[1] for r in rows])
            if feats.shape[1] == int(layout.get("size", feats.shape[1])):
                probs = session.run({"features": feats})[0]
                trained_scores = {app_id: float(p) * 100.0 for (app_id, _f), p in zip(rows, probs)}
            else:
                _logger.warning("Talent AI: fit model layout %s does not match features %s: using zero-shot",
                                layout.get("size"), feats.shape[1])
        log_bodies = {}
        for app in apps:
            if app.id in errors:
                continue
            result, notes = results[app.id]
            if app.id in trained_scores:
                result.score = round(trained_scores[app.id], 2)
                result.band = zero_shot.band(result.score)
                model, method = trained, "trained"
                label = self.env._("trained model %s", trained.name)
            else:
                model, method = encoder_model, "zero_shot"
                label = self.env._("zero-shot (%(v)s, %(enc)s)", v=zero_shot.ONET_VERSION if result.occupations
                                   else zero_shot.ZERO_SHOT_VERSION,
                          enc=encoder_model.name if encoder_model else self.env._("text encoder"))
            notes = guard.apply_all(result) + notes  # one story for both paths
            html = fit_drivers.insert(explain.to_html(result, label, notes),
                                      fit_drivers.to_html(result, method, trained_metrics if method == "trained" else None))
            app.with_context(fit_scoring=True).write({
                "fit_score": result.score, "fit_band": result.band,
                "fit_explanation": html,
                "fit_model_id": model.id if model else False, "fit_method": method,
                "fit_scored_at": now, "fit_attempted_at": now, "fit_stale": False, "fit_message": False,
            })
            log_bodies[app.id] = self.env._("Fit scored: %(score).0f/100 (%(band)s) with %(model)s.",
                                   score=result.score, band=dict(FIT_BANDS)[result.band], model=label)
        failed = apps.browse([i for i in errors if i in apps.ids]) | no_job
        if failed:
            for app in failed:
                app.with_context(fit_scoring=True).write({
                    "fit_message": errors[app.id], "fit_attempted_at": now, "fit_stale": False,
                    "fit_score": False, "fit_band": False, "fit_scored_at": False, "fit_explanation": False,
                })
                log_bodies[app.id] = self.env._("Fit not scored: %s", errors[app.id])
            # no number at all (Odoo would store 0.0): averages of the fit column skip it
            self.flush_model(["fit_score"])
            self.env.cr.execute("UPDATE hr_applicant SET fit_score = NULL WHERE id = ANY(%s)", [failed.ids])
        if log_bodies:
            self.browse(list(log_bodies))._message_log_batch(bodies=log_bodies)
        _logger.debug("Talent AI: scored %d applicants in %.1f ms", len(apps), (time.perf_counter() - start) * 1e3)
        return errors

    def action_compute_fit(self):
        """Button / list action: score the selected applicants now (advisory only)."""
        if not self:
            return True
        try:
            errors = self._fit_compute()
        except UserError:
            raise
        if len(self) == 1 and errors:
            return {"type": "ir.actions.client", "tag": "display_notification", "params": {
                "title": self.env._("Fit not scored"), "message": next(iter(errors.values())), "type": "warning",
                "sticky": False, "next": {"type": "ir.actions.act_window_close"}}}
        if len(self) > 1:
            return {"type": "ir.actions.client", "tag": "display_notification", "params": {
                "title": self.env._("Fit scored"), "type": "success" if not errors else "warning",
                "message": self.env._("%(ok)d applicants scored, %(ko)d without a score (see their Fit message).",
                             ok=len(self) - len(errors), ko=len(errors)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"}}}
        return True

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_score_fit(self, batch_size=None):
        """Score new and stale applicants in batches. Run by ir.cron: one batch per call with progress
        reported (the scheduler calls again while some remain). Called directly (demo loader,
        shell): all batches. Returns {"done", "remaining"}."""
        self._fit_mark_stale_from_attachments()
        batch_size = batch_size or self.env["hr.talent.engine"]._setting("cron_batch_size")
        domain = [("job_id", "!=", False), "|", ("fit_attempted_at", "=", False), ("fit_stale", "=", True)]
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        done = 0
        while True:
            todo = self.search(domain, order="id")
            batch, rest = todo[:batch_size], todo[batch_size:]
            if batch:
                try:
                    batch._fit_compute()
                except UserError as exc:  # encoder missing/corrupt: nothing can be scored, say why
                    _logger.error("Talent AI fit cron stopped: %s", exc)
                    return {"done": done, "remaining": len(todo), "error": str(exc)}
                done += len(batch)
            if in_cron or not rest or self.env.context.get("fit_one_batch"):
                break
        self.env["ir.cron"]._notify_progress(done=done, remaining=len(rest))
        return {"done": done, "remaining": len(rest)}

    # ------------------------------------------------------------------ training
    @api.model
    def _fit_label_domains(self):
        """(positive domain, negative domain): hired (configurable stages) vs refused."""
        param = self.env["ir.config_parameter"].sudo().get_param("hr_talent_ai.fit_positive_stage_ids") or ""
        stage_ids = [int(x) for x in param.replace(" ", "").split(",") if x.isdigit()]
        positive = [("stage_id", "in", stage_ids)] if stage_ids else [("stage_id.hired_stage", "=", True)]
        negative = [("active", "=", False), ("refuse_reason_id", "!=", False)]
        return positive, negative

    @api.model
    def _fit_labelled_history(self):
        """(labelled applicants, positive ones) of the current company's own history (superuser
        envs see every company's records)."""
        positive, negative = self._fit_label_domains()
        App = self.with_context(active_test=False)
        mine = [("job_id", "!=", False), ("company_id", "=", self.env.company.id)]
        pos = App.search(positive + mine + [("active", "=", True)])
        neg = App.search(negative + mine) - pos
        return pos | neg, pos

    @api.model
    def _fit_history_fingerprint(self, encoder, clip_dim=0, history=None, gathered=None):
        """SHA-256 of everything a fit model is trained from: each labelled applicant (id, label,
        job text, CV text, names used for redaction, skills, work-sample files), the encoder, the
        image features, and the scoring and training code (ml/fit, the CV parser ml/cv, the O*NET
        look-ups ml/onet, text clean-up, sentence ends and redaction). Equal fingerprints give the same model, so
        the retrain skips them (no duplicate versions)."""
        apps, pos = history or self._fit_labelled_history()
        if gathered is None:
            gathered = apps._fit_gather()
        digest = hashlib.sha256()
        code_dir = os.path.dirname(fit_train.__file__)
        code = [path for path in sorted(glob.glob(os.path.join(code_dir, "*.py")))
                if os.path.basename(path) not in FINGERPRINT_DISPLAY_ONLY]
        ml_dir = os.path.dirname(code_dir)
        for package in ("cv", "onet"):
            code += [path for path in sorted(glob.glob(os.path.join(ml_dir, package, "*.py")))
                     if os.path.basename(path) not in FINGERPRINT_NOT_SERVED]
        code += [os.path.join(ml_dir, name) for name in ("redaction.py", "input_check.py", "sentence_ends.py")]
        for path in code:
            with open(path, "rb") as fh:
                digest.update(hashlib.sha256(fh.read()).digest())
        clip = self.env["hr.talent.model"]._get_active("clip_image", raise_if_missing=False) if clip_dim else None
        digest.update(json.dumps([fit_train.TRAINER_VERSION, encoder.checksum, int(clip_dim),
                                  clip.checksum if clip else ""]).encode())
        jobs = {}
        for app in apps.sorted("id"):
            data = gathered.get(app.id) or {}
            if app.job_id.id not in jobs:
                jobs[app.job_id.id] = hashlib.sha256(json.dumps(
                    self._fit_job_data(app.job_id), sort_keys=True, default=str).encode()).hexdigest()
            files = sorted((att.get("id"), att.get("size")) for att in (data.get("images") or []) + (data.get("pdfs") or []))
            digest.update(json.dumps([
                app.id, int(app in pos), app.job_id.id, jobs[app.job_id.id], data.get("text") or "",
                sorted(data.get("names") or []), sorted(data.get("skills") or []), files,
            ], default=str).encode())
        return digest.hexdigest()

    @api.model
    def _fit_training_rows(self, encoder, clip_dim=0, history=None, gathered=None):
        apps, pos = history or self._fit_labelled_history()
        if gathered is None:
            gathered = apps._fit_gather()
        profiles = apps._fit_profiles(encoder, gathered)
        clip = apps._fit_clip_vectors(gathered) if clip_dim else {}
        feats, labels, zs, job_ids = [], [], [], []
        for app in apps:
            job, cv, _mismatch = profiles[app.id]
            if cv is None:
                continue
            result = zero_shot.score(job, cv)
            feats.append(fit_features.feature_vector(job, cv, result, encoder.dim,
                                                     clip.get(app.id, (None, []))[0], clip_dim).tolist())
            labels.append(1 if app in pos else 0)
            guard.apply_all(result)  # the zero-shot baseline as it is served
            zs.append(result.score)
            job_ids.append(app.job_id.id)
        return feats, labels, zs, job_ids

    @api.model
    def _fit_model_with_fingerprint(self, fingerprint):
        """The latest fit model of this company trained on exactly this history (any state but failed)."""
        return self.env["hr.talent.model"].sudo().with_context(active_test=False).search([
            ("kind", "=", "fit"), ("company_id", "=", self.env.company.id), ("state", "!=", "failed"),
            ("metrics", "like", fingerprint)], order="version desc", limit=1)

    @api.model
    def _train_fit_model(self, force=False):
        """Train the fit model in the subprocess on hired vs refused applicants; activate it only if
        its held-out AUC beats zero-shot's on the same applicants. Returns the registry record.

        Unless ``force``, nothing is trained when a model of this company was already trained on the
        same labelled history (same fingerprint): that model is returned as it is."""
        engine = self.env["hr.talent.engine"]
        encoder = engine._get_text_encoder(int8=True)
        clip_dim = 0
        if self.env["hr.job"].search_count([("fit_use_clip", "=", True), ("company_id", "in", [self.env.company.id, False])]):
            clip_model = self.env["hr.talent.model"]._get_active("clip_image", raise_if_missing=False)
            if clip_model:
                clip_dim = int(json.loads(clip_model.metrics or "{}").get("dim") or 0)
        history = self._fit_labelled_history()
        gathered = history[0]._fit_gather()
        fingerprint = self._fit_history_fingerprint(encoder, clip_dim, history, gathered)
        same = self._fit_model_with_fingerprint(fingerprint)
        if same and not force:
            _logger.info("Talent AI fit model not retrained: the labelled history has not changed since %s (%s)",
                         same.name, fingerprint[:12])
            return same
        feats, labels, zs, job_ids = self._fit_training_rows(encoder, clip_dim, history, gathered)
        layout = fit_features.layout(encoder.dim, clip_dim)
        layout["encoder_checksum"] = encoder.checksum
        # jobs the model learnt (labelled applicants per job): other jobs are scored zero-shot
        layout["job_counts"] = guard.job_counts(job_ids)
        layout["min_job_history"] = guard.MIN_JOB_HISTORY
        out, metrics = engine._run_trainer("fit", {
            "features": feats, "labels": labels, "zero_shot": zs, "layout": layout, "seed": 0})
        metrics["layout"] = layout
        metrics["history_fingerprint"] = fingerprint
        summary = self.env._(
            "Trained on %(n)d applicants (%(pos)d hired, %(neg)d refused). Held-out (%(cv)d-fold cross-validation): "
            "AUC %(auc).3f vs zero-shot %(zs).3f; calibration error (ECE, 10 bins) %(ece).3f (label noise alone "
            "gives a perfectly calibrated model %(floor).3f on this many applicants); scores above 99: %(hi).1f %%, "
            "below 1: %(lo).1f %%; precision@%(k)d %(p).2f vs %(pz).2f; ONNX parity %(d).1e. "
            "Labelled history fingerprint %(fp)s.",
            n=metrics["n_hired"] + metrics["n_refused"], pos=metrics["n_hired"], neg=metrics["n_refused"],
            cv=metrics.get("cv_folds", 0), auc=metrics["auc"], zs=metrics["auc_zero_shot"], ece=metrics["ece"],
            floor=metrics.get("ece_noise_floor", 0.0), hi=100 * metrics.get("share_above_99", 0.0),
            lo=100 * metrics.get("share_below_1", 0.0), k=metrics["k"], p=metrics["precision_at_k"],
            pz=metrics["precision_at_k_zero_shot"], d=metrics["parity_max_abs_diff"], fp=fingerprint[:12])
        _logger.info("Talent AI fit model trained: %s", summary)
        Model = self.env["hr.talent.model"]
        rec = Model._register_model("fit", str(out / metrics["files"]["fit"]), metrics, summary, activate=False)
        if not metrics.get("beats_zero_shot"):
            rec.write({"state": "rejected", "note": self.env._(
                "Not activated: held-out AUC %(auc).3f does not beat the zero-shot scorer's %(zs).3f on the "
                "same applicants; zero-shot stays in use.", auc=metrics["auc"], zs=metrics["auc_zero_shot"])})
        else:
            # an active model from before job histories were recorded scores no job any more
            # (zero-shot everywhere, see guard.covers_job): it is no bar to a new one
            active = Model._get_active("fit", raise_if_missing=False) - rec
            legacy = active and "job_counts" not in (json.loads(active.metrics or "{}").get("layout") or {})
            reason = False if legacy else rec._worse_than_active("auc")
            if reason:
                rec.write({"state": "rejected", "note": reason})
            else:
                rec.action_activate()
                # scores of another model must be redone; the same file scores the same
                if not active or active.checksum != rec.checksum:
                    self.search([("fit_attempted_at", "!=", False),
                                 ("company_id", "=", self.env.company.id)])._fit_mark_stale()
        return rec

    @api.model
    def action_train_fit_model(self):
        """Retrain button (managers): says so when the labelled history has not changed."""
        before = self.env["hr.talent.model"].sudo().with_context(active_test=False).search_count([("kind", "=", "fit")])
        rec = self._train_fit_model()
        after = self.env["hr.talent.model"].sudo().with_context(active_test=False).search_count([("kind", "=", "fit")])
        if after == before:
            return {"type": "ir.actions.client", "tag": "display_notification", "params": {
                "title": self.env._("Fit model not retrained"), "type": "info", "sticky": False,
                "message": self.env._("The labelled history (hired and refused applicants, their CVs and jobs) has "
                                      "not changed since %(model)s was trained: a new model would be the same.",
                                      model=rec.name),
                "next": rec.get_formview_action()}}
        return rec.get_formview_action()

    @api.model
    def _export_clip_model(self, tiny=False):
        """Export the configured open_clip checkpoint (Settings: clip_checkpoint, clip_model_name) to
        ONNX image/text towers in the trainer subprocess and activate them. ``tiny``: a randomly
        initialised tiny model (tests). Returns the clip_image record."""
        engine = self.env["hr.talent.engine"]
        data = {"tiny": True} if tiny else {"checkpoint": engine._setting("clip_checkpoint"),
                                            "model_name": engine._setting("clip_model_name")}
        out, metrics = engine._run_trainer("clip", data, timeout=1800)
        summary = self.env._("open_clip %(m)s exported to ONNX; parity image %(i).1e, text %(t).1e.",
                             m=metrics.get("model"), i=metrics["parity_max_abs_diff_image"],
                             t=metrics["parity_max_abs_diff_text"])
        Model = self.env["hr.talent.model"]
        image = Model._register_model("clip_image", str(out / metrics["files"]["clip_image"]), metrics, summary,
                                      activate=True)
        Model._register_model("clip_text", str(out / metrics["files"]["clip_text"]), metrics, summary, activate=True)
        return image

    @api.model
    def action_export_clip_model(self):
        return self._export_clip_model().get_formview_action()

    @api.model
    def _cron_train_fit_model(self):
        try:
            self._train_fit_model()
        except UserError as exc:
            _logger.warning("Talent AI monthly fit retrain skipped: %s", exc)
