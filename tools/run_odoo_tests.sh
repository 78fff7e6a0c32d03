#!/usr/bin/env bash
# Fresh database with hr_talent_ai and its demo data, the Odoo tests through
# pytest-odoo (with an HTTP server for the Chromium tours), then drop it all.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
CONF=${CONF:-.build/odoo-test.conf}
DB=${TEST_DB:-hr_talent_ai_test_$(date +%s)_$$}
DATA_DIR=$(sed -n 's/^data_dir = //p' "$CONF")

cleanup() {
    dropdb --if-exists "$DB" 2>/dev/null || true
    rm -rf "$DATA_DIR/filestore/$DB"
}
trap cleanup EXIT

start=$(date +%s)
"$PYTHON" -m odoo -c "$CONF" -d "$DB" -i hr_talent_ai --stop-after-init --log-level=warn
echo "installed hr_talent_ai with demo data in $(( $(date +%s) - start )) s"

# pytest-odoo imports the tests as odoo.addons.hr_talent_ai.tests: collect them
# from the addons folder, through the link that carries the module's name (the
# checkout's own folder may have any name).
ROOT=$PWD
cd .build/addons
PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m pytest -p no:cacheprovider -p pytest_no_skip \
    --rootdir=. --odoo-config "$ROOT/$CONF" --odoo-database "$DB" --odoo-http --odoo-log-level=warn \
    hr_talent_ai/tests "$@"
