"""The lines of a CV file, reading the file itself (no Odoo): PDF with pdfminer's layout
analysis (Odoo's PDF index runs lines together), DOCX and ODT from their XML (Odoo's DOCX text
drops tabs and table cells), text through ml.input_check's decoding.

``read_lines(data, mimetype, filename)`` -> Lines(lines, message). Cells of one table row, and
text on one baseline of a PDF separated by a wide gap, are joined with a tab; a two-column PDF
page is read column by column. Never raises: a file that gives no text returns a message.
"""
import collections
import io
import logging
import re
import zipfile
from xml.etree import ElementTree

from .. import input_check

_logger = logging.getLogger(__name__)

Lines = collections.namedtuple("Lines", "lines message")

MAX_BYTES = 10 * 1024 * 1024   # bigger files are not CVs; read no more
MAX_PAGES = 8                  # a CV's structure is in its first pages
TEXT_BYTES = 240 * 1024        # as the fit: a text CV longer than this is cut
MAX_XML_BYTES = 20 * 1024 * 1024  # uncompressed document.xml / content.xml (zip bombs)

_PAGE_NO_RE = re.compile(r"^\s*(page\s*)?\d+\s*(/|of)\s*\d+\s*$|^\s*page\s+\d+\s*$", re.I)


def kind_of(data, mimetype=None, filename=None):
    """'pdf', 'docx', 'odt', 'doc', 'text', 'html' or None (unknown binary)."""
    head = bytes(data[:8])
    name = (filename or "").lower()
    mime = (mimetype or "").lower()
    if head.startswith(b"%PDF-") or mime == "application/pdf":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if name.endswith(".odt") or "opendocument.text" in mime:
            return "odt"
        if name.endswith(".docx") or "wordprocessingml" in mime:
            return "docx"
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            return "odt"
        return None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if mime == "text/html" or name.endswith((".html", ".htm")):
        return "html"
    if mime.startswith("text/") or name.endswith((".txt", ".md", ".text", ".csv")) or not mime:
        return "text"
    if input_check.binary_reason(data) is None and mime in ("application/octet-stream", ""):
        return "text"
    return None


def read_lines(data, mimetype=None, filename=None):
    """Lines(lines, message) of a CV file; message is None when text was found."""
    data = bytes(data or b"")
    name = filename or "the file"
    if not data.strip():
        return Lines([], "%s is empty." % name)
    if len(data) > MAX_BYTES:
        return Lines([], "%s is larger than %d MB and was not read." % (name, MAX_BYTES // (1024 * 1024)))
    kind = kind_of(data, mimetype, filename)
    try:
        if kind == "pdf":
            return _pdf_lines(data, name)
        if kind == "docx":
            lines = _docx_lines(data)
        elif kind == "odt":
            lines = _odt_lines(data)
        elif kind == "doc":
            return Lines([], "%s is an old Word (.doc) file, which is not read: save it as DOCX or PDF." % name)
        elif kind in ("text", "html"):
            reason = input_check.binary_reason(data)
            if reason:
                return Lines([], "%s is not a text document (%s)." % (name, reason))
            text = input_check.decode(data[:TEXT_BYTES], truncated=len(data) > TEXT_BYTES).text
            if kind == "html":
                from ..fit.text import html_to_text
                text = html_to_text(text)
            lines = text.split("\n")
        else:
            reason = input_check.binary_reason(data) or "its type holds no readable text"
            return Lines([], "%s is not a document this parser reads (%s)." % (name, reason))
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, ValueError, OSError, EOFError) as exc:
        return Lines([], "%s could not be read (damaged file: %s)." % (name, type(exc).__name__))
    lines = [input_check.clean_text(line).rstrip() for line in lines]
    if not any(input_check.has_letters(line) for line in lines):
        return Lines([], "%s holds no readable text." % name)
    return Lines(lines, None)


# ------------------------------------------------------------------ PDF
def pdf_index_text(data):
    """The text of a PDF for ``ir.attachment``'s index, one line of the page per line (cells of a
    row joined by a tab), so that the fit reads a PDF CV's bullets as separate claims; Odoo's own
    index runs them together. None when this reader should not stand in for Odoo's: not a PDF,
    over MAX_BYTES, more than MAX_PAGES pages (a long document is indexed whole by Odoo), or no
    text read."""
    data = bytes(data or b"")
    if not data.startswith(b"%PDF-") or len(data) > MAX_BYTES:
        return None
    read = _pdf_lines(data, "the file", max_pages=MAX_PAGES)
    if read.message is not None:
        return None
    return "\n".join(line for line in read.lines if line.strip())


def _pdf_lines(data, name, max_pages=None):
    """Lines(...) of the first MAX_PAGES pages; with ``max_pages``, Lines([], message) when the
    document has more pages than that."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import PSException

    out = []
    try:
        manager = PDFResourceManager(caching=True)
        # no pdfminer layout pass: its text lines are rebuilt here from the glyphs (_glyph_lines),
        # about twice as fast, with the same line and gap rules
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data),
                                                        maxpages=(max_pages + 1) if max_pages else MAX_PAGES)):
            if max_pages and number >= max_pages:
                return Lines([], "%s has more than %d pages." % (name, max_pages))
            interpreter.process_page(page)
            layout = device.get_result()
            page_lines = _order_page(_glyph_lines(layout), layout.width)
            out.extend(line for line in page_lines if not _PAGE_NO_RE.match(line))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return Lines([], "%s is password-protected: attach an unprotected copy." % name)
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
            RecursionError, OSError, EOFError, UnicodeDecodeError, ZeroDivisionError) as exc:
        _logger.info("CV parse: %s could not be read by pdfminer: %s", name, exc)
        if not out:
            return Lines([], "%s could not be read (damaged PDF)." % name)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many things on broken files
        _logger.info("CV parse: %s could not be read by pdfminer: %r", name, exc)
        if not out:
            return Lines([], "%s could not be read (damaged PDF)." % name)
    out = [input_check.clean_text(line) for line in out]
    if not any(input_check.has_letters(line) for line in out):
        return Lines([], "%s has no text layer (a scanned image?): run OCR on it, or paste the CV text "
                         "into the notes." % name)
    return Lines(out, None)


def _glyphs(container):
    from pdfminer.layout import LTChar, LTFigure

    for obj in container:
        if isinstance(obj, LTChar):
            if obj.upright:
                yield obj
        elif isinstance(obj, LTFigure):
            yield from _glyphs(obj)


def _glyph_lines(layout, char_margin=2.0, word_margin=0.1):
    """Text lines (x0, y0, x1, y1, text) of a page from its glyphs in drawing order: a glyph on
    the same baseline within ``char_margin`` glyph widths continues the line (a space where the
    gap is over ``word_margin`` of a width and the text has none); a wider gap or another
    baseline starts a new line (pdfminer's own text-line rule, without its box grouping)."""
    lines = []
    cur = None   # [x0, y0, x1, y1, [text], last glyph]
    for ch in _glyphs(layout):
        text = ch.get_text()
        if cur is not None:
            last = cur[5]
            height = max(min(last.height, ch.height), 0.1)
            width = max(last.width, ch.width, 0.1)
            same_line = abs((ch.y0 + ch.y1) - (last.y0 + last.y1)) / 2 <= 0.5 * height
            gap = ch.x0 - last.x1
            if same_line and -width <= gap <= char_margin * width:
                if gap > word_margin * width and not cur[4][-1].endswith(" ") and text != " ":
                    cur[4].append(" ")
                cur[4].append(text)
                cur[0], cur[1] = min(cur[0], ch.x0), min(cur[1], ch.y0)
                cur[2], cur[3] = max(cur[2], ch.x1), max(cur[3], ch.y1)
                cur[5] = ch
                continue
            lines.append(cur)
        if text.isspace():
            cur = None
            continue
        cur = [ch.x0, ch.y0, ch.x1, ch.y1, [text], ch]
    if cur is not None:
        lines.append(cur)
    out = []
    for x0, y0, x1, y1, parts, _last in lines:
        text = "".join(parts).strip()
        if text:
            out.append((x0, y0, x1, y1, text))
    return out


_CID_RE = re.compile(r"\(cid:\d+\)")
_BULLET_START_RE = re.compile(r"^\s*(\(cid:\d+\)|[\u2022\u25cf\u25aa\u25a0\u25e6\u25ba\u27a2\u27a4\u2713\u2714\u00b7\uf0b7\uf0a7\uf0d8-]\s)")


def _row_groups(items):
    """Items on one baseline grouped, top to bottom: [(mid_y, height, [items left to right])]."""
    rows = []
    for item in sorted(items, key=lambda it: (-(it[1] + it[3]) / 2, it[0])):
        mid = (item[1] + item[3]) / 2
        height = max(item[3] - item[1], 1.0)
        if rows and abs(rows[-1][0] - mid) <= 0.4 * height:
            rows[-1][2].append(item)
        else:
            rows.append([mid, height, [item]])
    for row in rows:
        row[2].sort(key=lambda it: it[0])
    return rows


_JOINING_END_RE = re.compile(r"([-\u2013\u2014,(&/]|\b(at|of|and|in|for|with|the|to|a|an|on|as))$", re.I)


def _rows(items):
    """Lines on one baseline joined (left to right, a tab where the gap is wide), top to bottom.
    A wrapped line is joined to the next one: under the text of its bullet (a hanging indent),
    or at the same left edge when the line cannot have ended there (an open parenthesis, a
    trailing "at", a next line in lower case) or when it reaches the column's right edge and the
    next line's first word would not have fitted."""
    rows = _row_groups(items)
    if not rows:
        return []
    edge = max(it[2] for it in items)
    left = min(it[0] for it in items)
    near = sum(1 for _m, _h, row in rows if row[-1][2] >= edge - 0.08 * max(edge - left, 1.0))
    edge_known = near >= 3
    out = []
    bullet_x0 = None   # x0 of the bullet line being continued
    prev = None        # (mid, height, x0, x1, single item, text) of the previous physical row
    for mid, height, row in rows:
        text = row[0][4]
        for a, b in zip(row, row[1:]):
            text += ("\t" if b[0] - a[2] > 1.0 * max(b[3] - b[1], 1.0) else " ") + b[4]
        starts_bullet = bool(_BULLET_START_RE.match(row[0][4]))
        text = _BULLET_START_RE.sub("\u2022 ", text, count=1)
        text = _CID_RE.sub("", text).strip()
        if not text:
            continue
        x0 = row[0][0]
        wrapped = False
        if prev is not None and prev[4] and len(row) == 1 and not starts_bullet \
                and prev[0] - mid <= 1.6 * max(height, prev[1]) and abs(height - prev[1]) <= 0.1 * prev[1]:
            last = out[-1].rstrip()
            if bullet_x0 is not None:
                wrapped = x0 > bullet_x0 + 2
            elif abs(x0 - prev[2]) <= 1.5 and not last.endswith((".", ":", "!", "?")):
                wrapped = (bool(_JOINING_END_RE.search(last)) or last.count("(") > last.count(")")
                           or text[:1].islower()
                           or (edge_known and not _word_fits(prev, text, edge)))
        if wrapped:
            out[-1] = out[-1] + " " + text
        else:
            out.append(text)
            bullet_x0 = x0 if starts_bullet and len(row) == 1 else None
        prev = (mid, height, x0, row[-1][2], len(row) == 1, row[-1][4])
    return out


def _word_fits(prev, text, right_edge):
    """Whether the first word of ``text`` would have fitted at the end of the previous row: if it
    would, the writer broke the line on purpose (a new line, not a wrap)."""
    prev_text = prev[5]
    char_w = (prev[3] - prev[2]) / max(len(prev_text), 1)
    word = text.split()[0] if text.split() else ""
    return (len(word) + 1) * char_w <= right_edge - prev[3]


_DATEY_RE = re.compile(r"(19|20)\d{2}|present|current", re.I)


def _order_page(items, width):
    """Reading order of a page's text lines: two columns (a vertical gutter most lines keep
    clear of) are read left then right, unless one side holds mostly dates (a table of
    dates and roles, read row by row); otherwise rows top to bottom."""
    if len(items) < 8:
        return _rows(items)
    best = None
    for step in range(20, 81):
        x = width * step / 100.0
        crossing = sum(1 for it in items if it[0] < x < it[2])
        left = [it for it in items if it[2] <= x]
        right = [it for it in items if it[0] >= x]
        if len(left) < 4 or len(right) < 4:
            continue
        if best is None or crossing < best[0]:
            best = (crossing, x, left, right)
    if best is None or best[0] > 0.15 * len(items):
        return _rows(items)
    _crossing, x, left, right = best

    def datey(side):
        return sum(1 for it in side if _is_date_label(it)) / len(side)

    if datey(left) > 0.5 or datey(right) > 0.5:
        return _rows(items)
    if _label_column(left, right):
        return _rows(_lift_headings(items, left))
    full = [it for it in items if it[0] < x < it[2]]
    top = min(max(it[3] for it in left), max(it[3] for it in right))
    head = [it for it in full if it[1] >= top - 1]
    tail = [it for it in full if it[1] < top - 1]
    return _rows(head) + _rows(left) + _rows(right) + _rows(tail)


def _is_date_label(item):
    return bool(_DATEY_RE.search(item[4])) and len(item[4].split()) <= 6


def _label_column(left, right):
    """A narrow left column of labels for the rows beside it: section headings and the dates of
    each entry ("EMPLOYMENT HISTORY", "2016 - 2018" left of "Junior PHP Developer, WebCraft"), as
    in Odoo's demo CVs. Read left then right, every date would be cut from its entry."""
    # at most half as many lines as the text beside it (allowing as many cost a two-column dev CV its degrees)
    if len(left) > 0.5 * len(right):
        return False
    dates = sum(1 for it in left if _is_date_label(it))
    labels = sum(1 for it in left if _is_date_label(it) or _is_heading(it[4]))
    return dates >= 2 and labels == len(left)


def _is_heading(text):
    """A section heading alone on its line ("EMPLOYMENT HISTORY"), not one with a body ("Skills: SQL")."""
    from .structure import heading_kind

    kind, rest = heading_kind(text)
    return kind is not False and not rest


def _lift_headings(items, left):
    """The label column's headings moved just above the row they sit on, so that each is a line of
    its own (a heading joined to the first line of its section would hide it), while each date
    stays on its entry's row ("2016 - 2018<tab>Junior PHP Developer, WebCraft")."""
    lifted = {id(it) for it in left if not _is_date_label(it)}
    out = []
    for it in items:
        if id(it) in lifted:
            shift = 0.6 * max(it[3] - it[1], 1.0)
            it = (it[0], it[1] + shift, it[2], it[3] + shift, it[4])
        out.append(it)
    return out


# ------------------------------------------------------------------ DOCX
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(zf, member):
    info = zf.getinfo(member)
    if info.file_size > MAX_XML_BYTES:
        raise ValueError("%s too large" % member)
    return ElementTree.fromstring(zf.read(member))


def _docx_lines(data):
    zf = zipfile.ZipFile(io.BytesIO(data))
    lines = []
    headers = sorted(n for n in zf.namelist() if re.fullmatch(r"word/header\d*\.xml", n))
    for member in headers:
        _docx_block(_xml(zf, member), lines)
    body = _xml(zf, "word/document.xml").find(_W + "body")
    if body is not None:
        _docx_block(body, lines)
    return lines


def _docx_block(element, lines):
    for child in element:
        tag = child.tag
        if tag == _W + "p":
            lines.extend(_docx_paragraph(child))
        elif tag == _W + "tbl":
            _docx_table(child, lines)
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "hdr", _W + "txbxContent"):
            _docx_block(child, lines)


def _docx_paragraph(p):
    """Lines of one paragraph (a break inside starts a new line); text boxes inside it follow."""
    parts, extra = [], []

    def walk(el):
        for child in el:
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab" and el.tag == _W + "r":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "txbxContent":
                _docx_block(child, extra)
            elif tag in (_W + "pPr", _W + "rPr", _W + "instrText", _W + "delText"):
                continue
            else:
                walk(child)

    walk(p)
    text = "".join(parts)
    ppr = p.find(_W + "pPr")
    if ppr is not None and ppr.find(_W + "numPr") is not None and text.strip():
        text = "\u2022 " + text.lstrip()
    return text.split("\n") + extra


def _docx_table(tbl, lines):
    for row in tbl.iter(_W + "tr"):
        cells = []
        for cell in row.findall(_W + "tc"):
            cell_lines = []
            _docx_block(cell, cell_lines)
            cells.append([line for line in cell_lines if line.strip()])
        _table_row(cells, lines)


def _table_row(cells, lines):
    """First lines of the cells side by side (a tab between), then the cells' other lines."""
    cells = [c for c in cells if c]
    if not cells:
        return
    lines.append("\t".join(c[0].strip() for c in cells))
    for c in cells:
        lines.extend(c[1:])


# ------------------------------------------------------------------ ODT
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _odt_lines(data):
    zf = zipfile.ZipFile(io.BytesIO(data))
    root = _xml(zf, "content.xml")
    lines = []
    body = root.find(_OFFICE + "body")
    if body is not None:
        for text in body:
            _odt_block(text, lines, bullet=False)
    return lines


def _odt_inline(el, parts):
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if tag == _TEXT + "tab":
            parts.append("\t")
        elif tag == _TEXT + "line-break":
            parts.append("\n")
        elif tag == _TEXT + "s":
            parts.append(" " * int(child.get(_TEXT + "c", "1") or 1))
        elif tag in (_TEXT + "note", _OFFICE + "annotation"):
            pass
        else:
            _odt_inline(child, parts)
        if child.tail:
            parts.append(child.tail)


def _odt_block(el, lines, bullet):
    for child in el:
        tag = child.tag
        if tag in (_TEXT + "p", _TEXT + "h"):
            parts = []
            _odt_inline(child, parts)
            text = "".join(parts)
            if bullet and text.strip():
                text = "\u2022 " + text.lstrip()
            lines.extend(text.split("\n"))
        elif tag == _TEXT + "list":
            for item in child:
                _odt_block(item, lines, bullet=True)
        elif tag == _TABLE + "table":
            for row in child.iter(_TABLE + "table-row"):
                cells = []
                for cell in row.findall(_TABLE + "table-cell"):
                    cell_lines = []
                    _odt_block(cell, cell_lines, bullet=False)
                    cells.append([line for line in cell_lines if line.strip()])
                _table_row(cells, lines)
        else:
            _odt_block(child, lines, bullet)
