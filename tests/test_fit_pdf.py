"""A PDF CV is read line by line by the fit, as the CV parser reads it (models/ir_attachment.py):
Odoo's own PDF index runs the lines together and merges a CV's bullets into one claim."""
import io

from odoo.tests import tagged

from .test_fit import FitCase


def pdf_of_lines(lines, pages=1, font_size=7):
    """A PDF with ``lines`` drawn one under the other on each of ``pages`` pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for page in range(pages):
        pdf.setFont("Helvetica", font_size)
        y = A4[1] - 60
        for line in lines:
            pdf.drawString(40, y, line if pages == 1 else "%s (page %d)" % (line, page + 1))
            y -= font_size * 2
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


@tagged("post_install", "-at_install")
class TestFitPdfLines(FitCase):
    own_company = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.text = cls.cvs["nu_did_1"]["text"]
        cls.lines = cls.text.split("\n")
        cls.raw = pdf_of_lines(cls.lines)

    def _attachment(self, app):
        return self.env["ir.attachment"].search([("res_model", "=", "hr.applicant"), ("res_id", "=", app.id)])

    def test_pdf_cv_scores_as_its_text(self):
        as_text = self.make_applicant("nurse", self.text)
        as_pdf = self.make_applicant("nurse", None, raw=self.raw, mimetype="application/pdf")
        index = self._attachment(as_pdf).index_content
        self.assertEqual(index.split("\n"), self.lines, "the index keeps the PDF's lines")
        flat = self.env["ir.attachment"]._index_pdf(self.raw)
        self.assertNotIn("\n", flat.strip(), "Odoo's own index runs the lines together")
        (as_text | as_pdf).action_compute_fit()
        self.assertTrue(as_pdf.fit_scored_at)
        self.assertEqual(as_pdf.fit_score, as_text.fit_score)
        self.assertEqual(as_pdf.fit_band, as_text.fit_band)

    def test_pdf_indexed_before_install_is_relined_once(self):
        reference = self.make_applicant("nurse", self.text)
        app = self.make_applicant("nurse", None, raw=self.raw, mimetype="application/pdf")
        att = self._attachment(app)
        flat = self.env["ir.attachment"]._index_pdf(self.raw)
        self.env.flush_all()
        self.env.cr.execute("UPDATE ir_attachment SET index_content = %s WHERE id = %s", [flat, att.id])
        att.invalidate_recordset()
        written = att.write_date
        # the fit finds the old run-together index and reads the file once
        self.assertIn("\n", app._fit_gather()[app.id]["text"])
        att.invalidate_recordset()
        self.assertEqual(att.index_content.split("\n"), self.lines, "the old index was replaced by the lines")
        self.assertEqual(att.write_date, written, "the file did not change: no score goes stale")
        (reference | app).action_compute_fit()
        self.assertEqual(app.fit_score, reference.fit_score)
        self.assertFalse(app.fit_stale)

    def test_two_page_pdf_indexed_before_install_is_relined(self):
        """Odoo's old index of a PDF of several pages holds form feeds between the pages (which
        clean_text turns into line breaks), still no line break of its own: it is re-read too."""
        lines = ["%s (page %d)" % (line, page + 1) for page in range(2) for line in self.lines]
        raw = pdf_of_lines(self.lines, pages=2)
        reference = self.make_applicant("nurse", "\n".join(lines))
        app = self.make_applicant("nurse", None, raw=raw, mimetype="application/pdf")
        att = self._attachment(app)
        flat = self.env["ir.attachment"]._index_pdf(raw)
        self.assertIn("\x0c", flat.strip())
        self.env.flush_all()
        self.env.cr.execute("UPDATE ir_attachment SET index_content = %s WHERE id = %s", [flat, att.id])
        att.invalidate_recordset()
        app._fit_gather()
        att.invalidate_recordset()
        self.assertEqual(att.index_content.split("\n"), lines, "the old index was replaced by the lines")
        (reference | app).action_compute_fit()
        self.assertEqual(app.fit_score, reference.fit_score)

    def test_long_pdf_keeps_odoo_index(self):
        raw = pdf_of_lines(["Quarterly report line %d with figures" % i for i in range(5)], pages=9)
        att = self.env["ir.attachment"].create({"name": "report.pdf", "raw": raw, "mimetype": "application/pdf"})
        self.assertEqual(att.index_content, self.env["ir.attachment"]._index_pdf(raw))
        self.assertIn("page 9", att.index_content, "a long document is indexed whole")
