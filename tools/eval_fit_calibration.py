#!/usr/bin/env python3
"""Calibration of the trained fit model on a database's labelled history. Prints markdown.

    python3 tools/eval_fit_calibration.py -d <database> -c <odoo.conf> [--seeds 0 1 2] [--dump rows.json]

Builds the training rows exactly as the retrain does (hired vs refused applicants of the
current company), runs the trainer subprocess (`python -m ml.train fit`) once per seed
(each seed = other cross-validation folds) and reports, on the held-out predictions of each run:
AUC, expected calibration error (10 equal-width bins), Brier score, and the share of scores
above 99 / below 1, next to the same figures of the zero-shot scorer and of the uncalibrated
fold ensemble. It also reports how the scores the database currently shows are spread over
the applicants the active model did not learn from (in-progress applicants).
Nothing is written: the transaction is rolled back.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_trainer(rows, seed, extra):
    with tempfile.TemporaryDirectory() as tmp:
        data = dict(rows, seed=seed, **extra)
        path = os.path.join(tmp, "in.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "2"),
                   HR_TALENT_AI_TORCH_THREADS=os.environ.get("HR_TALENT_AI_TORCH_THREADS", "2"))
        res = subprocess.run([sys.executable, "-m", "ml.train", "fit", "--input", path, "--output",
                              os.path.join(tmp, "out")], cwd=ROOT, capture_output=True, text=True, env=env)
        if res.returncode:
            raise SystemExit("trainer failed: %s" % res.stderr.strip()[-500:])
        with open(os.path.join(tmp, "out", "metrics.json"), encoding="utf-8") as fh:
            return json.load(fh)


def served_spread(env):
    """Spread of the fit scores shown now, on applicants outside the labelled history."""
    App = env["hr.applicant"].with_context(active_test=False)
    positive, negative = App._fit_label_domains()
    labelled = App.search(positive) | App.search(negative)
    apps = App.search([("fit_scored_at", "!=", False), ("id", "not in", labelled.ids),
                       ("company_id", "=", env.company.id)])
    out = {}
    for method in ("trained", "zero_shot"):
        scores = [a.fit_score for a in apps if a.fit_method == method]
        if scores:
            out[method] = {"n": len(scores), "above_99": sum(s > 99 for s in scores) / len(scores),
                           "below_1": sum(s < 1 for s in scores) / len(scores)}
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--dump", help="also write the training rows (JSON) to this file")
    parser.add_argument("--rows", help="read the training rows from this JSON file instead of the database")
    parser.add_argument("--param", action="append", default=[], help="trainer parameter NAME=VALUE (repeatable)")
    args = parser.parse_args()
    extra = {}
    for item in args.param:
        name, _sep, value = item.partition("=")
        extra[name] = json.loads(value)

    served = {}
    if args.rows:
        with open(args.rows, encoding="utf-8") as fh:
            rows = json.load(fh)
    else:
        sys.path.insert(0, os.path.dirname(ROOT))
        import odoo
        from odoo import SUPERUSER_ID, api

        odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level", "warn"])
        registry = odoo.modules.registry.Registry(args.database)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            encoder = env["hr.talent.engine"]._get_text_encoder(int8=True)
            feats, labels, zs, job_ids = env["hr.applicant"]._fit_training_rows(encoder)
            rows = {"features": feats, "labels": labels, "zero_shot": zs}
            served = served_spread(env)
            cr.rollback()
        if args.dump:
            with open(args.dump, "w", encoding="utf-8") as fh:
                json.dump(rows, fh)

    runs = [run_trainer(rows, seed, extra) for seed in args.seeds]
    keys = [("auc", "held-out AUC"), ("auc_zero_shot", "zero-shot AUC, same applicants"),
            ("ece", "ECE (10 bins)"), ("ece_uncalibrated", "ECE before calibration"),
            ("ece_zero_shot", "ECE of zero-shot score / 100"), ("brier", "Brier score"),
            ("share_above_99", "share > 99"), ("share_below_1", "share < 1"),
            ("share_above_99_uncalibrated", "share > 99 before calibration"),
            ("share_below_1_uncalibrated", "share < 1 before calibration")]
    print("%d labelled applicants (%d positive); %s; seeds %s\n" % (
        len(rows["labels"]), sum(rows["labels"]), runs[0].get("evaluation", ""), " ".join(map(str, args.seeds))))
    print("| measure (held-out applicants) | " + " | ".join("seed %d" % s for s in args.seeds) + " | mean |")
    print("|---|" + "---|" * (len(args.seeds) + 1))
    for key, label in keys:
        values = [r.get(key) for r in runs]
        if any(v is None for v in values):
            continue
        print("| %s | %s | %.3f |" % (label, " | ".join("%.3f" % v for v in values), statistics.mean(values)))
    for method, spread in served.items():
        print("\nShown now, %s, %d applicants outside the labelled history: > 99: %.1f %%, < 1: %.1f %%" % (
            method, spread["n"], 100 * spread["above_99"], 100 * spread["below_1"]))


if __name__ == "__main__":
    main()
