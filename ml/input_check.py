"""Bad input, recognised before anything is encoded or scored (no Odoo, no torch).

- ``decode``: bytes of a text file -> (text, encoding): BOMs (UTF-8/16/32), UTF-16
  without a BOM when the NUL pattern says so, strict UTF-8, cp1252, latin-1. Odoo's own index of text files keeps only runs of printable ASCII, which
  cuts "Gestión" to "Gesti" and an Arabic or UTF-16 file to almost nothing.
- ``binary_reason``: why some bytes are not a text document (NUL bytes, control
  characters, a known binary signature), or None.
- ``clean_text``: drops NUL and other control characters (PostgreSQL refuses NUL in
  text columns), keeps line breaks and tabs.
- ``script_shares`` / ``encoder_scripts`` / ``script_mismatch``: which writing systems
  the letters of a text are in, which ones an encoder reads (its model card's
  ``language:``), and a message when most letters are in a script it cannot read. Such
  text is set aside with that message rather than scored: a score would measure the
  language (a proxy for nationality), not the content.
- ``language_mismatch``: the same for a Latin-script text in a language the encoder does not
  declare (German, French, Spanish, Italian, Portuguese or Dutch for an English encoder), told by
  its common function words.
- ``drop_unreadable``: the few words of such a script inside readable text (a name, a
  place) are dropped before encoding: to an English encoder they are noise that moves
  the result (an Arabic-script name turned a clearly positive comment negative).
"""
import codecs
import collections
import functools
import os
import re
import unicodedata

SNIFF_BYTES = 8192
NUL_SHARE = 0.001        # more NUL bytes than this in the head: binary
CONTROL_SHARE = 0.05     # more C0 control bytes (other than \t \n \f \r) than this: binary
MISMATCH_SHARE = 0.5     # more letters than this in scripts the encoder does not read: not encoded

Decoded = collections.namedtuple("Decoded", "text encoding")

_BOMS = (  # UTF-32 before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a ZIP archive, e.g. DOCX or ODT"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file, e.g. DOC"), (b"\x89PNG\r\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "a program"), (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
# \r\n and lone \r, vertical tab, form feed, NEL: line breaks; other C0/C1 controls and DEL: dropped
_NEWLINE_RE = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# lone surrogates too: they cannot be stored (an RPC can send one as "\\ud800")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_MULTIBYTE_RE = re.compile("[^\x00-\x7f\ufffd]")
_LETTER_RE = re.compile(r"[^\W\d_]")
# the four letters re.I folds onto ASCII ones (dotted and dotless i, long s, Kelvin sign): a text
# without them matches an ASCII word under re.I exactly where its lower() holds that word
FOLDS_TO_ASCII_RE = re.compile("[\u0130\u0131\u017f\u212a]")


# ------------------------------------------------------------------ decoding
def _utf16_order(head):
    """'utf-16-le' / 'utf-16-be' from the NUL pattern of UTF-16 without a BOM: one byte of each
    pair is (nearly) constant and NUL for spaces and ASCII (00 for Latin text, 06 for Arabic, 05
    for Hebrew...), the other varies and is never NUL. A UTF-8 or cp1252 file has no NUL, so a
    list of one-letter lines ("a\nb\n...") is not taken for UTF-16."""
    head = head[:SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(head) < 8:
        return None

    def top2_share(seq):
        counts = collections.Counter(seq).most_common(2)
        return sum(c for _b, c in counts) / len(seq)

    even, odd = head[0::2], head[1::2]
    for high, low, order in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if (high.count(0) >= 0.05 * len(high) and low.count(0) <= 0.02 * len(low)
                and top2_share(high) >= 0.8 and top2_share(low) < 0.5):
            return order
    return None


def _decode_with(data, encoding, final):
    return codecs.getincrementaldecoder(encoding)("strict").decode(data, final=final)


def sniff_encoding(data):
    """Encoding announced by a BOM or shown by the UTF-16 byte pattern, else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return _utf16_order(data)


def decode(data, truncated=False):
    """Decoded(text, encoding) of the bytes of a text file; never raises.

    ``truncated``: ``data`` is the head of a longer file, so an incomplete character
    at the end is dropped rather than counted as an error.
    """
    data = bytes(data or b"")
    final = not truncated
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_decode_with(data[len(bom):], encoding, final), encoding)
            except UnicodeDecodeError:
                break  # a BOM followed by something else: try the rest
    order = _utf16_order(data)
    if order:
        try:
            return Decoded(_decode_with(data, order, final), order)
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(_decode_with(data, "utf-8", final), "utf-8")
    except UnicodeDecodeError:
        pass
    # mostly UTF-8 with a few broken bytes (a bad copy-paste): keep UTF-8, replace them;
    # cp1252 text almost never holds a valid multi-byte UTF-8 sequence
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(data, final=final)
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = len(_MULTIBYTE_RE.findall(text))
    if multibyte > bad:
        return Decoded(text, "utf-8")
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def binary_reason(data):
    """Why these bytes are not a text document (a short phrase), or None."""
    head = bytes(data[:SNIFF_BYTES])
    if not head:
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    encoding = sniff_encoding(head)
    if encoding and encoding.startswith(("utf-16", "utf-32")):
        text = decode(head, truncated=True).text
        controls = len(_CONTROL_RE.findall(text))
        if text and controls / len(text) > CONTROL_SHARE:
            return "%d%% control characters" % round(100 * controls / len(text))
        return None
    nul = head.count(0)
    if nul and nul / len(head) >= NUL_SHARE:
        return "it holds NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls / len(head) > CONTROL_SHARE:
        return "%d%% control characters" % round(100 * controls / len(head))
    return None


# Marks of a text pasted from a document or a chat tool: "## Strengths", "**Requirements:**", "__Goals__"
_MARKDOWN_MARKS_RE = re.compile(r"^#{1,6}\s+|\*\*|__")


def strip_markdown_marks(line):
    """A line without its Markdown heading and bold marks (review forms, job postings)."""
    return _MARKDOWN_MARKS_RE.sub("", line)


def clean_text(text):
    """Text without NUL and control characters; line breaks normalised to \\n, tabs kept. UTF-8 read
    as cp1252 or latin-1 is repaired first ("donâ€™t", "cafÃ©" from a spreadsheet export; "Ã\\x98Â\\xa0"
    from a CV pasted through a broken one: dropping its controls first would leave "Ã" and "â"
    behind). Without C1 controls, a run that would become a letter of another script than Latin is
    left as written ("Ø" and a no-break space is not Arabic)."""
    if not text:
        return text or ""
    text = repair_mojibake(text, latin_only=not _C1_RE.search(text))
    return _CONTROL_RE.sub("", _NEWLINE_RE.sub("\n", text))


_C1_RE = re.compile("[\x80-\x9f]")
_SUSPECT_RE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                         "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039"
                         "\u203a\u20ac\u2122]+")
# mis-decoded bullets that survive as text after control characters are removed
_MOJIBAKE_BULLETS_RE = re.compile(r"\u00e2[\u0080-\u00bf\u20ac\u017e\u0153]?[\u00a2\u00a6\u00aa\u00b6\u2122\u0178]|"
                                  r"\u00ef\u201a[\u00a7\u00b7]|\u00ef\u0192[\u02dc\u00bc\u00a8]|\u00ef\u0082[\u00a7\u00b7]|"
                                  r"\u00ef\u0083[\u0098\u00bc]|\u00ef\u00a7|\u00ef\u201a\u00a7")
# a Wingdings bullet pasted from a word processor reads "Ø" (an arrow) at the start of a line
_WINGDINGS_BULLETS = {"\u00d8", "\u00a7", "\u00fc"}


MIS_DECODED_SCRIPT_RUNS = 3  # this many runs turning into one other script's letters: a mis-decoded text of it


@functools.lru_cache(maxsize=4096)
def _decoded_run(run):
    """The UTF-8 text a cp1252/latin-1 run stands for, or None (cached: repair_mojibake asks twice
    for a run when it first counts the runs of another script)."""
    for enc in ("cp1252", "latin-1"):
        try:
            return run.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    try:
        return bytes(ord(ch) if ord(ch) < 256 else ch.encode("cp1252")[0] for ch in run).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError, ValueError):
        return None


def _other_script(text):
    return any(script_of(ch) not in (None, "Latin") for ch in text if ch.isalpha())


def repair_mojibake(text, latin_only=False):
    """UTF-8 read as cp1252/latin-1 ("â€¢", "Ã©") back to what was written; runs that do not
    decode are left alone. With ``latin_only`` a run that would become a letter of another script
    is left alone too ("Ø" and a no-break space in a Danish name is not Arabic), unless the text has
    MIS_DECODED_SCRIPT_RUNS or more of them: then it is that script mis-decoded ("ÐŸÑ€Ð¸" is
    Cyrillic, which the script checks set aside). Applying it twice changes nothing more: a repaired
    no-break space is a space and a repaired Wingdings bullet is "•", so no repaired letter forms a
    new run."""
    if not text or text.isascii():
        return text
    if latin_only:
        decoded = (_decoded_run(m.group(0)) for m in _SUSPECT_RE.finditer(text))
        latin_only = sum(1 for d in decoded if d and _other_script(d)) < MIS_DECODED_SCRIPT_RUNS

    def repair(match):
        fixed = _decoded_run(match.group(0))
        if fixed is None or (latin_only and _other_script(fixed)):
            return match.group(0)
        fixed = fixed.replace("\u00a0", " ")
        if fixed in _WINGDINGS_BULLETS and not text[text.rfind("\n", 0, match.start()) + 1:match.start()].strip():
            return "\u2022"
        return fixed

    text = _SUSPECT_RE.sub(repair, text)
    return _MOJIBAKE_BULLETS_RE.sub("\u2022", text)


def has_letters(text):
    """False for text of only emoji, symbols, digits and spaces."""
    return bool(text) and _LETTER_RE.search(text) is not None


# ------------------------------------------------------------------ scripts
# first words of character names that are not a script name
_NAMED_SCRIPTS = {"CJK": "CJK", "IDEOGRAPHIC": "CJK", "HIRAGANA": "Kana", "KATAKANA": "Kana"}
_PREFIXES = {"HALFWIDTH", "FULLWIDTH", "MODIFIER", "MATHEMATICAL", "PARENTHESIZED", "CIRCLED", "SQUARED",
             "NEGATIVE", "SMALL", "COMBINING"}


@functools.lru_cache(maxsize=8192)
def script_of(ch):
    """Unicode script of a letter from its character name ('Latin', 'Arabic', 'CJK', ...);
    None when the name does not tell (modifier letters, symbols)."""
    name = unicodedata.name(ch, "")
    if not name:
        return None
    words = name.split()
    if words[0] in _PREFIXES:
        # FULLWIDTH LATIN ..., HALFWIDTH KATAKANA ..., MATHEMATICAL BOLD CAPITAL A
        for word in words[1:]:
            if word in ("LATIN", "GREEK", "CYRILLIC", "HANGUL", "KATAKANA", "HIRAGANA"):
                return _NAMED_SCRIPTS.get(word, word.title())
        return "Latin" if words[0] == "MATHEMATICAL" else None
    return _NAMED_SCRIPTS.get(words[0], words[0].title())


def script_counts(text):
    """Counter {script: number of letters}."""
    counts = collections.Counter()
    if not text:
        return counts
    if text.isascii():
        counts["Latin"] = len(_LETTER_RE.findall(text))
        return +counts
    for ch, n in collections.Counter(text).items():
        if ch.isascii():
            if ch.isalpha():
                counts["Latin"] += n
        elif ch.isalpha():
            script = script_of(ch)
            if script:
                counts[script] += n
    return counts


def script_shares(text):
    """[(script, share of letters)], largest first; [] when the text has no letters."""
    counts = script_counts(text)
    total = sum(counts.values())
    return [(script, n / total) for script, n in counts.most_common()] if total else []


# ISO 639-1 (and a few 639-3) codes -> scripts their text is written in
LANGUAGE_SCRIPTS = {}
for _script, _codes in (
    ("Latin", "en fr de es it pt nl sv da no nb nn fi pl cs sk sl hr bs sq ro hu tr et lv lt is ga gd cy eu ca "
              "gl mt id ms vi tl fil sw af az uz so ha yo ig zu xh eo la lb fo fy br co oc rm wa ht mi sm to "
              "haw ku tk qu ay gn ny sn st tn ts rw rn mg om jv su ceb war"),
    ("Arabic", "ar fa ur ps ug sd ckb arz ary"),
    ("Hebrew", "he iw yi"),
    ("Cyrillic", "ru uk be bg mk sr kk ky mn tg tt ba cv ce os ab"),
    ("Greek", "el"),
    ("CJK", "zh ja ko yue wuu"),
    ("Kana", "ja"),
    ("Hangul", "ko"),
    ("Devanagari", "hi mr ne sa mai bho new"),
    ("Bengali", "bn as"),
    ("Gurmukhi", "pa"),
    ("Gujarati", "gu"),
    ("Oriya", "or"),
    ("Tamil", "ta"),
    ("Telugu", "te"),
    ("Kannada", "kn"),
    ("Malayalam", "ml"),
    ("Sinhala", "si"),
    ("Thai", "th"),
    ("Lao", "lo"),
    ("Khmer", "km"),
    ("Myanmar", "my"),
    ("Tibetan", "bo dz"),
    ("Georgian", "ka"),
    ("Armenian", "hy"),
    ("Ethiopic", "am ti"),
    ("Thaana", "dv"),
    ("Syriac", "syr"),
):
    for _code in _codes.split():
        LANGUAGE_SCRIPTS.setdefault(_code, set()).add(_script)
LANGUAGE_SCRIPTS["sr"].add("Latin")  # Serbian: both alphabets
LANGUAGE_SCRIPTS["uz"].add("Cyrillic")
LANGUAGE_SCRIPTS["az"].add("Cyrillic")
MULTILINGUAL = {"multilingual", "multi", "mul", "xx"}

EncoderScripts = collections.namedtuple("EncoderScripts", "scripts languages")
EncoderScripts.__doc__ = """scripts: frozenset of script names the encoder reads, None = no restriction
(no model card, no ``language:``, "multilingual", or only codes this table does not know);
languages: the declared codes, for messages."""
ANY_SCRIPT = EncoderScripts(None, ())


def model_card_languages(model_dir):
    """Language codes declared by the ``language:`` key of the model card (README.md front
    matter) of a model directory; () when there is no card or no such key."""
    path = os.path.join(model_dir or "", "README.md")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read(65536).splitlines()
    except OSError:
        return ()
    if not lines or lines[0].strip() != "---":
        return ()
    codes, in_list = [], False
    for line in lines[1:]:
        if line.strip() == "---":
            break
        if in_list:
            item = re.match(r"\s*-\s*(.+)$", line)
            if item:
                codes.append(item.group(1))
                continue
            if line[:1].isspace() or not line.strip():
                continue
            break
        key = re.match(r"language\s*:\s*(.*)$", line)
        if key:
            value = key.group(1).strip()
            if value:
                codes.extend(value.strip("[]").split(","))
                break
            in_list = True
    return tuple(c.strip().strip("'\"").lower() for c in codes if c.strip().strip("'\""))


def scripts_of_languages(languages):
    """frozenset of scripts of those language codes; None when they set no restriction."""
    scripts = set()
    for code in languages or ():
        primary = re.split(r"[-_]", code)[0]
        if code in MULTILINGUAL or primary in MULTILINGUAL:
            return None
        scripts |= LANGUAGE_SCRIPTS.get(primary, set())
    return frozenset(scripts) or None


def encoder_scripts(model_dir):
    """EncoderScripts of an encoder directory (cached; re-read when its model card changes)."""
    path = os.path.join(model_dir or "", "README.md")
    try:
        mtime = os.path.getmtime(path)
    except OSError:
        mtime = None
    return _encoder_scripts(os.path.abspath(model_dir or ""), mtime)


@functools.lru_cache(maxsize=32)
def _encoder_scripts(model_dir, _mtime):
    languages = model_card_languages(model_dir)
    return EncoderScripts(scripts_of_languages(languages), languages)


class ScriptMismatch(collections.namedtuple("ScriptMismatch", "scripts share readable languages")):
    """Most letters are in scripts the encoder does not read. scripts: those scripts, largest
    first; share: their share of the letters (0-1); readable: what the encoder reads."""

    __slots__ = ()

    @property
    def percent(self):
        return int(self.share * 100)  # floor: 100 only when every letter is unread

    def scripts_text(self):
        """The unread scripts, e.g. "Arabic" or "Arabic and Hebrew"."""
        return " and ".join(self.scripts[:2])

    def readable_text(self):
        """What the encoder reads, e.g. "Latin script" or "Cyrillic and Latin scripts"."""
        names = list(self.readable)
        if len(names) == 1:
            return "%s script" % names[0]
        return "%s and %s scripts" % (", ".join(names[:-1]), names[-1])

    def languages_text(self):
        return ", ".join(self.languages)

    def __str__(self):
        return "mostly %s script (%d%% of letters); the text encoder reads %s only (language: %s)" % (
            self.scripts_text(), self.percent, self.readable_text(), self.languages_text())


# letters outside these blocks may be in a script other than Latin (fast path of drop_unreadable)
_BEYOND_LATIN_RE = re.compile("[^\x00-\u036f\u1e00-\u1eff\u2000-\u2bff\ufb00-\ufb06]")
_MARKS = {"Mn", "Mc", "Me", "Cf"}
_SPACES_RE = re.compile(" {2,}")


def drop_unreadable(text, encoder):
    """``text`` with the letters of scripts the encoder (an EncoderScripts) does not read, and
    the marks joined to them, removed (runs of spaces left behind are collapsed); unchanged
    when the encoder declares no restriction."""
    if encoder is None or not encoder.scripts or not text:
        return text or ""
    latin = "Latin" in encoder.scripts
    if latin and (text.isascii() or not _BEYOND_LATIN_RE.search(text)):
        return text
    out, dropping, dropped = [], False, False
    for ch in text:
        if ch.isascii():
            dropping = not latin and ch.isalpha()
        elif ch.isalpha():
            script = script_of(ch)
            dropping = script is not None and script not in encoder.scripts
        elif not (dropping and unicodedata.category(ch) in _MARKS):
            dropping = False
        if dropping:
            dropped = True
        else:
            out.append(ch)
    return _SPACES_RE.sub(" ", "".join(out)) if dropped else text


def script_mismatch(text, encoder, threshold=MISMATCH_SHARE):
    """ScriptMismatch when more than ``threshold`` of the letters of ``text`` are in scripts
    the encoder (an EncoderScripts) does not read, else None. A share, not any letter: an
    English CV with a name written in Arabic script is still read."""
    if encoder is None or not encoder.scripts or not text:
        return None
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return None
    foreign = [(s, n) for s, n in counts.most_common() if s not in encoder.scripts]
    unread = sum(n for _s, n in foreign)
    if unread / total <= threshold:
        return None
    return ScriptMismatch(tuple(s for s, _n in foreign), unread / total,
                          tuple(sorted(encoder.scripts)), tuple(encoder.languages))


# ------------------------------------------------------------------ languages in Latin script
# The script check cannot tell German from English. An English-only encoder reads a German CV
# or comment as noise: a German CV that matches the job scored 2 / 100 "weak", a German or
# Spanish comment read neutral. Common function words tell the language of a Latin-script text
# (counting them is a classic way to identify a language). A foreign word list holds no English word, so an English text gets no
# hits from it; the English list may hold words of other languages too ("in", "is"): that only
# makes the check slower to fire. Measured in README (Bad input): no English text of the
# development corpora is flagged. Words that are English too, or common in English text as names,
# prefixes or abbreviations, are left out ("door", "met", "hat", "toll", "non", "com", "van", "al" of
# Arabic names): each foreign word was checked against its count in the English corpora.
FUNCTION_WORDS = {
    "en": """the and of to is are was were for with that this have has had been be it from by at as
        or but not they we our my you your will would which who their there on in i me all can
        more also very about into than when what do does did he she his her them its so if no
        up out just only some any because how these those should could""",
    "de": """der das und ist nicht mit ich sie ein eine einen einem einer des für auf von zu zum zur
        bei auch wir sich wird werden wurde habe haben sehr oder aber nach über durch mein
        meine unser unsere ihre dass sind kann können noch nur schon immer wenn wie mehr mir
        mich uns jahre jahren seit sowie keine kein viel arbeit""",
    "fr": """de le la les des du et une dans pour pas que qui sur avec au aux ce cette ces je nous
        vous sont été mes notre nos votre très mais ou où il elle ils leur leurs être avoir
        avons fait bien tout tous aussi comme chez entre depuis années ans travail équipe""",
    "es": """de la el los las del y es una en nos cada nadie fui durante para por que se su sus como
        más nuestro nuestra nuestros está están fue muy también pero desde años trabajo equipo
        sobre hasta entre cuando porque tiene tengo esta este estos""",
    "it": """il di da del della delle dei degli che sono ho nel nella nelle alla alle anche molto
        una uno gli si è mio mia miei nostro nostra questo questa più lavoro squadra essere
        stato anni tra fra""",
    "pt": """de da dos das nos cada fui durante é um uma para por que não se meu minha nosso nossa
        muito também foi são está mais mas ao aos pelo pela trabalho equipe anos como entre
        quando tem ser""",
    "nl": """de het een en niet ik wij zijn voor dat ook bij naar heb heeft hebben mijn onze ons
        zeer maar als werk jaar jaren worden wordt te deze dit wat nog geen veel""",
}
FUNCTION_WORDS = {code: frozenset(words.split()) for code, words in FUNCTION_WORDS.items()}
LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch"}
LANGUAGE_MIN_HITS = 3   # fewer function words of another language than this: no verdict
LANGUAGE_RATIO = 2.0    # and at least this many times the function words of the encoder's languages
# a short text ("Sie arbeitet sehr gründlich."): 2 function words of another language, none of the
# encoder's, and they are at least this share of its words ("Thanks Maria de la Cruz!" is not; no
# English text of the shared corpora is flagged by it either)
SHORT_MIN_HITS = 2
SHORT_SHARE = 0.5
_WORD_RE = re.compile(r"[^\W\d_]+")


_LANGUAGES_OF_WORD = {}
for _code, _words in FUNCTION_WORDS.items():
    for _word in _words:
        _LANGUAGES_OF_WORD.setdefault(_word, []).append(_code)


def _language_counts(text):
    """({language code: number of its function words in ``text``}, number of words of ``text``)."""
    hits = dict.fromkeys(FUNCTION_WORDS, 0)
    words = _WORD_RE.findall((text or "").lower())
    for word in words:
        for code in _LANGUAGES_OF_WORD.get(word, ()):
            hits[code] += 1
    return hits, len(words)


class LanguageMismatch(collections.namedtuple("LanguageMismatch", "language hits readable_hits languages")):
    """A Latin-script text in a language the encoder does not read. language: its code (e.g.
    "de"); hits: its function words in the text; readable_hits: those of the encoder's
    languages; languages: what the encoder declares."""

    __slots__ = ()

    def language_text(self):
        return LANGUAGE_NAMES.get(self.language, self.language)

    def readable_text(self):
        return ", ".join(LANGUAGE_NAMES.get(re.split(r"[-_]", c)[0], c) for c in self.languages)

    def languages_text(self):
        return ", ".join(self.languages)

    def __str__(self):
        return "in %s, by its common words (%d against %d of %s); the text encoder reads %s only" % (
            self.language_text(), self.hits, self.readable_hits, self.readable_text(), self.readable_text())


def language_mismatch(text, encoder):
    """LanguageMismatch when ``text`` reads as a language of FUNCTION_WORDS that the encoder (an
    EncoderScripts) does not declare, else None. None too when the encoder declares no language,
    a multilingual model, or a language this table does not know (nothing to compare with)."""
    if encoder is None or not encoder.languages or not text:
        return None
    declared = {re.split(r"[-_]", c)[0] for c in encoder.languages}
    if declared & MULTILINGUAL or not declared <= set(FUNCTION_WORDS):
        return None
    hits, n_words = _language_counts(text)
    readable = max(hits[c] for c in declared)
    other, best = max(((c, n) for c, n in hits.items() if c not in declared), key=lambda item: item[1])
    short = readable == 0 and best >= SHORT_MIN_HITS and best >= SHORT_SHARE * n_words
    if not short and (best < LANGUAGE_MIN_HITS or best < LANGUAGE_RATIO * readable):
        return None
    return LanguageMismatch(other, best, readable, tuple(encoder.languages))


def drop_other_language_lines(text, encoder):
    """(``text`` without its lines written in a language the encoder does not read, mismatch or
    None) for a CV: a German cover letter beside an English CV is dropped and the CV is read. The
    mismatch (a LanguageMismatch, and the text is "") when more than MISMATCH_SHARE of the letters
    were dropped, or when what is left still reads as another language (a German CV whose lines
    are each too short to tell, but not together)."""
    if encoder is None or not encoder.languages or not text:
        return text or "", None
    kept, dropped = [], []
    for line in text.split("\n"):
        (dropped if line.strip() and language_mismatch(line, encoder) else kept).append(line)
    rest = "\n".join(kept) if dropped else text
    mismatch = language_mismatch(rest, encoder)
    if mismatch:
        return "", mismatch
    gone = "\n".join(dropped)
    if dropped and len(_LETTER_RE.findall(gone)) > MISMATCH_SHARE * len(_LETTER_RE.findall(text)):
        mismatch = language_mismatch(gone, encoder)
        if mismatch:
            return "", mismatch
    return rest, None
