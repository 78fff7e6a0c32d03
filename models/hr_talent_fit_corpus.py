"""A company's word frequencies for the fit's lexical evidence (ml/fit/lexical.py).

Plain TF-IDF learns from the scored texts which words every applicant writes; the fit blends that
with O*NET's word weights. Counting is done now and then, not at every applicant: the counts are
redone when the company's jobs and applicants have grown by a quarter (and at least
RECOUNT_MIN) since the last count, so that a score does not move each time someone else applies.
Only document frequencies are kept, no text.
"""
import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools import mute_logger

from ..ml.fit import lexical, text as fit_text

_logger = logging.getLogger(__name__)

RECOUNT_MIN = 10
RECOUNT_RATIO = 1.25
MAX_CVS = 2000  # the most recent applicants' CVs: enough to tell common words, bounded work
_parsed = {}  # (database, record id, write date, source count) -> lexical.CorpusIdf


class HrTalentFitCorpus(models.Model):
    _name = "hr.talent.fit.corpus"
    _description = "Talent AI fit: word frequencies of a company's jobs and CVs"

    company_id = fields.Many2one("res.company", required=True, ondelete="cascade", index=True)
    doc_count = fields.Integer("Documents counted", readonly=True)
    source_count = fields.Integer("Jobs and applicants at the count", readonly=True)
    doc_freq = fields.Text("Document frequencies (JSON)", readonly=True)

    _sql_constraints = [("company_unique", "unique(company_id)", "A company has one fit word count.")]

    @api.model
    def _get_corpus(self, company):
        """The company's lexical.CorpusIdf, recounted first when it has grown enough (or has none)."""
        record = self.sudo().search([("company_id", "=", company.id)], limit=1)
        sources = self._source_count(company)
        if not sources:
            return lexical.CorpusIdf()
        if not record or sources >= max(record.source_count + RECOUNT_MIN, record.source_count * RECOUNT_RATIO):
            record = self._recount(company, record, sources)
        # a recount in the same transaction keeps the write date: the source count tells it apart
        key = (self.env.cr.dbname, record.id, record.write_date, record.source_count)
        corpus = _parsed.get(key)
        if corpus is None:
            corpus = lexical.CorpusIdf.from_json(record.doc_freq or "{}")
            if len(_parsed) > 50:
                _parsed.clear()
            _parsed[key] = corpus
        return corpus

    @api.model
    def _source_count(self, company):
        """The company's jobs (and those of no company) and applicants: what the growth is measured on."""
        self.env["hr.job"].flush_model(["company_id"])
        self.env["hr.applicant"].flush_model(["company_id", "candidate_id", "applicant_notes"])
        self.env["ir.attachment"].flush_model(["res_model", "res_id", "res_field", "mimetype", "index_content"])
        self.env.cr.execute("""
            SELECT (SELECT count(*) FROM hr_job WHERE company_id = %(c)s OR company_id IS NULL)
                 + (SELECT count(*) FROM hr_applicant WHERE company_id = %(c)s)
        """, {"c": company.id})
        return self.env.cr.fetchone()[0]

    @api.model
    def _recount(self, company, record, sources):
        texts = self._job_texts(company) + self._cv_texts(company)
        corpus = lexical.CorpusIdf.from_texts(texts)
        values = {"doc_count": corpus.doc_count, "source_count": sources, "doc_freq": corpus.to_json()}
        if record:
            record.write(values)
        else:
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    record = self.sudo().create(dict(values, company_id=company.id))
            except psycopg2.IntegrityError:  # another worker counted this company at the same moment
                return self.sudo().search([("company_id", "=", company.id)], limit=1)
        _logger.info("Talent AI: fit word frequencies of %s counted on %d documents", company.name, corpus.doc_count)
        return record

    @api.model
    def _job_texts(self, company):
        Applicant = self.env["hr.applicant"].sudo().with_company(company)
        jobs = self.env["hr.job"].sudo().with_context(active_test=False).search(
            [("company_id", "in", [company.id, False])])
        out = []
        for job in jobs:
            data = Applicant._fit_job_data(job)
            out.append("\n".join([data["name"], fit_text.html_to_text(data["description"]), data["requirements"]]
                                 + list(data["skills"])))
        return out

    @api.model
    def _cv_texts(self, company):
        """One text per recent applicant: its indexed attachments (Odoo's attachment index) and its
        notes, redacted as the fit redacts a CV (names, contact, pronouns, ages, nationality words);
        identical CVs (one candidate, several jobs) count once."""
        self.env.cr.execute("""
            SELECT a.applicant_notes, c.partner_name, p.name, c.email_from,
                   (SELECT string_agg(left(t.index_content, %(chars)s), E'\\n' ORDER BY t.id)
                      FROM ir_attachment t
                     WHERE t.res_field IS NULL AND t.mimetype NOT LIKE 'image/%%'
                       AND t.index_content NOT IN ('application', 'text')
                       AND ((t.res_model = 'hr.applicant' AND t.res_id = a.id)
                         OR (t.res_model = 'hr.candidate' AND t.res_id = a.candidate_id)))
              FROM hr_applicant a
              LEFT JOIN hr_candidate c ON c.id = a.candidate_id
              LEFT JOIN res_partner p ON p.id = c.partner_id
             WHERE a.company_id = %(c)s
             ORDER BY a.id DESC
             LIMIT %(limit)s
        """, {"c": company.id, "chars": fit_text.MAX_CHARS, "limit": MAX_CVS})
        texts = {}
        for notes, name, partner, email, indexed in self.env.cr.fetchall():
            names = [n for n in (name, partner, email and email.split("@")[0]) if n]
            text = fit_text.readable_cv("\n".join(t for t in (indexed, fit_text.html_to_text(notes or "")) if t),
                                        names=names)
            if text.strip():
                texts.setdefault(text, None)
        return list(texts)
