"""CV structure (sections, work history, education, skills, contact, claims): one parser for
the fit's evidence and for the CV parsing of candidates. Plain Python, no Odoo."""
