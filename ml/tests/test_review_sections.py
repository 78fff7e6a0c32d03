"""ml.review.sections: a review written as a form (headings, bullet items), without Odoo and without
a model (the analyser reading each item on its heading's side is in test_review.py)."""
import json
from pathlib import Path

import pytest

from ml.review import sections
from ml.review.checks import split_sentences
from ml.review.dataset import load

DATA = Path(__file__).resolve().parents[1] / "review" / "data" / "structured_reviews.json"

FORM = """Strengths:
- Always on time for her shifts
- Customers ask for her by name

Areas for development:
- Stock rotation in the chiller
- None at this time

Goals for next year
1. Lead the Q3 stock audit

Overall a solid year."""


def test_headings_are_no_sentences_and_set_the_section():
    assert sections.split_review(FORM) == [
        ("Always on time for her shifts", "strengths"), ("Customers ask for her by name", "strengths"),
        ("Stock rotation in the chiller", "development"), ("None at this time", "development"),
        ("Lead the Q3 stock audit", "goals"), ("Overall a solid year.", None)]


@pytest.mark.parametrize("label, kind", [
    ("Strengths", "strengths"), ("What went well", "strengths"), ("KEY ACHIEVEMENTS", "strengths"),
    ("What she did well", "strengths"), ("Areas for improvement", "development"), ("Even better if", "development"),
    ("Development needs", "development"), ("Opportunities for growth", "development"), ("Weaknesses", "development"),
    ("Things to work on", "development"), ("Objectives for next year", "goals"), ("Next steps", "goals"),
    ("Manager comments", "other"), ("Overall comments", "other"),
    ("What Priya should keep doing", "strengths"), ("What Sam Lee should start doing", "development"),
    ("Could do better.", None), ("She did well", None), ("Team morale", None)])
def test_heading_kind(label, kind):
    assert sections.heading_kind(label) == kind


def test_inline_headings_and_section_ends():
    text = ("Key achievements: migrated the billing service; mentored two juniors.\n"
            "Customer focus:\nShe answers every ticket the same day.\n"
            "Areas to improve:\n* estimates\n* design docs\nHe shipped 12 releases.\n"
            "Weaknesses\nTime management\n\nShe ran 340 assays.\nNote: covers January to June only.")
    assert sections.split_review(text) == [
        ("migrated the billing service; mentored two juniors.", "strengths"),
        ("She answers every ticket the same day.", "other"),
        ("estimates", "development"), ("design docs", "development"), ("He shipped 12 releases.", None),
        ("Time management", "development"), ("She ran 340 assays.", None),
        ("covers January to June only.", "other")]


def test_side_of_an_item():
    assert sections.side("strengths", "Planning") == "positive"
    assert sections.side("development", "Planning") == "negative"
    assert sections.side("development", "None beyond the above.") == "neutral"
    assert sections.side("goals", "Complete the course") == "neutral"
    assert sections.side("other", "Planning") == sections.side(None, "Planning") == ""


def test_plain_reviews_read_as_before():
    """No sentence of the labelled sets is a heading: their figures do not depend on this module."""
    for row in load():
        assert sections.split_review(row["text"]) == [(s, None) for s in split_sentences(row["text"])], row["text"]


def test_structured_set_is_labelled_item_by_item():
    """Each labelled item is a piece of its review's text; the dev and held-out reviews are read item for
    item (the fresh ones, written after the reading was built, are only measured)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert {r["split"] for r in data["reviews"]} == {"dev", "heldout", "dev_c", "fresh"}
    for review in data["reviews"]:
        assert {label for _text, label in review["items"]} <= {"+", "-", "0"}
        assert all(text in review["text"] for text, _label in review["items"]), review["text"][:40]
        if review["split"] in ("dev", "heldout"):
            assert [s for s, _section in sections.split_review(review["text"])] == [t for t, _l in review["items"]]



def test_rating_lines_are_no_sentences():
    text = ("Communication - 4/5\nKeeps the client updated every Friday.\nRating: 4\n"
            "Overall rating: Meets expectations\nTeamwork: 3 out of 5\nShe rated the supplier 2/5 after the recall.")
    assert sections.split_review(text) == [
        ("Keeps the client updated every Friday.", "other"),
        ("She rated the supplier 2/5 after the recall.", "other")]


def test_a_rating_written_inside_a_paragraph_is_no_sentence():
    """A rating in the running text was an insight ("Rating: 4 - exceeds in parts." read negative)."""
    text = ("Her attendance was fine. Rating: 4 - exceeds in parts.\nGood year. Overall rating: 4.\n"
            "She scored 4 out of 5 on the customer survey. Score: 3/5.")
    assert [s for s, _section in sections.split_review(text)] == [
        "Her attendance was fine.", "Good year.", "She scored 4 out of 5 on the customer survey."]




@pytest.mark.parametrize("name", ["Sam", "Mary Ann", "Oluwaseun Adeyemi", "Ana María García López", "J. Smith"])
def test_a_headings_side_does_not_depend_on_the_name(name):
    text = "What %s should keep doing:\n- running the stand-up\nWhat %s needs to work on\n- estimates" % (name, name)
    assert sections.split_review(text) == [("running the stand-up", "strengths"), ("estimates", "development")]


# Layouts of review forms: (text, what split_review reads). Each case was a misreading before.
FORM_LAYOUTS = {
    # headings pasted with Markdown marks are headings, and the marks are no part of a sentence
    "markdown": ("## Strengths\n- **Customer focus:** always follows up the same day\n\n**Areas for improvement**\n"
                 "- Documentation\n__Goals__\n1) Lead the Q3 audit",
                 [("Customer focus: always follows up the same day", "strengths"), ("Documentation", "development"),
                  ("Lead the Q3 audit", "goals")]),
    # a short line a list follows, or a short line in capitals, is a heading: never analysed (read alone,
    # such lines were flagged), and it gives its items no side
    "headings outside the lists": (
        "Where to grow\n- Delegating to the team leads\nKeep:\n- the weekly site walk\nStart:\n- logging near misses\n"
        "What Aisha needs to work on\n\u2022 Time recording\nOVERALL\nA dependable first year.\n"
        "She did three things well\nand kept the site safe.",
        [("Delegating to the team leads", "other"), ("the weekly site walk", "strengths"),
         ("logging near misses", "development"), ("Time recording", "development"),
         ("A dependable first year.", "other"), ("She did three things well", "other"),
         ("and kept the site safe.", "other")]),
    # a question alone on its line is the form's prompt (read alone, two of these three were flagged
    # vague); a known one gives its answer a side
    "prompts": ("What were Sam's main achievements this year?\nSam rebuilt the returns process.\n\n"
                "What could Sam have done better?\nSam's weekly reports were often late.\n\n"
                "What support does Sam need?\nA course on Excel modelling.",
                [("Sam rebuilt the returns process.", "strengths"),
                 ("Sam's weekly reports were often late.", "development"), ("A course on Excel modelling.", "other")]),
    # a competency a form writes its paragraph under is no sentence (read alone, three of these four were
    # flagged vague and all four read as praise); as a list item it stays an item
    "competencies": ("Communication\nShe keeps the client updated every Friday.\n\nTeamwork\nHelpful when asked.\n\n"
                     "Quality of work\nNo corrections this year.\n\nTime management\nTwo reports were late.\n\n"
                     "Weaknesses\nTime management\n\nAreas for development:\n- Communication with the night shift",
                     [("She keeps the client updated every Friday.", "other"), ("Helpful when asked.", "other"),
                      ("No corrections this year.", "other"), ("Two reports were late.", "other"),
                      ("Time management", "development"), ("Communication with the night shift", "development")]),
    # a form's particulars are no sentences
    "particulars": ("Employee name: Sam Lee\nReviewer: Jo Smith\nReview period: Q3 2026\nDate: 12/10/2026\n\n"
                    "Sam closed 120 tickets this quarter.\n\nSignature: ____________",
                    [("Sam closed 120 tickets this quarter.", "other")]),
}


@pytest.mark.parametrize("layout", sorted(FORM_LAYOUTS))
def test_form_layouts(layout):
    text, expected = FORM_LAYOUTS[layout]
    assert sections.split_review(text) == expected
