#!/usr/bin/env bash
# A fresh database without demo data (install, the out-of-the-box tests, a clean uninstall),
# then one with hr_talent_ai and its demo data and every Odoo test through pytest-odoo (with an
# HTTP server for the Chromium tours), then drop it all.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
CONF=${CONF:-.build/odoo-test.conf}
DB=${TEST_DB:-hr_talent_ai_test_$(date +%s)_$$}
DB_BARE=${DB}_bare
DATA_DIR=$(sed -n 's/^data_dir = //p' "$CONF")

cleanup() {
    for db in "$DB" "$DB_BARE"; do
        dropdb --if-exists "$db" 2>/dev/null || true
        rm -rf "${DATA_DIR:?}/filestore/$db"
    done
}
trap cleanup EXIT

odoo() { "$PYTHON" -m odoo -c "$CONF" --log-level=warn "$@"; }
odoo_shell() { "$PYTHON" -m odoo shell -c "$CONF" --log-level=warn --no-http "$@"; }

# 1. Without demo data: install time, the out-of-the-box tests, then a clean uninstall.
start=$(date +%s)
odoo -d "$DB_BARE" -i hr_talent_ai --without-demo=all --stop-after-init
echo "installed hr_talent_ai without demo data in $(( $(date +%s) - start )) s"
# What a customer meets first, on that database: every feature through its button and its
# scheduled action (these test files make their own records and hold with or without demo data).
ROOT=$PWD
BARE_TESTS="test_install.py test_engine.py test_fit.py test_fit_pdf.py test_cv_parse.py
            test_sentiment_default_model.py test_review.py test_training_path.py"
(cd .build/addons && PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m pytest -p no:cacheprovider \
    -p pytest_no_skip --rootdir=. --odoo-config "$ROOT/$CONF" --odoo-database "$DB_BARE" --odoo-log-level=warn -q \
    $(for f in $BARE_TESTS; do printf 'hr_talent_ai/tests/%s ' "$f"; done))
echo "out-of-the-box tests passed on the database without demo data"
result=$(odoo_shell -d "$DB_BARE" < tools/uninstall_check.py 2>&1 | grep -E '^UNINSTALL-' || true)
echo "uninstall: ${result:-no answer}"
[ "$result" = "UNINSTALL-OK" ] || { echo "FAIL: hr_talent_ai does not uninstall cleanly"; exit 1; }

# 2. With demo data (which also trains and activates the default models).
start=$(date +%s)
odoo -d "$DB" -i hr_talent_ai --stop-after-init
echo "installed hr_talent_ai with demo data in $(( $(date +%s) - start )) s"

# pytest-odoo imports the tests as odoo.addons.hr_talent_ai.tests: collect them
# from the addons folder, through the link that carries the module's name (the
# checkout's own folder may have any name).
cd .build/addons
PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m pytest -p no:cacheprovider -p pytest_no_skip \
    --rootdir=. --odoo-config "$ROOT/$CONF" --odoo-database "$DB" --odoo-http --odoo-log-level=warn \
    hr_talent_ai/tests "$@"
