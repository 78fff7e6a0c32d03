"""Serving side of the review head (no torch): review text -> insights per sentence.

Each sentence gets a dimension, a polarity and at most one fair-language flag (identity, then
personality, then vague: the most serious first) with a rewrite suggestion. The review gets a
text score (mean of +1 / 0 / -1 over its sentences) and, when it has a rating, whether the two
disagree. The analysis never produces a rating, a pay, a promotion or a ranking.
"""
import json
import threading
from collections import OrderedDict

import numpy as np

from ..input_check import clean_text, drop_unreadable, has_letters, language_mismatch, script_mismatch
from ..redaction import NameMatcher
from ..runtime import ModelFileError, get_session
from .checks import (MAX_REVIEW_CHARS, character_judgement, contrast_clause, growth_praise, identity_hits,
                     identity_of_person, measure_change, personality_hits, suggestion, trait_praise)
from .dataset import DIMENSIONS, FLAGS, POLARITIES, load
from .features import WordVectorizer, check_features, prepare, subject_pattern
from .scoring import is_mismatch, text_score
from .sections import side, split_review
from .train import INPUTS, OUTPUTS, PROBE

# The same int8 encoder file gives slightly different embeddings on CPUs with other int8 kernels
# (AVX2 vs AVX-512/VNNI: up to 0.007 on the probe's first 8 values), so the file's checksum is
# the identity; the probe only decides for a re-exported file (another checksum). Measured on
# the probe: the int8 MiniLM on another CPU 0.007 away, the fp32 MiniLM 0.023 away.
PROBE_TOLERANCE = 0.012
# A personality flag that no published word matched needs this much confidence: on a 5-fold
# split of the training sentences, precision 0.912 -> 0.981 at recall 0.963 -> 0.944.
PERSONALITY_WITHOUT_WORD = 0.8
# An identity flag that no identity word matched needs this much confidence: on the dev sentences
# (ml/review/data/dev_identity.tsv and the others) the head's identity flags without a word were all
# false below 0.7 ("She is often late back from breaks" 0.67, "He is on the night rota" 0.52).
IDENTITY_WITHOUT_WORD = 0.8
# A vague flag needs this much confidence: on a 5-fold split of the training sentences (heads
# retrained per fold), precision 0.874 -> 0.949 at recall 0.894 -> 0.882 (0.7: 0.959 / 0.824).
VAGUE_MIN_CONFIDENCE = 0.6
# A sentence's dimension: the fine-tuned sentiment model's dimension probabilities averaged with
# the review head's (which reads the encoder, TF-IDF words and word lists), the head weighing
# this much. On the dev sentences (written after the models, trained on by neither): the model
# alone 0.765 macro-F1, the head alone 0.794, mixed 0.801 (0.5), 0.817-0.830 (0.6-0.85, the
# middle of that plateau taken).
HEAD_DIMENSION_WEIGHT = 0.75
# A sentence that only praises a person's trait (checks.trait_praise: "He is dependable") reads
# positive; where the models read it otherwise its score is this much (dev: ml/review/data/
# dev_traits.tsv, the served polarity 0.878 -> 1.000; dev_a 0.926 -> 0.931, dev_b 0.933 -> 0.967).
TRAIT_PRAISE_SCORE = 0.5  # growth told as a fact (checks.growth_praise) too
# A sentence telling a measure that moved (checks.measure_change: "Complaints on his route fell from
# fourteen to four") reads the way the measure moved; where the models read it otherwise its score
# is this much, signed.
MEASURE_CHANGE_SCORE = 0.5
# A sentence's dimension is mixed with the dimensions of its nearest written training sentences
# (cosine on the int8 MiniLM embedding the head reads; the K nearest vote with softmax weights at
# temperature TAU; the vote weighs WEIGHT). Dev (dev_a, dev_b, dev_traits: 235 sentences with a
# dimension): macro-F1 0.773 -> 0.810, each set better; the head alone (no fine-tuned sentiment
# model) 0.760 -> 0.800. A plateau: K 10-40, TAU 0.02-0.05, WEIGHT 0.3-0.4 gave 0.79-0.82.
DIMENSION_EXAMPLES_K = 20
DIMENSION_EXAMPLES_TAU = 0.05
DIMENSION_EXAMPLES_WEIGHT = 0.4


def encode_one_by_one(encoder, texts):
    """Embeddings of ``texts``, each encoded alone. The int8 encoder quantises activations
    per batch (dynamic quantisation): in a batch, a sentence's embedding would depend on the
    other sentences, so the same sentence in two reviews, or the same review about two people,
    could get different insights. One sentence per run makes a sentence's insight a function
    of that sentence only (tests/test_review_counterfactual.py). An encoder made with
    ``one_per_run`` does so itself, with several runs at once."""
    if not texts:
        return np.zeros((0, getattr(encoder, "dim", 0)), dtype=np.float32)
    if getattr(encoder, "one_per_run", False):
        return encoder.encode(texts)
    return np.vstack([encoder.encode([t]) for t in texts]).astype(np.float32)


def same_encoder(meta, encoder):
    """Whether the head (its metadata) was trained on this encoder: the same file, or one whose
    embedding of the probe sentence is within PROBE_TOLERANCE of the recorded one."""
    if meta.get("encoder_checksum") and meta["encoder_checksum"] == getattr(encoder, "checksum", None):
        return True
    probe = np.asarray(json.loads(meta.get("encoder_probe") or "[]"), dtype=np.float32)
    if not len(probe):
        return False
    got = encoder.encode([PROBE])[0][: len(probe)]
    return float(np.max(np.abs(got - probe))) <= PROBE_TOLERANCE


class ReviewInputError(ValueError):
    """The review cannot be analysed; the message says why (shown to the user)."""


def head_metadata(path):
    import onnxruntime as ort

    try:
        sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - any load failure is a bad model file
        raise ModelFileError("Review model %s cannot be loaded (%s): retrain it." % (path, exc)) from exc
    meta = dict(sess.get_modelmeta().custom_metadata_map or {})
    if meta.get("task") != "review":
        raise ModelFileError("%s is not a review model." % path)
    return meta


class ReviewAnalyzer:
    """Wraps a text encoder (ml.text_encoder.TextEncoder) and the review head session."""

    def __init__(self, head_path, encoder, device="auto", polarity_model=None):
        """``polarity_model``: the fine-tuned sentiment classifier (ml.sentiment.classifier.
        FinetunedSentimentClassifier), trained on the review sentences too; when given, a
        sentence's polarity (and, when the model has that head, its dimension) is read from it
        (held-out figures: ml/sentiment/model/metrics.json, tools/eval_review.py), else from the
        review head. Fair-language flags always come from the review head and the word lists."""
        self.encoder = encoder
        self.polarity_model = polarity_model
        self.session = get_session(head_path, device)
        meta = head_metadata(head_path)
        for key, expected in (("dimensions", DIMENSIONS), ("polarities", POLARITIES), ("flags", FLAGS)):
            if tuple(json.loads(meta.get(key) or "[]")) != tuple(expected):
                raise ModelFileError("Review model %s has other %s than %s: retrain it." % (head_path, key, expected))
        self.vectorizer = WordVectorizer(json.loads(meta["vocabulary"]), json.loads(meta["idf"]))
        if not same_encoder(meta, encoder):
            raise ModelFileError("The review model was trained on another text encoder: retrain the review model.")
        self._cache = OrderedDict()  # (sentence, names key) -> result, last 5,000 sentences
        self._dimension_examples = None
        self._dimension_examples_lock = threading.Lock()

    def dimension_examples(self):
        """ml.sentiment.examples.NearestExamples of the written training sentences' dimensions, on
        the embeddings this analyser's encoder gives them read one by one, as a review's sentences
        are (about 2 s once per analyser, on 2 cores)."""
        with self._dimension_examples_lock:
            if self._dimension_examples is None:
                from ..sentiment.examples import NearestExamples

                rows = [r for r in load() if r["split"] == "train" and r["dimension"]]
                scripts = getattr(self.encoder, "scripts", None)
                texts = [drop_unreadable(prepare(r["text"], None, None)[0], scripts) for r in rows]
                self._dimension_examples = NearestExamples(
                    encode_one_by_one(self.encoder, texts), [DIMENSIONS.index(r["dimension"]) for r in rows],
                    k=DIMENSION_EXAMPLES_K, tau=DIMENSION_EXAMPLES_TAU, n_labels=len(DIMENSIONS))
            return self._dimension_examples

    # ------------------------------------------------------------------ core
    def predict_sentences(self, sentences, names=None, subject=None, turns=True):
        """[{dimension, polarity, flag, confidence, probs}] for each sentence (already split).
        ``names``: NameMatcher of the names the database knows; ``subject``: the reviewed
        person's name (always removed, see ``features.subject_pattern``)."""
        if names is not None and not isinstance(names, NameMatcher):
            names = NameMatcher(names)
        key_names = (names.tokens if names else frozenset(), subject or "")
        pattern = subject_pattern(subject) if subject else None
        out = [None] * len(sentences)
        todo = []
        for i, s in enumerate(sentences):
            hit = self._cache.get((s, key_names))
            if hit is not None:
                out[i] = hit
            else:
                todo.append(i)
        if todo:
            prepared = [prepare(sentences[i], names, pattern) for i in todo]
            scripts = getattr(self.encoder, "scripts", None)
            red = [drop_unreadable(p[0], scripts) for p in prepared]
            # one sentence a run (the int8 graphs quantise per input): a sentence's insight never
            # depends on the other sentences of the review; each pass runs its sentences side by side
            from_model = self.polarity_model.review_proba(red) if self.polarity_model is not None else None
            embeddings = encode_one_by_one(self.encoder, red)
            feeds = {
                INPUTS[0]: embeddings,
                INPUTS[1]: self.vectorizer.transform(red),
                INPUTS[2]: check_features([p[1] for p in prepared]),
            }
            d, p, f = self.session.run(feeds, list(OUTPUTS))
            if from_model is not None:
                p, dims = from_model
                if dims is not None:
                    d = (1.0 - HEAD_DIMENSION_WEIGHT) * dims + HEAD_DIMENSION_WEIGHT * d
            d = ((1.0 - DIMENSION_EXAMPLES_WEIGHT) * d
                 + DIMENSION_EXAMPLES_WEIGHT * self.dimension_examples().vote(embeddings))
            for j, i in enumerate(todo):
                flag = FLAGS[int(f[j].argmax())]
                if (flag == "personality" and float(f[j].max()) < PERSONALITY_WITHOUT_WORD
                        and not personality_hits(prepared[j][1])):
                    flag = "none"
                elif flag == "vague" and float(f[j].max()) < VAGUE_MIN_CONFIDENCE:
                    flag = "none"
                elif (flag == "identity" and float(f[j].max()) < IDENTITY_WITHOUT_WORD
                        and not identity_hits(prepared[j][1])):
                    flag = "none"
                if flag != "identity" and identity_of_person(prepared[j][1]):
                    flag = "identity"
                if flag in ("none", "vague") and character_judgement(prepared[j][1]):
                    flag = "personality"
                polarity, polarity_score = POLARITIES[int(p[j].argmax())], float(p[j][2] - p[j][0])
                if polarity != "positive" and (trait_praise(prepared[j][1]) or growth_praise(prepared[j][1])):
                    polarity, polarity_score = "positive", max(polarity_score, TRAIT_PRAISE_SCORE)
                change = measure_change(red[j])
                if change and polarity != POLARITIES[1 + change]:
                    polarity, polarity_score = POLARITIES[1 + change], change * MEASURE_CHANGE_SCORE
                res = {
                    "dimension": DIMENSIONS[int(d[j].argmax())],
                    "polarity": polarity,
                    "flag": flag,
                    "dimension_confidence": float(d[j].max()),
                    "polarity_score": polarity_score,
                    "flag_confidence": float(f[j].max()),
                }
                out[i] = self._cache[(sentences[i], key_names)] = res
            if turns:
                self._read_turns([(out[i], contrast_clause(sentences[i])) for i in todo], names, subject)
            while len(self._cache) > 5000:
                self._cache.popitem(last=False)
        return out

    def _read_turns(self, results, names, subject):
        """A sentence that turns on a contrast takes the polarity of the clause that carries it
        (checks.contrast_clause), read alone the same way, when that clause reads polar."""
        pending = [(res, clause) for res, clause in results if clause]
        if not pending:
            return
        read = self.predict_sentences([clause for _, clause in pending], names, subject, turns=False)
        for (res, _), clause_res in zip(pending, read):
            if clause_res["polarity"] != "neutral":
                res["polarity"], res["polarity_score"] = clause_res["polarity"], clause_res["polarity_score"]

    def analyze(self, text, names=None, rating=None, subject=None):
        """{"sentences": [{sentence, dimension, polarity, flag, suggestion, ...}], "text_score",
        "rating_mismatch", "flag_count"}; ReviewInputError when nothing can be analysed."""
        if not isinstance(text, str):
            raise ReviewInputError("The review has no text to analyse.")
        text = clean_text(text)[:MAX_REVIEW_CHARS]
        if not text.strip():
            raise ReviewInputError("The review is empty: write what the person did before analysing it.")
        if not has_letters(text):
            raise ReviewInputError("The review holds no words (only symbols, emoji or numbers): nothing to analyse.")
        mismatch = script_mismatch(text, getattr(self.encoder, "scripts", None))
        if mismatch:
            raise ReviewInputError(
                "Not analysed: %s%% of the review's letters are %s script and the text encoder reads %s only, "
                "so any insight would be a guess. A person must read it, or an administrator must configure a "
                "text encoder for that language." % (mismatch.percent, mismatch.scripts_text(), mismatch.readable_text()))
        mismatch = language_mismatch(text, getattr(self.encoder, "scripts", None))
        if mismatch:
            raise ReviewInputError(
                "Not analysed: the review is written in %s and the text encoder reads %s only, so any insight "
                "would be a guess. A person must read it, or an administrator must configure a text encoder "
                "for that language." % (mismatch.language_text(), mismatch.readable_text()))
        parts = split_review(text)
        if not parts:
            raise ReviewInputError("The review has no sentence to analyse.")
        sentences = [s for s, _ in parts]
        preds = self.predict_sentences(sentences, names, subject)
        items = []
        for (s, section), pr in zip(parts, preds):
            flag = pr["flag"] if pr["flag"] != "none" else ""
            # an item under "Strengths" / "Areas for development" is on the side its heading says
            polarity = side(section, s) or pr["polarity"]
            items.append(dict(pr, sentence=s, polarity=polarity, section=section or "", flag=flag,
                              suggestion=suggestion(flag, s) if flag else ""))
        score = text_score(i["polarity"] for i in items)
        return {
            "sentences": items,
            "text_score": score,
            "rating_mismatch": is_mismatch(rating, score),
            "flag_count": sum(1 for i in items if i["flag"]),
        }


def summarize(items):
    """{dimension: {"strengths": [sentences], "development": [sentences]}} of analysed sentences."""
    out = {}
    for it in items:
        if it["polarity"] == "neutral":
            continue
        side = "strengths" if it["polarity"] == "positive" else "development"
        out.setdefault(it["dimension"], {"strengths": [], "development": []})[side].append(it["sentence"])
    return out
