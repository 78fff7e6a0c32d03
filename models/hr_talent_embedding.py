import base64
import hashlib
import threading
from collections import OrderedDict

import numpy as np

from odoo import api, fields, models

_memory = OrderedDict()  # key -> float32 vector (decoded from the stored float16)
_memory_lock = threading.Lock()
# per worker: 50,000 vectors of 384 float32 = about 75 MiB; the database cache backs it
MEMORY_MAX = 50_000
STATS = {"memory": 0, "db": 0, "encoded": 0}


def embedding_key(checksum, text):
    return hashlib.sha256((checksum + "\0" + text).encode("utf-8")).hexdigest()


def _pack(vec):
    return base64.b64encode(np.asarray(vec, dtype="<f2").tobytes())


def _unpack(value):
    if isinstance(value, memoryview):
        value = value.tobytes()
    return np.frombuffer(base64.b64decode(value), dtype="<f2").astype(np.float32)


class HrTalentEmbedding(models.Model):
    """Embedding cache keyed by sha256(encoder checksum + text).

    Rescoring after a retrain, or a job edit, re-encodes nothing that was
    already encoded: a sentence's vector depends only on the encoder file and
    the text. Vectors are stored as float16 (768 bytes for MiniLM); cold and
    warm paths both hand out the float16-rounded vector, so scores do not
    depend on the cache state. A process-level LRU in front of the table keeps
    the button fast.
    """

    _name = "hr.talent.embedding"
    _description = "Talent AI embedding cache"
    _rec_name = "key"
    _log_access = False

    key = fields.Char(required=True, index=True, readonly=True)
    encoder_checksum = fields.Char(required=True, index=True, readonly=True)
    dim = fields.Integer(readonly=True)
    vector = fields.Binary(attachment=False, readonly=True, help="float16 little-endian, base64")
    created_at = fields.Datetime(default=fields.Datetime.now, readonly=True)

    _sql_constraints = [("key_uniq", "unique(key)", "One vector per encoder and text.")]

    @api.model
    def _get_vectors(self, encoder, texts):
        """(n, dim) float32 vectors of texts, encoding only the cache misses (in one batch)."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, encoder.dim), np.float32)
        keys = [embedding_key(encoder.checksum, t) for t in texts]
        found = {}
        with _memory_lock:
            for k in keys:
                vec = _memory.get(k)
                if vec is not None:
                    found[k] = vec
                    _memory.move_to_end(k)
        STATS["memory"] += len(found)
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            self.env.cr.execute("SELECT key, vector FROM hr_talent_embedding WHERE key = ANY(%s)", [missing])
            rows = self.env.cr.fetchall()
            for k, value in rows:
                found[k] = _unpack(value)
            STATS["db"] += len(rows)
            todo = [(k, t) for k, t in dict(zip(keys, texts)).items() if k not in found]
            if todo:
                vecs = encoder.encode([t for _k, t in todo]).astype("<f2")
                STATS["encoded"] += len(todo)
                values = []
                for (k, _t), vec in zip(todo, vecs):
                    found[k] = vec.astype(np.float32)
                    values.append((k, encoder.checksum, int(vec.shape[0]), _pack(vec)))
                self._insert(values)
            with _memory_lock:
                for k in missing:
                    _memory[k] = found[k]
                while len(_memory) > MEMORY_MAX:
                    _memory.popitem(last=False)
        return np.stack([found[k] for k in keys])

    def _insert(self, values):
        if not values:
            return
        placeholders = ",".join(["(%s, %s, %s, %s, now() at time zone 'UTC')"] * len(values))
        params = [p for row in values for p in row]
        self.env.cr.execute(
            "INSERT INTO hr_talent_embedding (key, encoder_checksum, dim, vector, created_at) VALUES %s "
            "ON CONFLICT (key) DO NOTHING" % placeholders, params)

    @api.model
    def _clear_memory(self):
        """Forget the in-process cache (tests and benchmarks measure cold paths)."""
        with _memory_lock:
            _memory.clear()

    @api.model
    def _gc_other_encoders(self, checksum):
        """Drop vectors of encoders other than `checksum` (after an encoder change)."""
        self.env.cr.execute("DELETE FROM hr_talent_embedding WHERE encoder_checksum != %s", [checksum])
        return self.env.cr.rowcount
