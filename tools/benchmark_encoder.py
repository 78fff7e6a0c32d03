#!/usr/bin/env python3
"""How fast the text encoder reads CV claims, in each way it can be run. Prints a markdown table.

    python3 tools/benchmark_encoder.py [--data ../shared/data] [--cvs 40]

The claims are those the fit scores (ml.fit.zero_shot.chunk_cv after redaction) of real CVs of
the development split of ../shared/data/resumes (never shipped). Modes, each on the fp32 and the
int8 export, measured in one run (best of 2 after a warm-up):
- shared batches of 32 claims of all CVs, sorted by length (one session, intra-op threads);
- each CV's claims in their own batches (a CV's embeddings depend on that CV only);
- one claim a run, several runs at once (TextEncoder one_per_run: a claim's embedding depends on
  that claim only; what Odoo serves the fit and the review checks with).
Also the lowest cosine of each mode's embeddings to the fp32 shared batches.
"""
import argparse
import os
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tools"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from eval_fit_real import load_resumes  # noqa: E402

from ml.fit import text as fit_text, zero_shot  # noqa: E402
from ml.runtime import default_threads  # noqa: E402
from ml.text_encoder import TextEncoder, default_encoder_dir  # noqa: E402


def best_of(fn, reps=2):
    fn()
    best, out = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--cvs", type=int, default=40)
    parser.add_argument("--encoder-dir", help="holds text_encoder.onnx and text_encoder_int8.onnx (else exported here)")
    args = parser.parse_args(argv)
    enc_dir = args.encoder_dir or tempfile.mkdtemp(prefix="talent_ai_encoder_")
    if not os.path.isfile(os.path.join(enc_dir, "text_encoder_int8.onnx")):
        from ml.export_text_encoder import train

        train({"int8": True}, enc_dir)
    cvs = [c for c in load_resumes(args.data) if c["split"] == "dev"][:args.cvs]
    claims = [zero_shot.chunk_cv(fit_text.redact(fit_text.truncate(c["text"]), names=[]))[0] for c in cvs]
    flat = [t for cv in claims for t in cv]
    model_dir = default_encoder_dir()
    print("%d claims of %d real CVs; %d cores, %d intra-op threads\n" % (
        len(flat), len(cvs), os.cpu_count() or 1, default_threads()))
    print("| encoder | run | claims/s | CVs/s | lowest cosine to fp32 shared |")
    print("|---|---|---|---|---|")
    reference = None
    for name in ("text_encoder.onnx", "text_encoder_int8.onnx"):
        path = os.path.join(enc_dir, name)
        batched = TextEncoder(path, model_dir, "cpu", 32)
        each = TextEncoder(path, model_dir, "cpu", 32, one_per_run=True)
        modes = [
            ("shared batches of 32", lambda: batched.encode(flat)),
            ("each CV's own batches", lambda: np.vstack([batched.encode(cv) for cv in claims])),
            ("one claim a run, %d at once" % each.workers, lambda: each.encode(flat)),
        ]
        for label, fn in modes:
            seconds, out = best_of(fn)
            if reference is None:
                reference = out
            print("| %s | %s | %.0f | %.1f | %.4f |" % (
                "int8" if "int8" in name else "fp32", label, len(flat) / seconds, len(cvs) / seconds,
                float(np.min(np.sum(out * reference, axis=1)))))


if __name__ == "__main__":
    main()
