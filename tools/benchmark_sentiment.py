"""Benchmark of the employee sentiment pipeline: scheduled action vs raw ONNX classifier.

    python3 tools/benchmark_sentiment.py -d <db with hr_talent_ai installed> \
        -c <odoo.conf> [--rows 100000] [--cron-batches 20] [--full]

What it does, in a database of its own (it inserts rows and commits):
1. makes sure a sentiment model is active (trains one in the subprocess if not);
2. inserts ``--rows`` feedback comments with one SQL INSERT (texts cycled from the
   shipped comments.csv, spread over 500 employees in 20 departments, dates over
   a year), all flagged for analysis;
3. for ``--cron-batches`` batches (``--full``: until the queue is empty), times the raw
   classifier (encoder + head ONNX sessions, no Odoo) on the texts of the next batch,
   then the scheduled action's code on that batch (committing per batch as in
   production), counting SQL queries per batch and the peak RSS of the process;
4. (interleaving keeps the ratio honest on a shared, loaded machine)
5. times one refresh of every employee/department aggregate over all rows;
6. prints a markdown table.
"""
import argparse
import os
import sys
import time


def rss_mb():
    """(current, peak) resident memory of this process in MiB (Linux /proc)."""
    cur = peak = 0.0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return cur, peak


def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-c", "--config", required=True, help="odoo.conf of that database (addons path, data dir)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cron-batches", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--full", action="store_true", help="analyse every inserted row through the cron")
    parser.add_argument("--keep", action="store_true", help="keep the inserted rows")
    args = parser.parse_args()

    import odoo
    from odoo import api, SUPERUSER_ID

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level", "warn"])
    registry = odoo.modules.registry.Registry(args.database)
    from odoo.addons.hr_talent_ai.ml.sentiment.make_dataset import load

    texts = [r["text"] for r in load()]
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Feedback = env["hr.employee.feedback"]
        model = env["hr.talent.model"]._get_active("sentiment", raise_if_missing=False)
        if not model:
            t0 = time.time()
            model = Feedback._train_sentiment_model()
            cr.commit()
            results["training (s)"] = "%.1f" % (time.time() - t0)
        clf, model = Feedback._get_sentiment_classifier()
        results["provider"] = clf.encoder.provider

        clf.predict(texts[:64])  # warm-up (session, tokenizer)
        # the cron's one-time cost per worker: embedding the theme examples (timed apart, as the
        # raw classifier's session load is)
        t0 = time.perf_counter()
        Feedback._get_theme_classifier(clf, model)
        results["themes warm-up (s)"] = time.perf_counter() - t0

        # -- data: employees, departments, rows (one INSERT)
        deps = env["hr.department"].create([{"name": "Bench dept %02d" % i} for i in range(20)])
        emps = env["hr.employee"].create([{"name": "Bench employee %03d" % i, "department_id": deps[i % 20].id}
                                          for i in range(500)])
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM hr_employee_feedback")
        first_id = cr.fetchone()[0]
        t0 = time.perf_counter()
        cr.execute("""
            INSERT INTO hr_employee_feedback (employee_id, company_id, department_id, body, date, source,
                                              needs_analysis, create_uid, create_date, write_uid, write_date)
            SELECT e.id, e.company_id, e.department_id, t.texts[1 + (g %% array_length(t.texts, 1))],
                   CURRENT_DATE - (g %% 365), 'pulse', TRUE, 1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC'
              FROM generate_series(1, %s) g
              JOIN LATERAL (SELECT (%s::int[])[1 + (g %% %s)] AS emp_id) p ON TRUE
              JOIN hr_employee e ON e.id = p.emp_id
             CROSS JOIN (SELECT %s::text[] AS texts) t
        """, [args.rows, emps.ids, len(emps), texts])
        insert_s = time.perf_counter() - t0
        # Other queued rows (an earlier run) would blur the figures: count them.
        queued = Feedback.search_count([("needs_analysis", "=", True)])
        cr.commit()

        # -- cron: batches with commit, queries and memory
        reset_peak_rss()
        rss_before, _peak = rss_mb()
        batches = 0
        done_total = 0
        queries = []
        raw_s = cron_s = 0.0
        while True:
            # Raw classifier on exactly the texts of the next batch, then the cron on that
            # batch: interleaved, so that the load of a shared machine hits both alike.
            cr.execute("SELECT body FROM hr_employee_feedback WHERE needs_analysis ORDER BY id LIMIT %s",
                       [args.batch_size])
            bodies = [r[0] for r in cr.fetchall()]
            if not bodies:
                break
            t0 = time.perf_counter()
            clf.predict(bodies)
            raw_s += time.perf_counter() - t0
            q0 = cr.sql_log_count
            t0 = time.perf_counter()
            done = Feedback._cron_analyze_sentiment(batch_size=args.batch_size, max_batches=1)
            cron_s += time.perf_counter() - t0
            queries.append(cr.sql_log_count - q0)
            done_total += done
            batches += 1
            if not args.full and batches >= args.cron_batches:
                break
        rss_after, rss_peak = rss_mb()
        cron_rate = done_total / cron_s if cron_s else 0.0
        raw_rate = done_total / raw_s if raw_s else 0.0

        # -- aggregates over everything
        cr.execute("SELECT array_agg(DISTINCT employee_id), array_agg(DISTINCT department_id) FROM hr_employee_feedback")
        emp_ids, dep_ids = cr.fetchone()
        q0 = cr.sql_log_count
        t0 = time.perf_counter()
        Feedback._refresh_sentiment_aggregates(emp_ids or [], [d for d in dep_ids or [] if d])
        agg_s = time.perf_counter() - t0
        agg_q = cr.sql_log_count - q0

        if not args.keep:
            cr.execute("DELETE FROM hr_employee_feedback WHERE id > %s", [first_id])
            emps.unlink()
            deps.unlink()
        cr.commit()

    rows = [
        ("rows in table", "%d (+%d queued before)" % (args.rows, max(0, queued - args.rows))),
        ("insert of the rows (one SQL)", "%.1f s" % insert_s),
        ("execution provider", results["provider"]),
        ("raw ONNX classifier (model as served, no Odoo), same texts", "%.0f comments/s (%.1f s)" % (raw_rate, raw_s)),
        ("scheduled action (%d batches of %d, commit each)" % (batches, args.batch_size),
         "%.0f comments/s (%d comments, %.1f s)" % (cron_rate, done_total, cron_s)),
        ("cron / raw ratio", "%.2f" % (cron_rate / raw_rate if raw_rate else 0.0)),
        ("once per worker: theme examples embedded", "%.1f s" % results["themes warm-up (s)"]),
        ("Odoo overhead per batch (SQL, commit, aggregates)", "%.0f ms" % (1000 * (cron_s - raw_s) / max(1, batches))),
        ("SQL queries per batch (min / max)", "%d / %d" % (min(queries or [0]), max(queries or [0]))),
        ("process RSS before / after / peak", "%.0f / %.0f / %.0f MiB" % (rss_before, rss_after, rss_peak)),
        ("refresh of all aggregates (%d employees)" % len(emp_ids or []), "%.2f s, %d queries" % (agg_s, agg_q)),
    ]
    if "training (s)" in results:
        rows.insert(0, ("training (model was missing)", "%s s" % results["training (s)"]))
    print("| measure | value |")
    print("|---|---|")
    for name, value in rows:
        print("| %s | %s |" % (name, value))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    sys.exit(main())
