"""Identity redaction shared by the CV fit (``ml.fit.text.redact``) and the sentiment of
feedback comments (``redact_comment``): names, emails, phones, URLs, pronouns and gendered
words, ages and birth dates, nationality words. No Odoo, no model: plain text in, text out.

Fairness is part of correctness: no name, gender, age or nationality may feed a score, so
the text is redacted before anything is encoded, at training time as at serving time.
"""
import re

from .input_check import FOLDS_TO_ASCII_RE

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_URL_RE = re.compile(r"(https?://\S+|www\.\S+|\b\S+\.(com|org|net|io|dev)/\S*)", re.I)
_PHONE_RE = re.compile(r"(?<!\w)(\+?\d[\d\s().-]{7,}\d)(?!\w)")
_AGES = (
    r"\d{1,2}\s*(-\s*)?(years?|yrs?)[\s-]*old|aged?\s*:?\s*\d{1,2}|"
    r"(i am|i'm|i\u2019m)\s+\d{2}\b(?!\s*(years?|yrs?)\s+(of|in|as|at|with))|"
    r"in (my|his|her|their) (late |early |mid-?)?(twenties|thirties|forties|fifties|sixties|seventies|[2-7]0s)|"
    r"(date of birth|d\.?o\.?b\.?|born( on| in)?)\s*:?\s*[\w ,./-]{0,20}\d{2,4}|"
)
_DETAIL_FIELDS = r"(marital status|family status|gender|sex|nationality|citizenship)"
# ages, birth dates and "Gender Female"-style fields of a CV
_AGE_RE = re.compile(r"\b(" + _AGES + _DETAIL_FIELDS + r"\s*:?\s*\w+)", re.I)
# in a comment a field needs its colon: "the gender pay gap", "sexism" are what it is about
_COMMENT_AGE_RE = re.compile(r"\b(" + _AGES + _DETAIL_FIELDS + r"\s*:\s*\w+)", re.I)
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
_WORD_RUN_RE = re.compile(r"\w+")


class WordAlternation:
    """``re.compile(template % "phrase|phrase|...", re.I)`` over lower-case ASCII words and
    phrases (words separated by any whitespace), with a fast path: on most text only the phrases
    whose first word is a whole word of the text are tried, and none when no phrase can match. The
    matches are the same (a phrase whose first word is not a whole word cannot match; the order of
    the phrases is kept), but a CV is read several times faster: Python's re tries every
    alternative at every position. Text with one of the four letters re.I folds onto ASCII ones
    (dotted and dotless i, long s, Kelvin sign) gets the full pattern."""

    def __init__(self, phrases, template):
        self.phrases = list(phrases)
        self.template = template
        self.full = self._compile(self.phrases)
        self._subsets = {}

    def _compile(self, phrases):
        return re.compile(self.template % "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases), re.I)

    def pattern_for(self, text):
        """The compiled pattern to use on ``text``, or None when nothing in it can match."""
        if not text.isascii() and FOLDS_TO_ASCII_RE.search(text):
            return self.full
        words = set(_WORD_RUN_RE.findall(text.lower()))
        present = tuple(p for p in self.phrases if p.split()[0] in words)
        if not present:
            return None
        rx = self._subsets.get(present)
        if rx is None:
            if len(self._subsets) > 512:
                self._subsets.clear()
            rx = self._subsets[present] = self._compile(present)
        return rx

    def sub(self, repl, text):
        rx = self.pattern_for(text)
        return text if rx is None else rx.sub(repl, text)


_PRONOUN_RE = WordAlternation(_PRONOUNS, r"\b(%s)\b\.?")


def _neutral(match):
    word = match.group(1)
    # casefold: re.I also matches a few non-ASCII letters ("\u017fhe", long s), which lower() keeps
    repl = _PRONOUNS.get(word.lower()) or _PRONOUNS.get(word.casefold(), "")
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
_NAT_RE = WordAlternation(sorted(set(NATIONALITY_WORDS), key=len, reverse=True), r"\b(%s)\b")


def drop_phones(text):
    """Phone numbers (9 digits or more) blanked; shorter digit runs (dates, counts) kept."""
    return _PHONE_RE.sub(lambda m: " " if sum(c.isdigit() for c in m.group(0)) >= 9 else m.group(0), text)


def _name_tokens(names):
    tokens = set()
    for name in names or ():
        for tok in re.findall(r"[^\W\d_]{2,}", name or ""):
            tokens.add(tok.lower())
    return tokens


# ------------------------------------------------------------ feedback comments
# English words that are also given names or surnames ("Will", "Hope", "Best", "Ward"). When a
# known person's name holds one, it is redacted only where it cannot be the word: written with a
# capital inside a sentence, or next to another part of a name ("Kevin Best", "Will Ward"). At
# the start of a sentence or in lower case it is kept: "Best team I have worked in", "the ward
# is short-staffed" keep what they say.
COMMON_WORDS = frozenset("""
able amber angel april art august autumn baker banks bell best bill bishop black bliss blue bold bond
brave bright brook brown bush butler can cash chance chase charity cheer chip clay cliff cook cross crystal
dale dawn day days dean destiny dusty earl early earnest east faith fair field fields fine fisher ford
forest fox frank free gay gift glad glen gold good goodman grace gray green grey hall happy hardy harmony
hazel heath heather hill hills holly honest honey honour honor hope house hunter iris ivy jade joy june
just keen king knight lake lane large liberty lily little long love lovely lucky major march mark marsh
mason may merry mercy miles miller minor moody moore new newman noble north page park parker patience pearl
penny pope porter potter power price prince queen quick rain ray reed rich river rock rose ruby rush rusty
sage sandy sharp short silver small smart sky spring star stone storm street strong sue summer sunny swift
sweet tailor trust turner unity victor wade walker wall ward warren waters well wells west white will
winter wise wolf wood woods young
admin administrator demo test user
""".split())
# a word, hyphenated or with an apostrophe ("Al-Rashid", "O'Brien", "Jane's")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_PART_RE = re.compile(r"['\u2019-]")
_SENTENCE_END_RE = re.compile(r"[.!?:;\n\u2026]")
# the neutral "they" from "he is"/"she is" agrees with its verb, so that "he is", "she is"
# and "they are" give the same text
_THEY_VERB = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
              "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't", "s": "re"}
_THEY_VERB_RE = re.compile(r"\b(they)(\s+|['\u2019])(is|was|has|does|isn't|wasn't|hasn't|doesn't|s)\b", re.I)
_SPACES_RE = re.compile(r"[ \t]{2,}")


_TITLES = frozenset(("mr", "mrs", "ms", "miss", "mx", "madam", "mme", "mlle"))


def _neutral_keep_stop(match):
    """``_neutral`` that lets only a title ("Mrs.") take its full stop: "I thanked him." keeps
    the end of its sentence."""
    repl = _neutral(match)
    if match.group(0).endswith(".") and match.group(1).lower() not in _TITLES:
        repl += "."
    return repl


def _they_verb(match):
    verb = match.group(3)
    repl = _THEY_VERB[verb.lower().replace("\u2019", "'")]
    return match.group(1) + match.group(2) + (repl[:1].upper() + repl[1:] if verb[:1].isupper() else repl)


class NameMatcher:
    """The names of the people a database knows, as a set of lower-case name parts; finds
    them in a text in one pass over its words (a set lookup per word, whatever the number of
    names: no regex alternation of thousands of names).

    A word is a name when every part of it of two letters or more ("Al-Rashid", "O'Brien",
    possessive "Jane's") is a part of some known name. A part that is also a common English
    word (``COMMON_WORDS``) counts only when capitalised inside a sentence or next to another
    name word.
    """

    __slots__ = ("tokens", "strong", "_key")

    def __init__(self, names=()):
        self.tokens = frozenset(_name_tokens(names))
        self.strong = frozenset(t for t in self.tokens if t not in COMMON_WORDS)
        self._key = None

    def __bool__(self):
        return bool(self.tokens)

    def __len__(self):
        return len(self.tokens)

    def _kind(self, word):
        """"strong", "weak" (only a common word) or None (not a name)."""
        parts = [p.lower() for p in _PART_RE.split(word) if len(p) >= 2] if _PART_RE.search(word) else [word.lower()]
        if not parts or len(parts[0]) < 2 or not all(p in self.tokens for p in parts):
            return None
        return "strong" if any(p in self.strong for p in parts) else "weak"

    def spans(self, text):
        """[(start, end)] of the name words of ``text``, runs of names joined by spaces merged."""
        if not self.tokens or not text:
            return []
        found = []      # per word: None, or [start, end, kind, capitalised, at sentence start]
        prev_end = None
        for m in _WORD_RE.finditer(text):
            word = m.group(0)
            kind = self._kind(word) if len(word) >= 2 else None
            if kind:
                at_start = prev_end is None or bool(_SENTENCE_END_RE.search(text, prev_end, m.start()))
                found.append([m.start(), m.end(), kind, word[:1].isupper(), at_start])
            else:
                found.append(None)
            prev_end = m.end()
        # a weak word next to a name word (only spaces between) is a name too
        out = []
        for i, item in enumerate(found):
            if not item:
                continue
            start, end, kind, cap, at_start = item
            if kind == "weak":
                if not cap:
                    continue
                if at_start:
                    nxt = found[i + 1] if i + 1 < len(found) else None
                    prv = found[i - 1] if i else None
                    joined = ((nxt and nxt[3] and not text[end:nxt[0]].strip())
                              or (prv and prv[3] and not text[prv[1]:start].strip()))
                    if not joined:
                        continue
            if out and not text[out[-1][1]:start].strip():
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
        return out

    def redact(self, text):
        spans = self.spans(text)
        if not spans:
            return text
        pieces, pos = [], 0
        for start, end in spans:
            pieces.append(text[pos:start])
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces)


def redact_comment(text, names=None):
    """A feedback comment without identity: the names of ``names`` (a NameMatcher of the
    people the database knows, or a list of names), emails, URLs, phone numbers, ages and
    birth dates, "Nationality: X" fields, nationality words; pronouns and gendered words
    ("she", "his", "Mr", "mother", "husband") become one neutral form whose verb agrees
    ("he is", "she is", "they are" -> "they are"). Idempotent: redacting twice changes nothing.

    Names the database does not know are kept on purpose. A capitalised-word heuristic would
    also erase "Monday", "Odoo", "Excel", the ward or the product a comment is about and every
    capitalised first word, and would remove sentiment ("Brilliant", "Awful") at the start of
    sentences: it would move far more scores than it protects. What is left are names of people
    outside the database (a customer, a former colleague never recorded); letters of scripts
    the encoder does not read are dropped anyway (``ml.input_check.drop_unreadable``).
    """
    if not text:
        return ""
    if names is not None and not isinstance(names, NameMatcher):
        names = NameMatcher(names)
    text = _EMAIL_RE.sub(" ", text)
    text = _URL_RE.sub(" ", text)
    text = _COMMENT_AGE_RE.sub(" ", text)
    text = drop_phones(text)
    if names:
        text = names.redact(text)
    text = _PRONOUN_RE.sub(_neutral_keep_stop, text)
    text = _THEY_VERB_RE.sub(_they_verb, text)
    text = _NAT_RE.sub(" ", text)
    text = _SPACES_RE.sub(" ", text)
    return "\n".join(line.strip(" \t") for line in text.split("\n")).strip()
