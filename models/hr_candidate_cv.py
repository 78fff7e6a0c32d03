import calendar
import collections
import datetime
import hashlib
import json
import logging
import re

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..ml.cv import occupation as cv_occupation
from ..ml.cv import structure as cv_structure
from ..ml.cv.skills import SkillMatcher
from ..ml.onet import index as onet_index

_logger = logging.getLogger(__name__)

# documents a CV can be; images (photos) are never read
CV_MIMETYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/msword",
)
MAX_CV_BYTES = 10 * 1024 * 1024
_CV_NAME_RE = re.compile(r"\b(cv|resume|r[eé]sum[eé]|lebenslauf|curriculum)\b|(?<![a-z])cv", re.I)
LEVEL_PROGRESS = {"beginner": 25, "intermediate": 50, "advanced": 75, "expert": 100}
# compiled running-text vocabulary of the database's skills, per (db name, skill names)
_vocab_cache = {}
# parsed structures per (file checksum, vocabulary): an unchanged file is not read again
_parse_cache = collections.OrderedDict()
PARSE_CACHE_SIZE = 256


class HrCandidateCv(models.Model):
    """CV parsing: what a candidate's CV attachment yields (contact, work history, education,
    skills, years of experience), kept as suggestions with the line each came from. Nothing is
    written to the candidate until a person clicks "Apply suggestions", which fills only empty
    fields and adds skills; it never overwrites. Photos, date of birth, age, gender, nationality,
    marital or family status, religion and health are never extracted (ml/cv/structure.py)."""

    _inherit = "hr.candidate"

    cv_parsed_at = fields.Datetime("CV parsed on", readonly=True, copy=False,
                                   groups="hr_talent_ai.group_talent_ai_user")
    cv_parse_message = fields.Char("CV parse message", readonly=True, copy=False,
                                   groups="hr_talent_ai.group_talent_ai_user")
    cv_email = fields.Char("E-mail in CV", readonly=True, copy=False, groups="hr_talent_ai.group_talent_ai_user")
    cv_phone = fields.Char("Phone in CV", readonly=True, copy=False, groups="hr_talent_ai.group_talent_ai_user")
    cv_linkedin = fields.Char("LinkedIn in CV", readonly=True, copy=False, groups="hr_talent_ai.group_talent_ai_user")
    cv_years_experience = fields.Float("Years of experience (CV)", readonly=True, copy=False, digits=(4, 1),
                                       groups="hr_talent_ai.group_talent_ai_user",
                                       help="Years covered by the CV's dated positions, overlaps counted once.")
    cv_experience_ids = fields.One2many("hr.talent.cv.experience", "candidate_id", "Work history (CV)",
                                        readonly=True, copy=False, groups="hr_talent_ai.group_talent_ai_user")
    cv_education_ids = fields.One2many("hr.talent.cv.education", "candidate_id", "Education (CV)",
                                       readonly=True, copy=False, groups="hr_talent_ai.group_talent_ai_user")
    cv_skill_ids = fields.One2many("hr.talent.cv.skill", "candidate_id", "Skills (CV)",
                                   readonly=True, copy=False, groups="hr_talent_ai.group_talent_ai_user")
    cv_attachment_id = fields.Many2one("ir.attachment", "Parsed file", readonly=True, copy=False,
                                       ondelete="set null", groups="hr_talent_ai.group_talent_ai_user")
    # digest of the last stored result: an unchanged result is not rewritten (no line churn)
    cv_parse_digest = fields.Char(readonly=True, copy=False, groups="hr_talent_ai.group_talent_ai_user")

    # ------------------------------------------------------------------ gathering
    def _cv_gather(self):
        """{candidate id: [attachment dict]} of the documents of the candidates and of their
        applications, most likely CV first (a name saying CV/resume, then the newest)."""
        candidates = self.with_context(active_test=False)
        apps = self.env["hr.applicant"].with_context(active_test=False).search_read(
            [("candidate_id", "in", candidates.ids)], ["candidate_id"])
        app_owner = {a["id"]: a["candidate_id"][0] for a in apps}
        self.env["ir.attachment"].flush_model()
        self.env.cr.execute("""
            SELECT res_model, res_id, id, name, mimetype, COALESCE(file_size, 0), checksum
              FROM ir_attachment
             WHERE res_field IS NULL AND type = 'binary'
               AND (mimetype = ANY(%s) OR mimetype LIKE 'text/%%')
               AND ((res_model = 'hr.candidate' AND res_id = ANY(%s))
                 OR (res_model = 'hr.applicant' AND res_id = ANY(%s)))
        """, [list(CV_MIMETYPES), candidates.ids, list(app_owner)])
        out = {}
        for res_model, res_id, att_id, name, mimetype, size, checksum in self.env.cr.fetchall():
            owner = res_id if res_model == "hr.candidate" else app_owner.get(res_id)
            if owner:
                out.setdefault(owner, []).append({"id": att_id, "name": name or "", "mimetype": mimetype or "",
                                                  "size": size, "checksum": checksum})
        for atts in out.values():
            atts.sort(key=lambda a: (not _CV_NAME_RE.search(a["name"]), -a["id"]))
        return out

    def _cv_vocabulary(self, matcher):
        names = tuple(sorted(matcher.vocabulary_names()))
        key = (self.env.cr.dbname, hash(names))
        vocab = _vocab_cache.get(key)
        if vocab is None:
            if len(_vocab_cache) > 16:
                _vocab_cache.clear()
            vocab = _vocab_cache[key] = cv_structure.compile_vocabulary(names)
        return vocab, key

    def _cv_occupation_mapper(self):
        """(index, encode) for the O*NET occupation of entries: the fit's shipped index with the
        active text encoder (its embeddings cached like the fit's), or the index alone (alternate
        titles only) when no encoder can be had; (None, None) without the index."""
        index = onet_index.get_index()
        if index is None:
            return None, None
        try:
            encoder = self.env["hr.talent.engine"]._get_text_encoder(int8=True)
            checked = self.env["hr.applicant"]._fit_onet(encoder)
        except UserError as exc:
            _logger.warning("Talent AI: CV occupations from O*NET alternate titles only: %s", exc)
            return index, None
        if checked is None:   # another encoder than the one the index was built with
            return index, None
        Embedding = self.env["hr.talent.embedding"].sudo()
        return index, (lambda texts: Embedding._get_vectors(encoder, texts))

    # ------------------------------------------------------------------ parsing
    def _cv_parse(self):
        """Parse the CV of each candidate and store the suggestions; every candidate ends with
        cv_parsed_at and a message, whatever its files hold. Returns {candidate id: error}."""
        # the oldest skill of a name wins when a database holds two (the same rule every time)
        skills = self.env["hr.skill"].sudo().search_read([], ["name"], order="id")
        matcher = SkillMatcher((s["id"], s["name"]) for s in skills)
        vocabulary, vocab_key = self._cv_vocabulary(matcher)
        files = self._cv_gather()
        mapper = None   # (index, encode), made on the first entry that needs it
        Attachment = self.env["ir.attachment"].sudo()
        now = fields.Datetime.now()
        errors = {}
        for cand in self:
            result, used, notes = None, None, []
            for att in files.get(cand.id, []):
                if att["size"] > MAX_CV_BYTES:
                    notes.append(self.env._("%(name)s is larger than 10 MB and was not read.", name=att["name"]))
                    continue
                cache_key = (att["checksum"], att["mimetype"], att["name"], vocab_key) if att["checksum"] else None
                parsed = _parse_cache.get(cache_key) if cache_key else None
                if parsed is None:
                    try:
                        raw = Attachment.browse(att["id"]).raw or b""
                    except OSError:
                        notes.append(self.env._("%(name)s is missing from the file store.", name=att["name"]))
                        continue
                    parsed = cv_structure.parse_file(raw, att["mimetype"], att["name"], vocabulary=vocabulary)
                    if cache_key:
                        _parse_cache[cache_key] = parsed
                        while len(_parse_cache) > PARSE_CACHE_SIZE:
                            _parse_cache.popitem(last=False)
                else:
                    _parse_cache.move_to_end(cache_key)
                if parsed.message:
                    notes.append(parsed.message)
                    continue
                if not (parsed.experiences or parsed.education or parsed.skills or parsed.contacts.email
                        or parsed.contacts.phone):
                    notes.append(self.env._("%(name)s: no work history, education, skills or contact found.",
                                            name=att["name"]))
                    continue
                result, used = parsed, att
                break
            occupations = []
            if result and result.experiences:
                if mapper is None:
                    mapper = self._cv_occupation_mapper()
                occupations = cv_occupation.occupations(
                    [(e.title, e.lines) for e in result.experiences], *mapper)
            vals = cand._cv_values(result, used, notes, matcher, now, occupations)
            if not result:
                errors[cand.id] = vals["cv_parse_message"]
            digest = hashlib.sha256(json.dumps({k: v for k, v in vals.items() if k != "cv_parsed_at"},
                                               sort_keys=True, default=str).encode()).hexdigest()
            if digest == cand.cv_parse_digest and cand.cv_parsed_at:
                cand.write({"cv_parsed_at": now})   # same file, same result: the lines stay as they are
            else:
                vals["cv_parse_digest"] = digest
                cand.write(vals)
        return errors

    def _cv_values(self, result, used, notes, matcher, now, occupations=()):
        vals = {"cv_parsed_at": now, "cv_experience_ids": [(5, 0, 0)], "cv_education_ids": [(5, 0, 0)],
                "cv_skill_ids": [(5, 0, 0)], "cv_email": False, "cv_phone": False, "cv_linkedin": False,
                "cv_years_experience": 0.0, "cv_attachment_id": False}
        if not result:
            if notes:
                vals["cv_parse_message"] = " ".join(notes)[:1000]
            else:
                vals["cv_parse_message"] = self.env._(
                    "No CV attached: attach the CV (PDF, Word, OpenDocument or text) to the candidate or to "
                    "one of their applications.")
            return vals
        vals.update(cv_email=result.contacts.email or False, cv_phone=result.contacts.phone or False,
                    cv_linkedin=result.contacts.linkedin or False, cv_attachment_id=used["id"],
                    cv_years_experience=result.years_experience())
        for seq, exp in enumerate(result.experiences):
            start, end, precision = _dates(exp)
            occ = occupations[seq] if seq < len(occupations) else None
            vals["cv_experience_ids"].append((0, 0, {
                "occupation_code": occ[0] if occ else False, "occupation_name": occ[1] if occ else False,
                "sequence": seq, "title": exp.title[:200], "employer": exp.employer[:200], "date_start": start,
                "date_end": end, "date_precision": precision, "evidence": "\n".join(exp.evidence),
                "claims": "\n".join(exp.lines)}))
        for seq, edu in enumerate(result.education):
            vals["cv_education_ids"].append((0, 0, {
                "sequence": seq, "degree_level": edu.degree_level, "field_of_study": edu.field_of_study[:200],
                "institution": edu.institution[:200], "year_end": edu.year_end or 0,
                "evidence": "\n".join(edu.evidence)}))
        seen = set()
        for seq, skill in enumerate(result.skills):
            name, skill_id, source = matcher.match(skill.name)
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            vals["cv_skill_ids"].append((0, 0, {
                "sequence": seq, "name": name[:200], "skill_id": skill_id, "source": source or "cv",
                "level": skill.level, "evidence": skill.evidence}))
        message = self.env._("Read from %(file)s: positions %(exp)d, education %(edu)d, skills %(skills)d.",
                             file=used["name"], exp=len(result.experiences), edu=len(result.education),
                             skills=len(seen))
        if result.other_language:
            message += " " + self.env._(
                "The CV is written in %(language)s and the parser reads headings, dates and skills in English: "
                "what it found may be incomplete, check the CV itself.", language=result.other_language)
        if notes:
            message += " " + self.env._("Skipped: %(notes)s", notes=" ".join(notes))
        vals["cv_parse_message"] = message[:1000]
        return vals

    def action_parse_cv(self):
        """Button / list action: read the CV of the selected candidates now (suggestions only)."""
        if not self:
            return True
        errors = self._cv_parse()
        if len(self) == 1 and errors:
            return {"type": "ir.actions.client", "tag": "display_notification", "params": {
                "title": self.env._("CV not parsed"), "message": next(iter(errors.values())), "type": "warning",
                "sticky": False, "next": {"type": "ir.actions.client", "tag": "soft_reload"}}}
        if len(self) > 1:
            return {"type": "ir.actions.client", "tag": "display_notification", "params": {
                "title": self.env._("CV parsed"), "type": "success" if not errors else "warning",
                "message": self.env._("%(ok)d candidates parsed, %(ko)d without a result (see their CV tab).",
                                      ok=len(self) - len(errors), ko=len(errors)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"}}}
        return True

    # ------------------------------------------------------------------ scheduled action
    @api.model
    def _cv_todo_ids(self, limit):
        """Active candidates with a document never parsed: no parse yet, or a file added since."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT id FROM (
                SELECT c.id FROM hr_candidate c
                  JOIN ir_attachment a ON a.res_model = 'hr.candidate' AND a.res_id = c.id
                 WHERE c.active AND a.res_field IS NULL AND a.type = 'binary'
                   AND (a.mimetype = ANY(%(mimes)s) OR a.mimetype LIKE 'text/%%')
                   AND (c.cv_parsed_at IS NULL OR date_trunc('second', a.create_date) > c.cv_parsed_at)
                UNION
                SELECT c.id FROM hr_candidate c
                  JOIN hr_applicant p ON p.candidate_id = c.id
                  JOIN ir_attachment a ON a.res_model = 'hr.applicant' AND a.res_id = p.id
                 WHERE c.active AND a.res_field IS NULL AND a.type = 'binary'
                   AND (a.mimetype = ANY(%(mimes)s) OR a.mimetype LIKE 'text/%%')
                   AND (c.cv_parsed_at IS NULL OR date_trunc('second', a.create_date) > c.cv_parsed_at)
            ) todo ORDER BY id LIMIT %(limit)s
        """, {"mimes": list(CV_MIMETYPES), "limit": limit})
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _cron_parse_cv(self, batch_size=None):
        """Parse new CVs in batches. Run by ir.cron: one batch per call with progress reported
        (the scheduler calls again while some remain); called directly: all batches. Every
        candidate of a batch gets cv_parsed_at, so a bad file is not retried until a new one is
        attached. Returns {"done", "remaining"}."""
        batch_size = batch_size or self.env["hr.talent.engine"]._setting("cron_batch_size")
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        done, remaining = 0, 0
        while True:
            ids = self._cv_todo_ids(batch_size + 1)
            batch, remaining = self.browse(ids[:batch_size]), max(0, len(ids) - batch_size)
            if not batch:
                break
            for cand in batch:
                try:
                    with self.env.cr.savepoint():
                        cand._cv_parse()
                except Exception as exc:  # noqa: BLE001 - one bad candidate must not stop the batch
                    _logger.exception("Talent AI: CV of candidate %s could not be parsed", cand.id)
                    cand.write({"cv_parsed_at": fields.Datetime.now(),
                                "cv_parse_message": self.env._("The CV could not be parsed (%(error)s).",
                                                               error=type(exc).__name__)})
            done += len(batch)
            if in_cron or not remaining:
                break
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return {"done": done, "remaining": remaining}

    # ------------------------------------------------------------------ applying
    def _cv_skill_level(self, skill_type, level):
        """The skill type's level closest to what the CV states; its default level otherwise."""
        levels = skill_type.skill_level_ids
        if not levels:
            return levels
        if level in LEVEL_PROGRESS:
            target = LEVEL_PROGRESS[level]
            return min(levels, key=lambda lv: (abs(lv.level_progress - target), -lv.level_progress))
        return levels.filtered("default_level")[:1] or levels.sorted("level_progress")[:1]

    def action_apply_cv_suggestions(self):
        """Fill the EMPTY e-mail, phone and LinkedIn fields from the CV, add the CV's matched skills
        as candidate skills, and log what was done in the chatter. Never overwrites."""
        CandidateSkill = self.env["hr.candidate.skill"]
        for cand in self:
            done, skipped = [], []
            vals = {}
            if cand.cv_email and not cand.email_from:
                if cand.partner_id or cand.partner_name:
                    vals["email_from"] = cand.cv_email
                    done.append(self.env._("e-mail set to %(value)s", value=cand.cv_email))
                else:
                    skipped.append(self.env._("e-mail not set: the candidate has no name to create the contact"))
            if cand.cv_phone and not cand.partner_phone:
                vals["partner_phone"] = cand.cv_phone
                done.append(self.env._("phone set to %(value)s", value=cand.cv_phone))
            if cand.cv_linkedin and not cand.linkedin_profile:
                vals["linkedin_profile"] = cand.cv_linkedin
                done.append(self.env._("LinkedIn set to %(value)s", value=cand.cv_linkedin))
            if vals:
                cand.write(vals)
            have = cand.candidate_skill_ids.skill_id
            new_skills = []
            for cv_skill in cand.cv_skill_ids.filtered("skill_id"):
                skill = cv_skill.skill_id
                if skill in have:
                    continue
                level = cand._cv_skill_level(skill.skill_type_id, cv_skill.level)
                if not level:
                    skipped.append(self.env._("%(skill)s not added: its skill type has no levels",
                                              skill=skill.name))
                    continue
                new_skills.append({"candidate_id": cand.id, "skill_id": skill.id,
                                   "skill_type_id": skill.skill_type_id.id, "skill_level_id": level.id})
                have |= skill
                done.append(self.env._("skill %(skill)s added (%(level)s)", skill=skill.name, level=level.name))
            if new_skills:
                CandidateSkill.create(new_skills)
            if not done and not skipped:
                done.append(self.env._("nothing to apply: the fields are filled and the matched skills present"))
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("CV suggestions applied:"),
                Markup("").join(Markup("<li>%s</li>") % escape(line) for line in done + skipped))
            cand.message_post(body=body)
        return True


def _dates(exp):
    """(date_start, date_end, precision) of a parsed entry: month precision when the CV gives
    months; a year alone is 1 January / 31 December; a current entry has no end."""
    precision = "month"
    start = end = False
    if exp.start:
        year, month = exp.start
        if month is None:
            precision = "year"
        start = datetime.date(year, month or 1, 1)
    if exp.end and not exp.current:
        year, month = exp.end
        if month is None:
            precision = "year"
        month = month or 12
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return start, end, precision
