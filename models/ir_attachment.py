from odoo import api, models

from ..ml.cv import readers


class IrAttachment(models.Model):
    """A PDF's index keeps its lines. Odoo indexes a PDF as one run of text ("ProfileLecturer with
    ...(cid:127)Planned lessons"), which merges a CV's bullets into one claim for the fit; the CV
    parser's reader (ml.cv.readers, the same cost) gives one line of the page per line. Long
    documents (over ml.cv.readers.MAX_PAGES pages) and PDFs it cannot read keep Odoo's index."""

    _inherit = "ir.attachment"

    @api.model
    def _index(self, bin_data, file_type, checksum=None):
        if bin_data and bytes(bin_data[:5]) == b"%PDF-":
            text = readers.pdf_index_text(bin_data)  # its lines went through clean_text: no NUL
            if text:
                return text
        return super()._index(bin_data, file_type, checksum=checksum)

    @api.model
    def _talent_ai_line_index(self, attachment_id):
        """The line index of a PDF indexed before this add-on (Odoo's run-together text), written
        in place of the old one without touching write_date (the file did not change, so no score
        goes stale); None when the file gives none."""
        att = self.sudo().browse(attachment_id)
        try:
            raw = att.raw or b""
        except OSError:  # file missing from the store
            return None
        text = readers.pdf_index_text(raw)
        if text:
            self.env.cr.execute("UPDATE ir_attachment SET index_content = %s WHERE id = %s", [text, att.id])
            att.invalidate_recordset(["index_content"])
        return text
