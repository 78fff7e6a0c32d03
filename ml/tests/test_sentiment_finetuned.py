"""The shipped fine-tuned sentiment model (ml/sentiment/model), its data, themes and retraining.

Real files: the committed int8 ONNX model served with ONNX Runtime, the written comments, a real
(short) retrain in torch. Run from the add-on root:
``python3 -m pytest -p no:odoo ml/tests/test_sentiment_finetuned.py``.
"""
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from ml.runtime import ModelFileError
from ml.sentiment import themes as th, workplace
from ml.sentiment.workplace import LABELS, THEME_CODES

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "ml" / "sentiment" / "model"


@pytest.fixture(scope="module")
def metrics():
    return json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clf(metrics):
    from ml.sentiment.classifier import FinetunedSentimentClassifier
    from ml.text_encoder import default_encoder_dir

    return FinetunedSentimentClassifier(str(MODEL_DIR / metrics["int8_file"]), default_encoder_dir(), device="cpu")


def test_written_data_is_varied_and_split_stably():
    rows = workplace.load_comments()
    assert len(rows) >= 350
    assert len({workplace.normalise(r["text"]) for r in rows}) == len(rows), "no duplicate comment"
    labels = Counter(r["label"] for r in rows)
    assert min(labels.values()) >= 100, labels
    assert {t for r in rows for t in r["themes"]} == set(THEME_CODES)
    assert sum(len(r["themes"]) >= 2 for r in rows if r["label"] == "neutral") >= 30, "mixed comments"
    splits = Counter(r["split"] for r in rows)
    assert splits["heldout"] >= 80 and splits["dev"] >= 40 and splits["train"] >= 200
    assert [workplace.split_of(r["text"]) for r in rows] == [r["split"] for r in rows]
    pc = workplace.load_pros_cons()
    assert len(pc) >= 200 and Counter(r["side"] for r in pc)["pros"] >= 100
    assert not {workplace.normalise(r["text"]) for r in pc} & {workplace.normalise(r["text"]) for r in rows}


def test_shipped_model_metrics_recorded(metrics):
    """Floors just under the measured level of the committed model (held out: workplace macro-F1
    0.875 on 622 written comments, issue 11's 0.90 NOT met yet; pros/cons 94.1 %, neutral 0.5 %;
    review sentences: dimension macro-F1 0.81, polarity 0.88); a rebuild that does worse than the
    committed file fails here."""
    held = metrics["heldout"]
    assert held["workplace"]["n"] >= 400
    assert held["workplace"]["macro_f1"] >= 0.85
    assert held["pros_cons"]["polar_accuracy"] >= 0.90
    assert held["pros_cons"]["neutral_share"] <= 0.10
    assert held["sst2_test"]["accuracy"] >= 0.82
    reviews = metrics["review_sentences_heldout"]
    assert reviews["n"] >= 500 and reviews["dimension_macro_f1"] >= 0.80 and reviews["polarity_accuracy"] >= 0.86
    # 2,632 texts incl. 500 tweets near the class boundaries; the mean score moves by about 0.04
    assert metrics["parity"]["int8_vs_fp32_label_agreement"] >= 0.96
    assert metrics["parity"]["int8_vs_fp32_mean_abs_score_diff"] <= 0.05
    assert metrics["parity"]["onnx_fp32_vs_torch_max_abs_logit_diff"] < 1e-3
    assert 0.2 < metrics["temperature"] < 10 and metrics["dev_nll_after"] <= metrics["dev_nll_before"]
    assert metrics["gate_macro_f1"] >= 0.65 and metrics["gate_n"] >= 80
    # int8 graph (23 MB) + the trained layers as int8 matrices with per-row scales (11 MB)
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size < 36 * 1024 * 1024, "the shipped sentiment files stay lean (%d bytes)" % size


def test_plain_workplace_comments(clf):
    # none of these is in the training split (checked below)
    cases = [
        ("Finally we have a proper career ladder for engineers. Love it.", "positive"),
        ("The new build server halves our waiting time, great improvement.", "positive"),
        ("I am fed up: nobody tells us anything about the merger.", "negative"),
        ("The director thanked our team in person for the audit work, which meant a lot.", "positive"),
        ("My supervisor is helpful, but the salary is far below what others pay.", "neutral"),
        ("The quarterly report is due on the fifth.", "neutral"),
    ]
    trained = {workplace.normalise(r["text"]) for r in workplace.load_comments("train") + workplace.load_pros_cons("train")}
    assert not trained & {workplace.normalise(t) for t, _ in cases}
    res = clf.predict([t for t, _ in cases])
    assert [r["label"] for r in res] == [lab for _, lab in cases], [(t, r) for (t, _), r in zip(cases, res)]


def test_side_by_side_runs_give_each_comment_its_own_numbers(clf):
    """Comments run one at a time on the one-thread session, several at once: the numbers are
    those of each comment run alone, in order, and batches of 64 (theme examples) keep theirs."""
    texts = [r["text"] for r in workplace.load_comments("heldout")[:24]]
    alone = np.vstack([clf.run([t])[0] for t in texts])
    np.testing.assert_array_equal(clf.run(texts)[0], alone)
    np.testing.assert_array_equal(clf.run(texts[::-1])[0], alone[::-1])
    assert clf.session.checksum == clf.checksum
    in_64 = clf.run(texts, batch_size=64)
    np.testing.assert_allclose(clf.run(texts, batch_size=64)[1], in_64[1], atol=0)
    assert in_64[0].shape == (24, 3)


def test_scores_are_graded_and_consistent(clf):
    texts = [r["text"] for r in workplace.load_comments("heldout")]
    probs = clf.predict_proba([clf.prepare(t) for t in texts])
    np.testing.assert_allclose(probs.sum(1), 1.0, atol=1e-5)
    res = clf.predict(texts)
    scores = np.array([r["score"] for r in res])
    np.testing.assert_allclose(scores, probs[:, 2] - probs[:, 0], atol=1e-6)
    assert np.all(np.abs(scores) < 0.999), "no score pinned at -1 / +1"
    assert not np.any(scores == 0.0)
    # graded: many distinct values (199 are possible at two decimals), few near the ends
    assert len({round(s, 2) for s in scores}) > min(len(texts) // 3, 120), "graded scores"
    assert np.mean(np.abs(scores) >= 0.98) < 0.05, "no pile-up at -1 / +1"
    conf = np.array([r["confidence"] for r in res])
    assert np.all((conf > 1 / 3) & (conf < 1.0))
    # a row's result does not depend on its batch
    single = clf.predict([texts[7]])[0]
    assert single["label"] == res[7]["label"] and abs(single["score"] - res[7]["score"]) < 1e-4


def test_empty_and_corrupt_inputs_are_clear_errors(clf, tmp_path):
    from ml.sentiment.classifier import FinetunedSentimentClassifier
    from ml.text_encoder import default_encoder_dir

    with pytest.raises(ValueError, match="empty"):
        clf.predict(["fine", "  "])
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not an onnx graph")
    with pytest.raises(ModelFileError):
        FinetunedSentimentClassifier(str(bad), default_encoder_dir(), device="cpu")


def test_themes_on_held_out_written_comments(clf):
    # prototypes embedded in batches of 64, as Odoo does (hr.employee.feedback._get_theme_classifier)
    def embed(texts):
        return clf.embed([clf.prepare(t) for t in texts], batch_size=64)

    tc = th.ThemeClassifier(th.default_examples(), embed, prepare=clf.prepare)
    held = workplace.load_comments("heldout")
    texts = [clf.prepare(r["text"]) for r in held]
    emb = clf.embed(texts)
    gold = [r["themes"] for r in held]
    pred = tc.predict(emb, texts)
    rep = th.theme_report(gold, pred)
    # embedding + words: micro-F1 0.758, top theme 77.5 %; the embedding alone 0.664 and 68.0 %;
    # the nearest-examples rule before it 0.540 and 61.3 % (tools/eval_sentiment_real.py)
    assert rep["micro_f1"] >= 0.72 and rep["top_theme_accuracy"] >= 0.74, rep
    alone = th.theme_report(gold, th.ThemeClassifier(th.default_examples(), embed, word_weight=0.0).predict(emb))
    assert rep["micro_f1"] >= alone["micro_f1"] + 0.05, (rep, alone)
    assert all(1 <= len(p) <= th.MAX_THEMES for p in pred)
    mixed = "My manager is great, but the pay is below market."
    assert {"management", "pay_benefits"} <= set(tc.predict(clf.embed([mixed]), [clf.prepare(mixed)])[0])
    with pytest.raises(ValueError, match="prepared texts"):
        tc.predict(clf.embed([mixed]))


def test_theme_classifier_fits_its_examples():
    """Ridge over the examples' embeddings: an example under two themes counts for both, a theme
    with no example is left out, and a classifier without any theme says 'other'."""
    axes = {"pay": 0, "raise": 0, "boss": 1, "manager": 1, "pay and boss": None, "canteen": 2}

    def embed(texts):
        out = np.zeros((len(texts), 4), dtype=np.float32)
        for i, t in enumerate(texts):
            if axes[t] is None:
                out[i, :2] = 0.7071
            else:
                out[i, axes[t]] = 1.0
        return out

    tc = th.ThemeClassifier({"pay_benefits": ["pay", "raise", "pay and boss"], "management": ["boss", "manager", "pay and boss"],
                             "workload": [], "other": ["canteen"]}, embed)
    assert tc.codes == ["pay_benefits", "management", "other"]
    texts = ["raise", "manager", "canteen"]
    assert tc.predict(embed(texts), texts) == [["pay_benefits"], ["management"], ["other"]]
    assert set(tc.predict(embed(["pay and boss"]), ["pay and boss"])[0]) == {"pay_benefits", "management"}
    empty = th.ThemeClassifier({"workload": []}, embed)
    assert empty.predict(embed(["pay"]), ["pay"]) == [["other"]]


def test_theme_words_tf_idf():
    """The words the theme classifier reads: TF-IDF over the examples' vocabulary, L2-normalised;
    a word no example uses (a name) adds nothing."""
    words = th.word_vectorizer(["pay is low", "my manager listens", "pay and manager"])
    x = words.transform(["Pay, pay and more PAY", "Zanele listens", "Zanele"])
    assert np.allclose(np.linalg.norm(x[:2], axis=1), 1.0) and not x[2].any()
    assert x[0, words.index["pay"]] > x[0, words.index["and"]] > 0
    assert x[1, words.index["listens"]] == 1.0


def test_retrain_from_shipped_weights_with_corrections(tmp_path):
    """A real (deliberately short) retrain: trainer contract, files, gate figure, parity."""
    from ml.sentiment.train import train

    metrics = train({"corrections": [{"text": "The rota is interesting, to say the least.", "label": "negative"},
                                     {"text": "", "label": "neutral"}],
                     "max_steps": 2, "epochs": 1, "baseline_model": str(MODEL_DIR / "sentiment_int8.onnx")}, tmp_path)
    assert (tmp_path / metrics["files"]["sentiment"]).is_file()
    assert metrics["corrections_added"] == 1 and metrics["corrections_skipped"] == 1
    assert metrics["training"]["steps"] == 2
    # two steps from the shipped weights (stored as int8 matrices) keep the shipped quality
    assert metrics["gate_macro_f1"] >= 0.85 and metrics["gate_n"] >= 80, metrics["gate_macro_f1"]
    # on the written dev set; the int8 graph's own figures are what the gate compares, the active
    # model's measured in the same run and served the same way (one comment a run)
    assert abs(metrics["baseline_gate_macro_f1"] - metrics["gate_macro_f1"]) < 0.03, metrics
    assert metrics["gate_batched_macro_f1"] >= 0.85
    assert metrics["int8_vs_fp32_label_agreement"] >= 0.92
    json.dumps(metrics)


def test_a_measure_that_moved_reads_the_way_it_moved(clf):
    """Dev comments that tell a measure that moved (data/dev_measures.tsv, the first 50 written
    before the rule read them, 5 "never been higher" later): the model alone read 22 of 55 the wrong
    way ("Sick days are down since they fixed the heating" -0.88); served, with
    ml.sentiment.measures, 5 (a measure the lists do not name, "fewer meetings"; a cut told as a
    saving; a mixed comment read negative; "I'd say ..." left to the model; 6 allowed for other
    CPUs' int8 kernels)."""
    rows = workplace.load_dev_set("dev_measures")
    texts = [clf.prepare(r["text"]) for r in rows]
    truth = [LABELS.index(r["label"]) for r in rows]
    model_wrong = int((clf.model_proba(texts).argmax(1) != truth).sum())
    served = clf.predict(r["text"] for r in rows)
    served_wrong = [(r["text"], p["label"]) for r, p in zip(rows, served) if p["label"] != r["label"]]
    assert len(rows) >= 55 and model_wrong >= 15, model_wrong
    assert len(served_wrong) <= 6, served_wrong
    np.testing.assert_allclose([p["score"] for p in served], clf.predict_proba(texts) @ [-1, 0, 1], atol=1e-6)


def test_the_measure_rule_agrees_with_the_labelled_comments():
    """Where the rule reads a sentence of a labelled training or dev comment or pros/cons text, its
    sign is the comment's label (or the comment is mixed, of several sentences)."""
    from ml.review.checks import split_sentences
    from ml.sentiment.measures import measure_signs

    fired = 0
    for split in ("train", "dev"):
        for row in workplace.load_comments(split) + workplace.load_pros_cons(split):
            signs = {s for s in measure_signs(row["text"]) if s}
            if not signs:
                continue
            fired += 1
            label = {"pos": "positive", "neg": "negative", "neu": "neutral"}.get(row["label"], row["label"])
            if label == "neutral":
                assert len(split_sentences(row["text"])) > 1, row["text"]
            else:
                assert signs == {1 if label == "positive" else -1}, row["text"]
    assert fired >= 4


def test_a_comment_of_several_sentences_is_the_mean_of_its_sentences():
    """The rule's reading replaces only the sentences the model reads otherwise; the comment is then
    the mean of its sentences read alone, so good news and a complaint stay mixed."""
    from ml.sentiment.measures import RULE_PROBS, read_measures

    complaint = np.array([0.90, 0.08, 0.02], np.float32)
    misread = np.array([0.85, 0.10, 0.05], np.float32)

    def alone(sentences):
        return [misread if "sick days" in s.lower() else complaint for s in sentences]

    texts = ["Sick days are down since they fixed the heating.",
             "Sick days are down since they fixed the heating. The canteen is awful.",
             "The canteen is awful. Nobody listens."]
    probs = np.array([misread, complaint, complaint], np.float32)
    out = read_measures(texts, probs, alone)
    np.testing.assert_allclose(out[0], RULE_PROBS[1])
    np.testing.assert_allclose(out[1], (RULE_PROBS[1] + complaint) / 2)
    np.testing.assert_allclose(out[2], complaint)
    assert probs[0].argmax() == 0, "the input is not changed in place"

