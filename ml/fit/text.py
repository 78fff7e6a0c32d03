"""CV / job text processing: cleaning, redaction, sentence chunking, requirements.

Redaction runs before anything is hashed or encoded, so a person's name, email,
phone, pronouns, age or nationality can never influence a score (fairness), and a
CV scores the same under any other name. The identity patterns live in
``ml.redaction`` (shared with the sentiment of feedback comments); this module adds
what is CV-specific (the leading name line).
"""
import html
import re

from ..input_check import strip_markdown_marks
from ..redaction import (  # noqa: F401 - shared with the sentiment path, kept importable from here
    NATIONALITY_WORDS, _AGE_RE, _EMAIL_RE, _NAT_RE, _PERSONAL_WORDS, _PHONE_RE, _PRONOUN_RE, _PRONOUNS, _SEGMENT_RE,
    _URL_RE, _drop_personal_segments, _name_tokens, _neutral, drop_phones,
)
from ..sentence_ends import merge_abbreviations

# A 10 MB CV is truncated here: long enough for any real CV, bounded cost.
MAX_CHARS = 60_000
MAX_CHUNKS = 160
MAX_CHUNK_WORDS = 48
MIN_CHUNK_CHARS = 12

_TAG_RE = re.compile(r"<(br|/p|/li|/div|/h\d|/tr)\s*/?>", re.I)
_ANY_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"[ \t\u00a0]+")
_BULLET_RE = re.compile(r"^\s*([-*\u2022\u25aa\u25cf\u2013>]|\d+[.)])\s+")
# split after sentence punctuation followed by a capital/digit, or on ';' clauses
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|;\s+")


def html_to_text(value):
    """Odoo Html field -> plain text with line breaks kept."""
    if not value:
        return ""
    value = str(value)
    value = re.sub(r"<li[^>]*>", "\n- ", value, flags=re.I)
    value = _TAG_RE.sub("\n", value)
    value = _ANY_TAG_RE.sub(" ", value)
    return html.unescape(value)


def truncate(text, max_chars=MAX_CHARS):
    """Keep the head of an oversized text, cut at a line break when possible."""
    if not text or len(text) <= max_chars:
        return text or ""
    cut = text.rfind("\n", 0, max_chars)
    return text[: cut if cut > max_chars * 0.8 else max_chars]


def _looks_like_name_line(line):
    words = line.split()
    if not 1 <= len(words) <= 4 or len(line) > 48:
        return False
    if any(ch.isdigit() for ch in line) or line.rstrip().endswith((".", ":")):
        return False
    return all(w[:1].isupper() and re.fullmatch(r"[^\W\d_][\w'.-]*", w) for w in words)


def redact(text, names=()):
    """Remove identity: given names, a leading name line, emails, phones, URLs,
    pronouns/gendered titles, ages/birth dates, nationality words."""
    if not text:
        return ""
    text = _EMAIL_RE.sub(" ", text)
    text = _URL_RE.sub(" ", text)
    text = _AGE_RE.sub(" ", text)
    text = drop_phones(text)
    tokens = _name_tokens(names)
    if tokens:
        text = re.sub(
            r"\b(" + "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)) + r")\b",
            " ", text, flags=re.I,
        )
    lines = text.split("\n")
    # a CV usually starts with the person's name: drop a leading name-like line
    for idx, line in enumerate(lines[:3]):
        stripped = line.strip()
        if not stripped:
            continue
        if _looks_like_name_line(stripped) and stripped.lower() not in _HEADINGS:
            lines[idx] = ""
        break
    text = "\n".join(lines)
    text = _PRONOUN_RE.sub(_neutral, text)
    text = _NAT_RE.sub(" ", text)
    return "\n".join(_drop_personal_segments(line) for line in text.split("\n"))


_HEADINGS = {
    "curriculum vitae", "resume", "experience", "work experience", "education", "skills",
    "profile", "summary", "projects", "professional experience", "cv",
}


def readable_cv(text, names=()):
    """A CV's text as the fit reads it: cleaned (control characters, mis-decoded runs), cut at
    MAX_CHARS and without identity. What the company's word counts are made of, in Odoo and in the
    evaluation alike."""
    from ..input_check import clean_text

    return redact(truncate(clean_text(text or "")), names=names)


def clean(text):
    text = (text or "").replace("\r", "\n")
    text = _WS_RE.sub(" ", text)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def split_sentences(text, max_chunks=MAX_CHUNKS):
    """Split into sentence-sized chunks (bullets, lines, sentences), long ones cut
    to MAX_CHUNK_WORDS words. Returns a list of unique strings in order."""
    text = clean(text)
    out, seen = [], set()
    for line in text.split("\n"):
        line = _BULLET_RE.sub("", line).strip(" \t-|")
        if not line:
            continue
        for sent in merge_abbreviations(_SENT_SPLIT_RE.split(line)):
            words = sent.split()
            for start in range(0, len(words), MAX_CHUNK_WORDS):
                chunk = " ".join(words[start:start + MAX_CHUNK_WORDS]).strip()
                key = chunk.lower()
                if len(chunk) < MIN_CHUNK_CHARS or key in seen or key.rstrip(":") in _HEADINGS:
                    continue
                seen.add(key)
                out.append(chunk)
                if len(out) >= max_chunks:
                    return out
    return out


# "equal opportunit\w*": the stem alone never matched ("opportunity" goes on past the \b)
_BOILERPLATE_RE = re.compile(
    r"\b(we offer|benefits?|salary|about us|our company|apply|equal opportunit\w*|perks|"
    r"who we are|join us|why join|remote[- ]friendly|paid time off|send your)\b",
    re.I,
)
_REQ_CUE_RE = re.compile(
    r"\b(experience|years?|proficien|knowledge|skill|abilit|able to|familiar|must|should|"
    r"required|requirement|strong|expert|degree|you will|you have|responsib|hands-on|"
    r"track record|background)\b",
    re.I,
)


# A posting's own headings ("What you will do", "**Requirements:**", "What we offer") are no requirement,
# and the lines under an offer, company or how-to-apply heading are what the company gives, not what
# it asks ("Pension and 25 days holiday"). A heading: a short line without a full stop that ends with
# a colon or is one of these; its section ends at the next heading, or at a line that is no list item
# after list items.
_POSTING_HEADING_RE = re.compile(
    r"((key |main |your |the |core )?(responsibilities|duties|tasks|requirements|qualifications|skills|"
    r"competencies|profile|role|position|job|mission|missions|job description|description|overview|summary)|"
    r"what (you will|you'll|you would|you'd) (do|be doing|bring|need|work on)|what (we are|we're) looking for|"
    r"what you (bring|need|have|offer)|who you are|about you|about the (role|job|position|team)|the role|"
    r"your (role|mission|tasks|profile|day|team)|must[- ]haves?|nice[- ]to[- ]haves?|(bonus|extra) points|"
    r"you (have|are|will)|requirements and skills|skills and experience|experience|education|"
    r"(what|why) (we offer|you'll get|you get|join us|work (with|for) us)|we offer|our offer|benefits|perks|"
    r"compensation|salary|pay|package|rewards?|about (us|the company|our company)|who we are|our (company|story|values|"
    r"culture)|how to apply|to apply|application process|next steps|location|contract|hours|working hours)", re.I)
_OFFER_HEADING_RE = re.compile(
    r"(.*\b(offer|benefits|perks|compensation|salary|package|rewards?)\b.*|(what|why) (you'll get|you get|join us|"
    r"work (with|for) us)|about (us|the company|our company)|who we are|our (company|story|values|culture)|"
    r"how to apply|to apply|application process|next steps)", re.I)
# "Location: Leeds", "Contract: permanent", "Closing date: 15 January": a posting's particulars, no requirement
_PARTICULARS_RE = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(location|based( in| at)?|place of work|work(ing)? (location|pattern|hours)|hours|"
    r"(contract|job|employment|position)( type)?|type|schedule|shift( pattern)?|salary|pay( rate)?|rate|"
    r"compensation|benefits|perks|start( date)?|closing date|deadline|apply by|(job |vacancy )?ref(erence)?|"
    r"reports? to|reporting to|department|team|duration|remote|travel|visa( sponsorship)?|sponsorship)\s*:\s*\S",
    re.I)


def posting_heading(line):
    """"offer" for a heading of what the company offers or says of itself, "other" for another
    heading, None for a line that is no heading."""
    label = strip_markdown_marks(_BULLET_RE.sub("", (line or "").strip())).strip()
    colon = label.endswith(":")
    label = label.rstrip(" :").strip()
    if not label or len(label.split()) > 7 or re.search(r"[.!]$", label):
        return None
    label = label.rstrip("?").strip()  # "Why join us?"
    if not label:
        return None
    if not (colon or _POSTING_HEADING_RE.fullmatch(label)):
        return None
    return "offer" if _OFFER_HEADING_RE.fullmatch(label) else "other"


def posting_lines(lines):
    """The lines of a job text without its headings, its particulars ("Location: Leeds") and the lines
    under an offer heading."""
    out, section, in_list = [], None, False
    for line in lines:
        if not line.strip():
            continue
        kind = posting_heading(line)
        if kind:
            section, in_list = kind, False
            continue
        bullet = bool(_BULLET_RE.match(line))
        if section == "offer" and in_list and not bullet:
            section = None  # the offer's list is over
        in_list = bullet
        line = strip_markdown_marks(line.strip())
        if section != "offer" and not _PARTICULARS_RE.match(line):
            out.append(line)
    return out


def extract_requirements(description="", requirements="", max_items=24):
    """Job requirements as short sentences. Lines of the explicit requirements
    field all count; from the description, keep bullet points and sentences with
    requirement cues, drop benefits/boilerplate. A description in prose (no bullet,
    no requirements field) is its duties: every sentence but boilerplate counts
    (keeping only the cue sentences dropped half of them: on the evaluation postings
    written as prose the CV's own category came first for 73.7 % of held-out real
    CVs instead of 84.2 %)."""
    items, seen = [], set()

    def add(sentence):
        key = sentence.lower()
        if len(sentence) >= MIN_CHUNK_CHARS and key not in seen and not _BOILERPLATE_RE.search(sentence):
            seen.add(key)
            items.append(sentence)

    for sent in split_sentences("\n".join(posting_lines(clean(requirements or "").split("\n")))):
        add(sent)
    lines = posting_lines(clean(html_to_text(description)).split("\n"))
    if items or any(_BULLET_RE.match(line) for line in lines):
        for line in lines:
            is_bullet = bool(_BULLET_RE.match(line))
            for sent in split_sentences(line):
                if is_bullet or _REQ_CUE_RE.search(sent):
                    add(sent)
    if not items:  # prose, or nothing kept: every sentence is a requirement
        for sent in split_sentences("\n".join(lines)):
            add(sent)
    return items[:max_items]


# A company's job board wraps every posting in the same text: its introduction, its values, what it
# offers, an equal-opportunity line. Read as duties, that text matched any CV's generic lines (on
# postings written as job-board ads the own category came first for 73.3 % of dev CVs, 78.9 % once
# the company's repeated sentences were left out; README, Applicant fit). A sentence the company
# repeats in jobs of BOILERPLATE_MIN_TITLES different titles is taken for that text: learnt from
# the company's own jobs, no phrase list. Titles are compared without seniority, level or place
# ("Senior Java Developer (Berlin)" and "Java Developer" are one title), so duties shared by the
# postings of one role are kept; and the sentence must be on at least half of the company's titles,
# so duties that a few related roles share (three sales titles of a company of twenty) are kept too.
BOILERPLATE_MIN_TITLES = 3
BOILERPLATE_MIN_SHARE = 0.5
_SENIORITY = frozenset("senior sr junior jr lead principal staff trainee intern graduate entry mid level i ii iii iv v".split())


def role_title_key(title):
    """A job title without seniority, level, place (parentheses, after a dash, comma or bar) and case."""
    title = re.sub(r"\([^)]*\)", " ", (title or "").lower())
    title = re.split(r"\s[-–—|,/]\s|,", title)[0]
    return " ".join(w for w in re.findall(r"[a-z0-9+#.]+", title) if w not in _SENIORITY)


def sentence_key(sentence):
    return " ".join(re.findall(r"\w+", _BULLET_RE.sub("", sentence or "").lower()))


def description_sentences(description):
    """[(line, [sentences of the line])] of a job description (HTML or text)."""
    out = []
    for line in clean(html_to_text(description)).split("\n"):
        if line.strip():
            out.append((line, [p.strip() for p in merge_abbreviations(_SENT_SPLIT_RE.split(_BULLET_RE.sub("", line)))
                               if p.strip()]))
    return out


def description_keys(description):
    """set of the sentence keys of a job description."""
    return {sentence_key(sent) for _line, sentences in description_sentences(description) for sent in sentences}


def company_boilerplate(jobs, min_titles=BOILERPLATE_MIN_TITLES, min_share=BOILERPLATE_MIN_SHARE):
    """frozenset of the sentence keys a company repeats in the descriptions of jobs with at least
    ``min_titles`` different titles (role_title_key), and on at least ``min_share`` of all its
    titles. ``jobs``: [(title, description)]."""
    titles_of, all_titles = {}, set()
    for title, description in jobs:
        role = role_title_key(title)
        all_titles.add(role)
        for key in description_keys(description):
            titles_of.setdefault(key, set()).add(role)
    need = max(min_titles, min_share * len(all_titles))
    return frozenset(k for k, roles_ in titles_of.items() if k and len(roles_) >= need)


def strip_company_text(description, boilerplate):
    """The description (as HTML, one paragraph a line, bullets kept) without the sentences of
    ``boilerplate`` (company_boilerplate); unchanged when nothing of it is there, and when nothing
    else would be left."""
    if not boilerplate or not description:
        return description or ""
    lines, dropped = [], False
    for line, sentences in description_sentences(description):
        kept = [sent for sent in sentences if sentence_key(sent) not in boilerplate]
        dropped = dropped or len(kept) < len(sentences)
        if kept:
            bullet = _BULLET_RE.match(line)
            lines.append((bullet.group(0) if bullet else "") + " ".join(kept))
    if not dropped or not lines:
        return description
    return "".join("<p>%s</p>" % html.escape(line) for line in lines)


def normalize_skill(name):
    return re.sub(r"\s+", " ", (name or "").strip().lower())


def find_skill(skill, text_lower):
    """Whole-word, case-insensitive occurrence of a skill name."""
    skill = normalize_skill(skill)
    if not skill:
        return False
    pattern = r"(?<![\w+#])" + re.escape(skill) + r"(?![\w+#])"
    return re.search(pattern, text_lower) is not None
