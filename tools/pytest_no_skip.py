"""pytest plugin for the Odoo suite (`-p pytest_no_skip`): a missing browser fails the run, and no Odoo test may skip.

Odoo's HttpCase skips itself when Chromium or websocket-client is missing; here
a skip is a failure, so a suite that silently tested nothing cannot pass.
"""
import importlib.util
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


def pytest_configure(config):
    # Odoo logs an error when its test framework is imported outside test mode;
    # pytest-odoo imports it while collecting, before its own fixture sets the flag.
    import odoo.tools

    odoo.tools.config["test_enable"] = True
