"""Word and technology-name normalisation shared by the index builder and the scorer."""
import re

_TOKEN_RE = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")
STOP = frozenset("""a an and or the of to in on for with by at from as is are be been was were this that these those
into over under per via using use used such other others etc their its it they we our you your all any can may
will must should including include includes related new work working""".split())
_VENDORS = ("microsoft", "oracle", "apache", "amazon", "adobe", "ibm", "sap", "google", "autodesk", "cisco",
            "salesforce", "atlassian", "red hat", "vmware", "dassault systemes", "intuit", "the", "jetbrains",
            "mathworks", "sas", "tableau", "facebook", "meta", "hashicorp", "docker", "elastic", "mongodb")
_SUFFIX_RE = re.compile(r"\s+(software|programming language|language|framework|system|systems)$")
_ACRONYM_RE = re.compile(r"\b([A-Z][A-Z0-9+#.]{1,9})$")


def tokens(text):
    """Lower-case content words (technology names kept: c++, c#, .net -> net, node.js)."""
    return [t.strip(".") for t in _TOKEN_RE.findall((text or "").lower()) if t.strip(".") and t.strip(".") not in STOP]


def norm(text):
    return " ".join(tokens(text))


def tech_aliases(example):
    """Names a CV or a posting uses for an O*NET technology example: the full name, without a
    vendor prefix or a generic suffix, and its trailing acronym ('Amazon Elastic Compute Cloud EC2'
    -> 'ec2'; 'Microsoft Excel' -> 'excel'; 'Python' -> 'python')."""
    out = set()
    full = norm(example)
    if not full:
        return out
    out.add(full)
    base = _SUFFIX_RE.sub("", full)
    out.add(base)
    for vendor in _VENDORS:
        if base.startswith(vendor + " ") and len(base) > len(vendor) + 2:
            out.add(base[len(vendor) + 1:])
    m = _ACRONYM_RE.search(example.strip())
    if m and len(example.split()) > 1:
        out.add(norm(m.group(1)))
    return {a for a in out if len(a) >= 2 and a not in STOP}


# British job-title words that O*NET (US) writes otherwise. O*NET lists "Team Leader" only under
# "Managers, All Other" and knows "operative" from no title: "Warehouse Team Leader" is a
# first-line supervisor, "Warehouse Operative" a warehouse worker. Chosen on a dev list of
# British titles (ml/tests/test_onet.py, test_british_titles_map_to_their_occupation).
_BRITISH_TITLE_WORDS = (
    (re.compile(r"\b(team|section|crew|line)\s+lead(er)?\b", re.I), "supervisor"),
    (re.compile(r"\b(shift|store|unit|site)\s+lead(er)?\b", re.I), r"\1 supervisor"),
    (re.compile(r"\boperatives?\b", re.I), "worker"),
)


def us_title(title):
    """A job title as O*NET would write it ("Warehouse Team Leader" -> "Warehouse supervisor",
    "Warehouse Operative" -> "Warehouse worker"); other titles, and a bare "Team Leader", unchanged."""
    title = title or ""
    out = title
    for pattern, repl in _BRITISH_TITLE_WORDS:
        out = pattern.sub(repl, out)
    # a bare "Team Leader" says no trade: "supervisor" alone would pick one at random
    return title if norm(out) in ("supervisor", "worker") else out
