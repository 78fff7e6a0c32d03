"""Zero-shot fit: occupation-grounded evidence, requirement coverage and lexical evidence, 0-100.

The CV is chunked into claims by the CV parser (ml.cv.structure: one per bullet or sentence;
education-section claims count as study). Each job requirement is compared with every claim; a
claim's similarity is scaled by its role weight (roles.py relations, and the O*NET role kind of the
occupations the claim is closest to: managers, supervisors, teachers, HR, software, QA and
inspectors count less unless the job is of that kind). With the shipped O*NET 29.2 index
(ml/onet), the score is a logistic of

    W_LEXICAL x lexical cosine (sublinear tf x IDF: O*NET's blended with the company's own
                documents', lexical.py; exact technology and trade words)
  + W_COVERAGE x requirement coverage (semantic, role-weighted)
  + W_OCCUPATION x occupation match (the CV's occupation profile against the job's occupations
                   and their O*NET related occupations of the same role kind)

with weights and calibration chosen on the dev split of tools/eval_fit_real.py (real CVs nobody here
wrote). Without the index (another encoder configured) the score is the older requirement coverage
+ skill overlap logistic. Bands: strong >= 75, good >= 55, possible >= 35, weak below; guards in
guard.py (no 'strong' while most requirements are missing, no 'good' without hands-on evidence).
"""
import re
from dataclasses import dataclass, field

import numpy as np

from ..cv import dates as cv_dates
from . import lexical, roles, text as fit_text

BANDS = (("strong", 75.0), ("good", 55.0), ("possible", 35.0), ("weak", -1.0))
# similarity (already relation-weighted) -> requirement status
MET_SIM = 0.55
PARTLY_SIM = 0.40
# linear ramp of a requirement's contribution between these similarities
RAMP_LO = 0.25
RAMP_HI = 0.65
COVERAGE_WEIGHT = 0.75
SKILL_WEIGHT = 0.25
DECLARED_SKILL_CREDIT = 0.5  # a skill record on the candidate, without a CV sentence proving it
SKILL_SIM_LO = 0.35
SKILL_SIM_HI = 0.6
CAL_CENTER = 0.38
CAL_SCALE = 0.09
ZERO_SHOT_VERSION = "zs-1"


def band(score):
    if score is None:
        return False
    for name, threshold in BANDS:
        if score >= threshold:
            return name
    return "weak"


@dataclass
class JobProfile:
    title: str
    requirements: list
    req_emb: np.ndarray
    skills: list
    skill_emb: np.ndarray = None
    onet: dict = None


@dataclass
class CvProfile:
    sentences: list
    emb: np.ndarray
    relations: list
    weights: np.ndarray
    declared_skills: list = field(default_factory=list)
    onet: dict = None
    entries: list = field(default_factory=list)  # [title, years, [chunk positions], month span] per dated entry


@dataclass
class FitResult:
    score: float
    band: str
    requirements: list  # dicts: requirement, status, similarity, sentence, relation
    matched_skills: list
    missing_skills: list
    coverage: float
    skill_overlap: float
    raw: float
    signals: dict = field(default_factory=dict)
    occupations: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def job_requirements(job):
    """Requirements of a job dict {name, description, requirements, skills}."""
    reqs = fit_text.extract_requirements(job.get("description") or "", job.get("requirements") or "")
    if not reqs:
        reqs = [r for r in [job.get("name") or ""] if r]
    return reqs


def prepare_job(job, encode):
    reqs = job_requirements(job)
    skills = [s for s in (job.get("skills") or []) if s]
    emb = np.asarray(encode(reqs + skills), np.float32) if reqs or skills else np.zeros((0, 1), np.float32)
    return JobProfile(job.get("name") or "", reqs, emb[: len(reqs)], skills, emb[len(reqs):])


STRUCTURED = True  # evidence chunks = the claims of ml.cv.structure (one per bullet / sentence)


def chunk_cv(text, today=None):
    """(chunks, section kinds, entries) of a redacted CV text: the claims of the CV parser
    (ml.cv.structure, one claim per bullet or sentence, never merged lines), else sentence
    splitting. ``entries``: [title, years, [chunk positions], [first month, end month]] per dated
    work-history entry (months as ml.cv.dates.month_index counts them)."""
    if STRUCTURED:
        from ..cv import structure

        parsed = structure.parse_text(text)
        out, kinds, seen, owner = [], [], set(), []
        for claim in parsed.claims:
            words = claim.text.split()
            for start in range(0, len(words), fit_text.MAX_CHUNK_WORDS):
                chunk = " ".join(words[start:start + fit_text.MAX_CHUNK_WORDS]).strip()
                key = chunk.lower()
                if len(chunk) < fit_text.MIN_CHUNK_CHARS or key in seen or len(out) >= fit_text.MAX_CHUNKS:
                    continue
                seen.add(key)
                out.append(chunk)
                kinds.append(claim.section_kind)
                owner.append(claim.experience_index)
        if out or parsed.message is None:
            now = cv_dates.today_date(today)
            entries = []
            for e, exp in enumerate(parsed.experiences):
                end = exp.end or (now if exp.current else None)
                if not exp.start or not end:
                    continue
                span = [cv_dates.month_index(exp.start), cv_dates.month_index(end, end=True)]
                months = span[1] - span[0]
                if 0 < months < 600:
                    entries.append([exp.title or "", round(months / 12.0, 2), [i for i, o in enumerate(owner) if o == e],
                                    span])
            return out, kinds, entries
    sentences = fit_text.split_sentences(text)
    return sentences, ["other"] * len(sentences), []


_SECTION_RELATIONS = {"education": "studied", "skills": roles.LISTED}


def section_relations(relations, kinds):
    """A claim of the education section is study, one of the skills section a listed skill, whatever
    its verbs (the CV's structure, not a cue)."""
    return [_SECTION_RELATIONS.get(kind, rel) if rel == roles.DID else rel for rel, kind in zip(relations, kinds)]


def prepare_cv(cv_text, encode, job_title="", declared_skills=(), names=(), prototypes=None):
    """Redact, chunk and encode a CV. ``prototypes``: {relation: (k, d) array} or None."""
    text = fit_text.truncate(cv_text)
    text = fit_text.redact(text, names=names)
    sentences, kinds, entries = chunk_cv(text)
    emb = np.asarray(encode(sentences), np.float32) if sentences else np.zeros((0, 1), np.float32)
    relations = section_relations(roles.classify(sentences, emb if sentences else None, prototypes), kinds)
    weights = roles.relation_weights(relations, job_title)
    return CvProfile(sentences, emb, relations, weights, list(declared_skills or []), entries=entries)


def skill_overlap(job_skills, cv, skill_emb=None):
    """Evidence-weighted share of the job's skills found in the CV: a skill named
    (or paraphrased, by encoder similarity) in a sentence gets that sentence's
    relation weight; a declared skill record without evidence gets half."""
    if not job_skills:
        return None, [], []
    lowered = [s.lower() for s in cv.sentences]
    declared = {fit_text.normalize_skill(s) for s in cv.declared_skills}
    sims = None
    if skill_emb is not None and len(skill_emb) == len(job_skills) and len(cv.sentences):
        sims = np.clip((skill_emb @ cv.emb.T - SKILL_SIM_LO) / (SKILL_SIM_HI - SKILL_SIM_LO), 0.0, 1.0)
    matched, missing, credits = [], [], []
    for k, skill in enumerate(job_skills):
        credit = 0.0
        for idx, sent in enumerate(lowered):
            evidence = 1.0 if fit_text.find_skill(skill, sent) else (float(sims[k, idx]) if sims is not None else 0.0)
            credit = max(credit, evidence * float(cv.weights[idx]))
        if fit_text.normalize_skill(skill) in declared:
            credit = max(credit, DECLARED_SKILL_CREDIT)
        credits.append(credit)
        (matched if credit >= DECLARED_SKILL_CREDIT else missing).append(skill)
    return float(np.mean(credits)), matched, missing


def calibrate(raw):
    return float(100.0 / (1.0 + np.exp(-(raw - CAL_CENTER) / CAL_SCALE)))


def _unique_names(names):
    """Names once each, whatever their case, in the first spelling met: the job's skill records
    ("Ticketing Systems") come before the same name found as an O*NET technology ("ticketing systems")."""
    seen, out = set(), []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def score(job, cv):
    """FitResult or None when the CV has no text (no score, never a silent 0)."""
    if not cv.sentences:
        return None
    grounded = job.onet is not None and cv.onet is not None
    weights = cv.weights
    if grounded:
        weights = np.minimum(weights, onet_sentence_weights(job, cv))
    reqs = []
    if job.requirements:
        sims = job.req_emb @ cv.emb.T  # (m, n)
        weighted = np.where(sims > 0, sims * weights[None, :], sims)
        best = weighted.argmax(axis=1)
        cov = weighted[np.arange(len(job.requirements)), best]
        ramp = np.clip((cov - RAMP_LO) / (RAMP_HI - RAMP_LO), 0.0, 1.0)
        coverage = float(ramp.mean())
        for i, req in enumerate(job.requirements):
            value = float(cov[i])
            status = "met" if value >= MET_SIM else "partly" if value >= PARTLY_SIM else "missing"
            reqs.append({
                "requirement": req,
                "status": status,
                "similarity": round(value, 4),
                "sentence": cv.sentences[best[i]] if status != "missing" or value > RAMP_LO else "",
                "relation": cv.relations[best[i]],
                "weight": round(float(cv.weights[best[i]]), 4),
                "role_weight": round(float(weights[best[i]]), 4),
            })
    else:
        coverage = 0.0
    overlap, matched, missing = skill_overlap(job.skills, cv, job.skill_emb)
    signals = {"coverage": coverage}
    occupations = []
    if grounded:
        occ, term_cov, tech_cov, tech_matched, tech_missing, lexical = onet_signals(job, cv)
        signals.update(occupation=occ, terms=term_cov, tech=tech_cov if tech_cov is not None else 0.0,
                       lexical=lexical)
        # years of the dated entries whose work is the job's occupation (or a related one of its kind)
        # (jobs held at the same time counted once)
        in_occ = [span for _t, _y, pos, span in cv.onet["entries"]
                  if pos is not None and job.onet["weights"][pos] >= 0.5]
        signals["years_in_occupation"] = round(cv_dates.covered_months(in_occ) / 12.0, 1)
        signals["dated_entries"] = len(cv.onet["entries"])
        signals["entries_in_occupation"] = len(in_occ)
        raw = W_LEXICAL * lexical + W_COVERAGE * coverage + W_OCCUPATION * occ
        value = round(float(100.0 / (1.0 + np.exp(-(raw - ONET_CENTER) / ONET_SCALE))), 2)
        matched = _unique_names(matched + tech_matched)
        taken = {t.casefold() for t in matched}
        missing = [t for t in _unique_names(missing + tech_missing) if t.casefold() not in taken]
        overlap = overlap if overlap is not None else (tech_cov or 0.0)
        occupations = job.onet["occupations"]
    else:
        if overlap is None:
            raw = coverage
            overlap = 0.0
        else:
            raw = COVERAGE_WEIGHT * coverage + SKILL_WEIGHT * overlap
        value = round(calibrate(raw), 2)
    return FitResult(value, band(value), reqs, matched, missing, coverage, overlap, raw, signals, occupations)


class Scorer:
    """The zero-shot scorer as Odoo serves it (redaction, chunking, relations, O*NET, guard), for
    scripts and tests: ``prepare_job(dict)``, ``prepare_cv(text)``, ``score(job, cv)``.
    ``corpus``: the company's document frequencies (lexical.CorpusIdf; Odoo keeps one per company),
    None for O*NET's word weights alone."""

    def __init__(self, encode, use_onet=True, use_roles=True, corpus=None):
        from ..onet import index as onet_index

        self.encode = encode
        self.corpus = corpus
        self.index = onet_index.get_index() if use_onet else None
        self.use_roles = use_roles
        self.prototypes = {name: encode(s) for name, s in roles.PROTOTYPES.items()} if use_roles else None

    def prepare_job(self, job):
        return enrich_job(prepare_job(job, self.encode), self.index, self.encode, raw=job, corpus=self.corpus)

    def prepare_cv(self, text, names=(), declared_skills=(), job_title=""):
        from .. import input_check

        text = input_check.clean_text(text)  # as Odoo gathers a CV's text
        cv = prepare_cv(text, self.encode, job_title=job_title, declared_skills=declared_skills, names=names,
                        prototypes=self.prototypes)
        if not self.use_roles:
            cv.relations = [roles.DID] * len(cv.sentences)
            cv.weights = np.ones(len(cv.sentences), np.float32)
        return enrich_cv(cv, self.index, fit_text.readable_cv(text, names=names), corpus=self.corpus,
                         encode=self.encode)

    def score(self, job, cv):
        from . import guard

        if self.use_roles and cv.sentences:
            cv.weights = roles.relation_weights(cv.relations, job.title)
        result = score(job, cv)
        if result is not None:
            result.notes = guard.apply_all(result)
        return result


# ---------------------------------------------------------------- O*NET grounding
# The job and every CV sentence are placed among the 1,016 O*NET 29.2 occupations (ml/onet): the
# job by its title and requirements, a sentence by the occupation whose task statements it is
# closest to. A CV is evidence for the job when its sentences do the work of the job's occupation
# (or of a closely related one, by O*NET's relatedness tiers); sentences whose nearest occupations
# are of another role kind (managers, supervisors, teachers, HR, software, QA, inspectors: from the
# SOC codes) count less, unless the job is of that kind itself. Exact technology names (O*NET
# technology examples and the job's skills) and the job's distinctive words (IDF over occupations)
# add lexical evidence.
OCC_TAU = 0.03          # softmax temperature over occupation similarities
OCC_TOPK = 10
JOB_TOP = 5
ADJ_PENALTY = 0.6       # weight lost by a sentence whose occupations are all of an adjacent kind
TITLE_HIT_BONUS = 0.04  # a CV line naming an alternate title of an occupation
# score = 100 * logistic((W . [lexical, coverage, occupation] - CENTER) / SCALE). Weights chosen on
# the dev split of tools/eval_fit_real.py (real CVs by category + did-the-work vs adjacent sets);
# CENTER / SCALE from a logistic fit of relevance on the dev pairs (class-balanced). Measured there
# and left out of the score (weight 0): O*NET technology-name coverage and IDF term coverage (no
# gain over the lexical cosine); they still list matched / missing technologies in the explanation.
W_LEXICAL = 6.0
W_COVERAGE = 1.0
W_OCCUPATION = 1.0
ONET_CENTER = 0.90
ONET_SCALE = 0.23
ONET_VERSION = "zs-2-onet"


def _softmax_rows(mat, tau):
    mat = np.asarray(mat, np.float32)
    z = (mat - mat.max(axis=-1, keepdims=True)) / tau
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def enrich_job(job, index, encode, raw=None, corpus=None):
    """Attach O*NET grounding to a JobProfile: occupation weights, kind, terms, technologies;
    ``corpus``: the company's document frequencies (lexical.CorpusIdf) for its word weights."""
    if index is None or job.req_emb.shape[-1] != index.dim:
        job.onet = None
        return job
    from ..onet.text_norm import tokens, us_title

    onet_title = us_title(job.title)  # "Warehouse Team Leader" as O*NET writes it: "Warehouse Supervisor"
    title_emb = np.asarray(encode([onet_title or " "]), np.float32)
    s = 0.5 * index.title_sims(title_emb)[0]
    if len(job.requirements):
        s = s + 0.5 * index.sentence_sims(job.req_emb).mean(axis=0)
    else:
        s = s * 2.0
    for k, n in index.find_titles(onet_title).items():
        s[k] += 0.02 * n
    s = index.civilian(s, " ".join([job.title or ""] + list(job.requirements) + [(raw or {}).get("description") or ""]))
    top = np.argsort(-s)[:JOB_TOP]
    q = _softmax_rows(s[top], OCC_TAU)
    weights = (q[:, None] / q.max() * index.related[top]).max(axis=0)  # (occupations,)
    main_kind = index.kinds[int(top[0])]
    own_kinds = sorted({index.kinds[int(k)] for k in top[:3]})
    same_kind = np.array([k in own_kinds for k in index.kinds])
    # a related occupation of another role kind (its manager, its teacher) is not the job's work
    weights = np.where(same_kind, weights, 0.0)
    weights[top] = np.maximum(weights[top], q / q.max())
    # one line each: a requirement's first word starts a line (written_as_name)
    text = "\n".join([job.title] + list(job.requirements) + list(job.skills))
    if raw:
        full = " ".join([job.title, fit_text.html_to_text(raw.get("description") or ""), raw.get("requirements") or "",
                         " ".join(job.skills)])
    else:
        full = text
    terms = {}
    for t in tokens(text):
        idf = index.word_idf(t)
        if idf >= 2.0 and len(t) > 1:
            terms[t] = idf
    tech = list(dict.fromkeys(index.find_tech(text, posting=True) + [s.lower() for s in job.skills]))
    words = tokens(full)
    job.onet = {"tokens": words, "vec": lexical.term_vector(words, index, corpus),
                "occupations": [(index.codes[int(k)], index.titles[int(k)]) for k in top[:3]],
                "top": [int(k) for k in top], "q": q, "weights": weights.astype(np.float32), "kind": main_kind, "kinds": own_kinds,
                "terms": terms, "tech": tech}
    return job


def enrich_cv(cv, index, text=None, corpus=None, encode=None):
    """Attach O*NET grounding to a CvProfile: per-sentence occupation sims (top-k), the CV's
    occupation profile, its words and technology names, and each dated entry's occupation as CV
    parsing places it (``ml.cv.occupation``: its title first, then its lines; ``encode`` reads the
    titles; without it, O*NET's alternate titles alone, as CV parsing without an encoder)."""
    from ..cv import occupation

    if index is None or not len(cv.sentences) or cv.emb.shape[-1] != index.dim:
        cv.onet = None
        return cv
    from ..onet.text_norm import tokens

    body = "\n".join(cv.sentences) if text is None else text
    sims = index.civilian(index.sentence_sims(cv.emb), body)  # (n, occupations)
    kk = min(OCC_TOPK, sims.shape[1] - 1)
    top = np.argpartition(-sims, kk, axis=1)[:, :OCC_TOPK]
    top_sims = np.take_along_axis(sims, top, axis=1)
    probs = _softmax_rows(top_sims, OCC_TAU)
    k = min(3, len(cv.sentences))
    z = -np.partition(-sims, k - 1, axis=0)[:k].mean(axis=0)
    words = tokens(body)
    for pos, n in index.find_titles(body, min_words=2, toks=words).items():
        z[pos] += TITLE_HIT_BONUS
    profile = _softmax_rows(z[None, :], OCC_TAU)[0]
    dated = [entry for entry in cv.entries or () if entry[2]]
    named = sorted({occupation.entry_title(entry[0]) for entry in dated} - {""})
    title_vecs = {}
    if encode is not None and named:
        emb = encode(named)
        emb = np.asarray(emb, np.float32) if emb is not None else None
        if emb is not None and emb.shape == (len(named), index.dim):
            title_vecs = dict(zip(named, emb))
    jobs = []
    for title, years, idx, span in dated:
        key, lines = occupation.entry_title(title), idx[:occupation.MAX_LINES]
        vec = title_vecs.get(key)
        pos = occupation.entry_occupation(
            index, key, index.title_sims(vec[None, :])[0] if vec is not None else None, sims[lines].mean(axis=0),
            " ".join([title] + [cv.sentences[i] for i in lines]))
        jobs.append((title, float(years), pos, tuple(span)))
    cv.onet = {"entries": jobs, "tokens": words, "vec": lexical.term_vector(words, index, corpus), "top": top,
               "probs": probs, "profile": profile.astype(np.float32),
               "words": set(words), "tech": set(index.find_tech(body, toks=words)), "kinds": index.kind_idx,
               "joined": {_name_key(w) for w in words} | {_name_key(a + b) for a, b in zip(words, words[1:])
                                                          if len(a) > 1 and len(b) > 1}}
    return cv


def reweigh(profile, index, corpus):
    """Recompute a grounded job or CV profile's lexical vector with the company's current corpus
    (a cached profile outlives the corpus it was first weighed with)."""
    if profile is not None and profile.onet is not None:
        profile.onet["vec"] = lexical.term_vector(profile.onet["tokens"], index, corpus)
    return profile


def onet_sentence_weights(job, cv):
    """Per CV sentence, 1 - ADJ_PENALTY x (share of its nearest occupations that are of an adjacent
    role kind the job is not)."""
    from ..onet.index import KINDS, ADJACENT_KINDS

    kinds = cv.onet["kinds"][cv.onet["top"]]  # (n, k)
    other = [KINDS.index(k) for k in ADJACENT_KINDS if k not in job.onet["kinds"]]
    adjacent = np.isin(kinds, other)
    mass = (cv.onet["probs"] * adjacent).sum(axis=1)
    return (1.0 - ADJ_PENALTY * mass).astype(np.float32)


def _name_key(name):
    return re.sub(r"[^\w+#]", "", name)


def _written_apart_or_together(name, grounded_cv):
    """'pl sql' written 'PLSQL', 'sql server' written 'SQLServer', 'javascript' written 'Java
    Script', 'node.js' written 'Node js' (each part two characters or more)."""
    key = _name_key(name)
    return len(key) > 2 and key in grounded_cv.get("joined", ())


def onet_signals(job, cv):
    """(occupation match, term coverage, tech coverage, matched tech, missing tech)."""
    occ = float(cv.onet["profile"] @ job.onet["weights"])
    cvec = cv.onet["vec"]
    lexical = float(sum(v * cvec.get(w, 0.0) for w, v in job.onet["vec"].items()))
    terms = job.onet["terms"]
    total = sum(terms.values()) or 1.0
    term_cov = sum(v for t, v in terms.items() if t in cv.onet["words"]) / total
    tech = job.onet["tech"]
    matched = [t for t in tech if t in cv.onet["tech"] or all(w in cv.onet["words"] for w in t.split())
               or _written_apart_or_together(t, cv.onet)]
    missing = [t for t in tech if t not in matched]
    tech_cov = len(matched) / len(tech) if tech else None
    return occ, term_cov, tech_cov, matched, missing, lexical
