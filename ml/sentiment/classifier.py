"""Serving side of the sentiment model (no torch): text -> label, score, confidence (+ themes).

Two model formats, told apart by the ONNX metadata:

- the fine-tuned model (``format`` = ml.sentiment.finetune.FORMAT, the default shipped one):
  tokens -> ``logits`` and ``embedding`` in one graph; probabilities = softmax(logits / T) with
  the temperature T calibrated on a dev split (metadata), so ``confidence`` is calibrated;
- the legacy head: ONNX text encoder embeddings -> head session -> probabilities.

``score = p_positive - p_negative`` in [-1, 1] (never forced to -1 / 0 / +1); ``confidence``
is the top probability; ``label`` the most probable class. A review sentence's polarity is the
model's blended with its nearest written review sentences (ml.sentiment.examples); a comment is
read by the model alone.

Text only: only the written comment is read. No emotion is inferred from
faces, voice, keystrokes or any biometric signal (EU AI Act art. 5(1)(f)).
"""
import json
import re
import threading

import numpy as np

from ..input_check import clean_text, drop_unreadable, has_letters, language_mismatch, script_mismatch
from ..redaction import redact_comment
from ..runtime import ModelFileError, get_session, run_side_by_side
from ..review.dataset import DIMENSIONS
from .measures import read_measures

LABELS = ("negative", "neutral", "positive")
# The encoder reads 256 tokens (about 1,500 characters): a 10 MB paste is cut before
# tokenisation so that one comment cannot hold a batch for seconds.
MAX_COMMENT_CHARS = 10_000
INPUT_NAME = "embedding"
OUTPUT_NAME = "probs"


def head_metadata(path):
    """Custom metadata stored by the exporter (labels, encoder checksum)."""
    import onnxruntime as ort

    try:
        sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - any load failure is a bad model file
        raise ModelFileError("Sentiment model %s cannot be loaded (%s): retrain it." % (path, exc)) from exc
    return dict(sess.get_modelmeta().custom_metadata_map or {})


# A survey answer that says there is nothing to say ("N/A", "None", "Nothing to add", "Can't think of
# anything"): the model read such answers as anything from -0.94 to +0.13, and a department whose
# people answer "What could we improve?" with "None" looked unhappy. Whole answer only: "No
# complaints", "Nothing, the team is great" or "None of my tickets were late" are read as usual.
_NON_ANSWER_RE = re.compile(
    r"(n/?a|nil|none|nothing|nope|nah|no|pass|idk|not applicable|not sure|no idea|(i )?don'?t know|"
    r"no (further |other |more |additional )?(comments?|answer|response|feedback|remarks?)( at (this time|the moment))?|"
    r"nothing (really|much|else|more|further|specific|in particular|comes to mind|i can think of|for now|"
    r"to (add|say|report|mention|share|comment)( (here|at (this|the moment|present)( time)?|for now|right now))?|"
    r"at (the moment|this time|present))|"
    r"none (really|so far|for now|at (the moment|this time|present)|that i can think of)|"
    r"(i )?(can'?t|cannot|can not) think of any(thing| ?one| ?more)?( (right now|at the moment|else))?|"
    r"(same as|see|as) above|not at (this|the moment)( time)?)")
_ANSWER_NOISE_RE = re.compile(r"[\W_]+")


def is_non_answer(text):
    """True when the whole comment says there is nothing to say (``_NON_ANSWER_RE``)."""
    words = _ANSWER_NOISE_RE.sub(" ", (text or "").lower().replace("n/a", "na").replace("\u2019", "'"))
    words = " ".join(w for w in words.replace(" t ", "'t ").split())
    return bool(words) and len(words) <= 60 and bool(_NON_ANSWER_RE.fullmatch(words.replace("n a", "na")))


def comment_problem(text, scripts=None):
    """Why a comment is not analysed, or None: ("empty", None) for blank text, ("no_letters", None)
    for emoji, symbols or digits only (the encoder turns any run of emoji into the same unknown
    token: every such comment would get the same label), ("no_answer", None) for an answer that says
    there is nothing to say (``is_non_answer``: it carries no sentiment and stays out of the
    figures), ("script", ScriptMismatch)
    when most letters are in a script the encoder (``scripts``: ml.input_check.EncoderScripts)
    does not read, ("language", LanguageMismatch) when it is written in a language the encoder
    does not read (German for an English encoder)."""
    text = clean_text(text or "")[:MAX_COMMENT_CHARS]
    if not text.strip():
        return ("empty", None)
    if not has_letters(text):
        return ("no_letters", None)
    if is_non_answer(text):
        return ("no_answer", None)
    mismatch = script_mismatch(text, scripts)
    if mismatch:
        return ("script", mismatch)
    mismatch = language_mismatch(text, scripts)
    if mismatch:
        return ("language", mismatch)
    return None


def prepare_comment(text, names=None, scripts=None):
    """The text the encoder reads for a comment, the same at training and at serving: cut to
    MAX_COMMENT_CHARS, words in a script the encoder does not read (``scripts``:
    ml.input_check.EncoderScripts) dropped, identity redacted (``ml.redaction.redact_comment``:
    the known names of ``names``, a NameMatcher, plus emails, phones, ages, pronouns,
    nationality words). Idempotent."""
    return redact_comment(drop_unreadable((text or "")[:MAX_COMMENT_CHARS], scripts), names)


def probs_to_results(probs):
    """(n, 3) probabilities -> list of {label, score, confidence}."""
    probs = np.asarray(probs, dtype=np.float32)
    out = []
    for p in probs:
        k = int(np.argmax(p))
        out.append({
            "label": LABELS[k],
            "score": float(np.clip(p[2] - p[0], -1.0, 1.0)),
            "confidence": float(p[k]),
        })
    return out


FINETUNED_FORMAT = "hr_talent_ai.sentiment.finetuned.v1"


def is_finetuned(path):
    return head_metadata(path).get("format") == FINETUNED_FORMAT


def softmax(logits, temperature=1.0):
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


class FinetunedSentimentClassifier:
    """The fine-tuned MiniLM model: tokenizer + one ONNX session (logits, embedding).

    ``scripts`` (ml.input_check.EncoderScripts) come from the tokenizer directory's model card
    (the packaged all-MiniLM-L6-v2 reads English).

    One comment per run (``batch_size`` 1) by default: the int8 graph quantises its activations
    with a scale computed over the whole input tensor, so in a batch a comment's score would
    depend on its neighbours and their padding (up to 0.02 measured); alone it is the same in
    every batch, which the counterfactual tests require. The session runs on one thread and
    runs go side by side (ml.runtime.run_side_by_side): on 2 cores 2.3 times the comments a
    second of one two-thread run at a time, with the same numbers (README, Benchmarks)."""

    def __init__(self, path, tokenizer_dir, device="auto", batch_size=1, examples=True):
        """``examples``: blend a review sentence's polarity with its nearest written review
        sentences (ml.sentiment.examples); False reads the model alone (evaluation, ablation)."""
        from ..input_check import encoder_scripts
        from ..tokenization import get_tokenizer

        meta = head_metadata(path)
        if meta.get("format") != FINETUNED_FORMAT:
            raise ModelFileError("%s is not a fine-tuned sentiment model (format %r)." % (path, meta.get("format")))
        labels = json.loads(meta.get("labels") or "[]")
        if tuple(labels) != LABELS:
            raise ModelFileError("Sentiment model %s has labels %s, expected %s: retrain it." % (path, labels, LABELS))
        try:
            self.temperature = float(meta.get("temperature") or 1.0)
        except ValueError:
            self.temperature = 1.0
        self.session = get_session(path, device, threads=1)
        if "logits" not in self.session.output_names or "embedding" not in self.session.output_names:
            raise ModelFileError("Sentiment model %s lacks the logits/embedding outputs: retrain it." % path)
        self.tokenizer = get_tokenizer(tokenizer_dir, int(meta.get("max_length") or 128))
        self.scripts = encoder_scripts(tokenizer_dir)
        self.batch_size = max(1, int(batch_size))
        self.checksum = self.session.checksum
        self.provider = self.session.provider
        self.encoder = self  # duck-typing for callers that read clf.encoder.scripts
        # models built since the review analyser reads its dimensions here have a second head
        self.has_dimensions = "dimension_logits" in self.session.output_names
        self.use_examples = bool(examples)
        self._nearest = None
        self._nearest_lock = threading.Lock()

    def run(self, texts, batch_size=None, outputs=("logits", "embedding")):
        """The graph's ``outputs`` (default: logits (n, 3), embeddings (n, d)) for texts already
        prepared, ``batch_size`` texts a run (default: the classifier's, one)."""
        batch_size = max(1, int(batch_size or self.batch_size))
        texts = list(texts)
        if not texts:
            widths = {"logits": len(LABELS), "dimension_logits": len(DIMENSIONS)}
            return tuple(np.zeros((0, widths.get(name, 0)), np.float32) for name in outputs)
        encoded = self.tokenizer.tokenize(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i][0]))
        batches = [order[start:start + batch_size] for start in range(0, len(order), batch_size)]
        parts = [None] * len(batches)

        def run_batch(b):
            parts[b] = self.session.run(self.tokenizer.pad([encoded[i] for i in batches[b]]), list(outputs))

        run_side_by_side(len(batches), run_batch)
        out = tuple(np.empty((len(texts), part.shape[1]), np.float32) for part in parts[0])
        for idx, batch_parts in zip(batches, parts):
            for array, part in zip(out, batch_parts):
                array[idx] = part
        return out

    def nearest_examples(self):
        """ml.sentiment.examples.NearestExamples of the written review sentences, embedded by this
        model once per classifier; None when the classifier reads the model alone."""
        if not self.use_examples:
            return None
        with self._nearest_lock:
            if self._nearest is None:
                from . import examples

                texts, labels = examples.review_examples()
                texts = [drop_unreadable(t, self.scripts) for t in texts]
                self._nearest = examples.NearestExamples(self.embed(texts, batch_size=64), labels)
        return self._nearest

    def model_proba(self, texts):
        """The model's probabilities (n, 3) of prepared texts, nothing else."""
        return softmax(self.run(texts)[0], self.temperature)

    def predict_proba(self, texts):
        """Probabilities (n, 3) of prepared comments as served: the model's, with a measure that
        moved read by the rule (ml.sentiment.measures)."""
        texts = list(texts)
        return read_measures(texts, self.model_proba(texts), self.model_proba)

    def review_proba(self, texts):
        """(polarity probabilities (n, 3), review-dimension probabilities (n, 8) or None) of
        review sentences already prepared; one sentence a run, as ``run`` does by default."""
        if self.has_dimensions:
            logits, dimension_logits, emb = self.run(texts, outputs=("logits", "dimension_logits", "embedding"))
            dimensions = softmax(dimension_logits)
        else:
            (logits, emb), dimensions = self.run(texts), None
        probs = softmax(logits, self.temperature)
        nearest = self.nearest_examples()
        return (nearest.blend(probs, emb) if nearest is not None else probs), dimensions

    def embed(self, texts, batch_size=None):
        """Theme-layer sentence embeddings (L2-normalised): what the themes compare. A theme's
        examples are embedded in batches (``batch_size`` 64: always the same batches for the same
        list, so the same prototypes; 4 times faster than one by one, which a worker pays once)."""
        return self.run(texts, batch_size)[1]

    def prepare(self, text, names=None):
        return prepare_comment(text, names, self.scripts)

    def predict(self, texts, names=None):
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str) or not text.strip():
                raise ValueError("Comment #%d is empty: nothing to analyse." % (i + 1))
        return self.predict_prepared([self.prepare(t, names) for t in texts])

    def predict_prepared(self, texts, with_embeddings=False):
        texts = list(texts)
        logits, emb = self.run(texts)
        results = probs_to_results(read_measures(texts, softmax(logits, self.temperature), self.model_proba))
        return (results, emb) if with_embeddings else results


class SentimentClassifier:
    """Wraps a text encoder (ml.text_encoder.TextEncoder) and the head session (legacy format)."""

    def __init__(self, head_path, encoder, device="auto", check_encoder=True):
        self.encoder = encoder
        self.session = get_session(head_path, device)
        meta = head_metadata(head_path)
        labels = json.loads(meta.get("labels") or json.dumps(list(LABELS)))
        if tuple(labels) != LABELS:
            raise ModelFileError("Sentiment model %s has labels %s, expected %s: retrain it." % (head_path, labels, LABELS))
        self.encoder_checksum = meta.get("encoder_checksum") or ""
        if check_encoder and self.encoder_checksum and self.encoder_checksum != encoder.checksum:
            raise ModelFileError(
                "The sentiment model was trained on another text encoder (%s, active: %s): "
                "retrain the sentiment model." % (self.encoder_checksum[:12], encoder.checksum[:12]))

    def predict_proba_embeddings(self, embeddings, batch_size=1024):
        emb = np.ascontiguousarray(embeddings, dtype=np.float32)
        if not len(emb):
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        return self.session.run_batched({INPUT_NAME: emb}, batch_size)[0]

    def predict_proba(self, texts):
        return self.predict_proba_embeddings(self.encoder.encode(list(texts)))

    def prepare(self, text, names=None):
        """``prepare_comment`` with this encoder's scripts."""
        return prepare_comment(text, names, getattr(self.encoder, "scripts", None))

    def predict(self, texts, names=None):
        """list of texts -> list of {label, score, confidence}; empty texts raise ValueError.

        Each text goes through ``prepare``: cut to MAX_COMMENT_CHARS, identity redacted (the
        names of ``names``, a NameMatcher, and whatever needs no database: emails, phones,
        pronouns...), words in a script the encoder does not read dropped (a colleague's name
        in Arabic script in an English comment): they would move the label, not inform it."""
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str) or not text.strip():
                raise ValueError("Comment #%d is empty: nothing to analyse." % (i + 1))
        return self.predict_prepared([self.prepare(t, names) for t in texts])

    def embed(self, texts, batch_size=None):  # batch_size: same signature as the fine-tuned model's
        return self.encoder.encode(list(texts))

    def predict_prepared(self, texts, with_embeddings=False):
        """Like ``predict`` for texts that went through ``prepare`` already."""
        texts = list(texts)
        emb = self.encoder.encode(texts)
        results = probs_to_results(self.predict_proba_embeddings(emb))
        return (results, emb) if with_embeddings else results
