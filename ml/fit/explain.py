"""Human-readable explanation of a fit score (HTML for hr.applicant.fit_explanation).

Recruiters must see *why*: every requirement as met / partly met / missing with
the CV sentence that supports it (and how the sentence relates to the work), and
the matched and missing skills. Everything is escaped: CV text is untrusted.
"""
from html import escape

from . import roles

ONET_ATTRIBUTION = ("Occupations: this product includes information from the O*NET 29.2 Database by the U.S. "
                    "Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY "
                    "4.0 license. O*NET\u00ae is a trademark of USDOL/ETA.")
STATUS_LABELS = {"met": "Met", "partly": "Partly met", "missing": "Missing"}
STATUS_CLASSES = {"met": "text-success", "partly": "text-warning", "missing": "text-danger"}

# The quotes are the CV's sentences as the scorer read them, so a recruiter who looks for one in the CV
# knows why "She managed maternity pay" reads "They managed parental pay".
QUOTES_NOTE = ("CV sentences are quoted as the score read them: names, contact details, pronouns, ages and "
               "family words are neutralised before anything is scored.")


def to_html(result, model_label="", notes=()):
    parts = ['<div class="o_talent_fit_explanation">']
    parts.append("<p><strong>Fit %.0f / 100 (%s)</strong>%s</p>" % (
        result.score, escape(result.band), (" &middot; " + escape(model_label)) if model_label else ""))
    if getattr(result, "occupations", None):
        parts.append('<p>Occupation matched: %s <span class="text-muted small">(O*NET 29.2)</span></p>' % escape(
            "; ".join(title for _code, title in result.occupations)))
    signals = getattr(result, "signals", None) or {}
    if signals.get("dated_entries"):
        parts.append("<p>Experience in this occupation: about %.1f years (%d of %d dated work entries)</p>" % (
            signals.get("years_in_occupation", 0.0), signals.get("entries_in_occupation", 0), signals["dated_entries"]))
    # the counts only: each requirement below quotes its evidence, and the drivers block above
    # (ml.fit.drivers) its top evidence; the quotes were shown three times
    missing = [r for r in result.requirements if r["status"] == "missing"]
    if result.requirements:
        parts.append("<p>%d of %d requirements met or partly met.</p>" % (
            len(result.requirements) - len(missing), len(result.requirements)))
    for status in ("met", "partly", "missing"):
        rows = [r for r in result.requirements if r["status"] == status]
        if not rows:
            continue
        parts.append('<h5 class="%s">Requirements %s (%d)</h5><ul>' % (
            STATUS_CLASSES[status], escape(STATUS_LABELS[status].lower()), len(rows)))
        for row in rows:
            item = "<li><strong>%s</strong>" % escape(row["requirement"])
            if row.get("sentence") and status != "missing":
                item += '<br/><em>&ldquo;%s&rdquo;</em>' % escape(row["sentence"])
                relation = row.get("relation")
                if relation and relation != roles.DID:
                    item += ' <span class="badge text-bg-light">%s</span>' % escape(
                        roles.RELATION_LABELS.get(relation, relation))
            parts.append(item + "</li>")
        parts.append("</ul>")
    if result.matched_skills or result.missing_skills:
        parts.append("<h5>Skills</h5><p>")
        if result.matched_skills:
            parts.append("<span class=\"text-success\">Matched:</span> %s<br/>" % escape(", ".join(result.matched_skills)))
        if result.missing_skills:
            parts.append("<span class=\"text-danger\">Missing:</span> %s" % escape(", ".join(result.missing_skills)))
        parts.append("</p>")
    if getattr(result, "occupations", None):
        notes = list(notes or ()) + [ONET_ATTRIBUTION]
    for note in notes or ():
        parts.append('<p class="text-muted small">%s</p>' % escape(note))
    if any(r.get("sentence") for r in result.requirements):
        parts.append('<p class="text-muted small">%s</p>' % escape(QUOTES_NOTE))
    parts.append('<p class="text-muted small">Advisory only: a person decides on every applicant.</p></div>')
    return "".join(parts)
