"""The structure of a CV: sections, work-history entries, education, skills, contact, claims.

One parser serves the fit (its evidence chunks: one claim per bullet or sentence) and the CV
parsing of candidates (entries with dates, education, skills, contact). Plain Python: no Odoo,
no model.

    parse_file(data, mimetype=None, filename=None) -> CvStructure   (PDF, DOCX, ODT, text)
    parse_text(text) -> CvStructure

Never raises on bad input: an empty, binary, scanned or unreadable file gives a structure with
a ``message`` and nothing else.

What is never extracted or stored: photos (images are not read), date of birth, age, gender,
nationality, marital or family status, religion, health. Lines and segments stating them are
dropped before anything else is parsed, so a CV that states them parses the same as one that
does not (ml/tests/test_cv_structure.py). The name line at the top is not kept either.
"""
import dataclasses
import datetime
import re
import typing

from .. import input_check
from . import dates as cv_dates
from . import vocab

KINDS = ("experience", "education", "summary", "skills", "projects", "other")
DEGREE_LEVELS = ("secondary", "vocational", "associate", "bachelor", "master", "doctorate", "other")
MAX_LINES = 1500
MAX_LINE_CHARS = 2000
MAX_CLAIM_WORDS = 60
MIN_LATIN_SHARE = 0.5   # below this share of Latin letters the CV is not parsed (see parse_lines)


@dataclasses.dataclass
class Section:
    kind: str
    heading: str
    lines: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Experience:
    title: str = ""
    employer: str = ""
    start: typing.Optional[tuple] = None   # (year, month or None)
    end: typing.Optional[tuple] = None     # None when current (or unknown)
    current: bool = False
    lines: list = dataclasses.field(default_factory=list)      # the entry's claims
    evidence: list = dataclasses.field(default_factory=list)   # the source line(s) of title/employer/dates

    def months(self, today=None):
        """Months this entry covers (an open one runs to ``today``); 0 without dates."""
        if not self.start:
            return 0
        end = self.end if self.end else (cv_dates.today_date(today) if self.current else None)
        if end is None:
            return 0
        return max(0, cv_dates.month_index(end, end=True) - cv_dates.month_index(self.start))


@dataclasses.dataclass
class Education:
    degree_level: str = "other"
    field_of_study: str = ""
    institution: str = ""
    year_end: typing.Optional[int] = None
    evidence: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Skill:
    name: str
    evidence: str = ""
    level: typing.Optional[str] = None   # beginner / intermediate / advanced / expert when the CV says


@dataclasses.dataclass
class Contacts:
    email: str = ""
    phone: str = ""
    linkedin: str = ""


class Claim(typing.NamedTuple):
    text: str
    section_kind: str
    experience_index: typing.Optional[int]


@dataclasses.dataclass
class CvStructure:
    sections: list = dataclasses.field(default_factory=list)
    experiences: list = dataclasses.field(default_factory=list)
    education: list = dataclasses.field(default_factory=list)
    skills: list = dataclasses.field(default_factory=list)
    contacts: Contacts = dataclasses.field(default_factory=Contacts)
    claims: list = dataclasses.field(default_factory=list)
    message: typing.Optional[str] = None
    stated_years: typing.Optional[float] = None   # "8 years of experience" in the text, when stated
    # the CV's language when it is not English (e.g. "German"): headings, dates and skills are read
    # in English, so what was found may be incomplete (ml.input_check.language_mismatch)
    other_language: typing.Optional[str] = None

    def years_experience(self, today=None):
        """Years covered by the dated entries, overlapping periods counted once; an open entry
        runs to ``today``. Without any dated entry: the years the CV states, else 0."""
        now = cv_dates.today_date(today)
        spans = []
        for exp in self.experiences:
            if not exp.start:
                continue
            end = exp.end if exp.end else (now if exp.current else None)
            if end is None:
                continue
            a = cv_dates.month_index(exp.start)
            b = cv_dates.month_index(end, end=True)
            if b > a:
                spans.append((a, min(b, cv_dates.month_index(now, end=True))))
        if not spans:
            return float(self.stated_years or 0.0)
        total = cv_dates.covered_months(spans)
        return round(total / 12.0, 2)

    def claim_texts(self, kinds=None):
        return [c.text for c in self.claims if kinds is None or c.section_kind in kinds]


# ------------------------------------------------------------------ text clean-up
BULLET_CHARS = ("\u2022\u25cf\u25aa\u25a0\u25e6\u25ba\u27a2\u27a4\u2713\u2714\u2756\u2666\u2736\u2794\u25c6"
                "\u25cb\u25b8\u25b6\u2023\u2043\u2219\u00b7\u27a3\u2192\u25d8\u2605\u2606\u2737\uf0b7\uf0a7\uf0d8"
                "\uf076\uf0fc\uf0d2\uf0a8\uf06e\uf0e0")
_BULLETS = "[" + re.escape(BULLET_CHARS) + "]"
_LEAD_BULLET_RE = re.compile(r"^\s*(?:" + _BULLETS + r"|[-*+>o]\s|\d{1,2}[.)]\s|[a-z]\)\s)\s*")
_INLINE_BULLET_RE = re.compile(r"\s*" + _BULLETS + r"\s*")
_WS_RE = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u205f\u3000]+")


# UTF-8 read as cp1252/latin-1 ("â€¢", "Ã©"): repaired by input_check.clean_text (to Latin letters
# only, once the C1 controls are gone), and here line by line for the rest: a Russian CV read as
# latin-1 becomes Cyrillic again, which the script check then sets aside
fix_mojibake = input_check.repair_mojibake


_GLUED_HEADINGS = sorted((h for h in vocab.HEADING_EXACT if len(h.split()) >= 2 and vocab.HEADING_EXACT[h]),
                         key=len, reverse=True)
_GLUED_HEADING_RE = re.compile(r"(?<=[a-z0-9.)])\s*(?=(?:" + "|".join(
    re.escape(h).replace("\\ ", r"\s+") for h in _GLUED_HEADINGS) + r")\b)", re.I)


_GLUED_FIRST_WORDS = sorted({h.split()[0].lower() for h in _GLUED_HEADINGS})


def split_glued_headings(line):
    """A run-together line cut before a multi-word section heading inside it ("...31
    monthsCompany Details", "... Python Education Details")."""
    if len(line) < 20:
        return [line]
    if not input_check.FOLDS_TO_ASCII_RE.search(line):
        # a heading can only start where its first word is written (any case): most lines name none
        low = line.lower()
        if not any(word in low for word in _GLUED_FIRST_WORDS):
            return [line]
    out, start = [], 0
    for m in _GLUED_HEADING_RE.finditer(line):
        pos = m.end()
        if pos <= start + 2:
            continue
        head = line[pos:pos + 30]
        # only where the heading is written like one: capitalised words
        if not re.match(r"[A-Z]", head):
            continue
        out.append(line[start:m.start()])
        start = pos
    out.append(line[start:])
    return [piece for piece in out if piece.strip()]


# A CV whose line breaks became runs of spaces (the text some job boards and HTML exports give:
# "ACCOUNTANT      Summary    Detail-oriented accountant ...     Experience      Staff Accountant
# 01/2018   to   Current     Company Name   City  ,   State     Prepared ..."): the whole CV on one
# line, which the parser read as one summary with no entry, and cut at MAX_LINE_CHARS. Such a line is
# cut at its runs of three or more spaces, keeping a date range ("01/2018 to Current") and a place
# ("City , State") whole. Short lines keep their runs (a title and its dates set apart by spaces).
SPACE_RUN_MIN_CHARS = 200
SPACE_RUN_MIN_RUNS = 4
_SPACE_RUN_RE = re.compile(r"(?<![ \u00a0" + re.escape(BULLET_CHARS) + r"])[ \u00a0]{3,}")  # a bullet keeps its text
_JOINS_NEXT_RE = re.compile(r"(?:\bto|\buntil|\btill|[-\u2013\u2014\uff0d,])$", re.I)
_JOINS_PREVIOUS_RE = re.compile(r"(?:to|until|till)\b|[-\u2013\u2014\uff0d,]", re.I)


def split_space_runs(line):
    """The pieces of a long line that holds a whole CV with runs of spaces for line breaks, else
    [line]."""
    if len(line) < SPACE_RUN_MIN_CHARS:
        return [line]
    line = fix_mojibake(line)
    if len(_SPACE_RUN_RE.findall(line)) < SPACE_RUN_MIN_RUNS:
        return [line]
    out = []
    for piece in _SPACE_RUN_RE.split(line):
        piece = piece.strip()
        if not piece:
            continue
        if out and (_JOINS_NEXT_RE.search(out[-1]) or _JOINS_PREVIOUS_RE.match(piece)):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def cut_long_line(line, limit=MAX_LINE_CHARS):
    """A line longer than ``limit`` as pieces cut after a sentence's end (or else at a space)
    before the limit: a CV pasted as one paragraph is read whole, not cut."""
    out = []
    while len(line) > limit:
        head = line[:limit]
        cut = max(head.rfind(". "), head.rfind("; "), head.rfind("! "), head.rfind("? "))
        cut = cut + 1 if cut > limit // 2 else head.rfind(" ")
        if cut <= 0:
            cut = limit
        out.append(line[:cut])
        line = line[cut:].lstrip()
    out.append(line)
    return out


def _norm_line(line):
    line = fix_mojibake(line)
    line = line.replace("\u2012", "-").replace("\u2212", "-")
    parts = [_WS_RE.sub(" ", part).strip() for part in line.split("\t")]
    return "\t".join(p for p in parts if p)


# ------------------------------------------------------------------ personal details (never kept)
_PERSONAL_FIELD_RE = re.compile(
    r"^\s*(date\s+of\s+birth|birth\s*date|birthday|d\.?\s?o\.?\s?b\.?|born|age|gender|sex|nationality|"
    r"citizenship|marital\s+status|civil\s+status|family\s+status|family|relationship\s+status|religion|"
    r"religious|faith|health|health\s+status|disabilit(y|ies)|children|dependants|dependents|place\s+of\s+birth|"
    r"passport(\s+(no|number))?|father'?s?\s+name|mother'?s?\s+name|spouse'?s?\s+name|spouse|caste|"
    r"blood\s+group|height|weight|photo|photograph|sexual\s+orientation|ethnicity|race|pronouns|"
    r"national\s+id|id\s+number|social\s+security)\b\s*[:\-\u2013=]?", re.I)
_PERSONAL_PHRASE_RE = re.compile(
    r"^\s*(born\s+(on|in)\b.*|\d{1,2}\s+(years?|yrs)\s+old\b.*|aged?\s+\d{1,2}\b.*|"
    r"(married|single|divorced|widowed|engaged|separated)\b(\s*(,|with|and)\s*.*)?|"
    r"(mother|father|parent)\s+of\b.*|\d+\s+children\b.*|no\s+children\b.*|"
    r"(male|female|non-binary)\s*$|(he|she|they)\s*/\s*(him|her|them).*)$", re.I)
_SEGMENT_SPLIT_RE = re.compile(r"\s*(?:\||\u00b7|\u2022|;|\t)\s*")


def _personal(segment):
    return bool(_PERSONAL_FIELD_RE.match(segment) and (
        re.match(r"^\s*[\w' .]+\s*[:\-\u2013=]", segment) or len(segment.split()) <= 4
    )) or bool(_PERSONAL_PHRASE_RE.match(segment))


def drop_personal(line):
    """The line without the segments that state personal details ("" when only those)."""
    if not line:
        return line
    if _personal(line):
        return ""
    segments = _SEGMENT_SPLIT_RE.split(line)
    if len(segments) > 1 and any(_personal(s) for s in segments):
        seps = _SEGMENT_SPLIT_RE.findall(line)
        kept = [s for s in segments if s and not _personal(s)]
        sep = "\t" if "\t" in seps else " | "
        return sep.join(kept)
    return line


# ------------------------------------------------------------------ contacts
_EMAIL_RE = re.compile(r"(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,})")
_LINKEDIN_RE = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub)/([\w\-%.]+)/?", re.I)
_PHONE_RE = re.compile(r"(?<![\w/+.-])(\+?\(?\d[\d\s().\-/]{6,20}\d)(?![\w/-])")
_PHONE_LABEL_RE = re.compile(r"\b(phone|tel|telephone|mobile|mob|cell|contact|ph|whatsapp)\b", re.I)


def _phone_ok(candidate, line):
    digits = re.sub(r"\D", "", candidate)
    if not 7 <= len(digits) <= 15:
        return False
    if cv_dates.find_ranges(candidate) and not candidate.strip().startswith("+"):
        return False
    if re.fullmatch(r"\(?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\)?", candidate.strip()):
        return False   # a date
    if re.fullmatch(r"(19|20)\d{2}\s*[-/]\s*(19|20)\d{2}", candidate.strip()):
        return False
    groups = re.findall(r"\d+", candidate)
    if not candidate.strip().startswith("+") and not _PHONE_LABEL_RE.search(line) and len(groups) > 1 \
            and all(len(g) == 4 for g in groups):
        return False   # "2015 2018"
    return True


def _may_hold_linkedin(line):
    return "linkedin" in line.lower() or bool(input_check.FOLDS_TO_ASCII_RE.search(line))


def find_contacts(lines):
    contacts = Contacts()
    for line in lines:
        # cheap tests first: an email has an "@", a profile URL "linkedin", a phone digits
        if not contacts.email and "@" in line:
            m = _EMAIL_RE.search(line)
            if m:
                contacts.email = m.group(1).strip(".")
        if not contacts.linkedin and _may_hold_linkedin(line):
            m = _LINKEDIN_RE.search(line)
            if m:
                contacts.linkedin = "https://www.linkedin.com/in/%s" % m.group(1).rstrip("/.")
        if not contacts.phone and cv_dates.DIGIT_RE.search(line):
            scrub = _LINKEDIN_RE.sub(" ", _EMAIL_RE.sub(" ", line))
            scrub = re.sub(r"https?://\S+", " ", scrub)
            for m in _PHONE_RE.finditer(scrub):
                cand = m.group(1).strip(" .-/")
                if cand.count("(") != cand.count(")"):
                    cand = cand.strip("()")
                if _phone_ok(cand, line):
                    contacts.phone = cand
                    break
    return contacts


def _is_contact_line(line):
    if ("@" in line and _EMAIL_RE.search(line)) or (_may_hold_linkedin(line) and _LINKEDIN_RE.search(line)) \
            or re.search(r"https?://|www\.", line):
        return True
    if _PHONE_LABEL_RE.match(line.strip()) or re.match(r"^\s*(address|e-?mail|location|city)\b\s*:", line, re.I):
        return True
    if not cv_dates.DIGIT_RE.search(line):
        return False   # no phone number without digits
    scrub = _PHONE_RE.sub("", line)
    return scrub != line and len(re.findall(r"[^\W\d_]+", scrub)) <= 4 and not cv_dates.find_ranges(line)


# ------------------------------------------------------------------ headings
_HEAD_STRIP_RE = re.compile(r"^[\s#*=_\-\u2022:|]+|[\s#*=_\-:|.]+$")


def heading_kind(line):
    """(kind, rest) when the line is a section heading ("Skills", "WORK EXPERIENCE:",
    "Skills: Python, SQL" -> ('skills', 'Python, SQL')); kind None for a bare "Curriculum vitae";
    False when the line is no heading."""
    raw = line.strip()
    if not raw or len(raw) > 120:
        return False, ""
    head, rest = raw, ""
    m = re.match(r"^([^:\t|]{2,40})\s*[:\t|]\s*(.*)$", raw)
    if m and m.group(2):
        head, rest = m.group(1), m.group(2)
    elif "\t" in raw:
        return False, ""
    norm = _HEAD_STRIP_RE.sub("", head).lower()
    norm = re.sub(r"\s+", " ", norm)
    if not norm or re.search(r"\d", norm):
        return False, ""
    if norm in vocab.HEADING_EXACT:
        return vocab.HEADING_EXACT[norm], rest
    words = re.findall(r"[^\W\d_][\w'\u00e9-]*|&", norm)
    if not words or len(words) > 5:
        return False, ""
    kinds = []
    for word in words:
        if word in vocab.HEADING_WORDS:
            kinds.append(vocab.HEADING_WORDS[word])
        elif word not in vocab.HEADING_MODIFIERS:
            return False, ""
    kinds = [k for k in kinds if k]
    if not kinds:
        if "details" in words or "additional" in words:
            return "other", rest
        return False, ""
    # a short heading with an inline body: only when the head is written like a heading
    if rest and not (head.strip().isupper() or head.strip().istitle() or len(words) <= 2):
        return False, ""
    # "Work" alone or "History" alone are not headings; nor are lowercase sentence starts
    if len(words) == 1 and words[0] in ("work", "history", "career", "about", "details", "tools", "statement",
                                          "project", "stack", "personal", "information", "info", "contact",
                                          "volunteer", "family") and not raw.isupper():
        if not (rest or raw.endswith(":")):
            return False, ""
    if raw[:1].islower() and not raw.isupper() and not raw.endswith(":"):
        return False, ""
    for kind in kinds:
        if kind != "other":
            return kind, rest
    return "other", rest


# ------------------------------------------------------------------ lines -> items
class _Item(typing.NamedTuple):
    text: str
    bullet: bool


_ABBREV_RE = re.compile(r"\b(e\.g|i\.e|etc|inc|ltd|co|corp|jr|sr|dr|mr|mrs|ms|st|vs|no|approx|dept|univ|"
                        r"b\.sc|m\.sc|b\.s|m\.s|b\.a|m\.a|ph\.d|u\.s|u\.k|b\.tech|m\.tech|b\.e|b\.com|m\.com)\.$", re.I)
_SENT_END_RE = re.compile(r"(?<=[a-z0-9)%\]][.!?])\s+(?=[A-Z\"'(\u2018\u201c])|(?<=[a-z)%][.!?])(?=[A-Z][a-z])|;\s+")
_GLUED_VERB_RE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2,}ed\b)")


def split_claims(text):
    """One claim per sentence of a line (bullets were split before)."""
    text = _GLUED_VERB_RE.sub("\n", text)
    out = []
    for piece in text.split("\n"):
        start = 0
        buf = []
        for m in _SENT_END_RE.finditer(piece):
            left = piece[start:m.start()]
            if _ABBREV_RE.search(left.rstrip()) or re.search(r"\b[A-Z]\.$", left.rstrip()):
                continue   # "Acme Inc. London", "J. Smith": not a sentence end
            buf.append(left)
            start = m.end()
        buf.append(piece[start:])
        out.extend(s.strip(" \t-|;") for s in buf if s.strip(" \t-|;"))
    return out


def _items(lines):
    """Normalised lines as items: inline bullets split into one item each, leading bullets
    marked, the wrapped continuation of a bullet or sentence joined back."""
    items = []
    for raw in lines:
        line = raw.strip()
        if not line:
            items.append(None)
            continue
        bullet = bool(_LEAD_BULLET_RE.match(line)) and not cv_dates.find_ranges(line[:12])
        if bullet:
            line = _LEAD_BULLET_RE.sub("", line, count=1)
        pieces = [p for p in _INLINE_BULLET_RE.split(line) if p.strip()]
        if len(pieces) > 1:
            first_bullet = bullet or bool(re.match(r"^\s*" + _BULLETS, raw))
            items.append(_Item(pieces[0].strip(), first_bullet))
            items.extend(_Item(p.strip(), True) for p in pieces[1:])
            continue
        # "- did this - did that" written inline
        if bullet and line.count(" - ") >= 1 and not cv_dates.find_ranges(line):
            parts = [p for p in re.split(r"\s+-\s+(?=[A-Z])", line) if p.strip()]
            if len(parts) > 1 and all(len(p.split()) >= 3 for p in parts):
                items.extend(_Item(p.strip(), True) for p in parts)
                continue
        if not line.strip(" -|"):
            continue
        items.append(_Item(line, bullet))
    # join wrapped lines: the previous one does not end a sentence, this one starts in lowercase
    joined = []
    for item in items:
        prev = joined[-1] if joined else None
        if (item is not None and prev is not None and not item.bullet and item.text[:1].islower()
                and not re.match(r"^[^\W\d][\w ]{0,25}\s*[-:\u2013]\s", item.text)
                and "\t" not in item.text and "\t" not in prev.text
                and not prev.text.rstrip().endswith((".", "!", "?", ":", ";"))
                and not cv_dates.find_ranges(item.text) and heading_kind(prev.text)[0] is False):
            joined[-1] = _Item(prev.text.rstrip() + " " + item.text, prev.bullet)
            continue
        joined.append(item)
    return joined


# ------------------------------------------------------------------ experience entries
_SPLIT_STRONG_RE = re.compile(r"\s*(?:\t|\s\|\s?|\|\s|\s[\u2013\u2014]\s|\s-\s|\s\u00b7\s|\s\u2022\s|\s/\s|//)\s*")
_AT_RE = re.compile(r"\s+(?:at|@|with|for)\s+(?=[A-Z0-9])|\s*@\s*")
_PAREN_RE = re.compile(r"\(([^()]*)\)")


def _words(text):
    return re.findall(r"[^\W\d_][\w&.'\-]*", text.lower())


_LONG_TITLE_HEADS = tuple(h for h in vocab.TITLE_HEADS if len(h) >= 5 and h.isalpha())


def _is_title_head(word):
    """A title's head word, also as the end of a compound ("copywriter", "webdesigner")."""
    return word in vocab.TITLE_HEADS or (len(word) > 6 and word.isalpha() and word.endswith(_LONG_TITLE_HEADS))


def _title_score(text):
    words = [w.strip(".,") for w in _words(text)]
    if not words:
        return 0
    score = 0
    if _is_title_head(words[-1]):
        score += 2
    elif any(w in vocab.TITLE_HEADS for w in words):
        score += 1
    if any(w in vocab.EMPLOYER_WORDS for w in words) and not _is_title_head(words[-1]):
        score -= 2
    return score


def _employer_score(text):
    words = [w.strip(".,") for w in _words(text)]
    score = 0
    if _names_organisation(text):
        score += 2
    if re.search(r"&|\b[A-Z]{2,}\b", text):
        score += 1
    if words and _is_title_head(words[-1]):
        score -= 2
    return score


def _names_organisation(text):
    """A word of an organisation's name ("Ltd", "Trust", "Hospital", "Group"), not only capitals."""
    return any(w.strip(".,") in vocab.EMPLOYER_WORDS for w in _words(text))


def _organisation_name(text):
    """A line that is only an organisation's name: short, capitalised, without a figure, with a
    word of an organisation ("Arden Logistics Ltd", "NHS Leeds Teaching Hospitals Trust"); not a
    duty that names one ("Reconciled bank statements ...")."""
    words = text.split()
    return 1 <= len(words) <= 6 and not re.search(r"\d", text) and _names_organisation(text) and all(
        w[:1].isupper() or len(w) <= 3 for w in words)


def _is_place(text):
    """"Berlin", "New York, NY", "Lyon, France", "Austin, TX", "Remote": only places."""
    pieces = [p.strip(" .()") for p in re.split(r"[,/]", text) if p.strip(" .()")]
    if not pieces:
        return False
    known = vocab.places()
    return all(p.lower() in known or (p.lower() in vocab.US_STATES and p.isupper() and len(p) == 2)
               for p in pieces)


def _place_line(text):
    """A line that only says where: "Berlin, Germany", "Leeds, England, United Kingdom" (every part
    after the first a known place)."""
    if _is_location(text):
        return True
    parts = [p.strip() for p in (text or "").split(",")]
    return 2 <= len(parts) <= 4 and len(text.split()) <= 8 and parts[0][:1].isupper() and all(
        _is_place(p) for p in parts[1:])


def _is_location(text):
    t = text.strip().strip(",")
    words = _words(t)
    if not words:
        return True
    if vocab.EMPLOYMENT_TYPES.match(t):
        return True
    if all(w in vocab.LOCATION_WORDS for w in words) or _is_place(t):
        return True
    # "Berlin, Germany", "New York, NY", "Austin, TX", "Harrogate, UK": a place, not an organisation
    # (a known town first, or a country, a region or a state last); "Tesco, London" and "Northgate
    # Foods, Bristol" are an organisation and its town (``_header_parts`` drops the town)
    if re.fullmatch(r"[A-Z][\w.'\- ]{1,30},\s*[A-Z][\w.' \-]{1,30}", t) and not any(
            w in vocab.EMPLOYER_WORDS or w in vocab.TITLE_HEADS for w in words):
        head, _sep, tail = (part.strip() for part in t.partition(","))
        return len(words) <= 4 and (_is_place(head) or tail.lower() in vocab.countries() or (
            tail.lower() in vocab.US_STATES and tail.isupper()))
    return False


def _town_like(piece):
    """A trailing piece of a header that reads as a town ("Leeds", "Milton Keynes"): one to three
    capitalised words, no digit, no word of an organisation or a title."""
    words = piece.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not re.search(r"\d", piece) and not any(
        w.lower().strip(".") in vocab.EMPLOYER_WORDS or _is_title_head(w.lower()) for w in words)


# "(3 years 10 months)", "2 yrs 1 mo", "less than a year": the length of a job, as LinkedIn's export
# writes it after the dates; no title or employer
_DURATION_RE = re.compile(
    r"(\d+\s*(years?|yrs?|months?|mos?)(\s*,?\s*\d+\s*(months?|mos?))?|less than (a|one) (year|month))", re.I)


def _without_place(chunk):
    """An organisation without the place written after it: "Jordan & Co, Amman, Jordan" -> "Jordan &
    Co", "Northgate Foods, Bristol" -> "Northgate Foods"."""
    pieces = chunk.split(",")
    while len(pieces) > 1 and _is_place(pieces[-1]):
        pieces.pop()
    if len(pieces) == 2 and _town_like(pieces[1].strip()) and not _is_place(pieces[0]):
        pieces.pop()
    return ",".join(pieces).strip()


def _header_parts(text):
    """Title/employer candidates of a header line (dates and a job's length removed)."""
    text = _PAREN_RE.sub(lambda m: "" if vocab.EMPLOYMENT_TYPES.match(m.group(0)) or not m.group(1).strip()
                         else " | " + m.group(1), text)
    parts = []
    for chunk in _SPLIT_STRONG_RE.split(text):
        chunk = chunk.strip(" ,;:-|()\u2013\u2014\u00b7")
        if not chunk or _DURATION_RE.fullmatch(chunk):
            continue
        at = _AT_RE.split(chunk, maxsplit=1)
        if len(at) == 2 and _title_score(at[0]) > 0:
            parts.append(("title", at[0].strip(" ,")))
            parts.append(("employer", _without_place(at[1].strip(" ,"))))
            continue
        parts.append((None, chunk))
    out = []
    for role, chunk in parts:
        if role:
            out.append((role, chunk))
            continue
        if "," in chunk:
            head, _sep, tail = chunk.partition(",")
            if _is_location(tail) or _is_location(chunk):
                if _is_location(chunk):
                    continue
                chunk = head.strip()
            elif _title_score(head) > 0 and _title_score(tail) <= 0:
                out.append((None, head.strip()))
                chunk = tail.strip()
        chunk = _without_place(chunk)
        if _is_location(chunk) or not re.search(r"[^\W\d_]{2}", chunk):
            continue
        out.append((None, chunk))
    return out


def _assign(parts):
    """(title, employer) from header parts."""
    titles = [c for r, c in parts if r == "title"]
    employers = [c for r, c in parts if r == "employer"]
    free = [c for r, c in parts if r is None]
    if titles or employers:
        title = titles[0] if titles else (free.pop(0) if free else "")
        employer = employers[0] if employers else (free.pop(0) if free else "")
        return title, employer
    if not free:
        return "", ""
    if len(free) == 1:
        only = free[0]
        return (only, "") if _title_score(only) > _employer_score(only) or _title_score(only) > 0 else ("", only)
    a, b = free[0], free[1]
    ta, tb = _title_score(a), _title_score(b)
    ea, eb = _employer_score(a), _employer_score(b)
    if tb > ta or (tb == ta and eb < ea):
        return b, a
    return a, b


def _header_like(item):
    if item is None or item.bullet:
        return False
    text = item.text
    if len(text.split()) > 14 or len(text) > 120:
        return False
    if text.rstrip().endswith((".", "!", "?")) and not _ABBREV_RE.search(text.rstrip()):
        return False
    if not re.search(r"[^\W\d_]{2}", text):
        return False
    if heading_kind(text)[0] is not False:
        return False
    return True


def _parse_experiences(items, kind):
    """Experience entries of one section's items; returns (experiences, entry index of each item,
    header item indexes)."""
    anchors = []
    for idx, item in enumerate(items):
        if item is None:
            continue
        ranges = cv_dates.find_ranges(item.text)
        if not ranges:
            continue
        if item.bullet and len(item.text.split()) > 16:
            continue
        if len(item.text.split()) > 22:
            continue
        anchors.append((idx, ranges[0]))
    labelled = _parse_labelled_experiences(items) if _has_labels(items) else None
    if not anchors:
        return labelled if labelled else ([], [None] * len(items), set())
    dated = _parse_dated_experiences(items, anchors)
    if labelled and (sum(1 for e in labelled[0] if e.start), len(labelled[0])) > (
            sum(1 for e in dated[0] if e.start), len(dated[0])):
        return labelled
    return dated


_TRAILING_JOIN_RE = re.compile(r"[\s,]+(at|with|for|@|-|\u2013|\u2014)\s*$", re.I)


def _organisation_line(item):
    """The organisation a header-like line names alone, its place dropped ("Arden Logistics Ltd,
    Avonmouth" -> "Arden Logistics Ltd"), else None: no dates, no title, no duty."""
    if item is None or not _header_like(item) or cv_dates.find_ranges(item.text):
        return None
    organisation = _without_place(item.text.strip(" ,;|"))
    return organisation if _organisation_name(organisation) and not _title_score(organisation) > 0 else None


def _parse_dated_experiences(items, anchors):
    """Entries anchored on their date ranges, title and employer on the same or nearby lines."""
    first = anchors[0][0]
    before_ok = [i for i in range(first) if items[i] is not None]
    # layout: the header lines come before the date line (title/employer, then dates) when the
    # section starts with header-like lines
    mode_before = bool(before_ok) and all(_header_like(items[i]) for i in before_ok[:2])
    experiences, headers, owner = [], set(), [None] * len(items)
    starts = []
    for n, (idx, rng) in enumerate(anchors):
        text = items[idx].text
        rest = (text[:rng.span[0]] + " | " + text[rng.span[1]:])
        rest = re.sub(r"^\s*(from|since)\s+", "", rest, flags=re.I)
        parts = _header_parts(rest)
        header_idx = [idx]
        prev_limit = anchors[n - 1][0] if n else -1
        next_limit = anchors[n + 1][0] if n + 1 < len(anchors) else len(items)
        need = 2 - len(parts)

        def look_before(parts, need):
            j = idx - 1
            while need > 0 and j > prev_limit and items[j] is not None and _header_like(items[j]) \
                    and j not in headers:
                more = _header_parts(items[j].text)
                parts = more + parts
                header_idx.insert(0, j)
                # a place alone ("Leeds, UK" between the employer and the dates) names neither
                need -= 0 if not more and _place_line(items[j].text) else max(1, len(more))
                j -= 1
            return parts, need

        def look_after(parts, need):
            j = idx + 1
            while need > 0 and j < next_limit and items[j] is not None and _header_like(items[j]):
                more = _header_parts(items[j].text)
                if not more:
                    break
                parts = parts + more
                header_idx.append(j)
                need -= max(1, len(more))
                j += 1
            return parts, need

        if need > 0:
            first_try, second_try = (look_before, look_after) if mode_before else (look_after, look_before)
            parts, left = first_try(parts, need)
            if left == need:
                parts, left = second_try(parts, need)
            elif left > 0 and first_try is look_before and idx + 1 < next_limit:
                # "Payroll Officer" / "03/2019 to Current" / "Northwind Care Homes Ltd": the employer
                # under the dates, when that line is only an organisation's name
                organisation = _organisation_line(items[idx + 1])
                if organisation:
                    parts = parts + [("employer", organisation)]
                    header_idx.append(idx + 1)
        title, employer = _assign(parts)
        if employer:  # "Embedded Systems Developer at" / "RoboticsPro Inc." on the next line
            title = _TRAILING_JOIN_RE.sub("", title)
        # "Team Leader, Goods In" / "Arden Logistics Ltd, Avonmouth": the part after the title is its
        # department when the next line (or the one before) names an organisation
        if employer and not _names_organisation(employer):
            for j in (max(header_idx) + 1, min(header_idx) - 1):
                organisation = _organisation_line(items[j]) if prev_limit < j < next_limit and j not in headers else None
                if organisation:
                    title, employer = "%s, %s" % (title, employer) if title else employer, organisation
                    header_idx = sorted(header_idx + [j])
                    break
        exp = Experience(title=title, employer=employer, start=rng.start, end=rng.end, current=rng.current,
                         evidence=[items[i].text.replace("\t", " | ") for i in header_idx])
        experiences.append(exp)
        headers.update(header_idx)
        starts.append(min(header_idx))
    # body of each entry: from its first header line to the next entry's first header line
    for n, exp in enumerate(experiences):
        lo = starts[n]
        hi = starts[n + 1] if n + 1 < len(starts) else len(items)
        for i in range(lo, hi):
            owner[i] = n
            if i in headers or items[i] is None:
                continue
            if not items[i].bullet and _place_line(items[i].text):
                continue  # "Leeds, England, United Kingdom" under the dates: where, not what was done
            exp.lines.extend(split_claims(items[i].text.replace("\t", " ")))
    return experiences, owner, headers


_LABEL_RE = re.compile(r"^\s*(company|employer|organi[sz]ation|client|position|role|designation|job title|title|"
                       r"duration|period|dates?|tenure)\s*(?:name)?\s*[-:\u2013]\s*(.*)$", re.I)
_LABEL_KIND = {"company": "employer", "employer": "employer", "organisation": "employer",
               "organization": "employer", "client": "employer", "position": "title", "role": "title",
               "designation": "title", "job title": "title", "title": "title", "duration": "dates",
               "period": "dates", "date": "dates", "dates": "dates", "tenure": "dates"}


_NEXT_LABEL_RE = re.compile(r"\s+(?:description|company|designation|duration|location|role|responsibilities)\s*[-:]",
                            re.I)


def _has_labels(items):
    return sum(1 for it in items if it is not None and not it.bullet and _LABEL_RE.match(it.text)
               and _LABEL_KIND[_LABEL_RE.match(it.text).group(1).lower()] == "employer") >= 1


def _parse_labelled_experiences(items):
    """Entries written as labelled fields ("Company: X", "Designation - Y", "Duration: 2019 -
    Present"); a label met again starts the next entry."""
    experiences, owner, headers = [], [None] * len(items), set()
    current, seen = None, set()
    for idx, item in enumerate(items):
        m = _LABEL_RE.match(item.text) if item is not None and not item.bullet else None
        if m and m.group(2).strip():
            kind = _LABEL_KIND[m.group(1).lower()]
            value, _sep, rest = _NEXT_LABEL_RE.split(m.group(2), maxsplit=1)[0].strip(), None, None
            if current is None or kind in seen:
                current, seen = Experience(), set()
                experiences.append(current)
            seen.add(kind)
            headers.add(idx)
            current.evidence.append(item.text.replace("\t", " | "))
            if kind == "dates":
                ranges = cv_dates.find_ranges(value)
                if ranges:
                    current.start, current.end, current.current = ranges[0].start, ranges[0].end, ranges[0].current
            elif kind == "employer":
                current.employer = value[:120]
            else:
                current.title = value[:120]
            owner[idx] = len(experiences) - 1
            continue
        if current is not None and item is not None:
            owner[idx] = len(experiences) - 1
            current.lines.extend(split_claims(item.text.replace("\t", " ")))
    experiences = [e for e in experiences if e.employer or e.title]
    return experiences, owner, headers


# ------------------------------------------------------------------ education
_FIELD_RE = re.compile(r"\b(?:in|of)\s+((?:[A-Z&][\w&'\-]*|and|of|in|&)(?:\s+(?:[A-Z&][\w&'\-]*|and|of|&))*)")


# names of degrees, not fields, when a field follows ("Master of Business Administration in Finance")
_DEGREE_NAMES = {"science", "sciences", "arts", "applied science", "business administration", "commerce",
                 "laws", "philosophy", "technology", "engineering", "education", "fine arts"}


def degree_level(text, strict=False):
    """(level, match) of the first degree a line names, or (None, None)."""
    # strict keeps only matches with a full degree word, which bounds (both patterns stop at
    # non-word characters) make a match of the line too: one scan instead of six for most lines
    if strict and not vocab.DEGREE_WORDS_RE.search(text):
        return (None, None)
    best = None
    for level, regex in vocab.DEGREE_RES:
        m = regex.search(text)
        if not m:
            continue
        if strict and not vocab.DEGREE_WORDS_RE.search(m.group(0)):
            continue
        if level == "vocational" and re.search(r"post[- ]?graduate\s+diploma", text, re.I):
            level = "other"
        if level == "secondary" and m.group(0).lower() == "intermediate" and not re.search(
                r"\b(school|board|class|hsc|12|college)\b", text, re.I):
            continue
        if best is None or m.start() < best[1].start():
            best = (level, m)
    return best if best else (None, None)


def _institution_score(text):
    words = [w.strip(".,") for w in _words(text)]
    return sum(1 for w in words if w in vocab.INSTITUTION_WORDS)


def _without_dates(text):
    text = re.sub(cv_dates._RANGE_RE, "", text or "")
    return re.sub(r"\b(19|20)\d{2}\b", "", text).strip(" ,.;:()-|")


def _names_a_school(text):
    """True for a school's name whose only degree word is its kind ("Lincoln High School",
    "Government Polytechnic Nagpur"), not for a degree ("High School Diploma", "Polytechnic diploma
    in Mechanical Engineering")."""
    level, m = degree_level(text)
    if not m or m.group(0).lower() not in ("polytechnic", "high school"):
        return False
    rest = text[:m.start()] + " " + text[m.end():]
    words = re.findall(r"[^\W\d_][\w'.&-]*", rest)
    return bool(words) and not re.search(r"\b(diploma|certificate|degree|in)\b", rest, re.I) and all(
        w[:1].isupper() or w.lower() in ("of", "and", "the", "de") for w in words)


def _is_degree_line(line, strict=False):
    return bool(degree_level(line, strict)[0]) and not _names_a_school(_without_dates(line))


def _education_entry(lines, degree_line_idx, institution_before=False):
    """One education entry of the degree line ``lines[degree_line_idx]``; its institution from the line
    itself, else from the neighbouring line that is no other degree line (the one before when the
    section writes institutions above their degrees, ``institution_before``)."""
    text = lines[degree_line_idx]
    level, m = degree_level(text)
    edu = Education(degree_level=level or "other")
    # field of study: "... in Computer Science", "BSc Computer Science", "Master of Finance"
    after = text[m.end():] if m else text
    after = re.sub(r"^\s*\(?\s*(hons|honours|honors)\.?\s*\)?", "", after, flags=re.I)  # "BA (Hons) History"
    after = re.sub(r"^\s*[,\u00b7:]\s*", " ", after)  # "BA (Hons), Business Studies \u00b7 (2016 - 2019)"
    cut = re.split(r"\t|\s\|\s|\s[\u2013\u2014\u00b7-]\s|,\s|\(|\s(?:at|from)\s|\d{4}", after)[0]
    fm = _FIELD_RE.search(" " + cut)
    if fm and fm.group(1).lower() in _DEGREE_NAMES:
        # "Bachelor of Science in Computer Science": the degree's name, then its field
        later = _FIELD_RE.search(" " + cut, fm.end())
        fm = later or fm
    field = (fm.group(1) if fm else cut).strip(" ,.:;-")
    field = re.sub(r"^(of|in|science in|arts in|degree in|degree)\s+", "", field, flags=re.I).strip()
    # a qualification's level is no field: "NVQ Level 2 Customer Service", "Level 3 in Electrical Installation"
    field = re.sub(r"^(level\s+\d(\.\d)?\s+(in\s+|of\s+)?)", "", field, flags=re.I).strip()
    if field.lower() in ("science", "arts", "degree", "engineering") and fm is None:
        field = field if field.lower() == "engineering" else ""
    if field.lower() in ("diploma", "certificate", "certification", "degree", "hons", "honours"):
        field = ""  # "High School Diploma": the degree's own word, no field
    if _institution_score(field):
        field = ""
    if len(field.split()) > 8:
        field = " ".join(field.split()[:8])
    edu.field_of_study = field
    # institution: a part of the degree line or of a neighbouring line with an institution word
    cands = []
    nxt = lines[degree_line_idx + 1] if degree_line_idx + 1 < len(lines) else ""
    prev = lines[degree_line_idx - 1] if degree_line_idx > 0 else ""
    for off, line in ((0, text), (1, nxt), (-1, prev)):
        if off and _is_degree_line(line):
            continue  # another entry's line
        for part in re.split(r"\t|\s\|\s|\s[\u2013\u2014]\s|\s-\s|,\s(?=[A-Z])", line):
            part = _without_dates(part)
            if part and _institution_score(part) and (not degree_level(part)[0] or _names_a_school(part)):
                rank = 0 if not off else 1 if (off == -1) == institution_before else 2
                cands.append((rank, part))
    # a name wrapped onto the next line: "..., TechPioneer" / "University" (or "College, 2014")
    nxt = _without_dates(nxt.strip())
    last = re.split(r",\s|\t", text)[-1].strip(" ,.;:")
    if nxt and len(nxt.split()) <= 3 and _institution_score(nxt) and not re.search(r"\d", nxt) \
            and last[:1].isupper() and not _institution_score(last) and not degree_level(last)[0] and last != text.strip():
        cands.insert(0, (0, "%s %s" % (last, nxt.strip(" ,.;:"))))
    if cands:
        cands.sort(key=lambda c: c[0])
        edu.institution = cands[0][1]
    return edu


def _parse_education(items, strict=False):
    lines = [it.text for it in items if it is not None]
    degree_idx = [i for i, line in enumerate(lines) if _is_degree_line(line, strict) and len(line.split()) <= 25]
    # institutions written above their degrees: the first degree line has an institution line just before it
    first = degree_idx[0] if degree_idx else 0
    before = first > 0 and _institution_score(lines[first - 1]) > 0 and not _is_degree_line(lines[first - 1])
    out = []
    for n, i in enumerate(degree_idx):
        edu = _education_entry(lines, i, institution_before=before)
        lo = i
        hi = degree_idx[n + 1] if n + 1 < len(degree_idx) else len(lines)
        # an institution line just before the degree line belongs to it when the degree line has none
        if lo > 0 and (n == 0 or degree_idx[n - 1] < lo - 1) and _institution_score(lines[lo - 1]) \
                and not degree_level(lines[lo - 1])[0]:
            lo -= 1
        span = lines[lo:min(hi, i + 3)]
        years = []
        # a date on the degree line (or its institution line just above) is the entry's own ("2012 - 2016
        # <tab>Bachelor of Science, TechHub"), not the next entry's two lines below ("2016 - 2017<tab>PHP
        # Certification")
        head = lines[lo:i + 1]
        own = any(cv_dates.find_ranges(line) or cv_dates.find_years(line) for line in head)
        for line in (head if own else span):
            for rng in cv_dates.find_ranges(line):
                years.append((rng.end or rng.start)[0])
            years.extend(cv_dates.find_years(line))
        m = re.search(r"\b(?:expected|exp\.?|anticipated)\s*:?\s*(?:[A-Za-z]+\.?\s+)?((?:19|20)\d{2})", " ".join(span), re.I)
        if m:
            edu.year_end = int(m.group(1))
        elif years:
            edu.year_end = max(y for y in years if y <= datetime.date.today().year + 8) if any(
                y <= datetime.date.today().year + 8 for y in years) else None
        edu.evidence = [line.replace("\t", " | ") for line in lines[lo:min(hi, i + 2)]]
        out.append(edu)
    return out


# ------------------------------------------------------------------ skills
_LEVELS = (
    ("expert", r"expert|advanced|proficient|fluent|strong|senior|native|mother tongue|bilingual|\b[45]\s*/\s*5\b|"
               r"\u2605{4,}|\u25cf{4,}"),
    ("intermediate", r"intermediate|good|working knowledge|competent|\b3\s*/\s*5\b|\u2605{3}(?!\u2605)"),
    ("beginner", r"beginner|basic|basics|elementary|familiar|novice|\b[12]\s*/\s*5\b"),
)
_SKILL_SPLIT_RE = re.compile(r"\s*(?:,|;|\||\t|\s/\s|\u2022|\s{3,}|\band\b(?=\s+[A-Z]))\s*")


def _skill_level(text):
    for level, pattern in _LEVELS:
        if re.search(pattern, text, re.I):
            return "advanced" if level == "expert" and not re.search(
                r"expert|native|mother tongue|bilingual|\b5\s*/\s*5|\u2605{5}", text, re.I) \
                else level
    return None


def _split_skills(body):
    """The pieces of a skills line, not cut inside brackets: "WMS (Manhattan, SAP EWM), Excel" ->
    ["WMS (Manhattan, SAP EWM)", "Excel"]."""
    pieces, start = [], 0
    for m in _SKILL_SPLIT_RE.finditer(body):
        before = body[:m.start()]
        if before.count("(") > before.count(")") and ")" in body[m.end():]:
            continue
        pieces.append(body[start:m.start()])
        start = m.end()
    return pieces + [body[start:]]


def _skills_from_line(line):
    out = []
    body = line
    m = re.match(r"^([^:]{2,40}):\s*(.+)$", line)
    if m and len(m.group(1).split()) <= 4 and (_SKILL_SPLIT_RE.search(m.group(2)) or len(m.group(2).split()) <= 3):
        body = m.group(2)
    evidence = line.replace("\t", " | ")
    for raw in _split_skills(body):
        raw = raw.strip(" .;:-\u2013")
        if not raw:
            continue
        level, inner = None, []
        pm = re.search(r"\(([^()]*)\)\s*$", raw)
        if pm:
            level = _skill_level(pm.group(1))
            a_list = bool(_SKILL_SPLIT_RE.search(pm.group(1)))
            # a list in brackets details the skill: the skill is the name before it, and the names
            # inside that are names ("MS Office (Word, Excel)": Word, Excel; not "Forklift
            # (counterbalance, reach)")
            if a_list and not level:
                inner = [x.strip(" .") for x in _SKILL_SPLIT_RE.split(pm.group(1)) if x.strip()[:1].isupper()]
            if level or a_list or re.search(r"\d+\s*(years?|yrs)", pm.group(1)):
                raw = raw[:pm.start()].strip()
        lm = re.match(r"^(.*?)\s*(?:[-\u2013:]\s*|\s)(expert|advanced|proficient|fluent|intermediate|good|basic|"
                      r"beginner|elementary|native|[1-5]\s*/\s*5|[\u2605\u2606\u25cf\u25cb]+)\s*$", raw, re.I)
        if lm and lm.group(1):
            level = level or _skill_level(lm.group(2))
            raw = lm.group(1).strip(" -:")
        raw = re.sub(r"^(and|or|with)\s+", "", raw, flags=re.I)
        if not raw or len(raw.split()) > 5 or len(raw) > 50 or not re.search(r"[^\W\d_]", raw):
            continue
        if raw.endswith(".") and len(raw.split()) > 2:
            continue
        out.append(Skill(name=raw, evidence=evidence, level=level))
        out += [Skill(name=name, evidence=evidence, level=None)
                for name in inner if name and len(name.split()) <= 5 and len(name) <= 50]
    return out


def _vocabulary_skills(lines, vocabulary, taken):
    """Known skill names (the caller's vocabulary) found as whole words in lines."""
    out = []
    if not vocabulary:
        return out
    for line in lines:
        low = line.lower()
        for name, pattern, exact_case in vocabulary:
            key = name.lower()
            if key in taken:
                continue
            if pattern.search(line if exact_case else low):
                taken.add(key)
                out.append(Skill(name=name, evidence=line.replace("\t", " | "), level=None))
    return out


def compile_vocabulary(names):
    """[(name, regex, exact case)] of skill names to find in running text: whole words; names
    that are also common words ("Excel", "Word", "Access") only as written with their capital;
    names of one or two letters ("R", "Go") are left to the skills section."""
    out = []
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        key = name.lower()
        if len(key) < 3 and key not in ("c#", "c++"):
            continue
        if key in _COMMON_WORDS:
            out.append((name, re.compile(r"(?<![\w+#.])" + re.escape(name) + r"(?![\w+#]|\.\w)"), True))
        else:
            out.append((name, re.compile(r"(?<![\w+#.])" + re.escape(key) + r"(?![\w+#]|\.\w)"), False))
    return out


_COMMON_WORDS = set("""
access word excel office outlook teams project slack windows visio mail notes sheets forms spark swift
ruby rust dart julia shell chef puppet ansible jenkins hive pig flask express react angular vue
""".split())


# ------------------------------------------------------------------ stated years
_STATED_RE = re.compile(r"(\d{1,2}(?:\.\d)?)\s*\+?\s*(years?|yrs)\b[^.\n]{0,30}?\b(experience|exp\b)|"
                        r"experience\s*[:\-]?\s*(?:of\s+)?(\d{1,2}(?:\.\d)?)\s*\+?\s*(years?|yrs)|"
                        r"experience\s*[:\-]?\s*(?:of\s+)?(\d{1,3})\s*months", re.I)


def _stated_years(lines):
    for line in lines:
        m = _STATED_RE.search(line)
        if m:
            if m.group(1):
                return float(m.group(1))
            if m.group(4):
                return float(m.group(4))
            return round(int(m.group(6)) / 12.0, 2)
    return None


# ------------------------------------------------------------------ the parse
def _looks_like_name(line):
    words = line.split()
    if not 1 <= len(words) <= 5 or len(line) > 50 or re.search(r"\d|@", line):
        return False
    return all(w[:1].isupper() and re.fullmatch(r"[^\W\d_][\w'.\-]*,?", w) for w in words)


# headings, month names and "present" are English words here
PARSER_LANGUAGE = input_check.EncoderScripts(frozenset({"Latin"}), ("en",))


def parse_lines(lines, vocabulary=None):
    """CvStructure of a CV's lines (see module doc). ``vocabulary``: compile_vocabulary(names)
    of skill names to find in running text (e.g. the database's skills)."""
    lines = [cut for line in (lines or [])[:MAX_LINES] for piece in split_space_runs(line)
             for cut in cut_long_line(piece)][:MAX_LINES]
    norm = [drop_personal(piece) for line in lines for piece in split_glued_headings(_norm_line(line))]
    result = CvStructure()
    result.contacts = find_contacts(norm)
    if not any(input_check.has_letters(line) for line in norm):
        result.message = "No CV text to parse."
        return result
    shares = input_check.script_shares("\n".join(norm))
    if shares and dict(shares).get("Latin", 0.0) < MIN_LATIN_SHARE:
        # headings, dates and names of another script are not read: say so, parse nothing
        result.message = ("The CV is mostly written in %s script, which the CV parser does not read: "
                          "a person should read it." % shares[0][0])
        return result
    other = input_check.language_mismatch("\n".join(norm), PARSER_LANGUAGE)
    result.other_language = other.language_text() if other else None
    # sections
    sections = []   # [kind, heading, [raw lines]]
    current = None
    preamble = []
    for line in norm:
        if not line.strip():
            (current[2] if current else preamble).append("")
            continue
        kind, rest = heading_kind(line)
        if kind is not False and rest and current is not None and (
                kind in ("skills", "other") and current[0] in ("skills", "other", "education")):
            kind = False   # "Languages: Python, SQL" inside a skills section is content
        if kind is not False:
            current = [kind or "other", line.split(":")[0].strip() if rest else line.strip(), []]
            sections.append(current)
            if rest:
                current[2].append(rest)
            continue
        (current[2] if current else preamble).append(line)
    # the preamble: name line and contact lines are not kept; a headline or summary is
    kept = []
    first = True
    for line in preamble:
        if not line.strip():
            continue
        if first and _looks_like_name(line):
            first = False
            continue
        first = False
        if _is_contact_line(line):
            continue
        kept.append(line)
    if kept:
        has_ranges = sum(1 for line in kept if cv_dates.find_ranges(line))
        kind = "experience" if has_ranges >= 2 and not any(s[0] == "experience" for s in sections) else "summary"
        sections.insert(0, [kind, "", kept])
    # personal-details sections emptied by the filter disappear; contact lines are not claims
    sections = [[k, h, [line for line in ls if not _is_contact_line(line)] if k == "other" else ls]
                for k, h, ls in sections]
    sections = [s for s in sections if any(line.strip() for line in s[2])]
    for kind, heading, raw_lines in sections:
        result.sections.append(Section(kind=kind, heading=heading, lines=[ln for ln in raw_lines if ln.strip()]))
    has_exp_section = any(s.kind == "experience" for s in result.sections)
    skill_keys = set()
    for section in result.sections:
        items = _items(section.lines)
        kind = section.kind
        exp_owner = [None] * len(items)
        headers = set()
        # no experience heading at all: two or more dated lines of a summary/other section are entries
        if kind == "experience" or (not has_exp_section and kind in ("other", "summary") and sum(
                1 for it in items if it and cv_dates.find_ranges(it.text)) >= 2):
            offset = len(result.experiences)
            exps, owner, headers = _parse_experiences(items, kind)
            if kind != "experience":
                # keep only entries that look like jobs, not schooling
                keep = [n for n, e in enumerate(exps) if not degree_level(" ".join(e.evidence), strict=True)[0]]
                remap = {n: offset + k for k, n in enumerate(keep)}
                exps = [exps[n] for n in keep]
                owner = [remap.get(o) if o is not None else None for o in owner]
            else:
                owner = [o + offset if o is not None else None for o in owner]
            result.experiences.extend(exps)
            exp_owner = owner
        if kind == "education":
            result.education.extend(_parse_education(items))
        if kind == "skills":
            for item in items:
                if item is None:
                    continue
                for skill in _skills_from_line(item.text):
                    key = skill.name.lower()
                    if key not in skill_keys:
                        skill_keys.add(key)
                        result.skills.append(skill)
        for idx, item in enumerate(items):
            if item is None or idx in headers:
                continue
            if exp_owner[idx] is not None and not item.bullet and _place_line(item.text):
                continue  # a job's location line ("Leeds, England, United Kingdom") is no claim
            for claim in split_claims(item.text.replace("\t", " ")):
                words = claim.split()
                for start in range(0, len(words), MAX_CLAIM_WORDS):
                    chunk = " ".join(words[start:start + MAX_CLAIM_WORDS])
                    if len(chunk) >= 3 and re.search(r"[^\W\d_]{2}", chunk):
                        result.claims.append(Claim(chunk, kind, exp_owner[idx]))
    if not result.education:
        # degrees named in full words anywhere outside work history
        outside = [c.text for c in result.claims if c.section_kind != "experience"]
        result.education = _parse_education(_items(outside), strict=True)
    if vocabulary:
        text_lines = [c.text for c in result.claims if c.section_kind in ("experience", "projects", "summary")]
        result.skills.extend(_vocabulary_skills(text_lines, vocabulary, skill_keys))
    result.stated_years = _stated_years([c.text for c in result.claims if c.section_kind in ("summary", "other")]
                                        or [c.text for c in result.claims])
    return result


def parse_text(text, vocabulary=None):
    """CvStructure of a CV's plain text; never raises."""
    if text is None or not str(text).strip():
        return CvStructure(message="The CV is empty.")
    text = input_check.clean_text(str(text))
    return parse_lines(text.split("\n"), vocabulary=vocabulary)


def parse_file(data, mimetype=None, filename=None, vocabulary=None):
    """CvStructure of a CV file (PDF, DOCX, ODT, text); never raises: a file that gives no text
    returns a structure whose ``message`` says why."""
    from .readers import read_lines

    try:
        lines, message = read_lines(data, mimetype=mimetype, filename=filename)
    except Exception as exc:  # noqa: BLE001 - bad input must end in a message, never a traceback
        return CvStructure(message="%s could not be read (%s)." % (filename or "The file", type(exc).__name__))
    if message:
        return CvStructure(message=message)
    result = parse_lines(lines, vocabulary=vocabulary)
    if result.message and filename:
        result.message = "%s: %s" % (filename, result.message)
    return result
