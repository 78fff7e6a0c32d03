"""CV/job text processing: redaction, chunking, requirements, role relations (no model needed)."""
from ml.fit import roles, text


def test_redaction_removes_identity():
    cv = ("Jane Smith\njane.smith@example.com | +44 7700 900123 | www.janesmith.dev/cv\n"
          "32 years old, British, married. She led the migration; her team shipped it.\n"
          "Date of birth: 12/03/1991\nBackend developer at Acme (2018-2024).")
    out = text.redact(cv, names=["Jane Smith"])
    low = out.lower()
    for token in ("jane", "smith", "@", "7700", "janesmith", "32 years", "british", " she ", " her ", "1991"):
        assert token not in " " + low + " ", token
    assert "(2018-2024)" in out, "year ranges are not phone numbers"
    assert "Backend developer at Acme" in out


def test_leading_name_line_dropped_without_names():
    a = text.redact("Jane Smith\nAccountant, closed the books monthly.")
    b = text.redact("Mohammed Al-Rashid\nAccountant, closed the books monthly.")
    assert text.split_sentences(a) == text.split_sentences(b)


def test_split_sentences_bullets_and_limits():
    doc = "- Built REST APIs. Tuned SQL queries!\n* Ran services on AWS; wrote unit tests\n\n" + "word " * 200
    chunks = text.split_sentences(doc)
    assert chunks[:4] == ["Built REST APIs.", "Tuned SQL queries!", "Ran services on AWS", "wrote unit tests"]
    assert all(len(c.split()) <= text.MAX_CHUNK_WORDS for c in chunks)
    assert len(text.split_sentences("Sentence number %d. " * 1000 % tuple(range(1000)))) == text.MAX_CHUNKS


def test_truncate_large_text():
    big = ("line of text\n" * 1_000_000)
    out = text.truncate(big)
    assert len(out) <= text.MAX_CHARS and out.endswith("text")


def test_requirements_from_html_bullets_skip_benefits():
    desc = ("<p>About us: we are great.</p><ul><li>Design and build REST APIs with Django</li>"
            "<li>Strong PostgreSQL skills</li></ul><p>We offer a yearly bonus and remote work.</p>")
    reqs = text.extract_requirements(desc, "Five years of Python experience")
    assert reqs == ["Five years of Python experience", "Design and build REST APIs with Django",
                    "Strong PostgreSQL skills"]


def test_keyword_lists_and_relations():
    assert roles.is_keyword_list("Skills: Python, Django, AWS")
    assert roles.is_keyword_list("Python, Django, PostgreSQL, Docker, AWS, REST")
    assert not roles.is_keyword_list("Containerised services with Docker, ran them on AWS, and set up CI.")
    cases = {
        "I would love to become a data engineer.": "aspires",
        "Coursework in Python programming and databases.": "studied",
        "Recruited 60 Django engineers for fintech clients.": "recruited",
        "Audited the financial statements of clients.": "audited",
        "Tested the REST APIs built by the developers.": "tested",
        "Developed accounting software for accountants.": "built_for",
        "Managed a team of 12 nurses on night shifts.": "managed",
        "Reconciled bank accounts every month in SAP.": "did",
    }
    for sentence, relation in cases.items():
        assert roles.cue_relation(sentence) in (relation, None if relation == "did" else relation), sentence
    assert roles.classify(list(cases))[-1] == "did"


def test_relation_weight_depends_on_job():
    rel = ["managed", "built_for", "recruited", "did"]
    nurse = roles.relation_weights(rel, "Registered Nurse")
    assert list(nurse[:3]) == [roles.RELATION_WEIGHTS[r] for r in rel[:3]] and nurse[3] == 1.0
    assert roles.relation_weights(["managed"], "Engineering Manager")[0] == 1.0
    assert roles.relation_weights(["built_for"], "Backend Python Developer")[0] == 1.0
    assert roles.relation_weights(["recruited"], "Technical Recruiter")[0] == 1.0


def test_skill_match_is_whole_word():
    assert text.find_skill("C++", "wrote c++ and sql")
    assert not text.find_skill("Java", "javascript developer")
    assert text.find_skill("REST APIs", "designed rest apis for clients")
