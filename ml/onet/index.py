"""The shipped O*NET index (ml/onet/data), loaded once per process, and text -> occupation mapping.

Everything heavy (embedding 14,000 task statements and 1,016 titles) was done by ``ml.onet.build``;
at request time this module only multiplies a few CV-sentence embeddings with a 1,016 x 384 matrix.
"""
import gzip
import json
import os
import re
import threading
from collections import Counter

import numpy as np

from .text_norm import norm, tech_aliases, tokens

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
TIER_WEIGHTS = {"Primary-Short": 0.7, "Primary-Long": 0.5, "Supplemental": 0.25}
MAX_TITLE_NGRAM = 6
# a one-word technology alias cut from product names (not itself an O*NET example name, like
# "pandas") that few occupations list or several products share is often an ordinary word ("Adobe
# Contribute", "Keane SCORE", "Chat software", "ASPEN PLUS"): it counts only where the text writes it
# as a name
AMBIGUOUS_TECH_MAX_OCCUPATIONS = 4
# One-word technology names of the index that O*NET 29.2 task statements also start with, as their
# verb ("Analyze data...", "Validate test results...", "Dispatch drivers..."; British spellings of
# the same verbs included): a posting's sentence that starts with one of them names that work, not
# the product ("Analyse campaign results" is not Analyse-it). task_verb_names() recomputes the list
# from ../shared/data (tested).
TASK_VERB_TECH = frozenset({"act", "analyse", "audition", "bind", "blast", "contribute", "dispatch", "harvest",
                            "interact", "pass", "score", "total", "validate"})

# Role kinds from the SOC structure of the taxonomy (codes, not phrases): who manages, supervises,
# teaches, recruits for, tests, inspects or builds software for the work of an occupation.
KINDS = ("work", "manager", "supervisor", "teacher", "hr", "software", "qa", "inspector")
ADJACENT_KINDS = ("manager", "supervisor", "teacher", "hr", "software", "qa", "inspector")


def kind_of(code, title):
    major, minor = code[:2], code[3:7]
    if major == "11":
        return "manager"
    if major >= "31" and minor.startswith("1") and "Supervisors" in title:
        return "supervisor"
    if major == "25" and minor[:1] in ("1", "2", "3"):
        return "teacher"
    if code.startswith(("13-1071", "13-1075", "13-1141")):
        return "hr"
    if code.startswith("15-1253"):
        return "qa"
    if code.startswith(("15-1251", "15-1252", "15-1254", "15-1255")):
        return "software"
    if "Inspectors" in title or "Testers" in title or "Auditors" in title:
        return "inspector"
    return "work"


class OnetIndex:
    def __init__(self, data_dir=DATA_DIR):
        arrays = np.load(os.path.join(data_dir, "onet_index.npz"))
        with gzip.open(os.path.join(data_dir, "onet_meta.json.gz"), "rt", encoding="utf-8") as fh:
            meta = json.load(fh)
        self.meta_version = meta["version"]
        self.attribution = meta["attribution"]
        self.codes = meta["codes"]
        self.titles = meta["titles"]
        self.pos = {c: k for k, c in enumerate(self.codes)}
        self.dim = int(meta["dim"])
        self.title_emb = arrays["title"].astype(np.float32)
        self.task_emb = arrays["task"].astype(np.float32)
        self.dwa_emb = arrays["dwa"].astype(np.float32)
        self.kinds = [kind_of(c, t) for c, t in zip(self.codes, self.titles)]
        self.kind_idx = np.array([KINDS.index(k) for k in self.kinds])
        # the military occupations (SOC major group 55): a civilian job or CV line is none of them
        self.military = np.array([c.startswith("55-") for c in self.codes])
        n = len(self.codes)
        # related occupations as a dense matrix of tier weights (1,016^2 float32 = 4 MB)
        self.related = np.zeros((n, n), np.float32)
        for code, rel in meta["related"].items():
            i = self.pos[code]
            for other, tier in rel:
                j = self.pos.get(other)
                if j is not None:
                    self.related[i, j] = max(self.related[i, j], TIER_WEIGHTS.get(tier, 0.0))
        np.fill_diagonal(self.related, 1.0)
        self.alt_titles = {k: [self.pos[c] for c in v if c in self.pos] for k, v in meta["alt_titles"].items()}
        self.idf = meta["idf"]
        self.max_idf = max(self.idf.values()) if self.idf else 1.0
        self.tech = {}
        for code, names in meta["tech"].items():
            for alias, hot in names:
                self.tech.setdefault(alias, []).append(self.pos[code])
        self.tech_max_words = max((len(a.split()) for a in self.tech), default=1)
        self.tech_ambiguous = _ambiguous_tech(self.tech)
        self.tech_ordinary = _ordinary_word_tech(self.tech)
        # longest name starting with each word: the look-ups only try lengths that can match
        self.tech_first, self.title_first = {}, {}
        for first, table in ((self.tech_first, self.tech), (self.title_first, self.alt_titles)):
            for name in table:
                words = name.split()
                first[words[0]] = max(first.get(words[0], 0), len(words))

    # -------------------------------------------------------------- lexical
    def word_idf(self, word):
        return self.idf.get(word, self.max_idf)

    def find_titles(self, text, min_words=1, max_codes=6, toks=None):
        """{occupation position: longest matching alternate-title length} for titles in ``text``
        (or in its already tokenised ``toks``)."""
        toks = tokens(text) if toks is None else toks
        found = {}
        for start, word in enumerate(toks):
            longest = min(self.title_first.get(word, 0), MAX_TITLE_NGRAM, len(toks) - start)
            for n in range(longest, min_words - 1, -1):
                hits = self.alt_titles.get(" ".join(toks[start:start + n]))
                if hits and len(hits) <= max_codes:
                    for k in hits:
                        found[k] = max(found.get(k, 0), n)
        return found

    def find_tech(self, text, toks=None, posting=False):
        """Technology names (O*NET technology examples and their aliases) mentioned in ``text``
        (or in its already tokenised ``toks``); an ambiguous one-word alias only where ``text``
        writes it as a name (written_as_name). ``posting``: the text is a job's, whose author writes
        a product with its capital, so a one-word name that is also an ordinary word ("go", "slides",
        "deployment", "analyse") counts only where it is not written in lower case alone ("people go
        with our clients" names no language)."""
        toks = tokens(text) if toks is None else toks
        out = []
        i = 0
        while i < len(toks):
            for n in range(min(self.tech_first.get(toks[i], 0), len(toks) - i), 0, -1):
                cand = " ".join(toks[i:i + n])
                if cand in self.tech:
                    out.append(cand)
                    i += n - 1
                    break
            i += 1
        found = [t for t in dict.fromkeys(out) if t not in self.tech_ambiguous or written_as_name(t, text)]
        if posting:
            found = [t for t in found if t not in self.tech_ordinary or not _lower_case_only(t, text)]
            found = [t for t in found if t not in TASK_VERB_TECH or written_as_name(t, text)]
        return found

    def task_verb_names(self, task_statements):
        """The one-word ordinary technology names that start O*NET task statements (as a verb, in
        US or British spelling): what TASK_VERB_TECH lists."""
        first = {m.group(0).lower() for m in (re.match(r"[A-Za-z]+", t) for t in task_statements) if m}
        return frozenset(a for a in self.tech_ordinary
                         if {a, re.sub(r"yse$", "yze", a), re.sub(r"ise$", "ize", a)} & first)

    # -------------------------------------------------------------- semantic
    def sentence_sims(self, emb):
        """(n, occupations) cosine of sentences to each occupation's task centroid."""
        emb = np.asarray(emb, np.float32)
        if not len(emb) or emb.shape[1] != self.dim:
            return np.zeros((len(emb), len(self.codes)), np.float32)
        return emb @ self.task_emb.T

    def civilian(self, sims, text):
        """``sims`` (occupations last) with the military occupations out of reach unless ``text``
        speaks of the armed forces: "Contact Centre Team Leader" is no "Command and Control Center
        Officer", "Shift Leader" no "Military Officer Special and Tactical Operations Leader"."""
        if _MILITARY_RE.search(text or ""):
            return sims
        sims = np.array(sims, dtype=np.float32, copy=True)
        sims[..., self.military] = -1.0
        return sims

    def title_sims(self, emb):
        return np.asarray(emb, np.float32) @ self.title_emb.T


_MILITARY_RE = re.compile(
    r"\b(army|navy|naval|air force|raf|royal marines?|marine corps|military|armed forces|regiment|battalion|"
    r"infantry|artillery|cavalry|squadron|platoon|brigade|soldiers?|sergeant|corporal|lieutenant|"
    r"special forces|national guard|reservists?|nco)\b", re.I)

_lock = threading.Lock()
_index = None


def _example_names():
    from ..cv.skills import onet_names

    return [name for name, _occupations, _hot in onet_names()]


def _ambiguous_tech(tech):
    """One-word aliases that are not an O*NET example name themselves and that few occupations list
    ("contribute" of "Adobe Contribute") or that several products share ("plus" of "ASPEN PLUS" and
    "S-PLUS", "cloud" of "Google Cloud" and "IBM Cloud"): they name no one technology."""
    names = _example_names()
    full_names = {norm(name) for name in names}
    products = Counter(alias for name in names for alias in tech_aliases(name))
    return frozenset(a for a, positions in tech.items()
                     if " " not in a and a not in full_names
                     and (len(set(positions)) <= AMBIGUOUS_TECH_MAX_OCCUPATIONS or products[a] >= 2))


def english_words():
    """The whole lower-case words of the packaged encoder's WordPiece vocabulary: the frequent words of
    its English training text (empty when the package is absent)."""
    from ..runtime import ModelFileError
    from ..text_encoder import default_encoder_dir

    try:
        with open(os.path.join(default_encoder_dir(), "vocab.txt"), encoding="utf-8") as fh:
            return frozenset(w for w in (line.strip() for line in fh) if w.isalpha() and w.islower())
    except (ModelFileError, OSError):
        return frozenset()


def _ordinary_word_tech(tech):
    """One-word technology names that are also ordinary words: an alias cut from a product name
    ("analyse" of "Analyse-it", "deployment" of "Deployment software") or a frequent English word
    ("go", "slides", "python"); "pandas" and "numpy", example names and no English words, are not.
    An example name counts as written only ("Analyse-it" is not "analyse")."""
    full_names = {name.lower() for name in _example_names()}
    english = english_words()
    return frozenset(a for a in tech if " " not in a and (a not in full_names or a in english))


def _occurrences(word, text):
    """The matches of ``word`` as a whole word in ``text``, any case."""
    return re.finditer(r"(?<!\w)%s(?!\w)" % re.escape(word), text or "", re.I)


def _lower_case_only(word, text):
    found = [m.group(0) for m in _occurrences(word, text)]
    return bool(found) and all(f == f.lower() for f in found)


_SENTENCE_START = ".!?:;|\n"


def written_as_name(word, text):
    """``word`` occurs in ``text`` in capitals ("OSPF", "SCORE") or capitalised inside a sentence
    ("on Oracle"), not only in lower case or as the first word of a sentence or a line."""
    for m in _occurrences(word, text):
        found = m.group(0)
        if found == found.lower():
            continue
        if found[1:] == found[1:].lower():  # capitalised: a name unless it starts a sentence or a line
            before = text[:m.start()].rstrip(" \t\"'(*-\u2013\u2022")
            if not before or before[-1] in _SENTENCE_START:
                continue
            if re.search(r"(?i)(?<!\w)the$", before):  # "in the World": a noun written with a capital
                continue
        return True
    return False


def get_index():
    """The process-wide index, or None when its data files are absent (then fit runs without it)."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                if not os.path.isfile(os.path.join(DATA_DIR, "onet_index.npz")):
                    return None
                _index = OnetIndex()
    return _index


def available():
    return os.path.isfile(os.path.join(DATA_DIR, "onet_index.npz"))


def job_title_key(title):
    return norm(re.sub(r"\(.*?\)", " ", title or ""))
