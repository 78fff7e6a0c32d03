"""One score, one story (ml/fit/guard.apply_consistency_cap, ml/fit/drivers): the band never says
"strong" while most requirements are missing, and the explanation says what drove the score."""
from ml.fit import drivers, guard, zero_shot


def req(name, status, similarity=0.6, sentence="did it"):
    return {"requirement": name, "status": status, "similarity": similarity,
            "sentence": sentence if status != "missing" else "", "relation": "did", "weight": 1.0}


def result(score, statuses, missing_skills=()):
    reqs = [req("Requirement %d" % i, st, 0.7 - 0.01 * i) for i, st in enumerate(statuses)]
    return zero_shot.FitResult(score, zero_shot.band(score), reqs, [], list(missing_skills), 0.0, 0.0, 0.0)


def test_strong_with_most_requirements_missing_is_capped():
    # the demo's case: 100/100 "strong" with 7 of 11 requirements missing
    res = result(100.0, ["met"] * 4 + ["missing"] * 7)
    reason = guard.apply_consistency_cap(res)
    assert res.band == "good" and res.score == guard.strong_floor() - 1 == 74.0
    assert "7 of the job's 11 requirements are missing" in reason and "from 100" in reason


def test_half_or_fewer_missing_keeps_the_score():
    for statuses in (["met"] * 6 + ["missing"] * 5, ["partly"] * 2 + ["missing"] * 2, []):
        res = result(96.0, statuses)
        assert guard.apply_consistency_cap(res) is None
        assert res.score == 96.0 and res.band == "strong"


def test_lower_scores_are_untouched():
    res = result(60.0, ["missing"] * 5 + ["met"])
    assert guard.apply_consistency_cap(res) is None and res.score == 60.0 and res.band == "good"
    assert guard.apply_consistency_cap(None) is None


def test_drivers_top_evidence_and_missing():
    res = result(80.0, ["partly", "met", "missing", "met", "met", "met"], missing_skills=["Kafka"])
    res.requirements[1]["sentence"] = "Wrote 70 help-centre articles <b>&</b>"
    s = drivers.summary(res, "trained", {"auc": 0.9, "ece": 0.04, "n_hired": 100, "n_refused": 200})
    assert [r["requirement"] for r in s["top_evidence"]] == ["Requirement 1", "Requirement 3", "Requirement 4"]
    assert s["missing"] == ["Requirement 2"] and (s["n_met"], s["n_partly"]) == (4, 1)
    html = drivers.to_html(res, "trained", {"auc": 0.9, "ece": 0.04, "n_hired": 100, "n_refused": 200})
    assert "What drove this score" in html and "80 %" in html and "calibration error 0.040" in html
    assert "300 labelled applicants" in html
    assert "Requirements: 4 met, 1 partly met, 1 missing (of 6)." in html
    assert "Missing: Requirement 2" in html and "Missing skills: Kafka" in html
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>" not in html, "CV text is escaped"
    zs_html = drivers.to_html(res)
    assert "Zero-shot" in zs_html and "chance" not in zs_html
    none = drivers.to_html(result(10.0, ["missing"] * 3))
    assert "no requirement is met or partly met" in none


def test_insert_under_the_headline():
    assert drivers.insert("<div><p>Fit 80</p><h5>x</h5></div>", "<div>D</div>") == \
        "<div><p>Fit 80</p><div>D</div><h5>x</h5></div>"
    assert drivers.insert("", "<div>D</div>") == "<div>D</div>"


def test_trained_chance_never_reads_zero_or_certain():
    """A calibrated 0.3 % is a small chance, not "0 %" (which would say it cannot happen)."""
    assert drivers.chance_text(0.3) == "below 1 %"
    assert drivers.chance_text(0.0) == "below 1 %"
    assert drivers.chance_text(99.7) == "above 99 %"
    assert drivers.chance_text(0.5) == "below 1 %" and drivers.chance_text(0.8) == "1 %"
    assert drivers.chance_text(42.4) == "42 %"
