"""Trainer subprocess entry point: `python3 -m ml.train <task> --input in.json --output dir`.

Training and export run here, never in the Odoo server process, so torch is
only ever imported in this short-lived subprocess; a crash or an out-of-memory
kill cannot take Odoo down. Contract with the caller: exit 0 and
<output>/metrics.json on success; exit 1, a one-line reason on stderr and in
<output>/error.txt (traceback below that line) on failure.
"""
import argparse
import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

# task -> (module relative to this package, attribute)
TASKS = {
    "text_encoder": (".export_text_encoder", "train"),
    "fit": (".fit.train", "train"),
    "sentiment": (".sentiment.train", "train"),
    "training_path": (".training_path.train", "train"),
    "clip": (".clip_export", "train"),
    "review": (".review.train", "train"),
}


def _lift_inherited_limits():
    """Odoo workers set soft RLIMIT_AS (limit_memory_hard) and RLIMIT_CPU (limit_time_cpu)
    limits that children inherit: torch's CUDA build maps gigabytes of virtual address space
    and cannot even be imported under the first, and training needs more CPU seconds than a
    request. Raising a soft limit up to the hard one needs no privilege; the caller's
    wall-clock timeout still bounds the run."""
    try:
        import resource
    except ImportError:  # not POSIX
        return
    for limit in (resource.RLIMIT_AS, resource.RLIMIT_CPU):
        try:
            soft, hard = resource.getrlimit(limit)
            if soft != hard:
                resource.setrlimit(limit, (hard, hard))
        except (ValueError, OSError):
            pass


def _setup_env():
    _lift_inherited_limits()
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    threads = os.environ.get("HR_TALENT_AI_TORCH_THREADS") or str(max(1, min(4, os.cpu_count() or 1)))
    os.environ.setdefault("OMP_NUM_THREADS", threads)
    os.environ.setdefault("MKL_NUM_THREADS", threads)
    return int(threads)


def _task_function(task):
    if task not in TASKS:
        raise ValueError("Unknown task %r (known: %s)" % (task, ", ".join(sorted(TASKS))))
    module_name, attr = TASKS[task]
    module = importlib.import_module(module_name, __package__ or "ml")
    return getattr(module, attr)


def run(task, input_path, output_dir):
    """Run one task; returns the metrics (also written to output_dir/metrics.json)."""
    threads = _setup_env()
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    data = {}
    if input_path:
        with open(input_path, encoding="utf-8") as f:
            data = json.load(f)
        if not isinstance(data, dict):
            raise ValueError("Input %s must hold a JSON object, not %s" % (input_path, type(data).__name__))
    fn = _task_function(task)
    if "torch" in sys.modules:  # imported by the task module: keep it to a few cores
        sys.modules["torch"].set_num_threads(threads)
    t0 = time.time()
    metrics = fn(data, output_dir) or {}
    metrics.setdefault("seconds", round(time.time() - t0, 2))
    for kind, name in (metrics.get("files") or {}).items():
        if not (output_dir / name).is_file():
            raise RuntimeError("Task %s reported file %s for %s but did not write it" % (task, name, kind))
    (output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, default=float), encoding="utf-8")
    return metrics


def _one_line(exc):
    text = ("%s: %s" % (type(exc).__name__, exc)).strip()
    return " ".join(text.split())[:500]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m ml.train", description=__doc__.splitlines()[0])
    parser.add_argument("task", help="one of: %s" % ", ".join(sorted(TASKS)))
    parser.add_argument("--input", help="JSON file with the task's data")
    parser.add_argument("--output", required=True, help="directory for the ONNX files and metrics.json")
    args = parser.parse_args(argv)
    try:
        run(args.task, args.input, args.output)
    except BaseException as exc:  # noqa: BLE001 - every failure must reach the caller as one line
        if isinstance(exc, SystemExit) and not exc.code:
            raise
        reason = _one_line(exc)
        try:
            Path(args.output).mkdir(parents=True, exist_ok=True)
            (Path(args.output) / "error.txt").write_text(reason + "\n\n" + traceback.format_exc(), encoding="utf-8")
        except OSError:
            pass
        print(reason, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
