"""ml.review without Odoo: labelled set, fair-language lists, features, and the shipped default
head served on a real int8 export of the packaged MiniLM (the encoder Odoo exports on first use)."""
import json
from pathlib import Path

import pytest

from ml.review import checks
from ml.review.dataset import DIMENSIONS, FLAGS, POLARITIES, load
from ml.review.features import check_features, prepare
from ml.review.scoring import is_mismatch, text_score

DEFAULT_HEAD = Path(__file__).resolve().parents[1] / "review" / "default" / "review_head.onnx"
SENTIMENT_MODEL = Path(__file__).resolve().parents[1] / "sentiment" / "model" / "sentiment_int8.onnx"


def test_labelled_set_is_complete_and_split_by_hash():
    rows = load()
    assert len(rows) >= 500
    assert {r["dimension"] for r in rows if r["dimension"]} == set(DIMENSIONS)
    assert {r["polarity"] for r in rows} == set(POLARITIES)
    assert {r["flag"] for r in rows} == set(FLAGS)
    held = [r for r in rows if r["split"] == "heldout"]
    assert 0.15 < len(held) / len(rows) < 0.35
    for flag in FLAGS[1:]:
        assert sum(r["flag"] == flag for r in held) >= 10, flag
    assert [r["split"] for r in load()] == [r["split"] for r in rows]
    dev = [r for r in rows if r["split"] == "dev"]
    assert len(dev) >= 150 and {r["source"] for r in dev} == {"dev_a", "dev_b", "dev_contrast", "dev_growth", "dev_identity", "dev_outcomes", "dev_traits"}
    assert {r["polarity"] for r in dev} == set(POLARITIES)


def test_split_sentences():
    text = "Great job. She closed 40 tickets!\n- fixed the printer\n2) wrote the guide, e.g. chapter one"
    assert checks.split_sentences(text) == [
        "Great job.", "She closed 40 tickets!", "fixed the printer", "wrote the guide, e.g. chapter one"]
    assert checks.split_sentences("") == []
    assert checks.split_sentences("!!! ...") == []


@pytest.mark.parametrize("text", ["She is abrasive with colleagues.", "He can be too bossy.",
                                  "She comes across as shrill.", "He has an attitude problem."])
def test_personality_words_hit(text):
    assert checks.personality_hits(text)


@pytest.mark.parametrize("text", ["She calmed an emotional customer and kept the account.",
                                  "He closed 40 tickets in March."])
def test_personality_words_need_a_judgement_of_the_person(text):
    assert not checks.personality_hits(text)


@pytest.mark.parametrize("text", ["Sam is a bit abrasive with the warehouse team.", "is a bit abrasive with the team.",
                                  " can be bossy in meetings.", "She was hysterical when the audit failed.",
                                  "Honestly, she is pushy and people avoid her.", "She's bossy with the juniors.",
                                  "Sam\u2019s a bit abrasive."])
def test_a_character_word_said_of_a_person_is_a_judgement(text):
    """The reviewed person's name is removed before the checks read a sentence (" can be bossy")."""
    assert checks.character_judgement(text)


@pytest.mark.parametrize("text", ["She is confident with the new stock system.", "Our targets for this year are aggressive.",
                                  "He said the client is aggressive.", "It is emotional work.",
                                  "She calmed an emotional customer and kept the account.",
                                  "He cleared an aggressive backlog of 400 claims."])
def test_a_character_word_about_a_thing_or_a_skill_is_not(text):
    assert checks.character_judgement(text) is None


@pytest.mark.parametrize("text", ["Ömer is abrasive.", "Łukasz is bossy in meetings.", "Émile Durand is arrogant."])
def test_a_name_in_any_alphabet_is_a_person(text):
    """A name with a capital outside A-Z is a person too: the flag never depends on the name."""
    assert checks.character_judgement(text)


def served_polarity(analyzer, source):
    """(rows of a dev set, the served insights, [(sentence, polarity)] read other than labelled)."""
    rows = [r for r in load() if r["source"] == source]
    preds = analyzer.predict_sentences([r["text"] for r in rows])
    return rows, preds, [(r["text"], p["polarity"]) for r, p in zip(rows, preds) if p["polarity"] != r["polarity"]]


@pytest.mark.parametrize("text,word", [
    ("She is meticulous with the dosage records.", "meticulous"), ("He is dependable.", "dependable"),
    ("Punctual.", "punctual"), ("Very conscientious.", "conscientious"), ("She's really dependable.", "dependable"),
    ("Ömer is punctual.", "punctual"), ("He is a team player.", "a team player"),
    ("Patient with customers and clear with colleagues.", "patient"),
    ("He is always professional on the phone, even with difficult callers.", "professional"),
    ("I am methodical in how I check the drawings.", "methodical"),
])
def test_plain_praise_of_a_trait(text, word):
    assert checks.trait_praise(text) == word


@pytest.mark.parametrize("text", [
    "He is not dependable.", "She isn't always punctual.", "Could be more meticulous with the labels.",
    "He needs to be more patient with new starters.", "I should be more proactive about asking for help.",
    "She used to be punctual, but she has been late most weeks since the summer.", "He is less reliable than last year.",
    "He is patient with trainees; his notes are often late.", "He is a professional driver.",
    "Flexible working was approved in May.", "Patient files moved to the new system in June.",
    "Efficient is not the word I would use for his month-end.", "The audit was thorough.",
    "She is efficient when the work is routine and the queue is short and nobody calls in sick.",
])
def test_negated_hedged_or_impersonal_traits_are_no_plain_praise(text):
    assert checks.trait_praise(text) is None


def test_plain_praise_of_a_trait_reads_positive(analyzer_sentiment):
    """Dev set of traits (written after the models): the served polarity read 5 of its 24 plain
    praises of a trait as negative or neutral ("He is dependable", "She is tactful with upset
    relatives"); with checks.trait_praise none, and its negated, hedged and impersonal sentences
    keep the models' reading."""
    rows, preds, wrong = served_polarity(analyzer_sentiment, "dev_traits")
    assert sum(r["polarity"] == "positive" for r in rows) >= 20 and sum(r["polarity"] != "positive" for r in rows) >= 15
    assert not wrong
    praise = analyzer_sentiment.predict_sentences(["She is meticulous with the dosage records."])[0]
    assert praise["polarity"] == "positive" and praise["polarity_score"] > 0


@pytest.mark.parametrize("text", [
    "She is getting better at delegating.", "He has become much more confident on the phones.",
    "Her Excel skills have come on a long way.", "She has got to grips with the new stock system.",
    "He is quicker on the till than he was in the spring.", "She's far more patient with callers than when she started.",
])
def test_growth_told_as_a_fact(text):
    assert checks.growth_praise(text)


@pytest.mark.parametrize("text", [
    "He needs to get better at reading the drawings.", "I would like her to become more confident.",
    "He could be more consistent with his timesheets.", "He has become less reliable since the move to nights.",
    "She has become more withdrawn in team meetings.", "He is no quicker on the till than he was in the spring.",
    "She has not got to grips with the new booking system yet.", "He is better at talking than doing.",
    "He has got more organised, but the quality has slipped.",
])
def test_requests_regressions_and_comparisons_are_no_growth(text):
    assert checks.growth_praise(text) is None


def test_growth_reads_positive(analyzer_sentiment):
    """Dev set of growth (written after the models): the served polarity read 12 of its 20 growth
    sentences as criticism ("She is getting better at delegating"); with checks.growth_praise 1,
    and its 16 requests and regressions worded the same way keep the models' negative reading."""
    rows, preds, wrong = served_polarity(analyzer_sentiment, "dev_growth")
    assert sum(r["polarity"] == "positive" for r in rows) >= 20 and sum(r["polarity"] == "negative" for r in rows) >= 15
    assert len(wrong) <= 2, wrong


@pytest.mark.parametrize("text,clause", [
    ("He is quick, but his code often needs rework.", "His code often needs rework."),
    ("He missed the first two deadlines, but the final delivery was excellent.", "The final delivery was excellent."),
    ("He is patient with trainees; however, his notes are often late.", "His notes are often late."),
    ("Although she missed the first deadline, the final report was excellent.", "The final report was excellent."),
    ("The drawings were fine, yet the bill of materials had mistakes.", "The bill of materials had mistakes."),
])
def test_the_clause_that_carries_a_turn(text, clause):
    assert checks.contrast_clause(text) == clause


@pytest.mark.parametrize("text", [
    "He is not only fast but also accurate.", "I have not yet reached the target set in my last review.",
    "Helpful when asked, though he rarely offers help on his own.", "She is good, but slow.",
    "He is quick but careless, but he listens.", "She closed 40 tickets this week.",
])
def test_no_turn_or_one_left_to_the_models(text):
    assert checks.contrast_clause(text) is None


def test_a_turn_reads_as_the_clause_that_carries_it(analyzer_sentiment):
    """Dev set of contrasts (written after the models): the served polarity read 14 of its 27
    sentences wrong, most praise-then-criticism as neutral ("He is quick, but his code often needs
    rework"); reading the clause after the turn alone, 2 (its clause read wrong or neutral)."""
    rows, preds, wrong = served_polarity(analyzer_sentiment, "dev_contrast")
    assert len(rows) >= 25 and len(wrong) <= 3, wrong
    # the same sentence reads the same alone and in a review (the clause's reading is cached apart)
    again = analyzer_sentiment.analyze("Great start to the year. " + rows[0]["text"])["sentences"][1]
    assert again["polarity"] == preds[0]["polarity"] == rows[0]["polarity"]


@pytest.mark.parametrize("text,sign", [
    ("Customer complaints on his route fell from fourteen last year to four.", 1),
    ("His error rate on data entry is the lowest in the office.", 1), ("Errors fell.", 1),
    ("She made far fewer keying mistakes this year than last.", 1), ("Reduced waste on the bakery line by 12%.", 1),
    ("Patients on her ward had the lowest rate of medication errors in the hospital.", 1),
    ("Her units per hour went up from 80 to 110.", 1), ("Staff turnover in her branch fell to its lowest level.", 1),
    ("Late deliveries on his round have crept up since March.", -1), ("His scrap rate was the highest in the plant.", -1),
    ("Survey scores for his team fell in every category.", -1), ("More complaints came in about her tone.", -1),
    # a level after a copula, a degree word, "stopped", a comparison with before, a negated direction
    ("Sick days are way down since they fixed the heating.", 1), ("Sickness absence is low in our team.", 1),
    ("Morale is at an all-time low.", -1), ("Mistakes in payroll have stopped since the new provider came in.", 1),
    ("Backlogs are higher than ever.", -1), ("Overtime hasn't gone down at all despite the promises.", -1),
    ("Errors haven't gone up even with the extra volume.", 1), ("Complaints did not fall this year.", -1),
    ("Despite the new system, her throughput did not drop during the changeover month.", 1),
    ("The team's morale has never been higher.", 1), ("Staff turnover has never been this high.", -1),
])
def test_a_measure_that_moved(text, sign):
    assert checks.measure_change(text) == sign


@pytest.mark.parametrize("text", [
    "She fell behind on her filing during the audit season.", "He dropped the ball on the supplier renewals twice.",
    "She rose to the challenge when the manager's post was vacant.", "Complaints did not fall, but we lost staff.",
    "The backlog is so big we've stopped pretending we'll clear it.", "Our sales are higher than our rivals'.",
    "Complaints aren't something we track.", "I wish overtime would go down for once.",
    "I'd like to see fewer measurement errors on the cutting lists.", "She found more defects in testing than anyone.",
    "Sales dropped, but this was true across the region.", "Prices went up, so her margins fell.",
    "She takes more care over her costs than anyone.", "She handled more calls than anyone else on the team.",
    "Absence on her team went down even though the workload rose.", "She raised more issues in the retro than anyone.",
    "Administration is focused on patient satisfaction surveys more than actual care.",
])
def test_no_measure_or_not_plain(text):
    """Idioms, negation, wishes, contrasts, finding or raising faults (a tester's work) and a
    measure after an intransitive verb or a preposition: no sign from the lists."""
    assert checks.measure_change(text) is None


def test_a_measure_that_moved_reads_the_way_it_moved(analyzer_sentiment):
    """Dev set of results told as measures (written after the models): the served polarity read 25
    of its first 56 the wrong way ("Complaints ... fell" negative, "His scrap rate was the highest"
    positive); with checks.measure_change 3 of all 76 (a measure the lists do not name, "fewer
    people", a contrast; 4 allowed for other CPUs' int8 kernels), and the lists' sign agrees with
    every labelled sentence they fire on."""
    rows, preds, wrong = served_polarity(analyzer_sentiment, "dev_outcomes")
    assert len(rows) >= 70 and len(wrong) <= 4, wrong
    fired = [(r, checks.measure_change(r["text"])) for r in load() if r["split"] != "heldout"]
    fired = [(r, sign) for r, sign in fired if sign]
    assert len(fired) >= 80 and all(r["polarity"] == ("positive" if sign > 0 else "negative") for r, sign in fired)
    assert analyzer_sentiment.predict_sentences(["Errors fell."])[0]["polarity"] == "positive"


@pytest.mark.parametrize("text,category", [
    ("Since she came back from maternity leave her focus has slipped.", "family"),
    ("For a woman she is very technical.", "gender"), ("At 58 he is slower with the tools.", "age"),
    ("He takes time off for Ramadan.", "religion"), ("Her depression affected her work.", "health"),
    ("He is in a wheelchair.", "disability"), ("His accent makes calls hard.", "ethnicity"),
    ("He is Nigerian and very polite.", "ethnicity")])
def test_identity_categories(text, category):
    assert category in {c for c, _ in checks.identity_hits(text)}
    assert checks.keyword_flag(text) == "identity"
    assert "Remove the mention" in checks.suggestion("identity", text)


@pytest.mark.parametrize("text,category", [
    ("She has a stammer, which makes the client calls awkward.", "disability"), ("He is nearly sixty.", "age"),
    ("Her pregnancy meant she was less available in the autumn.", "family"), ("He is Polish.", "ethnicity"),
    ("They have epilepsy and cannot drive the van.", "health"), ("Has a stammer.", "disability"),
    ("Ömer is Muslim.", "religion"), ("Since her operation in May she has been slower on the tools.", "health"),
])
def test_an_identity_word_said_of_the_person(text, category):
    assert checks.identity_of_person(text) == category


@pytest.mark.parametrize("text", [
    "She is our specialist for the maternity ward's stock orders.",
    "He wrote the site's guidance on reasonable adjustments for disabled visitors.",
    "She covered two colleagues' shifts while they were on parental leave.",
    "She led the wheelchair-accessible entrance project at the Leeds branch.",
    "When I was ill, he took over my clients and kept me informed.", "He took three sick days without calling in.",
    "She explained the scans to a mother in her pregnancy.", "She covered for Tom during his operation.",
    "He supported a colleague through her divorce.",
])
def test_an_identity_word_about_a_thing_or_someone_else_is_not_said_of_the_person(text):
    assert checks.identity_of_person(text) is None


def test_identity_flags_on_the_dev_sentences(analyzer_sentiment):
    """Dev set of identity mentions in varied words and look-alikes (written after the models): the
    served identity flag read precision 0.706, recall 0.600 there (5 false flags without any identity
    word: "She is often late back from breaks", "He is on the night rota from March"; "She has a
    stammer" missed); with the words added to the lists, a confidence floor for a flag without a
    word and checks.identity_of_person: 1.000 / 0.850."""
    rows = [r for r in load() if r["split"] == "dev"]
    preds = analyzer_sentiment.predict_sentences([r["text"] for r in rows])
    flagged = [r["flag"] == "identity" for r, p in zip(rows, preds) if p["flag"] == "identity"]
    labelled = [p["flag"] == "identity" for r, p in zip(rows, preds) if r["flag"] == "identity"]
    assert len(labelled) >= 20
    assert sum(flagged) / len(flagged) >= 0.95 and sum(labelled) / len(labelled) >= 0.75, (flagged, labelled)


def test_check_features_ignore_names_and_pronouns():
    variants = []
    for name in ("Grace Faith", "Mohammed Al-Rashid", "Wei Zhang"):
        first = name.split()[0]
        for he, is_ in (("he", "is"), ("she", "is"), ("they", "are")):
            text = "%s is bossy and %s %s too emotional; %s's reports are late." % (first, he, is_, first)
            red, raw = prepare(text, names=[name], subject=name)
            variants.append((red, tuple(check_features([raw])[0])))
    assert len(set(variants)) == 1, variants


def test_rating_mismatch_rule():
    assert text_score(["positive", "positive", "negative", "neutral"]) == 0.25
    assert is_mismatch("5", -0.6) and is_mismatch(1, 0.8)
    assert not is_mismatch("4", 0.5) and not is_mismatch(None, -1.0) and not is_mismatch("3", 0.4)


@pytest.fixture(scope="module")
def analyzer(exported_encoder, encoder_dir):
    from ml.review.analyzer import ReviewAnalyzer
    from ml.text_encoder import TextEncoder

    out, _metrics = exported_encoder
    encoder = TextEncoder(str(out / "text_encoder_int8.onnx"), encoder_dir, "cpu", 32)
    return ReviewAnalyzer(str(DEFAULT_HEAD), encoder, "cpu")


@pytest.fixture(scope="module")
def sentiment_clf():
    from ml.sentiment.classifier import FinetunedSentimentClassifier
    from ml.text_encoder import default_encoder_dir

    return FinetunedSentimentClassifier(str(SENTIMENT_MODEL), default_encoder_dir(), "cpu")


@pytest.fixture(scope="module")
def analyzer_sentiment(analyzer, sentiment_clf):
    """The analyser as Odoo builds it: polarity read from the shipped sentiment model."""
    from ml.review.analyzer import ReviewAnalyzer

    return ReviewAnalyzer(str(DEFAULT_HEAD), analyzer.encoder, "cpu", polarity_model=sentiment_clf)


def test_polarity_is_read_from_the_sentiment_model(analyzer, analyzer_sentiment, sentiment_clf):
    sentences = ["She missed three of the five project deadlines without warning anyone.",
                 "His handovers are complete, so the night shift starts on time.",
                 "She moved to the Leeds warehouse in March."]
    preds = analyzer_sentiment.predict_sentences(sentences)
    probs = sentiment_clf.predict_proba([sentiment_clf.prepare(s) for s in sentences])
    assert [p["polarity"] for p in preds] == [POLARITIES[int(k)] for k in probs.argmax(1)]
    assert [p["polarity"] for p in preds][:2] == ["negative", "positive"]
    # dimensions: both heads averaged, the review head weighing most; flags: the review head
    head = analyzer.predict_sentences(sentences)
    assert [p["dimension"] for p in preds] == [p["dimension"] for p in head]
    assert [p["flag"] for p in preds] == [p["flag"] for p in head]


def test_vague_flag_needs_confidence(analyzer):
    """Held out: a vague flag below VAGUE_MIN_CONFIDENCE is dropped (precision 0.850 -> 0.939 at
    recall 0.944 -> 0.861 in tools/eval_review.py); without the floor precision falls to 0.85."""
    from ml.review import analyzer as review_analyzer

    held = [r for r in load() if r["split"] == "heldout"]
    preds = analyzer.predict_sentences([r["text"] for r in held])
    flagged = [r["flag"] == "vague" for r, p in zip(held, preds) if p["flag"] == "vague"]
    gold = sum(r["flag"] == "vague" for r in held)
    precision, recall = sum(flagged) / len(flagged), sum(flagged) / gold
    assert precision >= 0.9 and recall >= 0.8, (precision, recall)
    assert review_analyzer.VAGUE_MIN_CONFIDENCE > 0.5


def test_character_judgements_are_flagged_whatever_the_head_reads(analyzer):
    """Dev set b (written after the models): the head alone missed 5 of its 18 personality sentences
    ("Sam is a bit abrasive with the warehouse team."); with checks.character_judgement none, and
    none of its 12 other sentences (an emotional customer, aggressive targets, a blunt email, a
    confident user of a system) is called personality."""
    rows = [r for r in load() if r["source"] == "dev_b"]
    preds = analyzer.predict_sentences([r["text"] for r in rows])
    missed = [r["text"] for r, p in zip(rows, preds) if r["flag"] == "personality" and p["flag"] != "personality"]
    false = [r["text"] for r, p in zip(rows, preds) if r["flag"] != "personality" and p["flag"] == "personality"]
    assert sum(r["flag"] == "personality" for r in rows) >= 15
    assert not missed and not false, (missed, false)


def test_dimension_reads_the_nearest_written_sentences(analyzer, monkeypatch):
    """Dev sentences the weights were chosen on (written after the models): the head's dimension
    alone reads macro-F1 0.760, mixed with the dimensions of the nearest written training sentences
    0.800."""
    from ml.review import analyzer as review_analyzer
    from ml.review.scoring import macro_f1

    rows = [r for r in load() if r["source"] in ("dev_a", "dev_b", "dev_traits") and r["dimension"]]
    bank = analyzer.dimension_examples()
    assert bank.onehot.shape == (len([r for r in load() if r["split"] == "train" and r["dimension"]]), len(DIMENSIONS))

    def dev_f1():
        analyzer._cache.clear()
        preds = analyzer.predict_sentences([r["text"] for r in rows])
        return macro_f1([r["dimension"] for r in rows], [p["dimension"] for p in preds], DIMENSIONS)

    with_examples = dev_f1()
    monkeypatch.setattr(review_analyzer, "DIMENSION_EXAMPLES_WEIGHT", 0.0)
    alone = dev_f1()
    analyzer._cache.clear()
    assert with_examples >= 0.79 and with_examples > alone + 0.02, (with_examples, alone)


def test_shipped_head_matches_the_exported_encoder(analyzer):
    """The default head is usable with the int8 encoder that Odoo exports (probe check)."""
    meta = json.loads((DEFAULT_HEAD.parent / "metrics.json").read_text())
    assert meta["task"] == "review" and meta["held_out"]["n"] > 100
    assert analyzer.vectorizer and len(analyzer.vectorizer) > 500


def test_analyze_review(analyzer):
    text = ("Sam closed 340 support tickets this year, the most in the team. Sam is a bit bossy with the "
            "juniors. Great job overall! Since coming back from maternity leave Sam has been less available. "
            "Sam missed three of the five project deadlines without warning anyone.")
    res = analyzer.analyze(text, names=["Sam Taylor"], rating="5", subject="Sam Taylor")
    items = res["sentences"]
    assert [i["flag"] for i in items] == ["", "personality", "vague", "identity", ""]
    # per-sentence accuracy is measured by tools/eval_review.py; here: the clear cases
    assert items[0]["polarity"] != "negative" and items[4]["polarity"] == "negative"
    assert items[1]["suggestion"] and not items[0]["suggestion"]
    assert res["flag_count"] == 3
    assert all(i["dimension"] in DIMENSIONS for i in items)
    assert "rating" not in {k for i in items for k in i}


@pytest.mark.parametrize("which", ["analyzer", "analyzer_sentiment"])
def test_counterfactual_delta_is_zero(which, request):
    analyzer = request.getfixturevalue(which)
    template = ("{n} closed 340 tickets and {he} kept {his} score above 90 percent. {He} {is} abrasive in "
                "meetings. {n}'s reports are clear, and I thanked {him} for them.")
    seen = set()
    for name in ("Grace Hope", "Oluwaseun Adeyemi", "José García", "Yuki Tanaka"):
        for he, is_, his, him in (("he", "is", "his", "him"), ("she", "is", "her", "her"), ("they", "are", "their", "them")):
            text = template.format(n=name.split()[0], he=he, He=he.capitalize(), his=his, him=him, **{"is": is_})
            res = analyzer.analyze(text, names=[name], subject=name)
            seen.add(tuple((i["dimension"], i["polarity"], i["flag"], round(i["dimension_confidence"], 6),
                            round(i["polarity_score"], 6)) for i in res["sentences"]))
    assert len(seen) == 1, seen


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂 123 !!!", None, "Ⴀბგდ ევზთ იკლმ ნოპჟ რსტუ ფქღყ შჩცძ"])
def test_bad_input_gets_a_message(analyzer, text):
    from ml.review.analyzer import ReviewInputError

    with pytest.raises(ReviewInputError) as exc:
        analyzer.analyze(text)
    assert str(exc.value)


def test_head_refuses_another_encoder(exported_encoder, encoder_dir):
    """The head was trained on the int8 encoder: the fp32 one (another embedding) is refused."""
    from ml.review.analyzer import ReviewAnalyzer
    from ml.runtime import ModelFileError
    from ml.text_encoder import TextEncoder

    out, _metrics = exported_encoder
    fp32 = TextEncoder(str(out / "text_encoder.onnx"), encoder_dir, "cpu", 32)
    with pytest.raises(ModelFileError, match="another text encoder"):
        ReviewAnalyzer(str(DEFAULT_HEAD), fp32, "cpu")


def _head_with(tmp_path, **meta):
    """A copy of the shipped head with some metadata replaced."""
    import onnx

    model = onnx.load(str(DEFAULT_HEAD))
    for prop in model.metadata_props:
        if prop.key in meta:
            prop.value = meta[prop.key]
    path = tmp_path / "review_head.onnx"
    onnx.save(model, str(path))
    return path


def test_head_identifies_its_encoder_by_file_then_by_probe(exported_encoder, encoder_dir, tmp_path):
    """The same int8 file reads a little differently on CPUs with other int8 kernels: its checksum
    is enough. A re-exported file (another checksum) is judged by the probe sentence."""
    from ml.review.analyzer import PROBE_TOLERANCE, ReviewAnalyzer, head_metadata
    from ml.review.train import PROBE
    from ml.runtime import ModelFileError
    from ml.text_encoder import TextEncoder

    out, _metrics = exported_encoder
    int8 = TextEncoder(str(out / "text_encoder_int8.onnx"), encoder_dir, "cpu", 32)
    recorded = int8.encode([PROBE])[0][:8]
    shifted = json.dumps([round(float(v) + 0.05, 5) for v in recorded])
    assert json.loads(head_metadata(DEFAULT_HEAD)["encoder_probe"])  # the shipped head records one
    ReviewAnalyzer(str(_head_with(tmp_path, encoder_checksum=int8.checksum, encoder_probe=shifted)), int8, "cpu")
    close = json.dumps([round(float(v) + PROBE_TOLERANCE / 2, 5) for v in recorded])
    ReviewAnalyzer(str(_head_with(tmp_path, encoder_checksum="0" * 64, encoder_probe=close)), int8, "cpu")
    with pytest.raises(ModelFileError, match="another text encoder"):
        ReviewAnalyzer(str(_head_with(tmp_path, encoder_checksum="0" * 64, encoder_probe=shifted)), int8, "cpu")


def test_review_targets_join_the_job_targets():
    from ml.training_path.review_targets import merge_targets

    merged, reasons = merge_targets({1: 80, 2: 50}, {2: (80, "review A"), 3: (80, "review B"), 1: (50, "review C")})
    assert merged == {1: 80, 2: 80, 3: 80}
    assert reasons == {2: "review A", 3: "review B"}
    assert merge_targets({1: 80}, {}) == ({1: 80}, {})


def test_analyze_reads_items_under_their_heading(analyzer_sentiment):
    from ml.tests.test_review_sections import FORM

    res = analyzer_sentiment.analyze(FORM)
    items = {i["sentence"]: i for i in res["sentences"]}
    assert "Strengths:" not in items and "Areas for development:" not in items
    assert items["Stock rotation in the chiller"]["polarity"] == "negative"
    assert items["Stock rotation in the chiller"]["section"] == "development"
    assert items["None at this time"]["polarity"] == "neutral"
    assert items["Customers ask for her by name"]["polarity"] == "positive"
    assert items["Lead the Q3 stock audit"]["polarity"] == "neutral"
    assert items["Overall a solid year."]["section"] == ""


def test_a_title_or_an_abbreviation_ends_no_sentence():
    text = ("Dr. Patel led the audit in Q3. Sales grew approx. 12% vs. last year. Mr. Smith shadowed her. "
            "See p. 4 of the plan. J. Smith joined in Jan. 2024. She cleaned the vans etc. The answer was no. She left.")
    assert checks.split_sentences(text) == [
        "Dr. Patel led the audit in Q3.", "Sales grew approx. 12% vs. last year.", "Mr. Smith shadowed her.",
        "See p. 4 of the plan.", "J. Smith joined in Jan. 2024.", "She cleaned the vans etc.", "The answer was no.",
        "She left."]
