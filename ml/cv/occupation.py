"""O*NET occupation of a CV work-history entry, from its title and its lines (plain Python + numpy).

Uses the fit's shipped O*NET index (ml/onet). With the text encoder: the cosine of the entry's
title to the 1,016 occupation titles (weight 0.7) and the mean cosine of its first lines to each
occupation's task statements (0.3; the fit maps a job the same way), plus a bonus for the O*NET alternate titles
(56,560 job titles -> occupation) the title contains, by their length, so "Staff Accountant"
lands on Accountants and Auditors and "Senior Backend Developer" on Software Developers. Without
an encoder the alternate-title match alone decides, and only when O*NET lists the whole title.
An entry gets no occupation when the chosen one's title is neither close to the entry's title
(cosine under ``MIN_TITLE_SIM``) nor an O*NET alternate title of it ("Team lead", "Volunteer").
"""
import numpy as np

from ..onet.text_norm import tokens, us_title

TITLE_BONUS = 0.08   # per matched alternate-title word, relative to the title's length
TITLE_WEIGHT = 0.7   # the title speaks louder than a few short lines
MIN_TITLE_SIM = 0.5  # the chosen occupation's title must be this close to the entry's, or listed by O*NET
MAX_LINES = 3        # lines of an entry that speak for its work


def entry_title(title):
    """The words of an entry's title that are placed (lower case, as O*NET writes a British title)."""
    return " ".join(tokens(us_title(title)))


def entry_occupation(index, title, title_sims=None, line_sims=None, text=""):
    """Position of the occupation of an entry (``title`` as ``entry_title`` gives it), or None.
    ``title_sims``: the title's cosine to each occupation title (None without an encoder);
    ``line_sims``: the mean cosine of its first lines to each occupation's tasks, or None; ``text``:
    the entry's title and lines, which may speak of the armed forces (``OnetIndex.civilian``)."""
    if not title:
        return None
    n_words = len(title.split())
    hits = index.find_titles(title)
    if title_sims is None:
        full = sorted(k for k, n in hits.items() if n == n_words)
        return full[0] if full else None
    scores = np.array(title_sims, dtype=np.float64)
    if line_sims is not None:
        scores = TITLE_WEIGHT * scores + (1 - TITLE_WEIGHT) * line_sims
    for k, n in hits.items():
        scores[k] += TITLE_BONUS * n / n_words * (2.0 if n == n_words else 1.0)
    scores = index.civilian(scores, text)
    best = int(np.argmax(scores))
    listed = hits.get(best) == n_words
    return best if listed or title_sims[best] >= MIN_TITLE_SIM else None


def occupations(entries, index, encode=None):
    """[(code, name) or None] for each (title, lines) entry."""
    if index is None:
        return [None] * len(entries)
    titles = [entry_title(t) for t, _lines in entries]
    lines = [[ln for ln in (ls or [])[:MAX_LINES] if ln.strip()] for _t, ls in entries]
    title_emb = line_emb = None
    if encode is not None and any(titles):
        flat = [ln for ls in lines for ln in ls]
        vecs = np.asarray(encode([t or " " for t in titles] + flat), np.float32)
        if vecs.ndim == 2 and vecs.shape[1] == index.dim:
            title_emb, line_emb = vecs[:len(titles)], vecs[len(titles):]
    # the index's title and task-centroid cosines (index.title_sims / sentence_sims) one row at a
    # time: matrix-vector products stay on one thread, where a small threaded matrix product
    # waited up to 40 ms for busy cores
    all_title_sims = _rows(index.title_emb, title_emb) if title_emb is not None else None
    all_line_sims = _rows(index.task_emb, line_emb) if line_emb is not None and len(line_emb) else None
    out, pos = [], 0
    for i, title in enumerate(titles):
        n_lines = len(lines[i])
        mine = all_line_sims[pos:pos + n_lines] if all_line_sims is not None else None
        pos += n_lines
        best = entry_occupation(index, title, all_title_sims[i] if all_title_sims is not None else None,
                                mine.mean(axis=0) if mine is not None and len(mine) else None,
                                " ".join([entries[i][0] or ""] + lines[i]))
        out.append((index.codes[best], index.titles[best]) if best is not None else None)
    return out


def _rows(matrix, emb):
    """(len(emb), len(matrix)) products, one matrix-vector product per row."""
    return np.stack([matrix @ row for row in np.asarray(emb, np.float32)]).astype(np.float64)
