"""Bad input before the encoder: decoding, binary files, control characters, scripts, languages."""
import codecs
import random
import time

import pytest

from ml import input_check as ic
from ml.sentiment.classifier import MAX_COMMENT_CHARS, comment_problem

CV = ("Gestión de proyectos: led the migration of the café chain's ordering system in Genève, "
      "wrote Django services and tuned PostgreSQL for Zürich and Málaga stores.\n"
      "Façade renovation budget tracked in Excel; naïve Bayes spam filter for the help desk.")
ARABIC = ("مطور برمجيات خبرة خمس سنوات في تطوير خدمات الويب باستخدام بايثون وجانغو وقواعد بيانات "
          "بوستجريس. قمت بتصميم واجهات برمجة التطبيقات ونشرها على خوادم الشركة.")
HEBREW = ("מפתח תוכנה עם ניסיון של חמש שנים בפיתוח שירותי רשת בפייתון וג'נגו, תכנון ממשקים "
          "ופריסה לענן. אחראי על בסיסי נתונים של החברה.")
LATIN_ONLY = ic.EncoderScripts(frozenset({"Latin"}), ("en",))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "cp1252", "latin-1"])
def test_decode_gives_back_the_accented_text(encoding):
    text = CV  # every character of CV is in cp1252 and latin-1 too
    decoded = ic.decode(text.encode(encoding))
    assert decoded.text == text, encoding
    assert ic.binary_reason(text.encode(encoding)) is None, encoding


def test_decode_names_the_encoding():
    assert ic.decode(CV.encode("utf-8")).encoding == "utf-8"
    assert ic.decode(codecs.BOM_UTF8 + CV.encode()).encoding == "utf-8"
    assert ic.decode(CV.encode("utf-16")).encoding in ("utf-16-le", "utf-16-be")
    assert ic.decode(CV.encode("utf-16-be")).encoding == "utf-16-be"   # no BOM: the NUL pattern
    assert ic.decode(CV.encode("utf-32")).encoding in ("utf-32-le", "utf-32-be")
    assert ic.decode("Gestión “quoted” – café".encode("cp1252")).encoding == "cp1252"
    # no NUL, no UTF-16: one-letter lines keep every other byte constant too
    assert ic.decode(b"a\nb\nc\nd\ne\nf\ng\nh\n" * 20) == ("a\nb\nc\nd\ne\nf\ng\nh\n" * 20, "utf-8")
    # 0x81 is undefined in cp1252: latin-1 takes anything
    assert ic.decode(b"caf\xe9 \x81 ok").encoding == "latin-1"


@pytest.mark.parametrize("text", [ARABIC, HEBREW])
def test_decode_utf16_without_bom_of_other_scripts(text):
    """No NUL bytes in UTF-16 Arabic or Hebrew: the constant high byte (06, 05) shows it."""
    for encoding in ("utf-16-le", "utf-16-be"):
        raw = text.encode(encoding)
        assert ic.decode(raw) == (text, encoding)
        assert ic.binary_reason(raw) is None


def test_decode_truncated_head_drops_a_cut_character():
    raw = ("é" * 10).encode("utf-8")[:-1]
    assert ic.decode(raw, truncated=True) == ("é" * 9, "utf-8")
    raw16 = CV.encode("utf-16-le")[:101]  # odd byte count
    assert ic.decode(raw16, truncated=True).text == CV[:50]


def test_decode_mostly_utf8_with_a_broken_byte_stays_utf8():
    decoded = ic.decode("Gestión de proyectos, café".encode() + b" \xff " + "naïve".encode())
    assert decoded.encoding == "utf-8"
    assert "Gestión" in decoded.text and "naïve" in decoded.text and "\ufffd" in decoded.text


def test_binary_detection():
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(20000))
    assert ic.binary_reason(noise)
    assert ic.binary_reason(noise[:64])
    assert ic.binary_reason(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj") == "a PDF file"
    assert "ZIP" in ic.binary_reason(b"PK\x03\x04\x14\x00\x06\x00")
    assert "NUL" in ic.binary_reason(b"ab\x00cd\x00ef\x00" * 50)
    assert "control" in ic.binary_reason(b"text \x01\x02\x03\x04\x05\x06 more" * 20)
    # text with a stray NUL or a form feed is still text
    assert ic.binary_reason(CV.encode() * 20 + b"\x00" + CV.encode() * 20) is None
    assert ic.binary_reason(b"page one\x0cpage two\r\n\tindented") is None
    assert ic.binary_reason(b"") is None


def test_clean_text_drops_controls_keeps_lines_and_tabs():
    assert ic.clean_text("a\x00b\x07c\td\r\ne\rf\x0bg\x1bh\x7fi\x85j\x9fk") == "abc\td\ne\nf\ngh" "i\njk"
    assert ic.clean_text("ok\ud800 now") == "ok now"  # a lone surrogate (from an RPC) cannot be stored
    assert ic.clean_text(CV) == CV
    assert ic.clean_text(None) == "" and ic.clean_text("") == ""


def test_clean_text_repairs_utf8_read_as_latin1_before_dropping_controls():
    # a CV pasted through a broken export: UTF-8 bytes read as latin-1, C1 controls included;
    # dropping the controls first left "\u00c3 Monitor alerts" and "Initech\u00e2s" behind
    raw = ("\u00c3\x98\u00c2\xa0Monitor alerts\n\u00e2\x97\x8f Chat bot\n"
           "Initech\u00e2\x80\x99s platform, \u00c3\u00a9t\u00c3\u00a9, caf\u00c3\u00a9")
    clean = ic.clean_text(raw)
    assert clean == "\u2022 Monitor alerts\n\u25cf Chat bot\nInitech\u2019s platform, \u00e9t\u00e9, caf\u00e9"
    assert ic.clean_text(clean) == clean and ic.repair_mojibake(clean) == clean, "twice changes nothing more"
    # without C1 controls: cp1252 mojibake of a spreadsheet export is repaired, written Latin text
    # and runs that would become another script's letters are kept as they are
    assert ic.clean_text("I don\u00e2\u20ac\u2122t feel heard, caf\u00c3\u00a9") == "I don\u2019t feel heard, caf\u00e9"
    kept = "\u00d8\xa0island, Stra\u00dfe, caf\u00e9, na\u00efve r\u00e9sum\u00e9 \u2013 ok"
    assert ic.clean_text(kept) == kept
    # a whole text of another script read as cp1252 is that script again (and the script checks see it)
    russian = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440"
    mis_decoded = russian.encode("utf-8").decode("cp1252", errors="ignore")
    assert ic.clean_text(mis_decoded) == russian
    assert ic.script_mismatch(ic.clean_text(mis_decoded), LATIN_ONLY) is not None


def test_script_shares():
    shares = dict(ic.script_shares("Hello Привет مرحبا שלום 日本 ひら 한국 नमस्ते สวัสดี Ελλάδα"))
    for script in ("Latin", "Cyrillic", "Arabic", "Hebrew", "CJK", "Kana", "Hangul", "Devanagari", "Thai", "Greek"):
        assert shares.get(script), script
    assert abs(sum(shares.values()) - 1) < 1e-9
    assert ic.script_shares("Gestión Zürich Ｆｕｌｌ") == [("Latin", 1.0)]  # fullwidth Latin is Latin
    assert ic.script_shares("👍 🎉 100% !!! 42") == []
    assert ic.script_shares("") == []


def _card(tmp_path, front_matter):
    (tmp_path / "README.md").write_text(front_matter + "\n# Model\nText.\n", encoding="utf-8")
    return str(tmp_path)


def test_model_card_languages(tmp_path_factory):
    def languages(text):
        return ic.model_card_languages(_card(tmp_path_factory.mktemp("card"), text))

    assert languages("---\nlanguage: en\nlicense: mit\n---") == ("en",)
    assert languages("---\nlicense: mit\nlanguage:\n- en\n- ar\n  - he\ntags:\n- x\n---") == ("en", "ar", "he")
    assert languages("---\nlanguage: [en, 'fr', \"de\"]\n---") == ("en", "fr", "de")
    assert languages("---\nlicense: mit\n---") == ()
    assert languages("# no front matter\nlanguage: en") == ()
    assert ic.model_card_languages(str(tmp_path_factory.mktemp("nocard"))) == ()


def test_encoder_scripts(tmp_path_factory, encoder_dir):
    assert ic.encoder_scripts(encoder_dir) == ic.EncoderScripts(frozenset({"Latin"}), ("en",))

    def scripts(text):
        return ic.encoder_scripts(_card(tmp_path_factory.mktemp("card"), text)).scripts

    assert scripts("---\nlanguage: multilingual\n---") is None
    assert scripts("---\nlanguage:\n- en\n- multilingual\n---") is None
    assert scripts("---\nlicense: mit\n---") is None            # no declaration: no restriction
    assert scripts("---\nlanguage: tlh\n---") is None           # a code the table does not know
    assert scripts("---\nlanguage:\n- en\n- ar\n- he-IL\n---") == {"Latin", "Arabic", "Hebrew"}
    assert scripts("---\nlanguage: ja\n---") == {"CJK", "Kana"}
    assert ic.encoder_scripts(str(tmp_path_factory.mktemp("empty"))) == ic.ANY_SCRIPT


def test_script_mismatch_messages():
    arabic = ic.script_mismatch(ARABIC, LATIN_ONLY)
    assert arabic.scripts == ("Arabic",) and arabic.percent == 100
    assert str(arabic) == ("mostly Arabic script (100% of letters); the text encoder reads Latin script only "
                           "(language: en)")
    mixed = ic.script_mismatch(HEBREW + " Python, Django, AWS.", LATIN_ONLY)
    assert mixed.scripts == ("Hebrew",) and 80 <= mixed.percent < 100
    assert "Hebrew script (%d%% of letters)" % mixed.percent in str(mixed)
    two = ic.EncoderScripts(frozenset({"Latin", "Cyrillic"}), ("en", "ru"))
    assert "reads Cyrillic and Latin scripts only (language: en, ru)" in str(ic.script_mismatch(ARABIC, two))
    # a share, not any letter: an English CV with an Arabic-script name line is read
    assert ic.script_mismatch("محمد الراشد\n" + CV, LATIN_ONLY) is None
    # no restriction declared, or no letters at all: nothing to say
    assert ic.script_mismatch(ARABIC, ic.ANY_SCRIPT) is None
    assert ic.script_mismatch(ARABIC, None) is None
    assert ic.script_mismatch("👍👍 10/10", LATIN_ONLY) is None
    assert ic.script_mismatch(ARABIC, ic.EncoderScripts(frozenset({"Arabic", "Latin"}), ("ar", "en"))) is None


def test_drop_unreadable():
    assert ic.drop_unreadable("%s is a great manager." % "محمد الراشد", LATIN_ONLY) == " is a great manager."
    assert ic.drop_unreadable("Nurse at مُسْتَشْفَى since 2017, café 👍", LATIN_ONLY) == "Nurse at since 2017, café 👍"
    assert ic.drop_unreadable("Manager 王伟 and שרה כהן agree.", LATIN_ONLY) == "Manager and agree."
    assert ic.drop_unreadable(CV, LATIN_ONLY) is CV  # nothing beyond Latin: unchanged, fast
    assert ic.drop_unreadable(ARABIC, ic.ANY_SCRIPT) == ARABIC
    assert ic.drop_unreadable("Привет, Ivan", ic.EncoderScripts(frozenset({"Cyrillic"}), ("ru",))) == "Привет, "


def test_comment_problem():
    assert comment_problem("", LATIN_ONLY) == ("empty", None)
    assert comment_problem(" \n\t\x00 ", LATIN_ONLY) == ("empty", None)
    assert comment_problem("👍👍🎉", LATIN_ONLY) == ("no_letters", None)
    assert comment_problem("10/10 !!!", LATIN_ONLY) == ("no_letters", None)
    kind, mismatch = comment_problem("الإدارة لا تستمع إلينا وأنا متعب جدا", LATIN_ONLY)
    assert kind == "script" and mismatch.scripts == ("Arabic",)
    assert comment_problem("אני מאוד אוהב את הצוות שלי", LATIN_ONLY)[0] == "script"
    assert comment_problem("Great team 👍", LATIN_ONLY) is None
    assert comment_problem("Great team, merci à tous ! Gestión excelente.", LATIN_ONLY) is None
    assert comment_problem("الإدارة لا تستمع", ic.ANY_SCRIPT) is None


@pytest.mark.parametrize("text", ["N/A", "None.", "nothing", "Nothing to add", "No comments at this time.",
                                  "Can't think of anything", "I can\u2019t think of anything right now", "Nothing really",
                                  "Not at this time", "Nope!", "Same as above", "None that I can think of."])
def test_an_answer_that_says_nothing_is_not_analysed(text):
    assert comment_problem(text, LATIN_ONLY) == ("no_answer", None)


@pytest.mark.parametrize("text", ["No complaints", "Nothing, the team is great", "None of my tickets were late",
                                  "No problems so far.", "No parking", "Nothing works here", "No raises",
                                  "Not sure the new rota is fair", "No one listens", "All good"])
def test_a_short_answer_with_content_is_analysed(text):
    assert comment_problem(text, LATIN_ONLY) is None


# written for these tests: ordinary comments, review sentences and CV lines in six languages
OTHER_LANGUAGES = {
    "de": ["Die Arbeit macht mir Spaß und das Team ist toll.",
           "Ich habe fünf Jahre lang die Lohnabrechnung für 300 Mitarbeiter erstellt und Lohnkonten abgestimmt.",
           "Sie arbeitet sehr gründlich und hält ihre Termine immer ein."],
    "fr": ["J'adore mon équipe, le travail est super.",
           "Depuis 2019, je gère la paie de 400 salariés et les déclarations sociales.",
           "Il communique bien avec les clients mais ses rapports arrivent souvent en retard."],
    "es": ["El equipo es genial y me encanta mi trabajo.",
           "Durante cuatro años fui responsable de las nóminas de una empresa con 250 empleados.",
           "Los turnos cambian cada semana y nadie nos avisa con tiempo."],
    "it": ["Il mio responsabile non ascolta mai le proposte della squadra.",
           "Ho gestito la contabilità di tre negozi e preparato il bilancio annuale.",
           "Lavoro molto bene con i colleghi, anche nei periodi più difficili."],
    "pt": ["A equipe é ótima e o trabalho tem muito significado para mim.",
           "Fui responsável pela folha de pagamento de 300 funcionários durante cinco anos.",
           "O salário não acompanha a inflação e as promoções são muito raras para quem está na equipe."],
    "nl": ["Het werk is leuk maar de werkdruk is veel te hoog.",
           "Ik heb vijf jaar de salarisadministratie voor een groot bedrijf gedaan.",
           "Mijn leidinggevende geeft duidelijke feedback en dat helpt mij."],
}
# short ones: two function words, none of English, are enough when they are most of the text
SHORT_OTHER = [("Sie arbeitet sehr gründlich.", "de"), ("Très bonne équipe.", "fr"), ("Muy buen trabajo de equipo.", "es")]
ENGLISH_WITH_NAMES = [
    "Thanks to Maria de la Cruz for the help with the rota.",
    "Great job by Anna del Rio on the launch.",
    "Worked with João da Silva dos Santos and Pieter van der Berg on the Lisbon office move.",
    "Ahmed Al Rashid and Omar al-Farouk led the audit at Al Ain.",
    "Payroll Officer, Deutsche Bank AG, Frankfurt am Main, 2019-2024",
    "Languages: English (fluent), Deutsch (B2), Español (A2).",
]


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGES))
def test_language_mismatch_tells_other_latin_languages(language):
    for text in OTHER_LANGUAGES[language]:
        mismatch = ic.language_mismatch(text, LATIN_ONLY)
        assert mismatch is not None and mismatch.language == language, text
        assert mismatch.language_text() == ic.LANGUAGE_NAMES[language]
        assert mismatch.readable_text() == "English"
        kind, found = comment_problem(text, LATIN_ONLY)
        assert kind == "language" and found.language == language


def test_language_mismatch_reads_short_texts():
    for text, language in SHORT_OTHER:
        mismatch = ic.language_mismatch(text, LATIN_ONLY)
        assert mismatch is not None and mismatch.language == language, text
    # too little to tell: read as before
    for text in ("Gutes Team, schlechte Bezahlung.", "O salário não acompanha a inflação e as promoções são raras.",
                 "Thanks Maria de la Cruz!", "Bravo to the team.", "Del Mar office.", "Door to Door Sales Rep",
                 "Toll Operator (Toll Op)", "Non-profit van driver, met targets"):
        assert ic.language_mismatch(text, LATIN_ONLY) is None, text


def test_language_mismatch_leaves_english_alone():
    for text in ENGLISH_WITH_NAMES + [CV]:
        assert ic.language_mismatch(text, LATIN_ONLY) is None, text
        assert comment_problem(text, LATIN_ONLY) is None, text
    # a German line in an English CV (a certificate, a school) does not make it German
    mixed = CV + "\nAbschluss: Bachelor of Science, Universität zu Köln, mit Auszeichnung und Lob."
    assert ic.language_mismatch(mixed, LATIN_ONLY) is None


def test_language_mismatch_follows_the_encoders_languages():
    german = OTHER_LANGUAGES["de"][0]
    assert ic.language_mismatch(german, ic.EncoderScripts(frozenset({"Latin"}), ("en", "de"))) is None
    assert ic.language_mismatch(OTHER_LANGUAGES["fr"][0], ic.EncoderScripts(frozenset({"Latin"}), ("en", "de"))) is not None
    assert ic.language_mismatch(german, ic.EncoderScripts(None, ("multilingual",))) is None
    assert ic.language_mismatch(german, ic.ANY_SCRIPT) is None
    # a declared language without a word list here (Polish): nothing to compare with, no verdict
    assert ic.language_mismatch(german, ic.EncoderScripts(frozenset({"Latin"}), ("pl",))) is None
    assert ic.language_mismatch(german, None) is None
    german_only = ic.EncoderScripts(frozenset({"Latin"}), ("de",))
    assert ic.language_mismatch(german, german_only) is None
    assert ic.language_mismatch(ENGLISH_WITH_NAMES[0], german_only).language == "en"


LETTER_DE = ("Sehr geehrte Damen und Herren,\n"
             "mit großem Interesse habe ich Ihre Stellenanzeige gelesen und bewerbe mich hiermit.\n"
             "Seit 2017 arbeite ich auf einer Intensivstation und bin mit der Betreuung beatmeter Patienten vertraut.\n")
CV_DE = ("Berufserfahrung\nPflegefachkraft Intensivstation, Klinikum Nord, 2017 - heute\n"
         "- Betreuung beatmeter Patienten\n- Verabreichung von Infusionen\n- Dokumentation in der elektronischen Akte\n"
         "- Schichtdienst mit Ärzten und Physiotherapeuten\nAusbildung\n"
         "Gesundheits- und Krankenpflege, Berufsfachschule Hamburg, 2014 - 2017\nSkills: Epic, SAP, Excel\n")


def test_drop_other_language_lines_keeps_the_english_cv():
    assert ic.drop_other_language_lines(CV, LATIN_ONLY) == (CV, None)
    kept, mismatch = ic.drop_other_language_lines(LETTER_DE + CV, LATIN_ONLY)
    assert mismatch is None
    assert CV in kept and "Stellenanzeige" not in kept and "Intensivstation" not in kept
    # a German CV of short noun phrases: no line tells on its own, all of them together do
    kept, mismatch = ic.drop_other_language_lines(CV_DE, LATIN_ONLY)
    assert kept == "" and mismatch.language == "de"
    # mostly another language: not read, even when what is left looks English
    kept, mismatch = ic.drop_other_language_lines(LETTER_DE * 4 + "Skills: Epic, SAP, Excel", LATIN_ONLY)
    assert kept == "" and mismatch.language == "de"
    assert ic.drop_other_language_lines(LETTER_DE, ic.ANY_SCRIPT) == (LETTER_DE, None)


def test_checks_are_bounded_on_a_10_mb_input():
    big = ("Filler line about nothing in particular, café. " * 220000)
    assert len(big) > 10_000_000
    start = time.perf_counter()
    assert comment_problem(big, LATIN_ONLY) is None
    assert ic.binary_reason(big.encode()) is None
    ic.decode(big.encode()[:240_000], truncated=True)
    assert time.perf_counter() - start < 2.0
    assert MAX_COMMENT_CHARS <= 20_000


def test_text_encoder_exposes_its_scripts(exported_encoder, encoder_dir):
    from ml.text_encoder import TextEncoder

    enc = TextEncoder(str(exported_encoder[0] / "text_encoder.onnx"), encoder_dir, device="cpu")
    assert enc.scripts == ic.EncoderScripts(frozenset({"Latin"}), ("en",))
