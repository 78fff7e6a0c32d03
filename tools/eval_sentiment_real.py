"""Sentiment on real, held-out text: the shipped model next to plain baselines, in one run.

    python3 tools/eval_sentiment_real.py [--model ml/sentiment/model/sentiment_int8.onnx]
        [--data ../shared/data/sentiment] [--no-frozen] [--tweet-limit N] [--tune-themes] [--json out.json]

Sets: the project's written workplace comments and pros/cons, split ``heldout`` (never used for a
decision); SST-2 test, SST-5 dev (3 classes), TweetEval test from ../shared/data/sentiment.
Predictors:
- the shipped fine-tuned model (ONNX Runtime, as served, identity redaction included);
- VADER (``vaderSentiment``, eval only: compound >= 0.05 positive, <= -0.05 negative);
- TF-IDF (1-2 grams) + logistic regression trained on the same rows as the shipped model;
- the previous default: frozen MiniLM embeddings + MLP head on the templated comments.
Themes: micro-F1 / top-theme accuracy of ml.sentiment.themes on the written comments' themes
(``--tune-themes`` picks threshold and margin on the ``dev`` split), next to the previous rule
(mean of the 3 nearest examples per theme) on the same held-out comments.
Needs scikit-learn and vaderSentiment (eval-only requirements).
"""
import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from ml.sentiment import evaluate, real_data, themes as th, workplace  # noqa: E402
from ml.sentiment.workplace import LABELS  # noqa: E402


def vader_predictor():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()

    def predict(texts):
        out = np.zeros((len(texts), 3), np.float32)
        for i, t in enumerate(texts):
            c = sia.polarity_scores(t)["compound"]
            out[i, 2 if c >= 0.05 else 0 if c <= -0.05 else 1] = 1.0
        return out
    return predict


def tfidf_predictor(rows):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = vec.fit_transform([r["text"] for r in rows])
    y = [LABELS.index(r["label"]) for r in rows]
    clf = LogisticRegression(max_iter=2000, C=4.0).fit(x, y, sample_weight=[r.get("weight", 1.0) for r in rows])
    return lambda texts: clf.predict_proba(vec.transform(texts))


def frozen_predictor(workdir):
    """The previous default: frozen encoder + MLP head trained on the templated comments."""
    from ml.export_text_encoder import export_text_encoder
    from ml.sentiment.classifier import SentimentClassifier
    from ml.sentiment.frozen_head import train as train_head
    from ml.text_encoder import TextEncoder, default_encoder_dir

    model_dir = default_encoder_dir()
    enc_path = Path(workdir) / "text_encoder.onnx"
    export_text_encoder(model_dir, enc_path)
    metrics = train_head({"encoder_onnx": str(enc_path), "tokenizer_dir": model_dir}, Path(workdir) / "head")
    encoder = TextEncoder(str(enc_path), model_dir, device="cpu", batch_size=64)
    clf = SentimentClassifier(str(Path(workdir) / "head" / metrics["files"]["sentiment"]), encoder, device="cpu")
    return lambda texts: clf.predict_proba([clf.prepare(t) for t in texts])


def model_predictor(path):
    from ml.sentiment.classifier import FinetunedSentimentClassifier
    from ml.text_encoder import default_encoder_dir

    clf = FinetunedSentimentClassifier(str(path), default_encoder_dir(), device="cpu")
    return clf, (lambda texts: clf.predict_proba([clf.prepare(t) for t in texts]))


def model_alone_predictor(clf):
    """The same model without the reading of a measure that moved (ml.sentiment.measures): ablation."""
    return lambda texts: clf.model_proba([clf.prepare(t) for t in texts])


def nearest_examples(example_emb, owner, emb, codes, threshold=0.30, margin=0.02, top_k=3):
    """The previous theme rule, as a baseline: a theme's score is the mean of the comment's 3 best
    cosines to its examples; threshold and margin as tuned on dev for it."""
    sims = emb @ example_emb.T
    scores = np.stack([np.sort(sims[:, owner == k], axis=1)[:, -top_k:].mean(axis=1) for k in range(len(codes))], axis=1)
    return th.pick_themes(scores, codes, threshold, margin)


def theme_eval(clf, tune=False):
    # the examples go through the model as Odoo sends them (hr.employee.feedback._get_theme_classifier)
    examples = th.default_examples()
    texts = list(dict.fromkeys(t for code in examples for t in examples[code]))
    cached = dict(zip(texts, clf.embed([clf.prepare(t) for t in texts], batch_size=64)))

    def embed(batch):
        return np.stack([cached[t] for t in batch])

    tc = th.ThemeClassifier(examples, embed, prepare=clf.prepare)
    out = {}
    dev = workplace.load_comments("dev")
    dev_texts = [clf.prepare(r["text"]) for r in dev]
    dev_emb = clf.embed(dev_texts)
    if tune:
        best = None
        for thr in np.arange(-0.8, 0.41, 0.1):  # ridge scores: about +1 the theme, -1 another
            for margin in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5):  # > 0: a mixed comment may get several themes
                rep = th.theme_report([r["themes"] for r in dev], tc.predict(dev_emb, dev_texts, thr, margin))
                if best is None or rep["micro_f1"] > best[0]:
                    best = (rep["micro_f1"], round(float(thr), 3), margin)
        out["tuned_on_dev"] = {"micro_f1": best[0], "threshold": best[1], "margin": best[2]}
        tc.threshold, tc.margin = best[1], best[2]
    out["dev"] = th.theme_report([r["themes"] for r in dev], tc.predict(dev_emb, dev_texts))
    held = workplace.load_comments("heldout")
    held_texts = [clf.prepare(r["text"]) for r in held]
    held_emb = clf.embed(held_texts)
    gold = [r["themes"] for r in held]
    out["heldout"] = th.theme_report(gold, tc.predict(held_emb, held_texts))
    # the same ridge on the embedding alone (the classifier before it read the words)
    out["heldout_embedding_only"] = th.theme_report(
        gold, th.ThemeClassifier(examples, embed, prepare=clf.prepare, word_weight=0.0).predict(held_emb))
    # plain baseline: the same ridge on the TF-IDF words alone
    words_only = th.ThemeClassifier(examples, lambda batch: np.zeros((len(batch), 0), np.float32), prepare=clf.prepare)
    out["heldout_words_only"] = th.theme_report(gold, words_only.predict(np.zeros((len(held), 0), np.float32), held_texts))
    pairs = [(t, k) for k, code in enumerate(tc.codes) for t in examples[code]]
    example_emb = np.stack([cached[t] for t, _ in pairs])
    owner = np.asarray([k for _, k in pairs])
    out["heldout_nearest_examples"] = th.theme_report(gold, nearest_examples(example_emb, owner, held_emb, tc.codes))
    out["threshold"], out["margin"], out["word_weight"] = tc.threshold, tc.margin, tc.word_weight
    return out


def markdown(results):
    cols = [("workplace", "macro_f1", "workplace macro-F1"), ("workplace", "ece", "workplace calibration error"), ("pros_cons", "polar_accuracy", "pros/cons polar acc."),
            ("pros_cons", "neutral_share", "pros/cons neutral"), ("sst2_test", "accuracy", "SST-2 test acc."),
            ("sst5_dev", "macro_f1", "SST-5 dev macro-F1 (3 cl.)"), ("tweeteval_test", "macro_f1", "TweetEval test macro-F1")]
    lines = ["| predictor | " + " | ".join(c[2] for c in cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, figs in results.items():
        cells = []
        for s, k, _ in cols:
            v = figs.get(s, {}).get(k)
            cells.append("—" if v is None else "%.3f" % v)
        lines.append("| %s | %s |" % (name, " | ".join(cells)))
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(ROOT / "ml" / "sentiment" / "model" / "sentiment_int8.onnx"))
    ap.add_argument("--data", default=None)
    ap.add_argument("--no-frozen", action="store_true", help="skip the previous frozen-encoder model (slow)")
    ap.add_argument("--tweet-limit", type=int, default=None)
    ap.add_argument("--tune-themes", action="store_true")
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    try:
        data_dir = real_data.data_dir(args.data)
    except real_data.DataMissing as exc:
        print("eval_sentiment_real: %s" % exc, file=sys.stderr)
        return 2
    from ml.sentiment.build_default import training_rows

    sets = evaluate.eval_sets("heldout", data_dir, tweet_limit=args.tweet_limit)
    print("sets: %s" % {k: len(v) for k, v in sets.items()}, flush=True)
    rows, _summary, _dev = training_rows(data_dir)
    results, timings = {}, {}
    clf, predict = model_predictor(args.model)
    predictors = [("fine-tuned MiniLM (shipped, int8)", lambda: predict),
                  ("the same, without the measure rule", lambda: model_alone_predictor(clf)), ("VADER", vader_predictor),
                  ("TF-IDF + logistic regression", lambda: tfidf_predictor(rows))]
    tmp = None
    if not args.no_frozen:
        tmp = tempfile.TemporaryDirectory()
        predictors.append(("frozen MiniLM + MLP head (previous default)", lambda: frozen_predictor(tmp.name)))
    for name, make in predictors:
        t0 = time.time()
        results[name] = evaluate.evaluate(make(), sets)
        timings[name] = round(time.time() - t0, 1)
        print(name, json.dumps(results[name]), flush=True)
    vader_polar = results["VADER"]["pros_cons"]["polar_accuracy"]
    themes = theme_eval(clf, args.tune_themes)
    report = {"results": results, "seconds": timings, "themes": themes,
              "pros_cons_points_above_vader": round(100 * (results[predictors[0][0]]["pros_cons"]["polar_accuracy"] - vader_polar), 1),
              "sets": {k: len(v) for k, v in sets.items()}}
    print(markdown(results))
    print("themes:", json.dumps(themes))
    print("pros/cons points above VADER: %s" % report["pros_cons_points_above_vader"])
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
