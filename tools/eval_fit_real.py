#!/usr/bin/env python3
"""Zero-shot applicant fit measured on text nobody here wrote.

    python3 tools/eval_fit_real.py [--data ../shared/data] [--split heldout|dev|both] [--prose]
        [--posting full|short|title|ordinary] [--json out.json]

1. Real CVs by category: ../shared/data/resumes/UpdatedResumeDataSet.csv, deduplicated (166
   distinct texts), each scored against one ordinary posting per category that the team wrote
   without reading the CVs (ml/fit/eval_postings.json); same category = relevant. The add-on reads
   them as one company's jobs (its repeated text left out, as Odoo does); the baselines read them whole. Split
   deterministically (sha1 of the text, alternating within each category) into dev and held-out;
   no tuning decision looks at held-out. Per job AUC, mean AUC, own-category job ranked first, and
   the share of wrong-category pairs that land in the 'strong' band.
2. Did the work vs adjacent roles (ml/fit/evaluate.py): for occupations of O*NET 29.2, a CV made of
   the occupation's own task statements against CVs made of the task statements of the people who
   manage, teach, recruit for, test or build software for it, scored against a posting made of the
   occupation's title and its *other* tasks; plus a hand-written varied set (ml/fit/eval_adjacent.json).
   Occupations are split dev / held-out by code, the same way. Pairwise AUC.
3. A second hand-written adjacency set written after every fit decision (ml/fit/eval_adjacent_fresh.json,
   12 other occupations), all held out: printed with the held-out split (``--split fresh``: only it).

Every scorer runs in the same process on the same pairs: the add-on's zero-shot scorer through the
code path Odoo uses (ml.fit.zero_shot.Scorer: redaction, chunking, scoring, guard), TF-IDF cosine twice
(``tfidf``: sublinear tf, the stronger; ``tfidf_default``: scikit-learn's TfidfVectorizer defaults) and
whole-document MiniLM cosine. The encoder is the packaged all-MiniLM-L6-v2 exported to ONNX (cached
in .build/eval_encoder). Nothing from the data set is written into the repository.
"""
import argparse
import csv
import hashlib
import json
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from ml.fit import evaluate, zero_shot  # noqa: E402

csv.field_size_limit(10 ** 8)
USE_CORPUS = True  # --no-corpus: O*NET word weights alone


def load_resumes(data_dir):
    path = os.path.join(data_dir, "resumes", "UpdatedResumeDataSet.csv")
    if not os.path.isfile(path):
        sys.exit("%s is missing: this evaluation needs ../shared/data (or --data)." % path)
    seen = {}
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            seen.setdefault(row["Resume"], row["Category"])
    by_cat = {}
    for text, cat in seen.items():
        by_cat.setdefault(cat, []).append(text)
    cvs = []
    for cat, texts in sorted(by_cat.items()):
        texts.sort(key=lambda t: hashlib.sha1(t.encode()).hexdigest())
        for k, text in enumerate(texts):
            cvs.append({"id": hashlib.sha1(text.encode()).hexdigest()[:12], "category": cat, "text": text,
                        "split": "dev" if k % 2 == 0 else "heldout"})
    return cvs


def load_postings(prose=False, style="full"):
    """The evaluation postings; ``prose``: each written as one paragraph (its requirement lines
    turned into sentences after the description, no requirements field), as many real postings are.
    ``style``: "full" (title, description, requirements), "short" (title and its one-sentence
    description) or "title" (the job title alone): what a company that fills in little gets;
    "ordinary": a second set written as job-board ads (company text, the role in prose, benefits,
    equal-opportunity line; ml/fit/eval_postings_ordinary.json)."""
    name = "eval_postings_ordinary.json" if style == "ordinary" else "eval_postings.json"
    with open(os.path.join(ROOT, "ml", "fit", name), encoding="utf-8") as fh:
        data = json.load(fh)["postings"]
    postings = [dict(job, category=cat, id=cat) for cat, job in sorted(data.items())]
    if prose:
        for job in postings:
            lines = [line.strip().lstrip("-*\u2022 ").rstrip(".") for line in (job.get("requirements") or "").split("\n")]
            job["description"] = " ".join([job.get("description") or ""] + ["%s." % (l[:1].upper() + l[1:]) for l in lines if l])
            job["requirements"] = ""
    for job in postings:
        if style in ("short", "title"):
            job["requirements"] = ""
        if style == "title":
            job["description"] = ""
    return postings


class CachedEncoder:
    """The eval's encoder with a sentence cache (the Odoo side caches embeddings the same way)."""

    def __init__(self, cache_dir, int8=False, batch_size=32):
        from ml.text_encoder import TextEncoder, default_encoder_dir

        onnx = os.path.join(cache_dir, "text_encoder.onnx")
        if not os.path.isfile(onnx):
            from ml.export_text_encoder import train

            os.makedirs(cache_dir, exist_ok=True)
            train({"int8": True}, cache_dir)
        if int8:
            onnx = os.path.join(cache_dir, "text_encoder_int8.onnx")
        self.enc = TextEncoder(onnx, default_encoder_dir(), "cpu", batch_size, 256)
        self.cache = {}
        self.dim = self.enc.dim
        # sentence vectors kept between runs (.build only, never in the repository)
        self.path = os.path.join(cache_dir, "sentences%s%s.pkl" % ("_int8" if int8 else "", "_b%d" % batch_size if batch_size != 32 else ""))
        if os.path.isfile(self.path):
            import pickle

            with open(self.path, "rb") as fh:
                self.cache = pickle.load(fh)
        self.loaded = len(self.cache)

    def save(self):
        if len(self.cache) > self.loaded:
            import pickle

            with open(self.path, "wb") as fh:
                pickle.dump(self.cache, fh)

    def __call__(self, texts):
        texts = list(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if todo:
            for t, v in zip(todo, self.enc.encode(todo)):
                self.cache[t] = v
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self.cache[t] for t in texts])


def category_report(postings, cvs, scores, strong=None):
    """scores: (jobs, cvs) matrix; strong: same-shape bool matrix of 'strong' bands, or None."""
    cats = [c["category"] for c in cvs]
    per_job = {}
    for j, job in enumerate(postings):
        labels = [c == job["category"] for c in cats]
        if any(labels) and not all(labels):
            per_job[job["category"]] = evaluate.auc(scores[j], labels)
    first = [postings[int(np.argmax(scores[:, i]))]["category"] == cats[i] for i in range(len(cvs))]
    out = {"mean_auc": float(np.mean(list(per_job.values()))), "own_first": float(np.mean(first)),
           "per_job_auc": per_job, "n_cvs": len(cvs)}
    if strong is not None:
        wrong = np.array([[job["category"] != c for c in cats] for job in postings])
        right = ~wrong
        out["wrong_pairs_strong"] = float(strong[wrong].mean())
        out["right_pairs_strong"] = float(strong[right].mean())
    return out


def as_one_company(postings):
    """The postings as the fit reads them when they are one company's jobs (Odoo's
    hr.job._fit_company_boilerplate): without the sentences repeated across different titles."""
    from ml.fit import text as fit_text

    boilerplate = fit_text.company_boilerplate([(p["name"], p.get("description") or "") for p in postings])
    return [dict(p, description=fit_text.strip_company_text(p.get("description") or "", boilerplate)) for p in postings]


def company_corpus(scorer, job_texts, cv_texts):
    """The scored texts as one company's documents (Odoo's hr.talent.fit.corpus): the add-on's
    lexical word weights blend their document frequencies with O*NET's (ml/fit/lexical.py)."""
    from ml.fit import lexical, text as fit_text

    if USE_CORPUS:  # CVs counted as Odoo counts them
        scorer.corpus = lexical.CorpusIdf.from_texts(list(job_texts) + [fit_text.readable_cv(t) for t in cv_texts])


def run_categories(postings, cvs, encode, scorer):
    company_corpus(scorer, [evaluate.job_text(p) for p in postings], [c["text"] for c in cvs])
    jobs = [scorer.prepare_job(p) for p in as_one_company(postings)]
    zs = np.zeros((len(postings), len(cvs)))
    strong = np.zeros_like(zs, dtype=bool)
    t0 = time.perf_counter()
    for i, cv in enumerate(cvs):
        prepared = scorer.prepare_cv(cv["text"])
        for j, job in enumerate(jobs):
            res = scorer.score(job, prepared)
            zs[j, i] = res.score if res is not None else 0.0
            strong[j, i] = bool(res is not None and res.band == "strong")
    elapsed = time.perf_counter() - t0
    job_texts, cv_texts = [evaluate.job_text(p) for p in postings], [c["text"] for c in cvs]
    tf = evaluate.tfidf_matrix(job_texts, cv_texts)
    tf_default = evaluate.tfidf_matrix(job_texts, cv_texts, sublinear=False)
    wd = evaluate.whole_doc_matrix(job_texts, cv_texts, encode)
    return {"zero_shot": category_report(postings, cvs, zs, strong), "tfidf": category_report(postings, cvs, tf),
            "tfidf_default": category_report(postings, cvs, tf_default),
            "whole_doc_cosine": category_report(postings, cvs, wd), "seconds_zero_shot": elapsed}


def run_adjacent(sets, encode, scorer):
    """sets: list of {job, did: [texts], adjacent: [(kind, text)]}: pairwise AUC did > adjacent.
    The sets of a split are read as one company's jobs and applicants."""
    company_corpus(scorer, [evaluate.job_text(item["job"]) for item in sets],
                   [t for item in sets for t in item["did"] + [t for _k, t in item["adjacent"]]])
    out = {}
    for name, fn in (("zero_shot", None), ("tfidf", "tfidf"), ("tfidf_default", "tfidf_default"),
                     ("whole_doc_cosine", "wd")):
        good = total = 0.0
        by_kind = {}
        for item in sets:
            texts = item["did"] + [t for _k, t in item["adjacent"]]
            if fn is None:
                job = scorer.prepare_job(item["job"])
                vals = []
                for t in texts:
                    res = scorer.score(job, scorer.prepare_cv(t))
                    vals.append(res.score if res is not None else 0.0)
            elif fn in ("tfidf", "tfidf_default"):
                vals = list(evaluate.tfidf_matrix([evaluate.job_text(item["job"])], texts, fn == "tfidf")[0])
            else:
                vals = list(evaluate.whole_doc_matrix([evaluate.job_text(item["job"])], texts, encode)[0])
            did_vals = vals[:len(item["did"])]
            for (kind, _t), v in zip(item["adjacent"], vals[len(item["did"]):]):
                for d in did_vals:
                    win = 1.0 if d > v else 0.5 if d == v else 0.0
                    good += win
                    total += 1
                    k = by_kind.setdefault(kind, [0.0, 0])
                    k[0] += win
                    k[1] += 1
        out[name] = {"pairwise_auc": good / total if total else float("nan"), "pairs": int(total),
                     "by_kind": {k: v[0] / v[1] for k, v in sorted(by_kind.items())}}
    return out


def fmt(report, split):
    lines = ["### %s" % split, ""]
    cat = report.get("categories")
    if cat is None:
        report, cat = dict(report), None
    if cat is None:
        return _fmt_adjacent(lines, report)
    lines.append("Real CVs by category (%d CVs x %d postings)" % (cat["zero_shot"]["n_cvs"], len(cat["zero_shot"]["per_job_auc"])))
    lines.append("")
    lines.append("| scorer | mean AUC | own-category first | wrong-category pairs 'strong' |")
    lines.append("|---|---|---|---|")
    for name in ("zero_shot", "tfidf", "tfidf_default", "whole_doc_cosine"):
        r = cat[name]
        strong = "%.1f %%" % (100 * r["wrong_pairs_strong"]) if "wrong_pairs_strong" in r else "-"
        lines.append("| %s | %.3f | %.1f %% | %s |" % (name, r["mean_auc"], 100 * r["own_first"], strong))
    lines.append("")
    lines.append("Per job AUC: " + ", ".join("%s %.2f (tf-idf %.2f)" % (k, v, cat["tfidf"]["per_job_auc"][k])
                                              for k, v in cat["zero_shot"]["per_job_auc"].items()))
    lines.append("")
    return _fmt_adjacent(lines, report)


def _fmt_adjacent(lines, report):
    for key, label in (("adjacent_onet", "Did the work vs adjacent roles, O*NET task statements"),
                       ("adjacent_hand", "Did the work vs adjacent roles, hand-written varied set"),
                       ("adjacent_fresh", "Did the work vs adjacent roles, second hand-written set (all held out)")):
        if key not in report:
            continue
        adj = report[key]
        lines.append("%s (%d pairs)" % (label, adj["zero_shot"]["pairs"]))
        lines.append("")
        lines.append("| scorer | pairwise AUC | by kind |")
        lines.append("|---|---|---|")
        for name in ("zero_shot", "tfidf", "tfidf_default", "whole_doc_cosine"):
            r = adj[name]
            lines.append("| %s | %.3f | %s |" % (name, r["pairwise_auc"], ", ".join(
                "%s %.2f" % kv for kv in r["by_kind"].items())))
        lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--split", default="both", choices=("dev", "heldout", "both", "fresh"))
    parser.add_argument("--encoder-cache", default=os.path.join(ROOT, ".build", "eval_encoder"))
    parser.add_argument("--json", help="write the full report here")
    parser.add_argument("--no-onet", action="store_true", help="score without the O*NET grounding (ablation)")
    parser.add_argument("--no-corpus", action="store_true",
                        help="lexical word weights from O*NET alone, not blended with the scored texts' (ablation)")
    parser.add_argument("--no-roles", action="store_true", help="score without the roles.py cue rules (ablation)")
    parser.add_argument("--int8", action="store_true", help="encode with the int8 text encoder (the cron's choice)")
    parser.add_argument("--prose", action="store_true", help="the postings written as prose (no requirement lines)")
    parser.add_argument("--posting", default="full", choices=("full", "short", "title", "ordinary"),
                        help="short: title and one-sentence description only; title: the job title alone; "
                             "ordinary: the second set, written as job-board ads")
    parser.add_argument("--batch-size", type=int, default=32,
                        help="sentences a run (1: each sentence on its own, as the int8 fit encodes CVs)")
    args = parser.parse_args(argv)
    encode = CachedEncoder(args.encoder_cache, int8=args.int8, batch_size=args.batch_size)
    scorer = zero_shot.Scorer(encode, use_onet=not args.no_onet, use_roles=not args.no_roles)
    global USE_CORPUS
    USE_CORPUS = not args.no_corpus
    full = {}
    fresh_sets = evaluate.hand_adjacent_sets(os.path.join(ROOT, "ml", "fit", "eval_adjacent_fresh.json"))
    if args.split == "fresh":
        full["fresh"] = {"adjacent_fresh": run_adjacent(fresh_sets, encode, scorer)}
        print(fmt(full["fresh"], "fresh (held out)"))
        encode.save()
        return full
    postings = load_postings(prose=args.prose, style=args.posting)
    cvs = load_resumes(args.data)
    onet_sets = evaluate.onet_adjacent_sets(args.data)
    hand_sets = evaluate.hand_adjacent_sets()
    splits = ["dev", "heldout"] if args.split == "both" else [args.split]
    for split in splits:
        part = [c for c in cvs if c["split"] == split]
        report = {"categories": run_categories(postings, part, encode, scorer)}
        report["adjacent_onet"] = run_adjacent([s for s in onet_sets if s["split"] == split], encode, scorer)
        report["adjacent_hand"] = run_adjacent([s for s in hand_sets if s["split"] == split], encode, scorer)
        if split == "heldout":
            report["adjacent_fresh"] = run_adjacent(fresh_sets, encode, scorer)
        full[split] = report
        print(fmt(report, split))
        sys.stdout.flush()
    encode.save()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(full, fh, indent=1)
    return full


if __name__ == "__main__":
    main()
