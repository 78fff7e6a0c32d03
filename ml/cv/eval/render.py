"""Render a CV document model to PDF (one or two columns, tables), DOCX and ODT bytes.

A document is a list of blocks:
    ("name", text) ("line", text) ("heading", text) ("para", text) ("bullet", text)
    ("row", [cell, cell, ...])   a table row (cells side by side)
    ("column", "left" | "right") two-column PDF only: the blocks that follow go to that column
reportlab is needed for PDF only (a test/eval dependency); DOCX and ODT are written as XML.
"""
import io
import zipfile
from xml.sax.saxutils import escape


# ------------------------------------------------------------------ PDF
def to_pdf(blocks, two_columns=False, font_size=10):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph, Spacer, Table,
                                    TableStyle)

    buf = io.BytesIO()
    width, height = A4
    margin = 18 * mm
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title="CV", author="")
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=font_size, leading=font_size * 1.3)
    name = ParagraphStyle("name", parent=body, fontName="Helvetica-Bold", fontSize=font_size + 6,
                          leading=(font_size + 6) * 1.3, spaceAfter=4)
    head = ParagraphStyle("head", parent=body, fontName="Helvetica-Bold", fontSize=font_size + 2,
                          leading=(font_size + 2) * 1.4, spaceBefore=8, spaceAfter=3)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2)
    if two_columns:
        top_h = 30 * mm
        gutter = 10 * mm
        inner = width - 2 * margin
        left_w = inner * 0.36
        frames = [
            Frame(margin, height - margin - top_h, inner, top_h, id="top", showBoundary=0),
            Frame(margin, margin, left_w, height - 2 * margin - top_h, id="left", showBoundary=0),
            Frame(margin + left_w + gutter, margin, inner - left_w - gutter, height - 2 * margin - top_h,
                  id="right", showBoundary=0),
        ]
        later = [Frame(margin, margin, left_w, height - 2 * margin, id="l2"),
                 Frame(margin + left_w + gutter, margin, inner - left_w - gutter, height - 2 * margin, id="r2")]
        doc.addPageTemplates([PageTemplate(id="first", frames=frames, autoNextPageTemplate="later"),
                              PageTemplate(id="later", frames=later)])
    else:
        doc.addPageTemplates([PageTemplate(id="one", frames=[
            Frame(margin, margin, width - 2 * margin, height - 2 * margin, id="main")])])
    story = []
    column_seen = False
    for kind, value in blocks:
        if kind == "column":
            if two_columns:
                story.append(FrameBreak())
                column_seen = True
            continue
        if kind == "name":
            story.append(Paragraph(escape(value), name))
        elif kind == "heading":
            story.append(Paragraph(escape(value), head))
        elif kind == "bullet":
            story.append(Paragraph(escape(value), bullet, bulletText="\u2022"))
        elif kind == "row":
            inner_w = doc.width if not (two_columns and column_seen) else doc.width * 0.6
            cells = [[Paragraph(escape(line), body) for line in c.split("\n")] for c in value]
            table = Table([cells], colWidths=[inner_w / len(cells)] * len(cells))
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
            story.append(table)
        elif kind == "space":
            story.append(Spacer(1, 6))
        else:
            story.append(Paragraph(escape(value), body))
    doc.build(story)
    return buf.getvalue()


# ------------------------------------------------------------------ DOCX
_DOCX_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>')
_DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _w_run(text):
    parts = []
    for n, piece in enumerate(text.split("\t")):
        if n:
            parts.append("<w:tab/>")
        if piece:
            parts.append('<w:t xml:space="preserve">%s</w:t>' % escape(piece))
    return "<w:r>%s</w:r>" % "".join(parts)


def _w_para(text, style=None, numbered=False, bold=False):
    ppr = ""
    if style or numbered:
        ppr = "<w:pPr>%s%s</w:pPr>" % ('<w:pStyle w:val="%s"/>' % style if style else "",
                                       '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
                                       if numbered else "")
    run = _w_run(text)
    if bold:
        run = run.replace("<w:r>", "<w:r><w:rPr><w:b/></w:rPr>", 1)
    return "<w:p>%s%s</w:p>" % (ppr, run)


def to_docx(blocks, bullet_style="numbering"):
    """DOCX bytes. bullet_style: 'numbering' (Word list paragraphs) or 'char' (a typed bullet)."""
    body = []
    for kind, value in blocks:
        if kind == "column":
            continue
        if kind == "row":
            cells = "".join("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>%s</w:tc>"
                            % "".join(_w_para(line) for line in cell.split("\n")) for cell in value)
            body.append("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tr>%s</w:tr></w:tbl>"
                        % cells)
        elif kind == "bullet":
            body.append(_w_para(value, numbered=True) if bullet_style == "numbering"
                        else _w_para("\u2022\t" + value))
        elif kind == "heading":
            body.append(_w_para(value, style="Heading1", bold=True))
        elif kind == "space":
            body.append("<w:p/>")
        else:
            body.append(_w_para(value))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body>%s</w:body></w:document>' % "".join(body))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _DOCX_CT)
        zf.writestr("_rels/.rels", _DOCX_RELS)
        zf.writestr("word/document.xml", document)
    return buf.getvalue()


# ------------------------------------------------------------------ ODT
def _odt_text(text):
    return "<text:tab/>".join(escape(p) for p in text.split("\t"))


def to_odt(blocks):
    body = []
    for kind, value in blocks:
        if kind == "column":
            continue
        if kind == "row":
            cells = "".join('<table:table-cell office:value-type="string">%s</table:table-cell>'
                            % "".join("<text:p>%s</text:p>" % _odt_text(line) for line in cell.split("\n"))
                            for cell in value)
            body.append('<table:table table:name="t"><table:table-column table:number-columns-repeated="%d"/>'
                        '<table:table-row>%s</table:table-row></table:table>' % (len(value), cells))
        elif kind == "bullet":
            body.append("<text:list><text:list-item><text:p>%s</text:p></text:list-item></text:list>"
                        % _odt_text(value))
        elif kind == "heading":
            body.append('<text:h text:outline-level="1">%s</text:h>' % _odt_text(value))
        elif kind == "space":
            body.append("<text:p/>")
        else:
            body.append("<text:p>%s</text:p>" % _odt_text(value))
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
               '<office:body><office:text>%s</office:text></office:body></office:document-content>' % "".join(body))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", manifest)
    return buf.getvalue()


def to_text(blocks, bullet="- "):
    out = []
    for kind, value in blocks:
        if kind == "column":
            continue
        if kind == "row":
            out.append("\t".join(value))
        elif kind == "bullet":
            out.append(bullet + value)
        elif kind == "heading":
            out.append("")
            out.append(value)
        elif kind == "space":
            out.append("")
        else:
            out.append(value)
    return "\n".join(out) + "\n"
