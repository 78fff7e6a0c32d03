"""Labelled CV set for the CV parser's evaluation: a generator of CVs in varied layouts with
their labels, and renderers to PDF (reportlab), DOCX and ODT (their XML, no extra package)."""
