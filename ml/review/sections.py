"""A review written as a form: its section headings, and the side each section puts its items on.

Many review forms are lists under headings ("Strengths:", "Areas for development", "Even better
if", "Goals for next year"). A heading is no sentence to analyse (read alone, "Areas for
development:" was a vague criticism), and it says on which side the items under it stand: a
development area is often a bare noun phrase ("Stock rotation in the chiller") that reads as
nothing, or as praise, on its own. So the items of a strengths section are strengths, those of a
development section development areas, those of a goals section plans (neither); other headings
(comments, a competency name, a prompt, a heading outside the lists) are no sentence either, and give
their items no side.

A section ends at the next heading, at a blank line not followed by a list item, or at a line that
is no list item after list items. Decided on ml/review/data/structured_reviews.json (its dev and
dev_c reviews; the held-out and fresh ones are only reported by tools/eval_review.py).
"""
import re

from ..input_check import strip_markdown_marks
from .checks import _BULLET_RE, MAX_REVIEW_CHARS, split_sentences

STRENGTHS, DEVELOPMENT, GOALS, OTHER = "strengths", "development", "goals", "other"

# "what she did well", "What Priya should keep doing"
# (a name of up to four words: a heading's side never depends on how long the person's name is)
_WHO = r"(he|she|they|i|you|we|[\w'\u2019.-]+( [\w'\u2019.-]+){0,3})"
_SHOULD = r"(should|could|needs? to|must|can|will|would)"
_STRENGTH = (
    r"(key |main |notable |top |major )?(strengths?|achievements?|accomplishments?|highlights?|successes|"
    r"positives?|wins|kudos|praise)",
    r"what went well", r"went well", r"what " + _WHO + r" did well", r"what " + _WHO + r" (does|do) well",
    r"(keep|continue) doing", r"what " + _WHO + " " + _SHOULD + r" (keep|continue) doing", r"continue", r"keep",
    r"well done", r"what " + _WHO + r" (does|do|did) (really |very |particularly )?well",
    r"what (were|are|was|is) (" + _WHO + r"('s|s'|\u2019s) |your |the )?(main |key |biggest |greatest )?"
    r"(achievements?|strengths?|successes|accomplishments?|contributions?)" + r"( (this|last) (year|period|quarter))?",
)
_DEVELOPMENT = (
    r"(key |main )?(areas?|points?) (for|of|to) (improvement|development|growth|improve|develop|work on|focus)",
    r"(improvement|development|growth|focus) (areas?|needs|points|opportunities)",
    r"(opportunities|opportunity) (for|to) (growth|grow|improve|improvement|develop|development)",
    r"even better if", r"ebi", r"things to (work on|improve|develop)", r"to improve", r"needs? improvement",
    r"weakness(es)?", r"negatives?", r"concerns?", r"(areas? of )?concern", r"challenges",
    r"what " + _WHO + r" could (do|have done) better", r"what could " + _WHO + r" (do|have done) better",
    r"(what|where|how) (could|should|can|must) " + _WHO + r" (improve|develop|grow)", r"improvements?( needed)?",
    r"(stop|start) doing", r"what " + _WHO + " " + _SHOULD + r" (stop|start) doing", r"stop", r"start",
    r"what " + _WHO + " " + _SHOULD + r" (work on|improve|develop|focus on)",
    r"(feedback|suggestions?|recommendations?) for (improvement|development|growth)",
)
_GOALS = (
    r"(key |main )?(goals?|objectives?|targets?|next steps|plans?|priorities)",
    r"(development|action|training) plan", r"(goals?|objectives?) and (development )?plans?",
    r"(development|performance|career|personal|learning) (goals?|objectives?|plans?)",
)
_OTHER = (
    r"summary", r"overall( comments| assessment| rating)?", r"comments?", r"notes?", r"training( needs)?",
    r"self[- ]assessment", r"support( needed)?",
    r"((manager|reviewer|employee|line manager)('?s)?|additional|general|other|final) (comments?|notes?|remarks)",
)
# "for next year", "for 2027", "this period", "(optional)" after a heading
_TAIL = r"(\s+(for|in|during|over)\s+(the\s+)?(next|coming|last|this|past)\s+(year|period|quarter|months?|review)" \
        r"|\s+(for\s+)?(19|20)\d\d|\s+this\s+(year|period|quarter)|\s*\(optional\))?"


def _heading_re(patterns):
    return re.compile(r"(" + "|".join(patterns) + r")" + _TAIL, re.I)


_KINDS = ((STRENGTHS, _heading_re(_STRENGTH)), (DEVELOPMENT, _heading_re(_DEVELOPMENT)), (GOALS, _heading_re(_GOALS)),
          (OTHER, _heading_re(_OTHER)))
_END = re.compile(r"\s*([:;\-\u2013\u2014]+)\s*$")
_INLINE = re.compile(r"^([^:.!?]{2,60}):\s+(\S.*)$")
# "Communication - 4/5", "Rating: 4", "Overall rating: meets expectations": a score, not a sentence
_RATING_LINE = re.compile(
    r"([^\W\d_][\w '&/()\u2019-]{0,40}?\s*[:\-\u2013\u2014]\s*)?\d(\.\d)?\s*(/\s*\d{1,2}|out of \d{1,2}|stars?)?"
    r"|((overall|final|performance) )?(rating|score|grade)\s*[:\-\u2013\u2014]\s*[^.!?]{1,40}", re.I)
_NOTHING = re.compile(r"^(none|nothing|n/?a|no concerns?|nothing (to add|further|else|major|significant)|"
                      r"none (at (this time|this stage|the moment|present)|so far|beyond the above|noted|identified|for now))\W*$", re.I)


def heading_kind(label):
    """STRENGTHS, DEVELOPMENT, GOALS or OTHER when ``label`` (a line without its bullet and trailing colon)
    is a known heading, else None. A line that ends a sentence ("Could do better.") is none."""
    label = " ".join((label or "").split())
    for kind, rx in _KINDS:
        if rx.fullmatch(label):
            return kind
    return None


def _looks_like_heading(line, next_line):
    """A short line without a full stop that a list follows ("Where to grow" / "- Delegating..."), or
    a short line in capitals ("OVERALL"). Placing such headings with the text encoder (the kind of
    the nearest of some heading phrases) was tried: no gain on the dev_c reviews, and on the fresh
    ones it read "What's working" as a development heading, turning its strengths negative."""
    words = line.split()
    if not words or len(words) > 7 or re.search(r"[.!,;]$", line) or _BULLET_RE.match(line):
        return False
    return bool(next_line is not None and _BULLET_RE.match(next_line)) or (line.isupper() and len(words) <= 5)


# A competency a review form writes its paragraphs under ("Communication" / "She keeps the client
# updated..."): the review dimensions and the competencies review forms commonly name. Only a whole
# line that is no item of a list ("- Time management" under "Areas for development" is an item, and so
# is "Time management" on its own line right under "Weaknesses").
_COMPETENCY_RE = re.compile(
    r"((overall |general )?(quality( of work)?|productivity|output|efficiency|collaboration|team ?work|"
    r"communication|initiative|leadership|expertise|reliability|dependability|attendance|punctuality|"
    r"time management|organi[sz]ation|planning|problem[- ]solving|decision[- ]making|customer (focus|service|care)|"
    r"adaptability|flexibility|innovation|creativity|accountability|ownership|professionalism|judge?ment|"
    r"integrity|safety|health and safety|compliance|mentoring|coaching|people management|delegation|"
    r"interpersonal skills|(written|verbal|oral) communication|presentation skills|negotiation|"
    r"stakeholder management|project management|accuracy|attention to detail|learning|self[- ]development|"
    r"(technical|job|product|professional) (knowledge|skills|expertise|competence)|results|job performance)"
    r"( skills)?( (and|&) [a-z -]{3,30})?)", re.I)


# a form's particulars ("Employee name: Sam Lee", "Review period: Q3 2026", "Signature: ____"): no sentence
_FORM_FIELD_RE = re.compile(
    r"((employee|staff|reviewer|manager|line manager|appraiser|appraisee)( name| id| number)?|name|"
    r"(review |appraisal )?(period|date|year)|date( of review)?|department|team|job title|position|role|grade|"
    r"location|site|signature|signed|(employee|manager|reviewer)('?s)? signature)", re.I)


def _line_heading(line, next_line=None, bullet=False, competency=True):
    """(kind, rest of the line) when ``line`` is a heading; kind OTHER for a heading outside the lists
    (a short line ending with a colon, "Customer focus:"; a short line a list follows; a short line in
    capitals): it is no sentence, and gives its items no side. Rest '' unless the heading is inline
    ("Strengths: punctual")."""
    if _RATING_LINE.fullmatch(line):
        return OTHER, ""
    if not bullet and line.endswith("?") and len(line.split()) <= 15:  # a prompt: "What could Sam have done better?"
        return heading_kind(line.rstrip("? ")) or OTHER, ""
    m = _END.search(line)
    label = line[:m.start()] if m else line
    kind = heading_kind(label)
    if kind:
        return kind, ""
    if competency and not bullet and len(label.split()) <= 6 and _COMPETENCY_RE.fullmatch(label.strip()):
        return OTHER, ""
    if (m and ":" in m.group(1) and 0 < len(label.split()) <= 6 and not re.search(r"[.!?]", label)) or \
            _looks_like_heading(label if m else line, next_line):
        return OTHER, ""
    m = _INLINE.match(line)
    if not m:
        return None, line
    if not bullet and _FORM_FIELD_RE.fullmatch(m.group(1).strip()):
        return OTHER, ""  # the whole line is a particular of the form, its value included
    kind = heading_kind(m.group(1))
    return (kind, m.group(2)) if kind else (None, line)


def _sentences(text):
    """``checks.split_sentences`` of a line, without the ratings written as a sentence of their own
    inside a paragraph ("... Her attendance was fine. Rating: 4 - exceeds in parts.")."""
    return [s for s in split_sentences(text) if not _RATING_LINE.fullmatch(s.rstrip(". "))]


def split_review(text):
    """[(sentence, section)] of a review: headings left out, section STRENGTHS, DEVELOPMENT, GOALS,
    OTHER or None (no heading above), each sentence as ``checks.split_sentences`` cuts it. An inline
    heading ("Strengths: punctual; calm") gives its section to the rest of its line only."""
    out, section, items, in_list, blank = [], None, 0, False, False
    raws = (text or "")[:MAX_REVIEW_CHARS].splitlines()
    following_of, following = [None] * len(raws), None  # the next line that is not blank, one pass
    for n in range(len(raws) - 1, -1, -1):
        following_of[n] = following
        if raws[n].strip():
            following = raws[n]
    for n, raw in enumerate(raws):
        if not raw.strip():
            blank = True
            continue
        bullet = bool(_BULLET_RE.match(raw))
        line = strip_markdown_marks(_BULLET_RE.sub("", raw)).strip()
        following = following_of[n]
        # a competency name in the list under "Weaknesses" is an item, not a heading
        in_list_of_side = section in (STRENGTHS, DEVELOPMENT, GOALS) and not blank
        kind, rest = _line_heading(line, None if bullet else following, bullet, competency=not in_list_of_side)
        if kind is not None and rest:
            out += [(s, kind) for s in _sentences(rest)]
            section, items, in_list, blank = None, 0, False, False
            continue
        if kind is not None:
            section, items, in_list, blank = kind, 0, False, False
            continue
        if section is not None and items and not bullet and (blank or in_list):
            section = None  # the list under the heading is over
        in_list, blank = bullet, False
        sentences = _sentences(line)
        items += len(sentences)
        out += [(s, section) for s in sentences]
    return out


def side(section, sentence):
    """The polarity a section gives its item: 'positive' under strengths, 'negative' under
    development areas, 'neutral' under goals or for an item that says there is nothing ("None at
    this time"); '' when it gives none (no section, another heading)."""
    if section == GOALS or section in (STRENGTHS, DEVELOPMENT) and _NOTHING.match(sentence.strip()):
        return "neutral"
    return {STRENGTHS: "positive", DEVELOPMENT: "negative"}.get(section, "")
