"""Skill names: the database's ``hr.skill`` first, then O*NET technology-skill names, else the
CV's own wording (kept, marked as not matched).

The O*NET names ship as derived data (ml/cv/data/onet_technology_skills.tsv.gz: name, number of
occupations listing it, hot-technology flag), rebuilt from ``../shared/data/onet-29.2`` with
``python3 -m ml.cv.skills build ../shared/data/onet-29.2`` (``make cv-skills``).
This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a
trademark of USDOL/ETA.
"""
import collections
import csv
import functools
import gzip
import os
import re
import sys

DATA = os.path.join(os.path.dirname(__file__), "data", "onet_technology_skills.tsv.gz")
_VENDOR_MIN = 5   # a first word that starts this many names is a vendor ("Microsoft Excel" -> "Excel")


def key(name):
    """Comparison key of a skill name: lower case, spaces and most punctuation folded."""
    name = (name or "").lower().replace("\u00a0", " ")
    name = re.sub(r"[\s_]+", " ", name)
    name = re.sub(r"(?<=\w)[.](?=js\b)", "", name)          # node.js -> nodejs
    name = re.sub(r"[^\w+#./& -]", "", name)
    return name.strip(" .-/")


@functools.lru_cache(maxsize=1)
def onet_names():
    """[(name, occupations, hot)] of O*NET technology skills; [] when the data file is absent."""
    if not os.path.exists(DATA):
        return []
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return [(r[0], int(r[1]), r[2] == "Y") for r in rows[1:] if len(r) >= 3]


@functools.lru_cache(maxsize=1)
def onet_aliases():
    """{key: O*NET name}: the full name, the name without "software", without its vendor
    ("Microsoft Excel" -> excel, "Atlassian JIRA" -> jira) and its all-caps acronym ("Amazon Web
    Services AWS software" -> aws); an alias two names share is dropped."""
    names = onet_names()
    firsts = collections.Counter(n.split()[0].lower() for n, _c, _h in names if len(n.split()) > 1)
    found = collections.defaultdict(set)
    exact = {}
    for name, _count, _hot in names:
        exact[key(name)] = name
        base = re.sub(r"\s+software$", "", name)
        variants = {base}
        words = base.split()
        if len(words) > 1 and firsts[words[0].lower()] >= _VENDOR_MIN:
            variants.add(" ".join(words[1:]))
        for word in words:
            if len(words) >= 3 and re.fullmatch(r"[A-Z]{3,6}", word):
                variants.add(word)
        for v in variants:
            if len(key(v)) >= 2:
                found[key(v)].add(name)
    aliases = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
    aliases.update(exact)
    return aliases


class SkillMatcher:
    """Maps a CV's skill wording to (name, hr.skill id or None, source) where source is
    'database', 'onet' or None (the CV's wording, not matched)."""

    def __init__(self, db_skills=()):
        """db_skills: iterable of (id, name) of hr.skill."""
        self.db = {}
        for skill_id, name in db_skills:
            self.db.setdefault(key(name), (skill_id, name))
        self.onet = onet_aliases()

    def match(self, wording):
        k = key(wording)
        if not k:
            return wording, None, None
        candidates = [k]
        for stripped in (re.sub(r"\s+(software|programming|language|framework)$", "", k),
                         re.sub(r"^(ms|microsoft|apache|google|adobe)\s+", "", k)):
            if stripped != k and stripped:
                candidates.append(stripped)
        for c in candidates:
            if c in self.db:
                skill_id, name = self.db[c]
                return name, skill_id, "database"
        for c in candidates:
            if c in self.onet:
                name = self.onet[c]
                db = self.db.get(key(name))
                if db:
                    return db[1], db[0], "database"
                return name, None, "onet"
        return wording.strip(), None, None

    def vocabulary_names(self):
        """Names to look for in running text: the database's skills."""
        return [name for _id, name in self.db.values()]


def build(onet_dir, out=DATA):
    """Write the derived O*NET technology-skill list from ``Technology Skills.tsv``."""
    path = os.path.join(onet_dir, "Technology Skills.tsv")
    if not os.path.exists(path):
        raise SystemExit("%s not found: pass the O*NET 29.2 folder (../shared/data/onet-29.2)" % path)
    occupations = collections.defaultdict(set)
    hot = set()
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            occupations[row["Example"]].add(row["O*NET-SOC Code"])
            if row.get("Hot Technology") == "Y":
                hot.add(row["Example"])
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as gz:
        lines = ["name\toccupations\thot"] + ["%s\t%d\t%s" % (n, len(occupations[n]), "Y" if n in hot else "N")
                                            for n in sorted(occupations)]
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(occupations)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "build":
        print("%d O*NET technology skills -> %s" % (build(sys.argv[2]), DATA))
    else:
        raise SystemExit("usage: python3 -m ml.cv.skills build ../shared/data/onet-29.2")
