"""CV structure parser (ml.cv): dates, sections, entries, education, skills, contact, claims,
layouts (PDF one/two columns, DOCX, ODT, text), bad input, personal details never kept."""
import datetime

import pytest

from ml.cv import dates as cv_dates
from ml.cv.eval import render
from ml.cv import structure
from ml.cv.structure import CvStructure, Experience, parse_file, parse_text

TODAY = datetime.date(2026, 11, 30)


@pytest.mark.parametrize("text,start,end,current", [
    ("Jan 2019 \u2013 Present", (2019, 1), None, True),
    ("2017-03 to 2020-11", (2017, 3), (2020, 11), False),
    ("03/2018 - 06/2021", (2018, 3), (2021, 6), False),
    ("2015 - 2018", (2015, None), (2018, None), False),
    ("since 2020", (2020, None), None, True),
    ("May '19 \u2013 now", (2019, 5), None, True),
    ("September 2016 until March 2018", (2016, 9), (2018, 3), False),
    ("Sept. 2014 - Feb. 2016", (2014, 9), (2016, 2), False),
    ("04.2016 \u2014 12.2017", (2016, 4), (2017, 12), False),
    ("2012 \u2013 14", (2012, None), (2014, None), False),
    ("(Oct 2010 to date)", (2010, 10), None, True),
])
def test_date_ranges(text, start, end, current):
    ranges = cv_dates.find_ranges("Analyst, Foo Ltd, " + text)
    assert len(ranges) == 1
    assert (ranges[0].start, ranges[0].end, ranges[0].current) == (start, end, current)


def test_no_range_in_phone_or_plain_numbers():
    assert cv_dates.find_ranges("Phone +1 555 2019 2020") == []
    assert cv_dates.find_ranges("Reduced costs by 20% for 300 clients") == []


CV = """Jane Doe
jane.doe@example.com | +44 20 7946 0958 | linkedin.com/in/jane-doe-42
{personal}
PROFESSIONAL SUMMARY
Data engineer with 8 years of experience building pipelines.

WORK EXPERIENCE
Senior Data Engineer, Acme Corp \u2014 Jan 2019 \u2013 Present
\u2022 Built the ingestion platform on Kafka and Spark. Cut costs by 30%.
\u2022 Mentored four engineers
Data Analyst | Globex Ltd | 2017-03 to 2019-06
- Wrote SQL reports for finance
- Automated the monthly close in Python

EDUCATION
MSc in Computer Science, University of Leeds, 2016
BSc Mathematics \u2014 University of York (2012 - 2015)

SKILLS
Languages: Python (expert), SQL, Scala
Tools: Docker, Kubernetes, Airflow
{personal_section}"""
PERSONAL = "Date of Birth: 12/03/1988 | Nationality: British | Gender: Female"
PERSONAL_SECTION = """
PERSONAL DETAILS
Marital status: Married
Religion: Catholic
Health: good
Age: 38
Children: two
"""


def _plain():
    return parse_text(CV.format(personal="", personal_section=""))


GERMAN_CV = """Anna Beispiel
anna.beispiel@example.de | +49 30 1234567

BERUFSERFAHRUNG
Lohnbuchhalterin, Müller GmbH, Berlin, 03/2019 - heute
- Verantwortlich für die monatliche Lohnabrechnung von 400 Mitarbeitern
- Abstimmung der Lohnkonten und Meldungen an die Sozialversicherung

AUSBILDUNG
Bachelor of Arts Betriebswirtschaftslehre, Freie Universität Berlin, 2014 - 2018
"""


def test_a_cv_in_another_language_says_so():
    cv = parse_text(GERMAN_CV)
    assert cv.message is None and cv.contacts.email == "anna.beispiel@example.de"
    assert cv.other_language == "German"   # the parser reads English headings and dates: said, not hidden
    assert _plain().other_language is None


def test_text_cv_structure():
    cv = _plain()
    assert cv.message is None
    assert [s.kind for s in cv.sections] == ["summary", "experience", "education", "skills"]
    assert [(e.title, e.employer, e.start, e.end, e.current) for e in cv.experiences] == [
        ("Senior Data Engineer", "Acme Corp", (2019, 1), None, True),
        ("Data Analyst", "Globex Ltd", (2017, 3), (2019, 6), False),
    ]
    assert cv.experiences[0].lines == ["Built the ingestion platform on Kafka and Spark.", "Cut costs by 30%.",
                                       "Mentored four engineers"]
    assert cv.experiences[0].evidence == ["Senior Data Engineer, Acme Corp \u2014 Jan 2019 \u2013 Present"]
    assert [(e.degree_level, e.field_of_study, e.institution, e.year_end) for e in cv.education] == [
        ("master", "Computer Science", "University of Leeds", 2016),
        ("bachelor", "Mathematics", "University of York", 2015),
    ]
    assert [s.name for s in cv.skills] == ["Python", "SQL", "Scala", "Docker", "Kubernetes", "Airflow"]
    assert cv.skills[0].level == "expert" and cv.skills[0].evidence.startswith("Languages:")
    assert (cv.contacts.email, cv.contacts.phone, cv.contacts.linkedin) == (
        "jane.doe@example.com", "+44 20 7946 0958", "https://www.linkedin.com/in/jane-doe-42")
    # one claim per bullet or sentence, tied to its entry
    exp_claims = [(c.text, c.experience_index) for c in cv.claims if c.section_kind == "experience"]
    assert ("Cut costs by 30%.", 0) in exp_claims and ("Wrote SQL reports for finance", 1) in exp_claims
    assert all("\n" not in c.text for c in cv.claims)
    # Mar 2017 - Jun 2019 and Jan 2019 - today overlap: one span, Mar 2017 - Nov 2026 = 117 months
    assert cv.years_experience(TODAY) == pytest.approx(117 / 12.0, abs=0.01)


def test_personal_details_parse_the_same():
    """Date of birth, nationality, gender, marital/family status, religion, health, age: a CV
    that states them parses exactly as one that does not, and none of it is stored."""
    plain = _plain()
    stated = parse_text(CV.format(personal=PERSONAL, personal_section=PERSONAL_SECTION))
    assert stated == plain
    dumped = repr(stated).lower()
    for word in ("1988", "british", "female", "married", "catholic", "religion", "health", "children"):
        assert word not in dumped


def test_overlapping_periods_counted_once():
    cv = CvStructure(experiences=[
        Experience(start=(2015, 1), end=(2018, 12)),
        Experience(start=(2016, 6), end=(2017, 6)),      # inside the first
        Experience(start=(2018, 7), end=(2020, 6)),      # overlaps its end
        Experience(start=(2022, 1), end=None, current=True),
    ])
    assert cv.years_experience(TODAY) == pytest.approx((66 + 59) / 12.0, abs=0.01)
    assert [e.months(TODAY) for e in cv.experiences] == [48, 13, 24, 59]


def test_inline_and_misdecoded_bullets_give_one_claim_each():
    text = ("EXPERIENCE\nSupport Specialist at Initech (2020 - 2023)\n"
            "\u00e2\u0080\u00a2 Wrote 70 help-centre articles \u00e2\u0080\u00a2 Answered 40 tickets a day\n"
            "\u00ef\u201a\u00a7 Trained new agents \u25cf Ran the weekly triage \u25aa Kept SLAs above 95%\n"
            "Cut backlog by half.Introduced macros for refunds\n"
            "Wrote the onboarding guideReduced handling time by 20%\n")
    cv = parse_text(text)
    claims = cv.experiences[0].lines
    assert claims == ["Wrote 70 help-centre articles", "Answered 40 tickets a day", "Trained new agents",
                      "Ran the weekly triage", "Kept SLAs above 95%", "Cut backlog by half.",
                      "Introduced macros for refunds", "Wrote the onboarding guide", "Reduced handling time by 20%"]
    assert (cv.experiences[0].title, cv.experiences[0].employer) == ("Support Specialist", "Initech")


def test_claims_of_a_cv_pasted_with_c1_mojibake_are_clean():
    # 124 of the 166 real CVs of the development set hold such runs: a Wingdings bullet and a
    # no-break space ("\u00c3\x98\u00c2\xa0"), an apostrophe ("\u00e2\x80\x99")
    text = ("EXPERIENCE\nNetwork Engineer at Initech (2019 - 2023)\n"
            "\u00c3\x98\u00c2\xa0Monitored alerts from the firewalls\n"
            "\u00c3\x98\u00c2\xa0Configured VPNs for the company\u00e2\x80\x99s clients\n")
    cv = parse_text(text)
    assert cv.experiences[0].lines == ["Monitored alerts from the firewalls",
                                       "Configured VPNs for the company\u2019s clients"]


BLOCKS = [
    ("name", "Omar Haddad"), ("line", "omar.haddad@example.org \u00b7 +1 (415) 555-0199"),
    ("column", "left"),
    ("heading", "Skills"), ("line", "Python, PostgreSQL, Docker"), ("line", "Terraform"),
    ("heading", "Education"), ("line", "BSc Computer Science"), ("line", "University of Toronto, 2014"),
    ("column", "right"),
    ("heading", "Experience"),
    ("row", ["Mar 2018 \u2013 Present", "Backend Developer\nShopify Inc."]),
    ("bullet", "Designed the order service that handles two million requests an hour across three regions "
               "with automatic failover"),
    ("bullet", "Moved billing to PostgreSQL"),
    ("line", "Software Engineer, Nortel Networks"), ("line", "06/2014 - 02/2018"),
    ("bullet", "Maintained the provisioning tools"),
]


def _check_layout(cv):
    assert cv.message is None, cv.message
    assert [(e.title, e.employer, e.start, e.end, e.current) for e in cv.experiences] == [
        ("Backend Developer", "Shopify Inc.", (2018, 3), None, True),
        ("Software Engineer", "Nortel Networks", (2014, 6), (2018, 2), False),
    ]
    assert cv.experiences[0].lines[0].startswith("Designed the order service") and \
        cv.experiences[0].lines[0].endswith("automatic failover")
    assert cv.experiences[1].lines == ["Maintained the provisioning tools"]
    assert [(e.degree_level, e.field_of_study, e.institution, e.year_end) for e in cv.education] == [
        ("bachelor", "Computer Science", "University of Toronto", 2014)]
    assert {s.name for s in cv.skills} == {"Python", "PostgreSQL", "Docker", "Terraform"}
    assert cv.contacts.email == "omar.haddad@example.org"
    assert cv.contacts.phone == "+1 (415) 555-0199"


@pytest.mark.parametrize("fmt", ["pdf", "pdf2", "docx", "odt", "txt"])
def test_layouts(fmt):
    if fmt.startswith("pdf"):
        data = render.to_pdf(BLOCKS, two_columns=fmt == "pdf2")
        cv = parse_file(data, "application/pdf", "cv.pdf")
    elif fmt == "docx":
        cv = parse_file(render.to_docx(BLOCKS), None, "cv.docx")
    elif fmt == "odt":
        cv = parse_file(render.to_odt(BLOCKS), "application/vnd.oasis.opendocument.text", "cv.odt")
    else:
        cv = parse_file(render.to_text(BLOCKS).encode("utf-16"), "text/plain", "cv.txt")
    _check_layout(cv)


def test_two_column_pdf_is_read_column_by_column():
    from ml.cv.readers import read_lines

    lines = read_lines(render.to_pdf(BLOCKS, two_columns=True), "application/pdf").lines
    assert lines.index("Terraform") < lines.index("Experience")
    assert not any("Python" in line and "Experience" in line for line in lines)


def test_pdf_index_text_keeps_lines_and_leaves_long_or_unread_files_to_odoo():
    from reportlab.pdfgen import canvas
    import io

    from ml.cv.readers import MAX_PAGES, pdf_index_text, read_lines

    data = render.to_pdf(BLOCKS)
    text = pdf_index_text(data)
    assert text.split("\n") == [line for line in read_lines(data, "application/pdf").lines if line.strip()]
    assert parse_text(text).claims == parse_file(data, "application/pdf", "cv.pdf").claims

    def pages(count):
        buf = io.BytesIO()
        c = canvas.Canvas(buf)
        for page in range(count):
            c.drawString(50, 700, "Annual report, page %d" % (page + 1))
            c.showPage()
        c.save()
        return buf.getvalue()

    assert pdf_index_text(pages(MAX_PAGES)).split("\n")[-1] == "Annual report, page %d" % MAX_PAGES
    assert pdf_index_text(pages(MAX_PAGES + 1)) is None
    assert pdf_index_text(b"%PDF-1.4\n garbage that is not a pdf") is None
    assert pdf_index_text(render.to_docx(BLOCKS)) is None


@pytest.mark.parametrize("data,mimetype,filename,needle", [
    (b"", "text/plain", "empty.txt", "empty"),
    (b"   \n\n ", "text/plain", "blank.txt", "empty"),
    (b"\x00\x01\x02\x03binary\x00\x00" * 50, "text/plain", "cv.txt", "not a text document"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png", "photo.png", "not a document"),
    (b"%PDF-1.4\n garbage that is not a pdf", "application/pdf", "broken.pdf", "could not be read"),
    (b"PK\x03\x04 broken zip", None, "cv.docx", "could not be read"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "application/msword", "cv.doc", "old Word"),
])
def test_bad_input_gives_a_message(data, mimetype, filename, needle):
    cv = parse_file(data, mimetype, filename)
    assert cv.message and needle in cv.message
    assert not cv.experiences and not cv.claims


def test_scanned_pdf_without_text():
    from reportlab.pdfgen import canvas
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(50, 50, 300, 400, fill=1)   # an image-like page, no text layer
    c.showPage()
    c.save()
    cv = parse_file(buf.getvalue(), "application/pdf", "scan.pdf")
    assert cv.message and "no text layer" in cv.message


def test_unread_script_and_empty_text():
    assert parse_text("").message
    assert parse_text(None).message
    cv = parse_text("\u0645\u0647\u0646\u062f\u0633 \u0628\u0631\u0645\u062c\u064a\u0627\u062a\n"
                    "\u0634\u0631\u0643\u0629 2015 - 2018\nali@example.com")
    assert cv.message and "Arabic" in cv.message and not cv.experiences
    assert cv.contacts.email == "ali@example.com"   # nothing lost that can be read
    assert parse_text("12345\n---\n***").message


@pytest.mark.parametrize("text, title, employer", [
    ("Sales Assistant\nTesco, Leeds\nJune 2019 - May 2021", "Sales Assistant", "Tesco"),
    ("Sales Assistant\nTesco, London\nJune 2019 - May 2021", "Sales Assistant", "Tesco"),
    ("Warehouse Operative        Sept 2015 - Feb 2021\nNorthgate Foods, Bristol", "Warehouse Operative", "Northgate Foods"),
    ("Jan 2018 - Dec 2020: Care Assistant, Sunrise Care Home, Harrogate", "Care Assistant", "Sunrise Care Home"),
    ("Northgate Foods, Bristol \u2014 Warehouse Operative, 2015-2021", "Warehouse Operative", "Northgate Foods"),
    ("Barista at Costa Coffee, Manchester (2017-2019)", "Barista", "Costa Coffee"),
    ("Sales Assistant        2019 - 2021\nHarrogate, UK", "Sales Assistant", ""),
    ("Software Engineer, Google, Berlin, Germany    2019 - 2021", "Software Engineer", "Google"),
    # the part after the title is its department when the next line, or the one before, names the organisation
    ("Team Leader, Goods In        03/2021 - Present\nArden Logistics Ltd, Avonmouth", "Team Leader, Goods In",
     "Arden Logistics Ltd"),
    ("NHS Leeds Teaching Hospitals Trust\nStaff Nurse, Ward 7 (Acute Medicine)\nAug 2016 - present", "Staff Nurse, Ward 7",
     "NHS Leeds Teaching Hospitals Trust"),
    # a contract in brackets is neither title nor employer
    ("Marketing Manager (Maternity Cover)\nBloom & Wild, London\nMarch 2022 - March 2023", "Marketing Manager",
     "Bloom & Wild"),
    ("Finance Manager (Fixed-term contract), Acme Ltd, 2019 - 2021", "Finance Manager", "Acme Ltd"),
    # ... not when the next line is a duty that names an organisation
    ("Accounts Payable Clerk, Initech   2019 - 2021\nReconciled bank statements and supplier ledgers in SAP",
     "Accounts Payable Clerk", "Initech"),
])
def test_an_employer_and_its_town(text, title, employer):
    """"Tesco, Leeds" was read as a place (neither part a known place) and the employer was lost; a
    town after an organisation is dropped, a town before a country is a place."""
    cv = parse_text("EXPERIENCE\n" + text + "\n- Served customers on the tills")
    assert [(e.title, e.employer) for e in cv.experiences] == [(title, employer)]


def test_british_qualifications():
    """"GCSEs" (the plural, as CVs write it) and City & Guilds were no qualification; a level is no field."""
    cv = parse_text("EDUCATION\nGCSEs (9), Hartcliffe School, 2008\nCity & Guilds Level 3 Electrical Installation (2017)\n"
                    "NVQ Level 2 Customer Service, Leeds City College, 2012")
    assert [(e.degree_level, e.field_of_study, e.institution, e.year_end) for e in cv.education] == [
        ("secondary", "", "Hartcliffe School", 2008), ("vocational", "Electrical Installation", "", 2017),
        ("vocational", "Customer Service", "Leeds City College", 2012)]


def test_a_skills_line_is_not_cut_inside_brackets():
    """"WMS (Manhattan, SAP EWM)" gave the skills "WMS (Manhattan" and "SAP EWM)"; the names in a
    bracketed list are skills too, its lower-case details not; a native language is expert."""
    cv = parse_text("SKILLS\nWMS (Manhattan, SAP EWM) \u00b7 Forklift (counterbalance, reach), Excel (advanced), "
                    "SAP (EWM)\nLanguages: Python (Django, Flask), SQL\nEnglish (native), Polish (fluent)")
    assert [(s.name, s.level) for s in cv.skills] == [
        ("WMS", None), ("Manhattan", None), ("SAP EWM", None), ("Forklift", None), ("Excel", "advanced"),
        ("SAP (EWM)", None), ("Python", None), ("Django", None), ("Flask", None), ("SQL", None), ("English", "expert"),
        ("Polish", "advanced")]
    # a bracket that never closes does not hold the rest of the line together
    assert "Access" in [s.name for s in parse_text("SKILLS\nExcel, Word (2016, Access").skills]


def test_skill_names_database_then_onet_then_wording():
    from ml.cv.skills import SkillMatcher

    matcher = SkillMatcher([(7, "Python"), (8, "Microsoft Excel")])
    assert matcher.match("python") == ("Python", 7, "database")
    assert matcher.match("MS Excel") == ("Microsoft Excel", 8, "database")
    assert matcher.match("Kubernetes") == ("Kubernetes", None, "onet")
    assert matcher.match("Jira") == ("Atlassian JIRA", None, "onet")
    assert matcher.match("Stakeholder management") == ("Stakeholder management", None, None)


def test_vocabulary_finds_known_skills_in_running_text():
    from ml.cv.structure import compile_vocabulary

    vocab = compile_vocabulary(["Docker", "PostgreSQL", "Go", "Excel"])
    cv = parse_text("EXPERIENCE\nDeveloper, Foo Ltd, 2019 - 2021\n- Moved the services to Docker and PostgreSQL\n"
                    "- Go to market planning: we excel at it", vocabulary=vocab)
    assert {(s.name, s.evidence) for s in cv.skills} == {
        ("Docker", "Moved the services to Docker and PostgreSQL"),
        ("PostgreSQL", "Moved the services to Docker and PostgreSQL")}


def test_labelled_entries_and_run_together_headings():
    text = ("Backend developer with Django and REST experience Skill Details\n"
            "Python- Experience - 30 months Company Details\n"
            "company - Northwind Traders description - Order tracking platform\n"
            "designation - Python Developer\n"
            "duration - Jun 2021 to Present\n"
            "- Built the order tracking API\n"
            "company - Contoso Ltd\n"
            "designation - Intern\n"
            "- Wrote unit tests for the billing module\n")
    cv = parse_text(text)
    assert [s.kind for s in cv.sections][-2:] == ["skills", "experience"]
    assert [(e.title, e.employer, e.start, e.current) for e in cv.experiences] == [
        ("Python Developer", "Northwind Traders", (2021, 6), True), ("Intern", "Contoso Ltd", None, False)]
    assert cv.experiences[0].lines == ["Built the order tracking API"]
    assert cv.experiences[1].lines == ["Wrote unit tests for the billing module"]


def test_a_cv_whose_line_breaks_became_runs_of_spaces():
    """The whole CV on one line, its line breaks turned into runs of spaces (some job boards' and
    HTML exports): read as sections and dated entries, not as one summary."""
    text = ("PAYROLL OFFICER      Summary    Payroll officer with six years in multi-site payroll.      "
            "Skills    Payroll processing, pensions auto-enrolment, Sage 50, Excel      Experience      "
            "Payroll Officer   03/2019   to   Current     Northwind Care Homes Ltd   Leeds  ,   UK     "
            "Ran the monthly payroll for 1,200 staff across 14 homes.     Filed the RTI submissions to HMRC.     "
            "Payroll Assistant   01/2017   to   02/2019     Contoso Foods Ltd   York  ,   UK     "
            "Entered timesheets and answered pay queries.      Education      "
            "Foundation Degree  :  Accounting   2016     Leeds College")
    cv = parse_text(text)
    assert [s.kind for s in cv.sections] == ["summary", "skills", "experience", "education"]
    assert [(e.title, e.employer, e.start, e.end, e.current) for e in cv.experiences] == [
        ("Payroll Officer", "Northwind Care Homes Ltd", (2019, 3), None, True),
        ("Payroll Assistant", "Contoso Foods Ltd", (2017, 1), (2019, 2), False)]
    assert "Filed the RTI submissions to HMRC." in cv.claim_texts(["experience"])
    assert {s.name for s in cv.skills} >= {"Payroll processing", "Sage 50"}
    # the fit reads the same parse: its dated entries count the years in an occupation
    from ml.fit.zero_shot import chunk_cv

    _chunks, kinds, entries = chunk_cv(text, today=datetime.date(2026, 12, 2))
    assert [e[0] for e in entries] == ["Payroll Officer", "Payroll Assistant"] and "experience" in kinds
    # a short line keeps its runs (a title and its dates set apart), a bullet keeps its text
    assert structure.split_space_runs("Payroll Officer        2019 - 2021") == ["Payroll Officer        2019 - 2021"]
    bullets = "Duties " + "\u2022   Ran the monthly payroll for 1,200 staff across 14 homes   " * 5
    pieces = structure.split_space_runs(bullets)
    assert len(pieces) == 5 and all(p.endswith("14 homes") for p in pieces), pieces
    assert all(p.startswith("\u2022   Ran the monthly") for p in pieces[1:]), pieces


@pytest.mark.parametrize("body,employer,lines", [
    ("Payroll Officer\n03/2019 to Current\nNorthwind Care Homes Ltd\nLeeds, UK\n- Ran the monthly payroll.",
     "Northwind Care Homes Ltd", ["Ran the monthly payroll."]),
    ("Payroll Officer\n03/2019 to Current\nNorthwind Care Homes Ltd, Leeds, UK\n- Ran the monthly payroll.",
     "Northwind Care Homes Ltd", ["Ran the monthly payroll."]),
    # a place between the employer and the dates names neither
    ("Payroll Officer\nNorthwind Care Homes Ltd\nLeeds, UK\nMarch 2019 to Present\n- Ran the monthly payroll.",
     "Northwind Care Homes Ltd", ["Ran the monthly payroll."]),
    # a duty under the dates is no employer
    ("Payroll Officer\n03/2019 - Current\nRan the monthly payroll for 1,200 staff\n- Filed the RTI returns", "",
     ["Ran the monthly payroll for 1,200 staff", "Filed the RTI returns"]),
])
def test_the_employer_under_the_dates(body, employer, lines):
    """Title, then dates, then the employer (a common template): the employer line is the entry's
    employer when it is only an organisation's name. Title, employer and place above the dates:
    the place takes no one's role."""
    cv = parse_text("Experience\n" + body)
    assert [(e.title, e.employer, e.lines) for e in cv.experiences] == [("Payroll Officer", employer, lines)]


def test_a_cv_pasted_as_one_paragraph_is_read_whole():
    """A line longer than MAX_LINE_CHARS is cut after a sentence, not dropped at the limit."""
    text = " ".join("In project %d I rebuilt the stock ledger for warehouse %d." % (i, i) for i in range(80))
    assert len(text) > 2 * structure.MAX_LINE_CHARS
    claims = parse_text(text).claim_texts()
    assert "In project 79 I rebuilt the stock ledger for warehouse 79." in claims
    assert all(len(c) < 200 for c in claims)


def test_labelled_dev_set_meets_the_targets():
    """Regression on the development split of the labelled set (one CV per layout and more);
    the held-out split is for tools/eval_cv_parse.py only."""
    import importlib.util
    import os

    path = os.path.join(os.path.dirname(__file__), "..", "..", "tools", "eval_cv_parse.py")
    spec = importlib.util.spec_from_file_location("eval_cv_parse", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from ml.cv.eval import generate

    samples = generate.make_set(22, 1234, "dev")
    assert len({s.format for s in samples}) == len(generate.FORMATS)
    figures = module.score(samples, module.parse_file)
    for name, target in module.TARGETS.items():
        assert figures[name] >= target, (name, figures[name])


@pytest.mark.parametrize("text,expected", [
    ("EXPERIENCE\nJan. 2019 \u2013 Present | Contoso Ltd, London\nSenior Analyst\n- Built the model\n"
     "2016\u20132018 | Fabrikam Inc., Paris\nJunior Analyst\n- Did things",
     [("Senior Analyst", "Contoso Ltd", (2019, 1), None), ("Junior Analyst", "Fabrikam Inc.", (2016, None),
                                                            (2018, None))]),
    ("Professional Experience\nSENIOR ACCOUNTANT\nPinecrest Bank, London | 06/2019 \u2013 present\n"
     "\u2022 Closed the books\nACCOUNTANT\nMeridian Insurance | 2015 - 2019\n\u2022 Reconciled accounts",
     [("SENIOR ACCOUNTANT", "Pinecrest Bank", (2019, 6), None), ("ACCOUNTANT", "Meridian Insurance",
                                                                  (2015, None), (2019, None))]),
    ("WORK HISTORY\n2019 \u2013 present\tSenior Analyst, Foo Ltd\n\tBuilt dashboards\n"
     "2014 \u2013 2019\tAnalyst, Bar plc\n\tWrote reports",
     [("Senior Analyst", "Foo Ltd", (2019, None), None), ("Analyst", "Bar plc", (2014, None), (2019, None))]),
    ("EMPLOYMENT\nAcme Corp \u2014 Berlin\nSoftware Engineer\nMarch 2018 - June 2021\n- Built APIs",
     [("Software Engineer", "Acme Corp", (2018, 3), (2021, 6))]),
    ("EXPERIENCE\nData Analyst, Jordan & Co, Amman, Jordan, 2019 - 2021",
     [("Data Analyst", "Jordan & Co", (2019, None), (2021, None))]),
])
def test_entry_writings(text, expected):
    cv = parse_text(text)
    assert [(e.title, e.employer, e.start, e.end) for e in cv.experiences] == expected


def test_occupation_of_entries(exported_encoder, encoder_dir):
    """Entries map to the O*NET occupation of their work (title and lines, the fit's index)."""
    from ml.cv.occupation import occupations
    from ml.onet.index import get_index
    from ml.text_encoder import TextEncoder

    index = get_index()
    enc = TextEncoder(str(exported_encoder[0] / "text_encoder.onnx"), encoder_dir, device="cpu")
    entries = [("Staff Accountant", ["Closed the books within five working days each month"]),
               ("Senior Backend Developer", ["Built REST APIs in Python"]),
               ("Charge Nurse", ["Cared for up to six patients per shift on a surgical ward"]),
               ("Paralegal", []), ("", ["Did things"])]
    codes = [o[0] if o else None for o in occupations(entries, index, enc.encode)]
    assert codes[:2] == ["13-2011.00", "15-1252.00"]
    assert codes[2].startswith("29-1141.")   # Registered Nurses or one of its specialties (O*NET .01-.04)
    assert codes[3:] == ["23-2011.00", None]
    # without an encoder: O*NET's alternate titles alone, only for a whole title it lists
    lexical = occupations([("Staff Accountant", []), ("Team lead", [])], index)
    assert lexical == [("13-2011.00", "Accountants and Auditors"), None]


def _label_column_pdf():
    """Odoo's demo CV template: section headings and each entry's dates in a narrow left column,
    on the rows of the entries they label; the text in a wide right column."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = 760
    c.setFont("Helvetica-Bold", 12)
    c.drawString(220, y, "Sam Rivera, PHP Developer")
    c.setFont("Helvetica", 10)
    rows = [
        ("PROFILE", "Backend developer with six years of PHP and SQL work for online shops."),
        (None, "I like clean code and measurable results."),
        ("EMPLOYMENT HISTORY", None),
        ("2016 \u2014 2019", "Junior PHP Developer, WebCraft Solutions"),
        (None, "Built checkout pages in PHP and MySQL for forty client shops."),
        (None, "Wrote the payment module used by every shop on the platform."),
        (None, "Reviewed pull requests and kept the test suite green."),
        ("2019 \u2014 2023", "Senior Backend Developer at"),
        (None, "ShopFlow Ltd"),
        (None, "Cut page load times by 30% on a high-traffic e-commerce platform."),
        (None, "Moved the order service to Laravel queues; no lost orders since."),
        (None, "Mentored two junior developers."),
        ("EDUCATION", None),
        ("2012 \u2014 2016", "Bachelor of Science in Computer Science, Riverside University"),
        (None, "Graduated with honours; final project on web application security."),
        ("SKILLS", "PHP, MySQL, Laravel, Git"),
    ]
    for label, text in rows:
        y -= 22
        if label:
            c.setFont("Helvetica-Bold", 10)
            c.drawString(43, y, label)
            c.setFont("Helvetica", 10)
        if text:
            c.drawString(170, y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_label_column_of_headings_and_dates_stays_on_its_rows():
    from ml.cv.readers import read_lines

    data = _label_column_pdf()
    lines = read_lines(data, "application/pdf").lines
    assert "2016 \u2014 2019\tJunior PHP Developer, WebCraft Solutions" in lines, lines
    assert "EMPLOYMENT HISTORY" in lines and "EDUCATION" in lines, "each heading a line of its own"
    cv = parse_file(data, "application/pdf", "cv.pdf")
    entries = [(e.title, e.employer, e.start[0], e.end[0]) for e in cv.experiences]
    assert entries == [("Junior PHP Developer", "WebCraft Solutions", 2016, 2019),
                       ("Senior Backend Developer", "ShopFlow Ltd", 2019, 2023)], entries
    assert [e.degree_level for e in cv.education] == ["bachelor"]
    assert {"PHP", "MySQL", "Laravel", "Git"} <= {s.name for s in cv.skills}


def test_education_entry_of_odoos_demo_template():
    """The degree's own dates (not the next entry's), its field after "Bachelor of Science in", and
    an institution name wrapped onto the next line."""
    cv = parse_text("Sam Rivera\nEDUCATION\n"
                    "2012 \u2014 2016\tBachelor of Science in Software Engineering, TechPioneer\nUniversity\n"
                    "Graduated with honours and a project award.\n"
                    "2016 \u2014 2017\tPHP & Web Development Certification, FutureCoders Academy\n")
    edu = cv.education[0]
    assert (edu.degree_level, edu.field_of_study, edu.institution, edu.year_end) == (
        "bachelor", "Software Engineering", "TechPioneer University", 2016), edu
    assert parse_text("EDUCATION\nBachelor of Science, University of Leeds, 2015\n").education[0].field_of_study == "Science"


def test_a_compound_title_word_is_a_title():
    """"Copywriter" ends in "writer": "Junior Copywriter, AdSpark Solutions" is a title and an employer."""
    cv = parse_text("EXPERIENCE\n2016 \u2014 2018\tJunior Copywriter, AdSpark Solutions\n"
                    "Wrote the copy of forty campaigns for print and web.\n")
    assert [(e.title, e.employer) for e in cv.experiences] == [("Junior Copywriter", "AdSpark Solutions")]


@pytest.mark.parametrize("section, expected", [
    # a degree line without an institution does not take the next entry's
    ("CIPP Foundation Degree in Payroll Management (in progress)\nBA (Hons) Business Studies, University of Leeds, 2019",
     [("associate", "Payroll Management", ""), ("bachelor", "Business Studies", "University of Leeds")]),
    # a school's name is no degree ("High School" names its kind)
    ("A-levels, Lincoln High School, 2017\nB.A. in Statistics, Austin Community College, 2019",
     [("secondary", "", "Lincoln High School"), ("bachelor", "Statistics", "Austin Community College")]),
    ("Ph.D. in Accounting \u2014 Government Polytechnic Nagpur (2018 - 2020)",
     [("doctorate", "Accounting", "Government Polytechnic Nagpur")]),
    # institutions written above their degrees
    ("Lincoln High School\nHigh School Diploma, 2012\nUniversity of Leeds\nBSc in Chemistry, 2016",
     [("secondary", "", "Lincoln High School"), ("bachelor", "Chemistry", "University of Leeds")]),
    # a name wrapped onto the next line with its year
    ("Master's degree in Computer Science, Austin Community\nCollege, 2014",
     [("master", "Computer Science", "Austin Community College")]),
])
def test_education_institution_and_field(section, expected):
    cv = parse_text("Jane Roe\nEDUCATION\n" + section + "\n")
    assert [(e.degree_level, e.field_of_study, e.institution) for e in cv.education] == expected


def test_a_linkedin_export():
    """LinkedIn's PDF export: employer, title, dates with the job's length, then the location. The length
    "(3 years 10 months)" was read as the employer, and the location line as a claim."""
    cv = parse_text("Jane Doe\nExperience\nBrightway Care Group\nPayroll Officer\nMarch 2021 - Present (3 years 10 months)\n"
                    "Leeds, England, United Kingdom\nRun weekly payroll for 650 care staff using Sage 50 Payroll.\n\n"
                    "Northern Foods Ltd\nAccounts Assistant\nJune 2019 - February 2021 (1 year 9 months)\n"
                    "Bradford, England, United Kingdom\nPurchase ledger and supplier payments.\n\n"
                    "Education\nUniversity of Leeds\nBA (Hons), Business Studies \u00b7 (2016 - 2019)\n")
    assert [(e.title, e.employer, e.start, e.current) for e in cv.experiences] == [
        ("Payroll Officer", "Brightway Care Group", (2021, 3), True),
        ("Accounts Assistant", "Northern Foods Ltd", (2019, 6), False)]
    assert cv.experiences[0].lines == ["Run weekly payroll for 650 care staff using Sage 50 Payroll."]
    edu = cv.education[0]
    assert (edu.degree_level, edu.field_of_study, edu.institution, edu.year_end) == (
        "bachelor", "Business Studies", "University of Leeds", 2019)
    assert "Leeds, England, United Kingdom" not in [c.text for c in cv.claims]
    side = parse_text("Top Skills\nPayroll\nSage 50\nMicrosoft Excel\n\nExperience\nBrightway Care Group\n"
                      "Payroll Officer\nMarch 2021 - Present (3 years 10 months)\n")
    assert [s.name for s in side.skills] == ["Payroll", "Sage 50", "Microsoft Excel"]
