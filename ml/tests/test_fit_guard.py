"""Guards on a fit score (ml/fit/guard.py): trained model only for jobs it learnt,
no good fit without a requirement met by did-the-work evidence. Plain Python."""
import os

import pytest

from ml.fit import guard, roles, zero_shot

DATA = os.path.join(os.path.dirname(__file__), "data", "fit_eval.json")
HOLDOUT = os.path.join(os.path.dirname(__file__), "data", "fit_holdout.json")


def result(score, requirements):
    return zero_shot.FitResult(score, zero_shot.band(score), requirements, [], [], 0.0, 0.0, 0.0)


def req(status, relation, weight):
    return {"requirement": "r", "status": status, "similarity": 0.6, "sentence": "s", "relation": relation,
            "weight": weight}


def test_job_counts_and_coverage():
    counts = guard.job_counts([7, 7, 7, 7, 7, 9, 9])
    assert counts == {"7": 5, "9": 2}
    layout = {"job_counts": counts}
    assert guard.covers_job(layout, 7) == (True, "")
    ok, reason = guard.covers_job(layout, 9)
    assert not ok and "2 labelled applicants" in reason and "zero-shot" in reason
    ok, reason = guard.covers_job(layout, 11)
    assert not ok and "0 labelled applicants" in reason
    ok, reason = guard.covers_job({"size": 3}, 7)
    assert not ok and "retrain" in reason, "a model without job history is not trusted for any job"


def test_cap_without_work_evidence():
    kw = result(99.1, [req("met", "keyword_list", 0.3), req("missing", "did", 1.0), req("partly", "studied", 0.4)])
    reason = guard.apply_evidence_cap(kw)
    assert guard.EVIDENCE_CAP - 5 < kw.score <= guard.EVIDENCE_CAP < 55 and kw.band == "possible"
    assert "capped" in reason and "99" in reason


def test_no_cap_with_work_evidence_or_low_score():
    did = result(91.0, [req("met", "did", 1.0), req("missing", "did", 1.0)])
    assert guard.apply_evidence_cap(did) is None and did.score == 91.0 and did.band == "strong"
    # a relation that is the job itself (a recruiter recruiting) has full weight: evidence
    own = result(80.0, [req("met", "recruited", 1.0)])
    assert guard.apply_evidence_cap(own) is None and own.score == 80.0
    partly = result(70.0, [req("partly", "did", 1.0), req("missing", "did", 1.0)])
    assert guard.apply_evidence_cap(partly) is None and partly.score == 70.0
    low = result(40.0, [req("partly", "studied", 0.4)])
    assert guard.apply_evidence_cap(low) is None and low.score == 40.0
    # requirement dicts of an older format (no weight): only "did" counts
    old = result(70.0, [{"status": "met", "relation": "managed"}])
    assert guard.apply_evidence_cap(old) and guard.EVIDENCE_CAP - 5 < old.score <= guard.EVIDENCE_CAP


@pytest.fixture(scope="module")
def encode(exported_encoder, encoder_dir):
    from ml.text_encoder import TextEncoder

    return TextEncoder(str(exported_encoder[0] / "text_encoder.onnx"), encoder_dir, device="cpu").encode


def test_cap_on_the_trap_set(encode):
    """On the labelled set, keyword lists are capped below 'good' and no CV of hands-on
    work (grade 3) loses its band to the cap."""
    from ml.fit import evaluate

    for path in (DATA, HOLDOUT):
        jobs = evaluate.load(path)["jobs"]
        _scores, results = evaluate.zero_shot_scores(jobs, encode, evaluate.encode_prototypes(encode))
        by_id = {cv["id"]: cv for job in jobs for cv in job["cvs"]}
        kw = [cid for cid in results if cid.endswith("_kw")]
        assert kw
        for cid, res in results.items():
            before = res.score
            has_evidence = guard.has_work_evidence(res.requirements)
            res.score = 99.0  # as a trained model might score it
            guard.apply_evidence_cap(res)
            if cid in kw or cid.endswith(("_aspires", "_studied", "_recruited", "_built", "_managed")):
                assert not has_evidence and res.score < 55, cid
            if by_id[cid]["grade"] == 3:
                assert has_evidence and res.score == 99.0, "hands-on CV %s capped (zero-shot %.1f)" % (cid, before)


def test_a_skills_section_alone_is_no_evidence_of_the_work(encode):
    """A CV that only lists the job's words under "Skills", one per line, scored 99.99 'strong' (three
    requirements "met" by its lines); a listed skill still counts towards coverage, but only a line of
    the work itself lifts the evidence cap."""
    scorer = zero_shot.Scorer(encode)
    job = scorer.prepare_job({"name": "Warehouse Team Leader", "description": (
        "Requirements:\n- Lead a team of 10-15 warehouse operatives\n- Keep dock-to-stock times within target\n"
        "- Experience with a WMS (SAP EWM or Manhattan preferred)\n- Counterbalance or reach truck licence\n"
        "- Good Excel skills")})
    skills = ("SKILLS\nWarehouse operations\nTeam leadership\nWMS systems\nSAP EWM and Manhattan\nForklift driving\n"
              "Reach truck licence\nMicrosoft Excel\nHealth and safety")
    listed = scorer.score(job, scorer.prepare_cv(skills))
    assert any(r["status"] == "met" and r["relation"] == roles.LISTED for r in listed.requirements)
    assert listed.score <= guard.EVIDENCE_CAP and listed.band == "possible" and listed.notes
    worked = scorer.score(job, scorer.prepare_cv(
        "EXPERIENCE\nWarehouse Supervisor, Arden Logistics, 2019 - 2024\n- Led a team of 12 warehouse operatives on "
        "the day shift\n- Cut dock-to-stock time from 26 to 11 hours\n" + skills))
    assert worked.score > listed.score and worked.band in ("good", "strong") and guard.has_work_evidence(
        worked.requirements)


def test_capped_scores_keep_their_order():
    high = result(99.0, [req("met", "keyword_list", 0.3)])
    low = result(70.0, [req("met", "keyword_list", 0.3)])
    guard.apply_evidence_cap(high)
    guard.apply_evidence_cap(low)
    assert low.score < high.score <= guard.EVIDENCE_CAP and high.band == low.band == "possible"
