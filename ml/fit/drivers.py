"""What drove a fit score: a short summary block for hr.applicant.fit_explanation.

Built from the requirement evidence the zero-shot scorer computes for every CV (the
same rows the full explanation lists), for both paths, so the number and the story
agree: its strongest evidence (met, then partly met requirements, with the CV sentence)
and what is missing. For a trained model it also says what the number is: a
probability of a positive outcome calibrated on this company's held-out decisions.
Everything is escaped: CV text is untrusted.
"""
from html import escape

TOP_EVIDENCE = 3
STATUS_ORDER = {"met": 0, "partly": 1}


def top_evidence(requirements, k=TOP_EVIDENCE):
    """Up to k met / partly met requirements with a CV sentence, met first, then by similarity
    (relation-weighted, as the scorer used it)."""
    rows = [r for r in requirements or () if r.get("status") in STATUS_ORDER and r.get("sentence")]
    rows.sort(key=lambda r: (STATUS_ORDER[r["status"]], -float(r.get("similarity") or 0.0)))
    return rows[:k]


def missing(requirements):
    return [r for r in requirements or () if r.get("status") == "missing"]


def summary(result, method="zero_shot", metrics=None):
    """Plain dict of the drivers (for tests and the HTML)."""
    reqs = list(result.requirements or ())
    return {
        "method": method,
        "score": float(result.score),
        "band": result.band,
        "n_requirements": len(reqs),
        "n_met": sum(1 for r in reqs if r.get("status") == "met"),
        "n_partly": sum(1 for r in reqs if r.get("status") == "partly"),
        "top_evidence": [{"requirement": r["requirement"], "sentence": r["sentence"], "status": r["status"]}
                         for r in top_evidence(reqs)],
        "missing": [r["requirement"] for r in missing(reqs)],
        "missing_skills": list(result.missing_skills or ()),
        "auc": (metrics or {}).get("auc"),
        "ece": (metrics or {}).get("ece"),
        "n_history": ((metrics or {}).get("n_hired") or 0) + ((metrics or {}).get("n_refused") or 0),
    }


def chance_text(score):
    """A probability (0-100) as a person reads it: a calibrated 0.3 % is "below 1 %", not "0 %",
    which would say the outcome cannot happen."""
    shown = round(float(score))
    if shown < 1:
        return "below 1 %"
    if shown > 99:
        return "above 99 %"
    return "%d %%" % shown


def to_html(result, method="zero_shot", metrics=None):
    s = summary(result, method, metrics)
    parts = ['<div class="o_talent_fit_drivers"><h5>What drove this score</h5><ul>']
    if method == "trained":
        line = ("<li>Trained model: estimated chance of a positive outcome <strong>%s</strong>, from this "
                "company's past hiring decisions" % chance_text(s["score"]))
        if isinstance(s["auc"], (int, float)) and isinstance(s["ece"], (int, float)):
            line += (" (calibrated on held-out applicants: AUC %.2f, calibration error %.3f, %d labelled "
                     "applicants)" % (s["auc"], s["ece"], s["n_history"]))
        parts.append(line + ".</li>")
    else:
        parts.append("<li>Zero-shot: how well the CV's sentences cover the job's requirements and skills.</li>")
    parts.append("<li>Requirements: %d met, %d partly met, %d missing (of %d).</li>" % (
        s["n_met"], s["n_partly"], len(s["missing"]), s["n_requirements"]))
    if s["top_evidence"]:
        items = "".join("<li>%s<br/><em>&ldquo;%s&rdquo;</em>%s</li>" % (
            escape(r["requirement"]), escape(r["sentence"]), " (partly)" if r["status"] == "partly" else "")
            for r in s["top_evidence"])
        parts.append("<li>Top evidence:<ul>%s</ul></li>" % items)
    else:
        parts.append("<li>Top evidence: no requirement is met or partly met by a CV sentence.</li>")
    if s["missing"]:
        parts.append("<li>Missing: %s</li>" % escape("; ".join(s["missing"])))
    if s["missing_skills"]:
        parts.append("<li>Missing skills: %s</li>" % escape(", ".join(s["missing_skills"])))
    parts.append("</ul></div>")
    return "".join(parts)


def insert(explanation_html, drivers_html):
    """Put the drivers block right under the explanation's headline (its first paragraph),
    or first when the explanation has none."""
    head = (explanation_html or "").find("</p>")
    if head < 0:
        return drivers_html + (explanation_html or "")
    head += len("</p>")
    return explanation_html[:head] + drivers_html + explanation_html[head:]
