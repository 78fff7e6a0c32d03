"""Build the default sentiment model shipped with the add-on (``make sentiment-model``).

    nice -n 10 python3 -m ml.sentiment.build_default [--data ../shared/data/sentiment] [--out ml/sentiment/model]

Trains on human-labelled third-party sentences read from ``../shared/data/sentiment`` (SST-2
phrases, SST-5 sentences mapped to three classes, part of TweetEval's validation set) plus the
project's own written workplace comments, pros/cons and performance-review sentences (``train``
split; the review sentences also teach a second head their dimension), picks the layer the themes
read on the written dev comments, calibrates a temperature on the ``dev`` splits, exports ONNX
(sentiment logits, dimension logits, theme embedding), quantises it to int8, checks int8 against
fp32 and PyTorch, and writes into --out:

- ``sentiment_int8.onnx``    the served model (registered and activated at install)
- ``sentiment_top.safetensors``  the trained layers + heads (int8 matrices with per-row scales), the starting point of a retrain
- ``metrics.json``           held-out figures, parity, the gate figures a retrain must match

No sentence of the third-party data is written anywhere: only weights and numbers.
"""
import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from . import evaluate, finetune as ft, real_data, workplace
from .workplace import LABELS

OUT_DIR = Path(__file__).resolve().parent / "model"
INT8_FILE = "sentiment_int8.onnx"
REBUILD = "make sentiment-model"


def training_rows(data_dir, seed=13, sst2_n=6000, sst5_n=5000, tweets_n=1000, own_repeat=2, templated_n=200):
    rng = random.Random(seed)
    rows, summary = [], {}

    def add(name, items, weight=1.0):
        rows.extend(dict(r, weight=weight, source=name) for r in items)
        summary[name] = summary.get(name, 0) + len(items)

    phrases = [r for r in real_data.sst2("train", data_dir) if 4 <= len(r["text"].split()) <= 40]
    add("sst2_train_phrases", rng.sample(phrases, min(sst2_n, len(phrases))))
    add("sst5_train_sentences", rng.sample(real_data.sst5("train", data_dir), sst5_n))
    tweets = real_data.tweeteval("val", data_dir)
    rng.shuffle(tweets)
    add("tweeteval_val_part", tweets[:tweets_n])
    own = workplace.load_comments("train") + workplace.load_pros_cons("train")
    for _ in range(own_repeat):
        add("own_written_train", own)
    add("review_sentences_train", review_rows())
    try:
        from .make_dataset import load as load_templated

        templated = load_templated()
        add("templated_comments", rng.sample(templated, min(templated_n, len(templated))), weight=0.5)
    except Exception:  # noqa: BLE001 - the templated comments are a minor, optional ingredient
        pass
    rng.shuffle(rows)
    return rows, summary, tweets[tweets_n:]


def review_rows(split="train"):
    """The written performance-review sentences (ml/review/data) as polarity and dimension examples,
    prepared as the review analyser serves them (identity redacted): the analyser reads a
    sentence's polarity and dimension from this model."""
    from ..review import dataset as review_dataset
    from .classifier import prepare_comment

    return [{"text": prepare_comment(r["text"]), "label": r["polarity"], "dimension": r["dimension"],
             "source": "review_sentences_%s" % split}
            for r in review_dataset.load() if r["split"] == split]


def review_report(predict_both, rows):
    """Held-out review sentences: polarity accuracy and dimension macro-F1 (rows with a dimension)."""
    from ..review.dataset import DIMENSIONS

    pol, dim = predict_both([r["text"] for r in rows])
    polarity_accuracy = float(np.mean([LABELS[int(k)] == r["label"] for k, r in zip(pol.argmax(1), rows)]))
    with_dim = [i for i, r in enumerate(rows) if r["dimension"]]
    y = np.array([DIMENSIONS.index(rows[i]["dimension"]) for i in with_dim])
    report = evaluate.classification_report(y, dim[with_dim].argmax(1), labels=DIMENSIONS)
    return {"polarity_accuracy": round(polarity_accuracy, 4), "dimension_macro_f1": report["macro_f1"],
            "dimension_f1_per_class": report["f1_per_class"], "n": len(rows), "n_with_dimension": len(with_dim)}


def domain_rows(data_dir, stage1_tweets, seed=17, own_repeat=2, review_repeat=2, sst5_n=600, sst2_n=400, tweets_n=200):
    """Stage 2: the written workplace comments and pros/cons (train split) and the written review
    sentences, with a small replay of the third-party sentences (SST-5 brings neutral sentences)
    so that polarity is not forgotten."""
    rng = random.Random(seed)
    own = workplace.load_comments("train") + workplace.load_pros_cons("train")
    rows = [dict(r, source="own_written_train") for _ in range(own_repeat) for r in own]
    rows += review_rows() * review_repeat
    rows += [dict(r, source="replay") for r in rng.sample(real_data.sst5("train", data_dir), sst5_n)]
    phrases = [r for r in real_data.sst2("train", data_dir) if 4 <= len(r["text"].split()) <= 40]
    rows += [dict(r, source="replay") for r in rng.sample(phrases, sst2_n)]
    # only tweets stage 1 trained on: the rest of TweetEval's validation set calibrates the temperature
    rows += [dict(r, source="replay") for r in rng.sample(stage1_tweets, min(tweets_n, len(stage1_tweets)))]
    rng.shuffle(rows)
    return rows


def dev_rows(tweet_dev):
    return workplace.load_comments("dev") + workplace.load_pros_cons("dev") + tweet_dev


def pick_theme_layer(model, tok, layers=(1, 2, 3, 4)):
    """The layer whose pooled output serves the themes best on the written dev comments (top-theme
    accuracy, then micro-F1); sets ``model.embed_layer`` and returns the figures per layer."""
    from .classifier import prepare_comment
    from . import themes as th

    dev = workplace.load_comments("dev")
    examples = th.default_examples()
    scores = {}
    for layer in layers:
        model.embed_layer = layer

        def embed(texts):
            return ft.predict_logits(model, tok, [prepare_comment(t) for t in texts], output=1)

        # the layer is chosen by what its embedding alone tells (as when the shipped model was built)
        tc = th.ThemeClassifier(examples, embed, word_weight=0.0)
        rep = th.theme_report([r["themes"] for r in dev], tc.predict(embed([r["text"] for r in dev])))
        scores[layer] = {"top_theme_accuracy": rep["top_theme_accuracy"], "micro_f1": rep["micro_f1"]}
    best = max(layers, key=lambda k: (scores[k]["top_theme_accuracy"], scores[k]["micro_f1"]))
    model.embed_layer = best
    return {"chosen": best, "dev": scores}


def gate_rows():
    """The fixed set a retrain must do at least as well on: the project's own written dev split."""
    return workplace.load_comments("dev") + workplace.load_pros_cons("dev")


def gate_score(probs, rows):
    """Macro-F1 over the gate rows (written comments and pros/cons together)."""
    y = np.array([LABELS.index(r["label"]) for r in rows])
    return evaluate.classification_report(y, np.asarray(probs).argmax(1))["macro_f1"]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="folder with sst2/ sst5/ tweeteval/ (default ../shared/data/sentiment)")
    parser.add_argument("--out", default=str(OUT_DIR))
    parser.add_argument("--time-budget", type=float, default=1320, help="training seconds at most")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--stage2-time-budget", type=float, default=720, help="domain stage: training seconds at most")
    parser.add_argument("--stage2-epochs", type=float, default=3.0)
    parser.add_argument("--init-top", default=None,
                        help="skip stage 1: start stage 2 from these top-layer weights (a stage-1 sentiment_top.safetensors)")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    try:
        data_dir = real_data.data_dir(args.data)
    except real_data.DataMissing as exc:
        print("sentiment-model: %s" % exc, file=sys.stderr)
        return 2
    import torch

    torch.set_num_threads(args.threads)
    from ..text_encoder import default_encoder_dir

    t0 = time.time()
    model_dir = default_encoder_dir()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows, summary, tweet_dev = training_rows(data_dir)
    tok = ft.tokenizer(model_dir, ft.MAX_LENGTH)
    if args.init_top:
        model = ft.build_model(model_dir, top_weights=args.init_top)
        info = {"stage1": "loaded from a previous stage-1 run (--init-top)", "rows": summary}
    else:
        print("stage 1 rows: %d %s" % (len(rows), summary), flush=True)
        model = ft.build_model(model_dir)
        info = {"stage1": ft.fine_tune(model, tok, rows, epochs=args.epochs, lr=8e-5, head_lr=2e-3,
                                       time_budget=args.time_budget), "rows": summary}
        print("stage 1: %s" % info, flush=True)
    drows = domain_rows(data_dir, [r for r in rows if r["source"] == "tweeteval_val_part"])
    info["stage2"] = ft.fine_tune(model, tok, drows, epochs=args.stage2_epochs, lr=5e-5, head_lr=1e-3, seed=17,
                                  time_budget=args.stage2_time_budget, log_every=20)
    info["stage2"]["rows"] = {"own_written_train_x2": sum(r["source"] == "own_written_train" for r in drows),
                              "review_sentences_train": sum(r["source"] == "review_sentences_train" for r in drows),
                              "replay_sst5_sst2_tweeteval": sum(r["source"] == "replay" for r in drows)}
    print("stage 2: %s" % info["stage2"], flush=True)

    serve_tok = ft.tokenizer(model_dir, ft.SERVE_MAX_LENGTH)
    info["theme_embedding_layer_dev"] = pick_theme_layer(model, serve_tok)
    print("theme embedding layer: %s" % info["theme_embedding_layer_dev"], flush=True)
    dev = dev_rows(tweet_dev)
    dev_logits = ft.predict_logits(model, serve_tok, [r["text"] for r in dev])
    temperature, nll_before, nll_after = ft.fit_temperature(dev_logits, [r["label"] for r in dev])
    print("temperature %.3f (dev NLL %.4f -> %.4f)" % (temperature, nll_before, nll_after), flush=True)

    save_top = out / ft.TOP_FILE
    ft.save_top(model, save_top, {"temperature": "%.6f" % temperature})
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "sentiment_fp32.onnx"
        ft.export_onnx(model, fp32, temperature, {"base_model_sha256": sha256(Path(model_dir) / "model.safetensors")})
        int8 = out / INT8_FILE
        ft.quantize(fp32, int8)
        parity_sets = evaluate.eval_sets("heldout", data_dir, tweet_limit=500)
        parity_texts = [r["text"] for rows_ in parity_sets.values() for r in rows_]
        torch_l = ft.predict_logits(model, serve_tok, parity_texts)
        fp32_l = ft.onnx_logits(fp32, serve_tok, parity_texts)
        int8_l = ft.onnx_logits(int8, serve_tok, parity_texts)
        fp32_size = fp32.stat().st_size
    p_fp32, p_int8 = ft.softmax(fp32_l, temperature), ft.softmax(int8_l, temperature)
    parity = {
        "n_texts": len(parity_texts),
        "onnx_fp32_vs_torch_max_abs_logit_diff": float(np.max(np.abs(fp32_l - torch_l))),
        "int8_vs_fp32_label_agreement": round(float(np.mean(p_fp32.argmax(1) == p_int8.argmax(1))), 4),
        "int8_vs_fp32_max_abs_prob_diff": round(float(np.max(np.abs(p_fp32 - p_int8))), 4),
        "int8_vs_fp32_mean_abs_score_diff": round(float(np.mean(np.abs((p_fp32[:, 2] - p_fp32[:, 0]) - (p_int8[:, 2] - p_int8[:, 0])))), 4),
        "fp32_bytes": fp32_size, "int8_bytes": (out / INT8_FILE).stat().st_size,
    }
    print("parity %s" % parity, flush=True)

    def predict_int8(texts):
        return ft.softmax(ft.onnx_logits(out / INT8_FILE, serve_tok, texts), temperature)

    def review_int8(texts):
        """Served as the review analyser does: one sentence a run."""
        from .classifier import FinetunedSentimentClassifier

        return FinetunedSentimentClassifier(str(out / INT8_FILE), model_dir, "cpu").review_proba(texts)

    reviews = review_report(review_int8, review_rows("heldout"))
    print("review sentences (held out): %s" % reviews, flush=True)
    gate = gate_rows()
    gate_probs = predict_int8([r["text"] for r in gate])
    sets = evaluate.eval_sets("heldout", data_dir)
    figures = evaluate.evaluate(predict_int8, sets)
    dev_probs = predict_int8([r["text"] for r in dev])
    metrics = {
        "task": "sentiment",
        "approach": "all-MiniLM-L6-v2 fine-tuned (top %d of 6 layers + linear sentiment head and review-dimension "
                    "head on mean pooling), temperature-calibrated, ONNX int8" % ft.TOP_LAYERS,
        "labels": list(LABELS),
        "training_rows": summary, "training": info,
        "temperature": round(temperature, 4), "dev_nll_before": round(nll_before, 4), "dev_nll_after": round(nll_after, 4),
        "dev_ece": ft.ece(dev_probs, [r["label"] for r in dev]), "n_dev": len(dev),
        "gate_macro_f1": gate_score(gate_probs, gate), "gate_n": len(gate),
        "gate_set": "the project's written workplace comments and pros/cons, split dev (ml/sentiment/data)",
        "macro_f1": figures["workplace"]["macro_f1"],
        "heldout": figures, "review_sentences_heldout": reviews, "parity": parity,
        "max_length": ft.SERVE_MAX_LENGTH, "int8_file": INT8_FILE, "top_file": ft.TOP_FILE,
        "int8_sha256": sha256(out / INT8_FILE), "rebuild": REBUILD,
        "build_seconds": round(time.time() - t0, 1),
        "files": {"sentiment": INT8_FILE},
    }
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, default=float) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
