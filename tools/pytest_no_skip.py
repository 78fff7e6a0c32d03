"""pytest plugin for the Odoo suite (`-p pytest_no_skip`): a missing browser fails the run, and no Odoo test may skip.

Odoo's HttpCase skips itself when Chromium or websocket-client is missing; here
a skip is a failure, so a suite that silently tested nothing cannot pass.
"""
import importlib.util
import logging
import shutil

import pytest

BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


def pytest_sessionstart(session):
    if not any(shutil.which(name) for name in BROWSERS):
        pytest.exit("FAIL: Chromium is not installed: the UI tours cannot run.", returncode=1)
    if importlib.util.find_spec("websocket") is None:
        pytest.exit("FAIL: websocket-client is not installed: the UI tours cannot run.", returncode=1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"an Odoo test was skipped, which counts as a failure here: {reason}"



# pytest-odoo imports Odoo's test framework while collecting, before its own
# fixture turns test mode on, and Odoo logs that import as an error with a
# stack. Turning test mode on earlier would run at_install tests on registry
# load, so only that one message is dropped.
logging.getLogger("odoo.tests.common").addFilter(
    lambda record: not record.getMessage().startswith("Importing test framework")
)
