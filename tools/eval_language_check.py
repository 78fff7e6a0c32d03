#!/usr/bin/env python3
"""False alarms of the language check (ml.input_check.language_mismatch) on English text nobody
here wrote, and on the project's own written sets.

    python3 tools/eval_language_check.py [--data ../shared/data]

Every text of the real CVs (deduplicated), SST-2, SST-5, TweetEval and O*NET 29.2's task
statements and alternate job titles, and of the project's written comments, pros/cons and review sentences, goes through
the check as an English-only encoder declares it (``language: en``). A flagged text is printed
with the language found (TweetEval holds a few Spanish tweets: those are right).
Nothing from the data is written anywhere.
"""
import argparse
import collections
import csv
import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from ml import input_check as ic  # noqa: E402

csv.field_size_limit(10 ** 8)


def rows(path, column=None, sep="\t"):
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().splitlines()
    if column is None:
        return lines
    return [line.split(sep)[column] for line in lines[1:] if len(line.split(sep)) > column]


def corpora(data):
    sets = {}
    resumes = os.path.join(data, "resumes", "UpdatedResumeDataSet.csv")
    if not os.path.isfile(resumes):
        sys.exit("%s is missing: this measurement needs ../shared/data (or --data)." % resumes)
    with open(resumes, encoding="utf-8", errors="replace", newline="") as fh:
        sets["real CVs (distinct)"] = sorted({r["Resume"] for r in csv.DictReader(fh)})
    sent = os.path.join(data, "sentiment")
    sets["SST-2 train phrases"] = rows(os.path.join(sent, "sst2", "train.tsv"), 0)
    sets["SST-2 test"] = rows(os.path.join(sent, "sst2", "test.tsv"), 0)
    sets["SST-5 train"] = rows(os.path.join(sent, "sst5", "train.tsv"), 2)
    sets["TweetEval test"] = rows(os.path.join(sent, "tweeteval", "test_text.txt"))
    sets["TweetEval val"] = rows(os.path.join(sent, "tweeteval", "val_text.txt"))
    tasks = glob.glob(os.path.join(data, "onet-29.2", "Task Statements*"))
    if tasks:
        sets["O*NET task statements"] = rows(tasks[0], 2)
    titles = glob.glob(os.path.join(data, "onet-29.2", "Alternate Titles*"))
    if titles:  # job titles: the fit checks the job's own text too
        sets["O*NET alternate titles (distinct)"] = sorted(set(rows(titles[0], 2)) | set(rows(titles[0], 3)))
    from ml.review.dataset import load
    from ml.sentiment import workplace

    sets["written comments"] = [r["text"] for r in workplace.load_comments()]
    sets["written pros / cons"] = [r["text"] for r in workplace.load_pros_cons()]
    sets["written review sentences"] = [r["text"] for r in load()]
    return sets


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    args = parser.parse_args()
    english = ic.EncoderScripts(frozenset({"Latin"}), ("en",))
    print("| set | texts | flagged as another language |")
    print("|---|---|---|")
    flagged_all = []
    for name, texts in corpora(args.data).items():
        found = [(ic.language_mismatch(t, english), t) for t in texts]
        found = [(m, t) for m, t in found if m]
        flagged_all.extend((name, m, t) for m, t in found)
        langs = collections.Counter(m.language_text() for m, _t in found)
        print("| %s | %d | %d%s |" % (name, len(texts), len(found),
                                       " (%s)" % ", ".join("%s %d" % kv for kv in langs.items()) if found else ""))
    for name, m, t in flagged_all:
        print("\n%s, read as %s: %s" % (name, m.language_text(), t[:160]))


if __name__ == "__main__":
    main()
