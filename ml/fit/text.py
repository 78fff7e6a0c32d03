"""CV / job text processing: cleaning, redaction, sentence chunking, requirements.

Redaction runs before anything is hashed or encoded, so a person's name, email,
phone, pronouns, age or nationality can never influence a score (fairness), and a
CV scores the same under any other name.
"""
import html
import re

# A 10 MB CV is truncated here: long enough for any real CV, bounded cost.
MAX_CHARS = 60_000
MAX_CHUNKS = 160
MAX_CHUNK_WORDS = 48
MIN_CHUNK_CHARS = 12

_TAG_RE = re.compile(r"<(br|/p|/li|/div|/h\d|/tr)\s*/?>", re.I)
_ANY_TAG_RE = re.compile(r"<[^>]+>")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_URL_RE = re.compile(r"(https?://\S+|www\.\S+|\b\S+\.(com|org|net|io|dev)/\S*)", re.I)
_PHONE_RE = re.compile(r"(?<!\w)(\+?\d[\d\s().-]{7,}\d)(?!\w)")
_AGE_RE = re.compile(
    r"\b(\d{1,2}\s*(-\s*)?(years?|yrs?)[\s-]*old|aged?\s*:?\s*\d{1,2}|"
    r"(i am|i'm|i\u2019m)\s+\d{2}\b(?!\s*(years?|yrs?)\s+(of|in|as|at|with))|"
    r"in (my|his|her|their) (late |early |mid-?)?(twenties|thirties|forties|fifties|sixties|seventies|[2-7]0s)|"
    r"(date of birth|d\.?o\.?b\.?|born( on| in)?)\s*:?\s*[\w ,./-]{0,20}\d{2,4}|"
    r"(marital status|family status|gender|sex|nationality|citizenship)\s*:?\s*\w+)",
    re.I,
)
# Every third-person pronoun, whatever gender it was written in, becomes the same
# neutral word, so "she kept her clients" and "he kept his clients" (and "they kept
# their clients") give identical text; the case of the first letter is kept because
# sentence splitting looks at capitals.
_PRONOUNS = {
    "he": "they", "she": "they", "they": "they",
    "him": "their", "her": "their", "his": "their", "them": "their", "their": "their",
    "hers": "theirs", "theirs": "theirs",
    "himself": "themselves", "herself": "themselves", "themself": "themselves", "themselves": "themselves",
    "mr": "", "mrs": "", "ms": "", "miss": "", "mx": "", "madam": "", "mme": "", "mlle": "",
    "male": "", "female": "", "man": "person", "woman": "person",
    "mother": "parent", "father": "parent", "mum": "parent", "mom": "parent", "dad": "parent",
    "maternity": "parental", "paternity": "parental",
    "wife": "partner", "husband": "partner", "girlfriend": "partner", "boyfriend": "partner",
    "grandfather": "grandparent", "grandmother": "grandparent", "grandpa": "grandparent", "grandma": "grandparent",
    "son": "child", "daughter": "child", "sons": "children", "daughters": "children",
    "married": "", "divorced": "", "widowed": "", "widow": "", "widower": "",
}
_PRONOUN_RE = re.compile(r"\b(" + "|".join(_PRONOUNS) + r")\b\.?", re.I)


def _neutral(match):
    word = match.group(1)
    repl = _PRONOUNS[word.lower()]
    return repl[:1].upper() + repl[1:] if word[:1].isupper() else repl


# What is left of a personal-details line once identity is redacted ("single parent",
# "they/their", "parent of two, returning from parental leave"): a segment made only
# of these words carries no evidence about the work and is dropped, so that a CV with
# such a line and the same CV without it give the same chunks.
_PERSONAL_WORDS = set("""
they their theirs themselves pronoun pronouns parent parents grandparent grandparents partner child children
kids kid single engaged separated family status citizen citizenship resident person age aged old years yrs born
returning returned back from on off parental leave career break of and with a an the my i am one two three four
five six
""".split())
_SEGMENT_RE = re.compile(r"[,;|/]")


def _drop_personal_segments(line):
    """Remove comma/semicolon/bar-separated segments that hold only personal-detail words."""
    def personal(segment):
        words = re.findall(r"[^\W\d_]{2,}", segment.lower())
        return not re.search(r"\d", segment) and all(w in _PERSONAL_WORDS for w in words)

    if not personal(line) and not _SEGMENT_RE.search(line):
        return line
    kept = [seg for seg in _SEGMENT_RE.split(line) if not personal(seg)]
    if len(kept) == len(_SEGMENT_RE.split(line)):
        return line  # nothing personal: keep the original punctuation
    return ", ".join(seg.strip() for seg in kept)


NATIONALITY_WORDS = (
    "american british english scottish irish welsh french german italian spanish portuguese dutch "
    "belgian swiss austrian swedish norwegian danish finnish icelandic polish czech slovak hungarian "
    "romanian bulgarian greek turkish russian ukrainian belarusian serbian croatian bosnian albanian "
    "lithuanian latvian estonian chinese japanese korean vietnamese thai filipino indonesian malaysian "
    "indian pakistani bangladeshi nepalese afghan iranian iraqi syrian lebanese jordanian "
    "israeli palestinian saudi emirati egyptian moroccan algerian tunisian libyan nigerian ghanaian "
    "kenyan ethiopian somali sudanese congolese cameroonian senegalese ivorian mexican "
    "canadian brazilian argentinian argentine chilean colombian peruvian venezuelan cuban haitian "
    "jamaican australian"
).split() + ["sri lankan", "south african", "new zealander"]
# phrases first (longest first), each word of a phrase separated by any whitespace
_NAT_RE = re.compile(r"\b(" + "|".join(
    r"\s+".join(map(re.escape, w.split())) for w in sorted(set(NATIONALITY_WORDS), key=len, reverse=True)) + r")\b",
    re.I)
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


def _name_tokens(names):
    tokens = set()
    for name in names or ():
        for tok in re.findall(r"[^\W\d_]{2,}", name or ""):
            tokens.add(tok.lower())
    return tokens


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
    text = _PHONE_RE.sub(lambda m: " " if sum(c.isdigit() for c in m.group(0)) >= 9 else m.group(0), text)
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
        for sent in _SENT_SPLIT_RE.split(line):
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


_BOILERPLATE_RE = re.compile(
    r"\b(we offer|benefits?|salary|about us|our company|apply|equal opportunit|perks|"
    r"who we are|join us|why join|remote[- ]friendly|paid time off|send your)\b",
    re.I,
)
_REQ_CUE_RE = re.compile(
    r"\b(experience|years?|proficien|knowledge|skill|abilit|able to|familiar|must|should|"
    r"required|requirement|strong|expert|degree|you will|you have|responsib|hands-on|"
    r"track record|background)\b",
    re.I,
)


def extract_requirements(description="", requirements="", max_items=24):
    """Job requirements as short sentences. Lines of the explicit requirements
    field all count; from the description, keep bullet points and sentences with
    requirement cues, drop benefits/boilerplate."""
    items, seen = [], set()

    def add(sentence):
        key = sentence.lower()
        if len(sentence) >= MIN_CHUNK_CHARS and key not in seen and not _BOILERPLATE_RE.search(sentence):
            seen.add(key)
            items.append(sentence)

    for sent in split_sentences(requirements or ""):
        add(sent)
    desc = clean(html_to_text(description))
    for line in desc.split("\n"):
        is_bullet = bool(_BULLET_RE.match(line))
        for sent in split_sentences(line):
            if is_bullet or _REQ_CUE_RE.search(sent):
                add(sent)
    if not items:  # unstructured description: every sentence is a requirement
        for sent in split_sentences(desc):
            add(sent)
    return items[:max_items]


def normalize_skill(name):
    return re.sub(r"\s+", " ", (name or "").strip().lower())


def find_skill(skill, text_lower):
    """Whole-word, case-insensitive occurrence of a skill name."""
    skill = normalize_skill(skill)
    if not skill:
        return False
    pattern = r"(?<![\w+#])" + re.escape(skill) + r"(?![\w+#])"
    return re.search(pattern, text_lower) is not None
