"""Write the translation template i18n/hr_talent_ai.pot, exported by Odoo itself.

    python3 tools/export_pot.py -d DB [-c .build/odoo.conf]

DB must have hr_talent_ai installed without demo data (demo records are no terms to translate; `make
pot` makes such a database). Odoo reads the module's terms from the database (fields, views, menus,
selections) and from its files; the files are read from a copy of the checkout's own files, because
the checkout holds its .build folder, whose addons link points back at the checkout (Odoo's file walk
follows links and would loop). The header keeps no dates, as OCA's templates, so that an unchanged module exports an
unchanged file. Translators copy it to i18n/<lang>.po.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE = "hr_talent_ai"
POT = ROOT / "i18n" / f"{MODULE}.pot"
DATE_HEADER = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.M)


def checkout_files():
    """The tracked files and the new ones git does not ignore."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                         check=True, capture_output=True).stdout
    return [name for name in out.decode().split("\0") if name and (ROOT / name).is_file()]


def addons_path_without_checkout(conf):
    """The configured addons path, the checkout's own folder left out."""
    for line in Path(conf).read_text().splitlines():
        if line.startswith("addons_path"):
            paths = [p.strip() for p in line.split("=", 1)[1].split(",") if p.strip()]
            return [p for p in paths if not (Path(p) / MODULE).resolve() == ROOT]
    sys.exit(f"{conf} has no addons_path: run `python3 tools/talent_ai_env.py config` first.")


def has_demo_data(database):
    import psycopg2

    with psycopg2.connect(dbname=database) as conn, conn.cursor() as cr:
        cr.execute("SELECT demo FROM ir_module_module WHERE name = %s AND state = 'installed'", [MODULE])
        row = cr.fetchone()
    if row is None:
        sys.exit(f"{MODULE} is not installed in {database}: install it first (without demo data).")
    return bool(row[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-c", "--config", default=str(ROOT / ".build" / "odoo.conf"))
    args = parser.parse_args()
    if has_demo_data(args.database):
        sys.exit(f"{args.database} has demo data, whose records would become terms to translate: export from a "
                 "database installed without demo data (`make pot` makes one).")
    with tempfile.TemporaryDirectory(prefix="pot_") as tmp:
        copy = Path(tmp) / MODULE
        for name in checkout_files():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
        out = Path(tmp) / f"{MODULE}.pot"
        addons = ",".join(addons_path_without_checkout(args.config) + [tmp])
        cmd = [sys.executable, "-m", "odoo", "-c", args.config, "-d", args.database, "--addons-path", addons,
               "--i18n-export", str(out), "--modules", MODULE, "--stop-after-init", "--log-level=warn"]
        subprocess.run(cmd, check=True, env=dict(os.environ, HF_HUB_OFFLINE="1"))
        if not out.is_file():
            sys.exit(f"Odoo wrote no template: is {MODULE} installed in {args.database}?")
        POT.parent.mkdir(exist_ok=True)
        POT.write_text(DATE_HEADER.sub("", out.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"ok: {POT.relative_to(ROOT)} ({POT.read_text(encoding='utf-8').count('msgid ') - 1} terms)")


if __name__ == "__main__":
    main()
