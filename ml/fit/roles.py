"""Role relation of a CV sentence to the work it mentions.

Plain similarity rewards anyone who uses the job's words. What matters is whether
the person *did* the work, not whether they studied it, aspire to it, managed or
recruited people who do it, tested/audited it, or built software for those who do
it. Each sentence gets a relation (cue phrases first, encoder prototypes as a
fallback) and the relation's weight scales how much that sentence can cover a
requirement. Relations that *are* the job (a recruiter recruits, a QA engineer
tests, a manager manages, a developer builds software for others) keep weight 1.
"""
import re

import numpy as np

from ..input_check import FOLDS_TO_ASCII_RE

DID = "did"
# a line of the CV's skills section ("Forklift", "SAP EWM and Manhattan"): it counts as much as a
# hands-on line towards a requirement, but is no evidence that the person did the work (guard.py)
LISTED = "listed"
RELATION_WEIGHTS = {
    DID: 1.0,
    LISTED: 1.0,
    "managed": 0.5,
    "tested": 0.45,
    "audited": 0.4,
    "built_for": 0.4,
    "studied": 0.4,
    "keyword_list": 0.3,
    "recruited": 0.25,
    "aspires": 0.15,
}
RELATION_LABELS = {
    DID: "hands-on experience",
    LISTED: "listed as a skill",
    "managed": "managed others doing it",
    "tested": "tested others' work",
    "audited": "audited it",
    "built_for": "built tools for it",
    "studied": "studied it",
    "keyword_list": "keyword list",
    "recruited": "recruited for it",
    "aspires": "aspiration",
}

_W = r"[^.;]{0,60}"
_ASPIRES = re.compile(
    r"\b(aspir\w*|(would|'d) (like|love) to|hop(e|ing) to|(want|wish|plan|intend)s? to (become|be|work|move|"
    r"transition|start|get)|looking to (become|move|transition|start|break)|eager to (learn|become|start|move|work)|"
    r"my goal is|dream (is|of)|interested in (becoming|a career|moving|transition\w*|working as)|career change|"
    r"transition into|break into|motivated to (become|start)|seeking (an? )?(entry|junior|first))", re.I)
_STUDIED_WORDS = (
    r"\b(studied|studying|coursework|courses? (in|on)|online course|took (a |an )?(course|class|module)|bootcamp|"
    r"degree in|bachelor|master'?s|msc|bsc|ph\.?d|thesis|dissertation|graduated?|certificat\w+|"
    r"modules? (on|in)|classes (in|on)|learn(ed|t|ing) (about|the (basics|theory|principles))|self-taught|"
    r"tutorials?|textbooks?|read (books|about)|semester|diploma|apprentice\w*|(final|first|second|third) year)\b")
_STUDENT = (
    r"(^|\b(a|an|am|year|\w+ing|science|medical|law|university|college|graduate)\s)student\b"
    r"(?!\s(progress|records?|data|support|loans?|assessment|outcomes|information|attendance))")
_STUDIED = re.compile(_STUDIED_WORDS + "|" + _STUDENT, re.I)


class _StudiedCue:
    r"""``_STUDIED.search`` told true or false faster: its "... student" branch (a slow scan: it
    tries ``\w+ing`` at every position) only runs on a sentence that says "student"."""

    words = re.compile(_STUDIED_WORDS, re.I)
    student = re.compile(_STUDENT, re.I)

    def search(self, sentence):
        if self.words.search(sentence):
            return True
        if "student" not in sentence.lower() and not FOLDS_TO_ASCII_RE.search(sentence):
            return None
        return self.student.search(sentence)
_RECRUITED = re.compile(
    r"\b(recruit\w*|sourc(ed|ing) (\w+ )?(candidates|engineers|developers|nurses|accountants|analysts|talent|"
    r"profiles)|talent acquisition|headhunt\w*|hiring (of|for|pipeline|managers)|hired \d+|"
    r"interview(ed|ing) (\w+ )?(candidates|applicants)|screen(ed|ing) (cvs|resumes|candidates|applicants)|"
    r"placed \d+|staffing|job (ads|postings|descriptions))\b", re.I)
_AUDITED = re.compile(
    r"\b(audit(ed|ing|s|or|ors)?|compliance (review|checks?|assessments?)|inspect(ed|ions?)|"
    r"assess(ed|ing) (the )?compliance|(reviewed|tested|evaluated) (\w+ )?(controls|compliance))\b", re.I)
_TESTED = re.compile(
    r"\b(qa|quality assurance|tester|test (cases|plans|scripts|suites) for|manual(ly)? test\w*|"
    r"tested (the |their |others' )?(\w+ )?(software|applications?|features|builds|releases|products?|apps?|"
    r"systems?|code|services|apis?)( (built|written|developed|made|delivered) by)?|user acceptance testing|uat|"
    r"bug reports?|regression test\w*|filed (bugs|defects))\b", re.I)
_BUILT_FOR = re.compile(
    r"\b(built|build|developed|develop|designed|created|wrote|implemented|maintained|programmed|delivered)\b"
    r"[^.;]{0,60}\b(software|tools?|apps?|applications?|systems?|platforms?|dashboards?|portals?|solutions?|"
    r"websites?|plugins?|scheduling|charting|features|modules|reports|integrations|exports?|viewers?|"
    r"programs?|interfaces?|simulators?|calculators?|services)\b[^.;]{0,40}\b(for|used by|helping|that helps?)\b",
    re.I)
_MANAGED = re.compile(
    r"(\b(managed|supervised|oversaw|led|headed|directed|coordinated|managing|supervising|leading)\b"
    r"[^.;]{0,25}\b(team|teams|group|department|unit|staff|crew|people|reports|\d+ \w+)\b|"
    r"\b(supervis(ed|ing)|oversaw|overseeing)\b|"
    r"\b(team lead(er)?|line manager|people manager|head of|manager of|director of|managed \d+|"
    r"nurse manager|engineering manager|finance manager|maintenance manager|responsible for (a|the) team))", re.I)
# Order matters when several fire: the most specific relation wins.
CUES = [
    ("aspires", _ASPIRES),
    ("recruited", _RECRUITED),
    ("built_for", _BUILT_FOR),
    ("audited", _AUDITED),
    ("tested", _TESTED),
    ("managed", _MANAGED),
    ("studied", _StudiedCue()),
]

# Encoder prototypes: fallback when no cue phrase fires. Topic-neutral phrasing so
# the similarity reflects the relation, not the field.
PROTOTYPES = {
    DID: [
        "I did this work myself every day for several years.",
        "Hands-on, I personally carried out the work and delivered the results.",
    ],
    "studied": ["I learned about this topic in a university course.", "I completed a training program on it."],
    "aspires": ["I hope to start a career doing this work.", "My ambition is to get my first job in this field."],
    "managed": ["I managed the team of people who did this work.", "I supervised staff and their schedules."],
    "recruited": ["I hired and recruited people for these positions.", "I interviewed candidates for these roles."],
    "tested": ["I checked other people's work for defects before release."],
    "audited": ["I reviewed other people's work for compliance as an external auditor."],
    "built_for": ["I built a software application that people in this profession use."],
}
PROTOTYPE_MIN_SIM = 0.5
PROTOTYPE_MARGIN = 0.1

# A job whose title is this relation keeps full weight for it.
_JOB_OWN = {
    "managed": re.compile(r"\b(manager|lead|head|director|supervisor|chief)\b", re.I),
    "recruited": re.compile(r"\b(recruit\w*|talent|sourcer|hr)\b", re.I),
    "tested": re.compile(r"\b(qa|test\w*|quality)\b", re.I),
    "audited": re.compile(r"\b(audit\w*|compliance)\b", re.I),
    "built_for": re.compile(r"\b(developer|programmer|software|architect)\b", re.I),
    "studied": re.compile(r"\b(intern|trainee|graduate|student|apprentice)\b", re.I),
}

_SEP_RE = re.compile(r"[,;|/\u2022]")
_KW_HEAD_RE = re.compile(r"^\s*(skills|keywords|technologies|tools|tech stack|competenc\w+|expertise)\s*:", re.I)
_VERB_RE = re.compile(r"\b(\w{3,}(ed|ing)|am|is|was|were|have|has|did|do|led|built|ran|wrote|made|set)\b", re.I)


def is_keyword_list(sentence):
    """A bare list of terms (no verbs, mostly separators): claims, not experience."""
    if _KW_HEAD_RE.match(sentence):
        return True
    seps = len(_SEP_RE.findall(sentence))
    words = len(sentence.split())
    if (seps >= 4 and words / (seps + 1) <= 3.5) or (seps >= 3 and words / (seps + 1) <= 2.5):
        return True
    if seps >= 3 and words / (seps + 1) <= 3.0:
        body = _SEP_RE.sub(" ", sentence)
        return len(_VERB_RE.findall(body)) <= 1
    return False


def cue_relation(sentence):
    if is_keyword_list(sentence):
        return "keyword_list"
    for relation, pattern in CUES:
        if pattern.search(sentence):
            return relation
    return None


def classify(sentences, embeddings=None, prototype_embeddings=None):
    """Relation per sentence: cue phrases, then prototypes (if given), else 'did'."""
    relations = [cue_relation(sentence) for sentence in sentences]
    todo = [i for i, rel in enumerate(relations) if rel is None]
    if todo and embeddings is not None and prototype_embeddings:
        names = list(prototype_embeddings)
        mats = [np.asarray(prototype_embeddings[name]) for name in names]
        owner = np.concatenate([[k] * len(m) for k, m in enumerate(mats)])
        sims_all = np.asarray(embeddings)[todo] @ np.concatenate(mats).T  # (t, P), one product
        per_rel = np.full((len(todo), len(names)), -np.inf, dtype=np.float32)
        for k in range(len(names)):
            per_rel[:, k] = sims_all[:, owner == k].max(axis=1)
        did = names.index(DID) if DID in names else None
        for row, idx in enumerate(todo):
            sims = per_rel[row]
            others = [k for k in range(len(names)) if k != did]
            best = max(others, key=lambda k: sims[k])
            did_sim = sims[did] if did is not None else 0.0
            if sims[best] >= PROTOTYPE_MIN_SIM and sims[best] >= did_sim + PROTOTYPE_MARGIN:
                relations[idx] = names[best]
    return [rel or DID for rel in relations]


def relation_weights(relations, job_title=""):
    weights = []
    for relation in relations:
        own = _JOB_OWN.get(relation)
        if own is not None and own.search(job_title or ""):
            weights.append(1.0)
        else:
            weights.append(RELATION_WEIGHTS.get(relation, 1.0))
    return np.asarray(weights, dtype=np.float32)
