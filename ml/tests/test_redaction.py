"""Identity redaction of feedback comments (ml.redaction.redact_comment), no model needed.

The same comment about colleagues from many cultures, written with he, she or they, must give
one text: then no encoder can score one name or gender above another.
"""
import pytest

from ml import redaction
from ml.fit import text as fit_text
from ml.redaction import NameMatcher, redact_comment
from ml.sentiment.classifier import MAX_COMMENT_CHARS, prepare_comment

NAMES = ["Mohammed Al-Rashid", "Emily Johnson", "Oluwaseun Adeyemi", "Wei Zhang", "Priya Raghunathan",
         "José García", "Nguyễn Thị Mai", "Siobhan O'Brien", "Kwame Mensah", "Yuki Tanaka",
         "Fatima Zahra Benali", "Aleksandr Petrov", "Aroha Ngata", "Jamal Washington"]
TEMPLATES = [
    "{name} is a wonderful manager, {he} always listens to us and {he} is fair.",
    "I asked {first} for help three times and {he} ignored me. {he_cap} was rude to {him}self.",
    "Thanks to {first}'s rota the handover was easy; {he} has been great this year.",
    "{name} keeps taking credit for our work. I told {him} and nothing changed.",
]
PRONOUNS = [dict(he="he", he_cap="He", him="him"), dict(he="she", he_cap="She", him="her"),
            dict(he="they", he_cap="They", him="them")]


@pytest.fixture(scope="module")
def matcher():
    return NameMatcher(NAMES + ["Will Best", "Kevin Ward"])


@pytest.mark.parametrize("template", TEMPLATES)
def test_names_and_pronouns_redact_to_one_text(template, matcher):
    outs = {redact_comment(template.format(name=name, first=name.split()[0], **pron), matcher)
            for name in NAMES for pron in PRONOUNS[:2]}
    assert len(outs) == 1, outs
    out = outs.pop()
    for name in NAMES:
        for part in name.replace("-", " ").replace("'", " ").split():
            if len(part) > 1:
                assert part.lower() not in out.lower().split(), (part, out)
    assert not {"he", "she", "him", "her", "his"} & set(out.lower().replace(".", " ").split())


def test_he_is_she_is_they_are_give_the_same_text(matcher):
    texts = ["Emily is great and %s is always on time. %s's kind." % (p, p.title()) for p in ("he", "she")]
    texts.append("Emily is great and they are always on time. They're kind.")
    assert len({redact_comment(t, matcher) for t in texts}) == 1


def test_common_words_in_names_are_kept_where_they_are_words(matcher):
    out = redact_comment("Best team I have worked in. The ward is calm. I asked Best and Will Best for help. "
                         "Will we get a raise? Kevin Ward helped.", matcher)
    assert out == "Best team I have worked in. The ward is calm. I asked and for help. Will we get a raise? helped."


def test_unknown_capitalised_words_are_not_taken_for_names(matcher):
    text = "On Monday the Odoo upgrade broke Excel exports. Brilliant work by the London team anyway."
    assert redact_comment(text, matcher) == text
    assert redact_comment(text) == text


def test_contact_details_ages_nationality_go_sentiment_words_stay():
    out = redact_comment("Mail me at sam.lee@example.com or +44 20 7946 0958. I'm 58, Polish, and married. "
                         "There is sexism here and the gender pay gap is unfair. Gender: female.")
    for gone in ("@", "7946", "58", "Polish", "married", "female"):
        assert gone not in out, gone
    for kept in ("sexism", "gender pay gap", "unfair"):
        assert kept in out, kept
    assert redact_comment("I thanked him.") == "I thanked their.", "a pronoun keeps the full stop after it"


def test_idempotent_and_empty(matcher):
    text = "Mrs. Petrov said he's 45 years old; Siobhan O'Brien's team (she leads it) is great!"
    once = redact_comment(text, matcher)
    assert redact_comment(once, matcher) == once
    assert redact_comment(once) == once
    assert redact_comment("", matcher) == "" and redact_comment(None) == ""
    assert redact_comment("Emily Johnson", matcher) == ""
    assert redact_comment("Jane Doe did well", ["Jane Doe"]) == "did well", "a plain list of names works"


def test_many_names_one_pass():
    import itertools
    import time

    syllables = ["ka", "lo", "mi", "ren", "tu", "sha", "vo", "nez", "di", "ar", "bel", "qui", "zo", "fa", "ul"]
    words = ["".join(p).title() for p in itertools.product(syllables, repeat=3)]  # 3,375 made-up names
    names = ["%s %s" % (a, b) for a, b in zip(words, reversed(words))] + ["Emily Johnson"]
    matcher = NameMatcher(names)
    assert len(matcher) == len(words) + 2
    start = time.perf_counter()
    out = redact_comment("Emily Johnson and %s %s helped. " % (words[7], words[99]) * 400, matcher)
    assert out == ("and helped. " * 400).strip()
    assert time.perf_counter() - start < 1.0


def test_prepare_comment_is_what_the_encoder_reads(matcher):
    arabic = "\u0645\u062d\u0645\u062f \u0627\u0644\u0631\u0627\u0634\u062f"
    from ml.input_check import EncoderScripts

    latin = EncoderScripts(frozenset({"Latin"}), ("en",))
    assert prepare_comment("%s is kind, she helps." % arabic, matcher, latin) == "is kind, they helps."
    assert prepare_comment("Emily Johnson is kind, she helps.", matcher, latin) == "is kind, they helps."
    assert len(prepare_comment("word " * 5000)) <= MAX_COMMENT_CHARS


def test_fit_redaction_still_uses_the_shared_patterns():
    assert fit_text._PRONOUN_RE is redaction._PRONOUN_RE
    out = fit_text.redact("Jane Smith\nShe led the team, jane@x.org", names=["Jane Smith"])
    assert "They led the team" in out and "Jane" not in out and "@" not in out


@pytest.mark.parametrize("text", [
    "He is British; his wife is South  African and she is a New\nZealander.",
    "MR. Smith, Mrs Jones; HER HIS", "HIS_job her2 the Frenchman", "German-speaking Zürich-born engineer, his team",
    "naïve his", "éhe heé", "Sri\tLankan and sri  lankan", "\u017fhe and \u0130ndian", "Kiwi \u212aenyan", "", "nothing to redact",
])
def test_word_alternation_fast_path_matches_the_full_pattern(text):
    """The fast path (only the phrases whose first word is in the text) gives what the full
    pattern gives; a long s folds to "s" under re.I and is redacted like "she", without a crash."""
    for pattern, repl in ((redaction._PRONOUN_RE, redaction._neutral), (redaction._NAT_RE, " ")):
        assert pattern.sub(repl, text) == pattern.full.sub(repl, text)
    assert "\u017fhe" not in redaction.redact_comment("\u017fhe and \u0130ndian")
