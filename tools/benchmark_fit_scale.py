#!/usr/bin/env python3
"""Applicant fit at scale: the scheduled action over N new applicants, with bounded memory.

    python3 tools/benchmark_fit_scale.py -d <copy of a database with hr_talent_ai> \
        -c <odoo.conf> [--applicants 10000] [--batch-size 200]

It inserts rows and commits (as the scheduled action does): run it on a copy of the demo
database (createdb -T), never on a production one.
1. creates ``--applicants`` candidates and applicants with a text CV each, spread over the
   demo jobs: every CV is one of the labelled CVs plus two lines unique to the applicant,
   so every applicant has sentences the encoder has never seen;
2. runs the fit scheduled action's code one batch at a time, committing per batch as
   in production, and records per batch the time, the SQL queries and the process RSS;
3. prints a markdown table: throughput, queries per batch, RSS before / after the first
   batch / at the end / peak, and the RSS growth over the second half of the run (bounded
   memory means that it stays flat while the scored count grows).
"""
import argparse
import json
import os
import sys
import time

from benchmark_sentiment import reset_peak_rss, rss_mb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_applicants(env, n, chunk=500):
    with open(os.path.join(ROOT, "ml", "tests", "data", "fit_eval.json"), encoding="utf-8") as fh:
        cvs = [cv["text"] for job in json.load(fh)["jobs"] for cv in job["cvs"]]
    jobs = env["hr.job"].search([("company_id", "in", (False, env.company.id))])
    for start in range(0, n, chunk):
        idx = range(start, min(n, start + chunk))
        cands = env["hr.candidate"].create([{"partner_name": "Scale Person %d" % i} for i in idx])
        apps = env["hr.applicant"].create([{"candidate_id": c.id, "job_id": jobs[i % len(jobs)].id}
                                           for i, c in zip(idx, cands)])
        env["ir.attachment"].create([{
            "name": "cv%d.txt" % i, "mimetype": "text/plain", "res_model": "hr.applicant", "res_id": a.id,
            "raw": ("%s\nProject %d: delivered milestone %d for client number %d on time.\n"
                    "Reference %d: handled ticket queue %d and wrote its runbook." % (
                        cvs[i % len(cvs)], i, i * 7, i * 13, i, i % 97)).encode()}
            for i, a in zip(idx, apps)])
        env.cr.commit()
        env.invalidate_all()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-c", "--config", required=True, help="odoo.conf of that database (addons path, data dir)")
    parser.add_argument("--applicants", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level", "warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Applicant = env["hr.applicant"].with_context(fit_one_batch=True)
        Applicant._cron_score_fit()  # whatever was queued before: out of the figures
        cr.commit()
        encoder = env["hr.talent.engine"]._get_text_encoder(int8=True)
        t0 = time.perf_counter()
        create_applicants(env, args.applicants)
        create_s = time.perf_counter() - t0

        reset_peak_rss()
        rss_start, _ = rss_mb()
        samples, queries, times = [], [], []
        done_total = 0
        t_all = time.perf_counter()
        while True:
            q0, t0 = cr.sql_log_count, time.perf_counter()
            res = Applicant._cron_score_fit(batch_size=args.batch_size)
            cr.commit()
            env.invalidate_all()
            if not res["done"]:
                break
            times.append(time.perf_counter() - t0)
            queries.append(cr.sql_log_count - q0)
            done_total += res["done"]
            samples.append((done_total, rss_mb()[0]))
            if res.get("error"):
                print("stopped: %s" % res["error"], file=sys.stderr)
                break
        total_s = time.perf_counter() - t_all
        _cur, peak = rss_mb()
        torch_loaded = "torch" in sys.modules

    half = samples[len(samples) // 2] if samples else (0, rss_start)
    end = samples[-1] if samples else (0, rss_start)
    first = samples[0] if samples else (0, rss_start)
    rows = [
        ("applicants created (candidate, applicant, text CV)", "%d in %.0f s" % (args.applicants, create_s)),
        ("applicants scored by the scheduled action", "%d in %d batches of %d" % (done_total, len(times), args.batch_size)),
        ("throughput, end to end (commit per batch)", "%.1f applicants/s (%.0f s)" % (done_total / total_s, total_s)),
        ("batch time p50 / max", "%.2f s / %.2f s" % (sorted(times)[len(times) // 2], max(times)) if times else "-"),
        ("SQL queries per batch min / max", "%d / %d" % (min(queries), max(queries)) if queries else "-"),
        ("RSS at start / after batch 1 / at the end / peak",
         "%.0f / %.0f / %.0f / %.0f MiB" % (rss_start, first[1], end[1], peak)),
        ("RSS growth over the second half (%d -> %d scored)" % (half[0], end[0]),
         "%+.0f MiB" % (end[1] - half[1])),
        ("torch imported in the Odoo process", str(torch_loaded)),
    ]
    print("\n| Measure | Value |\n|---|---|")
    for name, value in rows:
        print("| %s | %s |" % (name, value))
    print("\nencoder provider: %s, CPU threads: %s" % (encoder.provider, os.environ.get("HR_TALENT_AI_ORT_THREADS")
                                                      or min(4, os.cpu_count() or 1)))


if __name__ == "__main__":
    main()
