"""Ranker: training on a company history, held-out recall@k, ONNX export parity."""
import json
import subprocess
import sys

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from ml.runtime import get_session  # noqa: E402

from ml.training_path import ranker, train as tp_train  # noqa: E402
from ml.training_path.features import N_FEATURES  # noqa: E402
from ml.training_path.gap import compute_gap  # noqa: E402
from ml.training_path.history import build_events  # noqa: E402
from ml.training_path.ordering import Course  # noqa: E402
from ml.training_path.synthetic import make_history  # noqa: E402


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("tp")
    data = make_history(seed=1)
    data["epochs"] = 200
    metrics = tp_train.train(data, out)
    return data, out, metrics


def test_metrics_and_file(trained):
    _data, out, m = trained
    assert (out / m["files"]["training_path"]).is_file()
    assert m["n_events_heldout"] > 0 and m["n_employees_heldout"] >= 1
    for key in ("recall_at_k", "zero_shot_recall_at_k", "mrr", "zero_shot_mrr"):
        assert 0.0 <= m[key] <= 1.0
    # the synthetic company follows prerequisites / short-first: learnable beyond similarity
    assert m["recall_at_k"] > m["zero_shot_recall_at_k"]
    assert m["onnx_parity_max_abs"] <= 1e-4
    json.dumps(m)


def test_onnx_parity_on_fresh_inputs(trained):
    data, out, _m = trained
    dim = len(data["courses"][0]["emb"])
    model = tp_train.Ranker(dim)
    torch.manual_seed(3)
    for p in model.parameters():
        torch.nn.init.normal_(p, std=0.3)
    path = out / "parity.onnx"
    tp_train.export_onnx(model, dim, path)
    sess = get_session(str(path), device="cpu")
    rng = np.random.default_rng(0)
    for n in (1, 7, 40):
        feats = rng.normal(size=(n, N_FEATURES)).astype(np.float32)
        g = rng.normal(size=(n, dim)).astype(np.float32)
        c = rng.normal(size=(n, dim)).astype(np.float32)
        with torch.no_grad():
            ref = model(torch.from_numpy(feats), torch.from_numpy(g), torch.from_numpy(c)).numpy()
        got = ranker.score_pairs(feats, g, c, session=sess)
        assert got.shape == (n,)
        assert np.abs(ref - got).max() <= 1e-4


def test_serving_ranks_with_onnx_and_zero_shot(trained):
    data, out, m = trained
    courses = {c["id"]: Course(c["id"], c["hours"], {int(k): v for k, v in c["teaches"].items()},
                               tuple(c["prereq_ids"])) for c in data["courses"]}
    cemb = {c["id"]: np.asarray(c["emb"], dtype=np.float32) for c in data["courses"]}
    semb = {int(k): np.asarray(v, dtype=np.float32) for k, v in data["skill_emb"].items()}
    gap = compute_gap({1: 80, 2: 80}, {})
    zero = ranker.rank_courses(gap, {}, set(), courses, cemb, semb)
    sess = get_session(str(out / m["files"]["training_path"]), device="cpu")
    learned = ranker.rank_courses(gap, {}, {100}, courses, cemb, semb, session=sess)
    assert set(zero) == set(courses) and 100 not in learned
    # zero-shot is the cosine of the gap embedding (both skills equally missing) and the course embedding
    g = semb[1] + semb[2]
    g = g / np.linalg.norm(g)
    for cid, score in zero.items():
        assert score == pytest.approx(float(cemb[cid] @ g / np.linalg.norm(cemb[cid])), abs=1e-5)
    assert len(set(np.round(list(learned.values()), 6))) > 1


def test_history_events_use_state_before_the_course():
    courses = {1: Course(1, 5, {7: 50}), 2: Course(2, 9, {7: 80}, (1,))}
    emp = {"id": 5, "expected": {"7": 80},
           "done": [{"course_id": 1, "date": "2024-02-01", "seq": 1}, {"course_id": 2, "date": "2024-03-01", "seq": 2}],
           "logs": [{"skill_id": 7, "progress": 50, "date": "2024-02-01"},
                    {"skill_id": 7, "progress": 80, "date": "2024-03-01"}]}
    ev = build_events([emp], courses)
    assert [e.course_id for e in ev] == [1, 2]
    assert ev[0].held == {} and ev[1].held == {7: 50} and ev[1].done == (1,)
    assert ev[0].gap[7].target == 80 and ev[1].gap[7].current == 50
    assert ev[0].weight == 1.0


def test_too_little_history_is_a_clear_error(tmp_path):
    data = make_history(n_employees=2, steps_per_employee=1)
    with pytest.raises(ValueError, match="history events"):
        tp_train.train(data, tmp_path)


def test_serving_modules_do_not_import_torch():
    code = ("import sys; import ml.training_path.ranker, ml.training_path.ordering, ml.training_path.gap, "
            "ml.training_path.history; assert 'torch' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
