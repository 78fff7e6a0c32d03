"""Export a sentence-transformers encoder (default: packaged all-MiniLM-L6-v2) to ONNX.

Trainer side only (imports torch/transformers, lazily). Mean pooling and L2
normalisation are put inside the graph so that serving needs no torch and no
pooling code; batch and sequence axes are dynamic. The export is checked
against PyTorch on a fixed set of sentences (parity) before it is accepted.
"""
import logging
import os
import time
import warnings
from pathlib import Path

import numpy as np

_logger = logging.getLogger(__name__)

OPSET = 17
PARITY_TOLERANCE = 1e-4
INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]
OUTPUT_NAME = "embeddings"

# Fixed probe set: mixed lengths and domains, used for parity and int8 cosine.
PROBE_SENTENCES = [
    "Senior Python developer with eight years of Odoo and PostgreSQL experience.",
    "I feel my workload has become unmanageable since the reorganisation.",
    "Great team spirit, my manager supports my growth.",
    "Accountant",
    "Led a team of five engineers delivering a logistics platform on time and under budget; "
    "mentored juniors, introduced code review and continuous integration, and cut release time by half.",
    "Looking for training in project management and negotiation.",
    "The onboarding was confusing and nobody answered my questions.",
    "Fluent in English, French and German; certified Scrum Master.",
    "Data analyst: SQL, Power BI, Python pandas, statistics, A/B testing.",
    "Neutral week, nothing special to report.",
    "Forklift operator with warehouse safety certification and night shift availability.",
    "",
]


def _load(model_dir):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModel
    from tokenizers import Tokenizer

    if not os.path.isfile(os.path.join(model_dir, "config.json")):
        raise FileNotFoundError("%s has no config.json: not a transformers model directory" % model_dir)
    model = AutoModel.from_pretrained(model_dir, local_files_only=True)
    model.eval()
    return torch, model


class _Pooled:
    """Builds the torch module lazily (torch is imported only when exporting)."""

    @staticmethod
    def make(torch, model):
        class PooledEncoder(torch.nn.Module):
            def __init__(self, base):
                super().__init__()
                self.base = base

            def forward(self, input_ids, attention_mask, token_type_ids):
                hidden = self.base(input_ids=input_ids, attention_mask=attention_mask,
                                   token_type_ids=token_type_ids).last_hidden_state
                mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
                summed = (hidden * mask).sum(dim=1)
                counts = mask.sum(dim=1).clamp(min=1e-9)
                pooled = summed / counts
                return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

        return PooledEncoder(model).eval()


def _probe_feeds(model_dir, max_length=256):
    from .tokenization import Tokenizer

    return Tokenizer(model_dir, max_length)(PROBE_SENTENCES)


def _cpu_session(path):
    import onnxruntime as ort

    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def _parity(torch, module, onnx_path, model_dir):
    """Max abs diff ONNX vs PyTorch over shapes unlike the traced example:
    the whole probe set padded together, each sentence alone, and a batch at max_length."""
    from .tokenization import Tokenizer

    tok = Tokenizer(model_dir, 256)
    session = _cpu_session(onnx_path)
    batches = [PROBE_SENTENCES] + [[s] for s in PROBE_SENTENCES] + [[" ".join(PROBE_SENTENCES) * 4] * 3]
    diff, dim = 0.0, 0
    for texts in batches:
        feeds = tok(texts)
        with torch.no_grad():
            ref = module(*(torch.from_numpy(feeds[n]) for n in INPUT_NAMES)).numpy()
        out = session.run(None, feeds)[0]
        diff, dim = max(diff, float(np.max(np.abs(out - ref)))), int(ref.shape[1])
    return diff, dim


def export_text_encoder(model_dir, out_path):
    """Export with pooling + normalisation in the graph; returns metrics (parity, dim, seconds)."""
    t0 = time.time()
    torch, model = _load(model_dir)
    module = _Pooled.make(torch, model)
    feeds = _probe_feeds(model_dir)
    example = tuple(torch.from_numpy(feeds[n][:2]) for n in INPUT_NAMES)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    dyn = {n: {0: "batch", 1: "sequence"} for n in INPUT_NAMES}
    dyn[OUTPUT_NAME] = {0: "batch"}
    with torch.no_grad(), warnings.catch_warnings():
        # The tracer warns about shape-dependent Python branches in transformers'
        # masking code; _parity() below checks other batch/sequence shapes instead.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            module, example, str(out_path), input_names=INPUT_NAMES, output_names=[OUTPUT_NAME],
            dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True, dynamo=False,
        )
    diff, dim = _parity(torch, module, out_path, model_dir)
    metrics = {
        "dim": dim,
        "opset": OPSET,
        "parity_max_abs_diff": diff,
        "parity_sentences": len(PROBE_SENTENCES),
        "export_seconds": round(time.time() - t0, 2),
        "model_dir_name": os.path.basename(os.path.normpath(model_dir)),
    }
    if not diff <= PARITY_TOLERANCE:
        raise RuntimeError("ONNX export parity check failed: max abs diff %.2e > %.0e" % (diff, PARITY_TOLERANCE))
    return metrics


def quantize_int8(fp32_path, int8_path, model_dir=None):
    """Per-channel dynamic int8 quantisation; cosine to fp32 measured on the probe set."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    t0 = time.time()
    quantize_dynamic(str(fp32_path), str(int8_path), per_channel=True, weight_type=QuantType.QInt8)
    if model_dir is None:
        from .text_encoder import default_encoder_dir
        model_dir = default_encoder_dir()
    feeds = _probe_feeds(model_dir)
    a = _cpu_session(fp32_path).run(None, feeds)[0]
    b = _cpu_session(int8_path).run(None, feeds)[0]
    cos = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return {
        "int8_cosine_mean": float(np.mean(cos)),
        "int8_cosine_min": float(np.min(cos)),
        "int8_size_ratio": round(os.path.getsize(int8_path) / os.path.getsize(fp32_path), 3),
        "int8_seconds": round(time.time() - t0, 2),
    }


def train(data, output_dir):
    """Task `text_encoder`: data = {"model_dir": optional, "int8": bool (default true)}."""
    from .text_encoder import default_encoder_dir

    output_dir = Path(output_dir)
    model_dir = data.get("model_dir") or default_encoder_dir()
    if not os.path.isdir(model_dir):
        raise FileNotFoundError("Text encoder directory %s does not exist" % model_dir)
    metrics = export_text_encoder(model_dir, output_dir / "text_encoder.onnx")
    files = {"text_encoder": "text_encoder.onnx"}
    if data.get("int8", True):
        metrics.update(quantize_int8(output_dir / "text_encoder.onnx", output_dir / "text_encoder_int8.onnx", model_dir))
        files["text_encoder_int8"] = "text_encoder_int8.onnx"
    metrics["files"] = files
    return metrics
