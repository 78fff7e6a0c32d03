"""Full stops that end no sentence: after a title, a common abbreviation or an initial ("Dr. Patel",
"e.g. Salesforce", "approx. 12%", "J. Smith"), and after "no.", "p.", "min." or a month before a
number ("see p. 4", "Jan. 2024", "Min. 3 years"). "etc.", "Ltd." and "Inc." often end a sentence, so they still do.
Shared by the review sentences (ml.review.checks) and the job text of the fit (ml.fit.text);
the CV parser has its own list, with degree abbreviations (ml.cv.structure)."""
import re

TITLE_ABBREVIATIONS = frozenset("mr mrs ms mx dr prof sr jr st mt approx vs cf eg ie e.g i.e dept incl excl".split())
# only before a number: "Min. 3 years", "Fig. 2", but "The call took 10 min. Then she left."
NUMBER_ABBREVIATIONS = frozenset("no nos p pp min max ca fig est jan feb mar apr jun jul aug sep sept oct nov dec".split())
_LAST_WORD_RE = re.compile(r"(?:^|[\s(])([A-Za-z][A-Za-z.]*)\.$")


def ends_abbreviation(piece, following):
    """True when ``piece`` (text up to a full stop) ends with an abbreviation that does not end the
    sentence before ``following``."""
    m = _LAST_WORD_RE.search(piece.rstrip())
    if not m:
        return False
    word = m.group(1)
    if word.lower() in TITLE_ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return True
    return word.lower() in NUMBER_ABBREVIATIONS and following.lstrip()[:1].isdigit()


def merge_abbreviations(pieces):
    """Pieces of a sentence split joined back where the split followed an abbreviation."""
    merged = []
    for piece in pieces:
        if merged and ends_abbreviation(merged[-1], piece):
            merged[-1] = merged[-1].rstrip() + " " + piece.lstrip()
        else:
            merged.append(piece)
    return merged
