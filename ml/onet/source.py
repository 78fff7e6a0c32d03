"""Read O*NET 29.2 tab-separated files (build and evaluation time only, never at request time)."""
import csv
import os
from dataclasses import dataclass, field

csv.field_size_limit(10 ** 8)


@dataclass
class Onet:
    titles: dict = field(default_factory=dict)          # code -> title
    descriptions: dict = field(default_factory=dict)    # code -> description
    alt_titles: dict = field(default_factory=dict)      # code -> [alternate/short/reported titles]
    tasks_core: dict = field(default_factory=dict)      # code -> [Core task statements]
    tasks_supp: dict = field(default_factory=dict)      # code -> [Supplemental task statements]
    tasks_emerging: dict = field(default_factory=dict)  # code -> [emerging tasks]
    tech: dict = field(default_factory=dict)            # code -> [(example, commodity title, hot)]
    tools: dict = field(default_factory=dict)           # code -> [tool examples]
    related: dict = field(default_factory=dict)         # code -> [(related code, tier)]
    dwas: dict = field(default_factory=dict)            # code -> [DWA titles]


def _rows(path):
    if not os.path.isfile(path):
        raise FileNotFoundError("%s is missing: the O*NET 29.2 files are expected in ../shared/data/onet-29.2" % path)
    with open(path, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def load(onet_dir):
    """Onet with everything the index and the evaluation need."""
    o = Onet()
    for r in _rows(os.path.join(onet_dir, "Occupation Data.tsv")):
        o.titles[r["O*NET-SOC Code"]] = r["Title"].strip()
        o.descriptions[r["O*NET-SOC Code"]] = r["Description"].strip()
    for r in _rows(os.path.join(onet_dir, "Alternate Titles.tsv")):
        lst = o.alt_titles.setdefault(r["O*NET-SOC Code"], [])
        lst.append(r["Alternate Title"].strip())
        if (r.get("Short Title") or "").strip():
            lst.append(r["Short Title"].strip())
    for r in _rows(os.path.join(onet_dir, "Sample of Reported Titles.tsv")):
        o.alt_titles.setdefault(r["O*NET-SOC Code"], []).append(r["Reported Job Title"].strip())
    for r in _rows(os.path.join(onet_dir, "Task Statements.tsv")):
        target = o.tasks_supp if (r.get("Task Type") or "") == "Supplemental" else o.tasks_core
        target.setdefault(r["O*NET-SOC Code"], []).append(r["Task"].strip())
    for r in _rows(os.path.join(onet_dir, "Emerging Tasks.tsv")):
        if (r.get("Category") or "") == "New":
            o.tasks_emerging.setdefault(r["O*NET-SOC Code"], []).append(r["Task"].strip())
    for r in _rows(os.path.join(onet_dir, "Technology Skills.tsv")):
        o.tech.setdefault(r["O*NET-SOC Code"], []).append(
            (r["Example"].strip(), r["Commodity Title"].strip(), r["Hot Technology"] == "Y"))
    for r in _rows(os.path.join(onet_dir, "Tools Used.tsv")):
        o.tools.setdefault(r["O*NET-SOC Code"], []).append(r["Example"].strip())
    for r in _rows(os.path.join(onet_dir, "Related Occupations.tsv")):
        o.related.setdefault(r["O*NET-SOC Code"], []).append((r["Related O*NET-SOC Code"], r["Relatedness Tier"]))
    dwa_titles = {r["DWA ID"]: r["DWA Title"] for r in _rows(os.path.join(onet_dir, "DWA Reference.tsv"))}
    for r in _rows(os.path.join(onet_dir, "Tasks to DWAs.tsv")):
        t = dwa_titles.get(r["DWA ID"])
        if t:
            lst = o.dwas.setdefault(r["O*NET-SOC Code"], [])
            if t not in lst:
                lst.append(t)
    return o
