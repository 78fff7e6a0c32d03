"""A labelled set of CVs in varied layouts for the CV parser (written for this project).

``make_set(n, seed, split)`` -> [Sample(id, format, data, mimetype, filename, labels)]. Every CV is
drawn from pools of occupations, employers, schools, bullets and skills, then written in one of
many layouts: one- and two-column PDFs (reportlab), tables of dates and roles, bullets of several
kinds, DOCX (Word list paragraphs, typed bullets, tables), ODT, plain text (UTF-8, UTF-16, cp1252
with mis-decoded bullets, inline bullets, run-together lines), dates written many ways, headings
in several wordings, personal details on some CVs. The labels are what the CV says.

The ``test`` split is held out: no parser decision looked at it, and some variants occur only
there (``UNSEEN_*``), so its figures say how the parser does on writings it was not tuned on.
"""
import collections
import datetime
import random

from . import render

TODAY = datetime.date(2026, 11, 30)
Sample = collections.namedtuple("Sample", "id format data mimetype filename labels")

MONTHS_SHORT = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MONTHS_LONG = ("January February March April May June July August September October November "
               "December").split()

# (title, [bullets], [skills named in bullets])
ROLES = {
    "software": (["Software Engineer", "Backend Developer", "Senior Software Engineer", "Full Stack Developer",
                  "Python Developer", "Junior Web Developer"],
                 ["Built REST APIs in Python and Django serving 2 million requests a day",
                  "Moved the deployment to Docker and Kubernetes, cutting release time by half",
                  "Wrote integration tests that raised coverage from 40% to 85%",
                  "Designed the PostgreSQL schema for the billing service",
                  "Reviewed code and mentored two junior developers",
                  "Migrated the front end to React and TypeScript"],
                 ["Python", "Django", "Docker", "Kubernetes", "PostgreSQL", "React", "TypeScript"]),
    "data": (["Data Analyst", "Data Scientist", "Business Intelligence Analyst", "Senior Data Analyst"],
             ["Built weekly sales dashboards in Tableau for the leadership team",
              "Cleaned and joined customer data with SQL and Python",
              "Trained a churn model that flagged 70% of leavers a month ahead",
              "Automated the monthly reporting pack in Excel and Power BI",
              "Ran A/B tests on the checkout funnel"],
             ["Tableau", "SQL", "Python", "Excel", "Power BI"]),
    "nursing": (["Registered Nurse", "Staff Nurse", "Charge Nurse", "ICU Nurse"],
                ["Cared for up to six patients per shift on a 30-bed surgical ward",
                 "Administered medication and IV therapy following hospital protocols",
                 "Documented care in Epic and handed over at each shift change",
                 "Trained new nurses on wound care and infection control",
                 "Led the ward's falls-prevention audit"],
                ["Epic", "IV therapy", "Wound care"]),
    "accounting": (["Accountant", "Staff Accountant", "Senior Accountant", "Accounts Payable Clerk"],
                   ["Prepared monthly management accounts for three business units",
                    "Reconciled bank statements and supplier ledgers in SAP",
                    "Closed the books within five working days each month",
                    "Prepared VAT returns and supported the annual audit",
                    "Built cash-flow forecasts in Excel"],
                   ["SAP", "Excel", "VAT returns"]),
    "electrician": (["Electrician", "Maintenance Electrician", "Electrical Technician"],
                    ["Installed wiring, lighting and distribution boards in new buildings",
                     "Tested and certified installations to the wiring regulations",
                     "Diagnosed faults on motors and control panels",
                     "Read electrical drawings and planned the cable routes"],
                    ["AutoCAD"]),
    "teaching": (["Teacher", "Mathematics Teacher", "Primary School Teacher", "Lecturer"],
                 ["Taught mathematics to classes of 30 students aged 11 to 16",
                  "Planned lessons and marked assessments every week",
                  "Raised the pass rate of my classes from 62% to 81%",
                  "Ran the after-school coding club using Scratch"],
                 ["Scratch", "Google Classroom"]),
    "sales": (["Sales Representative", "Account Executive", "Sales Manager", "Business Development Manager"],
              ["Grew the territory's revenue by 35% in two years",
               "Managed a pipeline of 80 accounts in Salesforce",
               "Negotiated annual contracts with hospital buyers",
               "Ran product demonstrations at trade fairs"],
              ["Salesforce", "HubSpot"]),
    "hr": (["HR Generalist", "Recruiter", "HR Manager", "Talent Acquisition Specialist"],
           ["Hired 60 engineers in one year with the hiring managers",
            "Ran onboarding for all new starters",
            "Rolled out the new performance review process in Workday",
            "Advised managers on absence and disciplinary cases"],
           ["Workday", "Recruiting"]),
    "mechanical": (["Mechanical Engineer", "Design Engineer", "Project Engineer"],
                   ["Designed pump housings in SolidWorks and checked them with FEA",
                    "Wrote test plans and ran endurance tests on prototypes",
                    "Cut part cost by 18% with suppliers and the production team",
                    "Produced drawings to ISO tolerancing standards"],
                   ["SolidWorks", "FEA", "AutoCAD"]),
    "support": (["Customer Support Specialist", "Customer Service Representative", "Support Team Lead"],
                ["Answered 40 tickets a day in Zendesk with a 96% satisfaction score",
                 "Wrote 70 help-centre articles",
                 "Trained new agents on the refund process",
                 "Escalated product bugs to engineering with clear reproduction steps"],
                ["Zendesk", "Jira"]),
    "logistics": (["Logistics Coordinator", "Warehouse Supervisor", "Supply Chain Analyst"],
                  ["Planned daily deliveries for 25 trucks",
                   "Cut stock discrepancies by 30% with cycle counts",
                   "Managed inbound shipments in SAP and tracked carriers",
                   "Supervised a team of 12 warehouse operatives"],
                  ["SAP", "Excel"]),
    "marketing": (["Marketing Manager", "Digital Marketing Specialist", "Content Marketing Manager"],
                  ["Planned and ran paid campaigns on Google Ads with a 4x return",
                   "Grew the newsletter from 5,000 to 40,000 subscribers",
                   "Wrote SEO content that doubled organic traffic",
                   "Reported campaign results in Google Analytics"],
                  ["Google Ads", "Google Analytics", "SEO"]),
    "legal": (["Paralegal", "Associate Lawyer", "Legal Counsel"],
              ["Drafted commercial contracts and NDAs",
               "Researched case law for litigation teams",
               "Managed the contract database and renewal dates",
               "Advised the business on GDPR questions"],
              ["Contract drafting", "GDPR"]),
}
EMPLOYERS = ["Acme Corp", "Globex Ltd", "Initech", "Umbrella Health GmbH", "Northwind Traders", "Contoso Ltd",
             "Fabrikam Inc.", "Blue Harbor Logistics", "St. Mary's Hospital", "Riverside Academy",
             "Helios Energy AG", "Vertex Solutions", "Pinecrest Bank", "Orbit Systems", "Maple Leaf Foods",
             "Sunrise Retail Group", "Kestrel Consulting", "Lakeside Clinic", "BrightPath Education",
             "Nordic Steel AB", "Quantum Analytics", "Greenfield Partners LLP", "Atlas Engineering",
             "Cobalt Software", "Meridian Insurance", "Harbor Freight Services"]
CITIES = ["Berlin, Germany", "London, UK", "Austin, TX", "Toronto, Canada", "Remote", "Lyon, France",
          "Pune, India", "Madrid, Spain"]
SCHOOLS = ["University of Leeds", "Technical University of Munich", "University of Toronto", "Ohio State University",
           "University of Pune", "Universidad de Salamanca", "King's College London", "Austin Community College",
           "ETH Zurich", "Trinity College Dublin", "Lincoln High School", "Government Polytechnic Nagpur",
           "Chamber of Crafts Munich", "Riverside Institute of Technology"]
FIELDS = {"software": "Computer Science", "data": "Statistics", "nursing": "Nursing", "accounting": "Accounting",
          "electrician": "Electrical Installation", "teaching": "Mathematics", "sales": "Business Administration",
          "hr": "Human Resource Management", "mechanical": "Mechanical Engineering", "support": "Communication",
          "logistics": "Supply Chain Management", "marketing": "Marketing", "legal": "Law"}
# (level, ways to write it); {field} is filled
DEGREES = {
    "bachelor": ["BSc in {field}", "Bachelor of Science in {field}", "B.A. in {field}", "Bachelor's degree in {field}",
                 "BEng {field}", "B.Tech in {field}"],
    "master": ["MSc in {field}", "Master of Science in {field}", "MBA", "M.A. in {field}", "Master's degree in {field}"],
    "doctorate": ["PhD in {field}", "Ph.D. in {field}", "Doctor of Philosophy in {field}"],
    "associate": ["Associate of Applied Science in {field}", "Associate degree in {field}"],
    "vocational": ["Apprenticeship in {field}", "Diploma in {field}", "Vocational certificate in {field}"],
    "secondary": ["High School Diploma", "A-levels", "Higher Secondary Certificate (HSC)"],
}
UNSEEN_DEGREES = {"bachelor": ["Bachelor of Arts in {field}", "BBA"], "master": ["M.Sc. {field}", "MEng in {field}"],
                  "secondary": ["GCSEs and A-levels"]}
CATALOG = ["Python", "SQL", "Excel", "Docker", "Kubernetes", "PostgreSQL", "React", "Tableau", "Power BI", "SAP",
           "Salesforce", "Zendesk", "Jira", "Workday", "SolidWorks", "AutoCAD", "Google Ads", "Google Analytics",
           "Epic", "TypeScript", "Django", "HubSpot", "Scratch"]   # the skills a company's database holds
EXTRA_SKILLS = ["Communication", "Team leadership", "Stakeholder management", "Negotiation", "Budgeting",
                "Public speaking", "Problem solving", "Time management", "Project management", "Git", "Linux",
                "Spanish", "Microsoft Office", "Agile", "Scrum"]
NAMES = ["Lena Okafor", "Omar Haddad", "Mei Lin", "Carlos Ruiz", "Anna Kowalska", "Tomasz Nowak", "Priya Sharma",
         "John Miller", "Fatima Zahra", "Kenji Sato", "Sara Johansson", "Kwame Mensah", "Laura Rossi",
         "David Cohen", "Aisha Bello", "Lucas Martin"]
PERSONAL = ["Date of birth: {dob}", "Nationality: {nat}", "Marital status: {mar}", "Gender: {gen}", "Age: {age}",
            "Religion: {rel}", "Health: good", "Children: {kids}"]

HEADINGS = {
    "experience": ["Work Experience", "EXPERIENCE", "Professional Experience", "Employment History"],
    "education": ["Education", "EDUCATION", "Academic Background"],
    "skills": ["Skills", "Technical Skills", "Core Competencies", "KEY SKILLS"],
    "summary": ["Profile", "Summary", "About me", "Professional Summary"],
}
UNSEEN_HEADINGS = {"experience": ["Career History", "Relevant Experience"], "education": ["Qualifications"],
                   "skills": ["Areas of Expertise"], "summary": ["Objective"]}
DATE_STYLES = ["mon", "month", "iso", "slash", "year", "apos", "dot"]
UNSEEN_DATE_STYLES = ["isoslash", "monthcomma"]
ENTRY_STYLES = ["comma_dash", "pipes", "dates_first_lines", "title_at", "table", "three_lines", "dates_colon",
                "employer_dates_then_title"]
UNSEEN_ENTRY_STYLES = ["title_tab_dates_employer_line", "employer_title_parens"]
FORMATS = ["pdf", "pdf2", "pdf_table", "docx", "docx_table", "docx_char", "odt", "txt", "txt_utf16",
           "txt_mojibake", "txt_inline"]


def _fmt_date(d, style, open_end=False):
    """d = (year, month or None)."""
    if d is None:
        return {"mon": "Present", "month": "Current", "iso": "present", "slash": "today", "year": "now",
                "apos": "now", "dot": "Present", "isoslash": "Present", "monthcomma": "Present"}[style]
    y, m = d
    if m is None or style == "year":
        return "%d" % y
    return {
        "mon": "%s %d" % (MONTHS_SHORT[m - 1], y),
        "month": "%s %d" % (MONTHS_LONG[m - 1], y),
        "iso": "%d-%02d" % (y, m),
        "slash": "%02d/%d" % (m, y),
        "apos": "%s '%02d" % (MONTHS_SHORT[m - 1], y % 100),
        "dot": "%02d.%d" % (m, y),
        "isoslash": "%d/%02d" % (y, m),
        "monthcomma": "%s, %d" % (MONTHS_LONG[m - 1], y),
    }[style]


def _range(start, end, style, rnd):
    sep = rnd.choice([" \u2013 ", " - ", " to ", " \u2014 "]) if style != "iso" else rnd.choice([" to ", " - "])
    if end is None and style == "year" and rnd.random() < 0.5:
        return "since %d" % start[0]
    return _fmt_date(start, style) + sep + _fmt_date(end, style)


def _career(rnd, n_jobs):
    """Jobs newest first: [(start, end or None)], months when month precision."""
    out = []
    end = None if rnd.random() < 0.7 else (2025 - rnd.randint(0, 2), rnd.randint(1, 12))
    cursor = (TODAY.year, TODAY.month) if end is None else end
    for i in range(n_jobs):
        months = rnd.randint(10, 60)
        sy, sm = cursor
        total = sy * 12 + sm - 1 - months
        start = (total // 12, total % 12 + 1)
        out.append((start, end if i == 0 else end))
        # next (older) job ends before this one starts, sometimes overlapping a little
        gap = rnd.choice([1, 1, 2, 3, -2])
        total_end = start[0] * 12 + start[1] - 1 - gap
        end = (total_end // 12, total_end % 12 + 1)
        cursor = end
    return out


def _years(exps):
    spans = []
    for e in exps:
        s, en = e["start"], e["end"]
        a = s[0] * 12 + ((s[1] - 1) if s[1] else 6)
        en = en or (TODAY.year, TODAY.month)
        b = en[0] * 12 + (en[1] if en[1] else 6)
        spans.append((a, b))
    spans.sort()
    total, ca, cb = 0, None, None
    for a, b in spans:
        if ca is None:
            ca, cb = a, b
        elif a > cb:
            total += cb - ca
            ca, cb = a, b
        else:
            cb = max(cb, b)
    if ca is not None:
        total += cb - ca
    return round(total / 12.0, 2)


def _entry_blocks(style, title, employer, city, dates, rnd):
    if style == "comma_dash":
        return [("line", "%s, %s \u2014 %s" % (title, employer, dates))]
    if style == "pipes":
        return [("line", "%s | %s | %s" % (title, employer, dates))]
    if style == "dates_first_lines":
        return [("line", dates), ("line", title), ("line", "%s, %s" % (employer, city))]
    if style == "title_at":
        return [("line", "%s at %s (%s)" % (title, employer, dates))]
    if style == "table":
        return [("row", [dates, "%s\n%s" % (title, employer)])]
    if style == "three_lines":
        return [("line", title), ("line", employer), ("line", dates)]
    if style == "dates_colon":
        return [("line", "%s: %s, %s" % (dates, title, employer))]
    if style == "employer_dates_then_title":
        return [("row", [employer, dates]), ("line", title)]
    if style == "title_tab_dates_employer_line":
        return [("row", [title, dates]), ("line", "%s \u00b7 %s" % (employer, city))]
    if style == "employer_title_parens":
        return [("line", "%s \u2014 %s (%s)" % (employer, title, dates))]
    raise ValueError(style)


def _edu_blocks(text, school, year, rnd, style):
    if style == 0:
        return [("line", "%s, %s, %d" % (text, school, year))]
    if style == 1:
        return [("line", "%s \u2014 %s (%d - %d)" % (text, school, year - rnd.randint(2, 4), year))]
    if style == 2:
        return [("line", school), ("line", "%s, %d" % (text, year))]
    return [("row", ["%d" % year, "%s\n%s" % (text, school)])]


def make_cv(rnd, idx, split):
    unseen = split == "test"
    field = rnd.choice(sorted(ROLES))
    titles, bullets, bullet_skills = ROLES[field]
    fmt = FORMATS[idx % len(FORMATS)]
    pick = (lambda pool, extra: rnd.choice(pool + (extra if unseen and rnd.random() < 0.5 else [])))
    date_style = rnd.choice(DATE_STYLES + (UNSEEN_DATE_STYLES if unseen else []))
    entry_styles = ENTRY_STYLES + (UNSEEN_ENTRY_STYLES if unseen else [])
    entry_style = rnd.choice(entry_styles)
    if fmt in ("pdf_table", "docx_table"):
        entry_style = "table"
    heads = {k: rnd.choice(v + (UNSEEN_HEADINGS.get(k, []) if unseen else [])) for k, v in HEADINGS.items()}
    name = rnd.choice(NAMES)
    user = name.lower().replace(" ", ".")
    email = "%s%d@%s" % (user, rnd.randint(1, 99), rnd.choice(["example.com", "mail.example.org", "example.net"]))
    phone = rnd.choice(["+1 (415) 555-%04d", "+44 20 7946 %04d", "+49 30 9018 %04d", "+33 6 12 34 %04d",
                        "(555) 123-%04d", "+91 98450 %05d", "555.201.%04d"]) % rnd.randint(100, 9999)
    linkedin = "linkedin.com/in/%s-%d" % (user.replace(".", "-"), rnd.randint(1, 999)) if rnd.random() < 0.6 else ""
    blocks = [("name", name)]
    contact_style = rnd.randint(0, 2)
    if contact_style == 0:
        blocks.append(("line", " | ".join(x for x in (email, phone, linkedin) if x)))
    elif contact_style == 1:
        blocks.append(("line", "Email: %s" % email))
        blocks.append(("line", "Phone: %s" % phone))
        if linkedin:
            blocks.append(("line", "LinkedIn: https://www.%s" % linkedin))
    else:
        blocks.append(("line", "%s \u00b7 %s" % (rnd.choice(CITIES), phone)))
        blocks.append(("line", email + ("  " + linkedin if linkedin else "")))
    personal = rnd.random() < 0.35
    if personal:
        fields = rnd.sample(PERSONAL, 3)
        blocks.append(("line", " | ".join(f.format(dob="%02d/%02d/%d" % (rnd.randint(1, 28), rnd.randint(1, 12),
                                                                          rnd.randint(1960, 2000)),
                                                    nat=rnd.choice(["German", "Nigerian", "Indian", "French"]),
                                                    mar=rnd.choice(["Married", "Single"]),
                                                    gen=rnd.choice(["Female", "Male"]), age=rnd.randint(22, 60),
                                                    rel=rnd.choice(["Christian", "Muslim", "None"]),
                                                    kids=rnd.randint(0, 3)) for f in fields)))
    summary_first = fmt != "pdf2"
    summary = [("heading", heads["summary"]),
               ("para", "%s with %s years of experience. %s." % (
                   rnd.choice(titles), rnd.choice(["several", "many", "solid"]),
                   rnd.choice(["Calm under pressure", "Known for clear writing", "Happy in small teams"])))]
    # work history
    n_jobs = rnd.randint(1, 4)
    career = _career(rnd, n_jobs)
    exp_blocks, exp_labels = [("heading", heads["experience"])], []
    used_employers = rnd.sample(EMPLOYERS, n_jobs)
    year_only = date_style == "year"
    for (start, end), employer in zip(career, used_employers):
        title = rnd.choice(titles)
        if year_only:
            start, end = (start[0], None), ((end[0], None) if end else None)
            if end and end[0] < start[0]:
                end = (start[0], None)
        dates = _range(start, end, date_style, rnd)
        exp_blocks += _entry_blocks(entry_style, title, employer, rnd.choice(CITIES), dates, rnd)
        chosen = rnd.sample(bullets, rnd.randint(2, min(4, len(bullets))))
        bullet_kind = rnd.choice(["bullet", "bullet", "para"]) if fmt not in ("txt_inline",) else "bullet"
        for b in chosen:
            exp_blocks.append((bullet_kind, b + ("." if bullet_kind == "para" else "")))
        exp_labels.append({"title": title, "employer": employer, "start": start, "end": end,
                           "current": end is None})
    # education
    edu_blocks, edu_labels = [("heading", heads["education"])], []
    levels = rnd.sample(["bachelor", "master", "doctorate", "associate", "vocational", "secondary"],
                        rnd.choice([1, 1, 2]))
    edu_style = rnd.randint(0, 3) if fmt not in ("pdf_table", "docx_table") else 3
    for level in levels:
        forms = DEGREES[level] + (UNSEEN_DEGREES.get(level, []) if unseen else [])
        form = rnd.choice(forms)
        text = form.format(field=FIELDS[field])
        school = rnd.choice([s for s in SCHOOLS if ("High" in s) == (level == "secondary")])
        year = career[-1][0][0] - rnd.randint(0, 2)
        edu_blocks += _edu_blocks(text, school, year, rnd, edu_style)
        edu_labels.append({"degree_level": level, "institution": school, "year_end": year,
                           "field_of_study": FIELDS[field] if "{field}" in form else ""})
    # skills: a section (several writings) and the catalog skills named in the bullets
    listed = rnd.sample(sorted(set(bullet_skills) | set(rnd.sample(EXTRA_SKILLS, 3))),
                        min(5, len(set(bullet_skills)) + 2))
    skill_style = rnd.randint(0, 3)
    skill_blocks = [("heading", heads["skills"])]
    if skill_style == 0:
        skill_blocks.append(("line", ", ".join(listed)))
    elif skill_style == 1:
        half = len(listed) // 2
        skill_blocks.append(("line", "Tools: " + ", ".join(listed[:half])))
        skill_blocks.append(("line", "Other: " + ", ".join(listed[half:])))
    elif skill_style == 2:
        skill_blocks += [("bullet", s) for s in listed]
    else:
        skill_blocks.append(("line", " | ".join("%s (%s)" % (s, rnd.choice(["advanced", "intermediate", "expert"]))
                                                for s in listed)))
    text_all = " ".join(v for k, v in exp_blocks if isinstance(v, str))
    named = [s for s in CATALOG if s.lower() in text_all.lower() and s not in listed
             and any(s.lower() in b.lower() for b in bullets)]
    skills = sorted(set(listed) | set(named))
    if fmt == "pdf2":
        doc = blocks + [("column", "left")] + skill_blocks + edu_blocks + [("column", "right")] + summary + exp_blocks
    else:
        order = [summary, exp_blocks, edu_blocks, skill_blocks] if rnd.random() < 0.7 else \
            [summary, skill_blocks, exp_blocks, edu_blocks]
        doc = blocks + [b for part in order for b in part]
    if personal and rnd.random() < 0.5:
        doc += [("heading", "Personal details"), ("line", "Marital status: %s" % rnd.choice(["Married", "Single"])),
                ("line", "Nationality: %s" % rnd.choice(["Polish", "Kenyan", "Brazilian"]))]
    labels = {"email": email, "phone": phone, "linkedin": ("https://www." + linkedin) if linkedin else "",
              "experiences": exp_labels, "education": edu_labels, "skills": skills, "years": _years(exp_labels),
              "format": fmt, "entry_style": entry_style, "date_style": date_style, "personal": personal}
    data, mimetype, filename = _render(doc, fmt, rnd)
    return Sample("%s-%03d" % (split, idx), fmt, data, mimetype, filename, labels)


def _render(doc, fmt, rnd):
    if fmt in ("pdf", "pdf_table"):
        return render.to_pdf(doc), "application/pdf", "cv.pdf"
    if fmt == "pdf2":
        return render.to_pdf(doc, two_columns=True), "application/pdf", "cv.pdf"
    if fmt in ("docx", "docx_table"):
        return render.to_docx(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", \
            "cv.docx"
    if fmt == "docx_char":
        return render.to_docx(doc, bullet_style="char"), None, "cv.docx"
    if fmt == "odt":
        return render.to_odt(doc), "application/vnd.oasis.opendocument.text", "cv.odt"
    if fmt == "txt":
        return render.to_text(doc, bullet=rnd.choice(["- ", "\u2022 ", "* ", "\u25aa "])).encode("utf-8"), \
            "text/plain", "cv.txt"
    if fmt == "txt_utf16":
        return render.to_text(doc, bullet="\u25cf ").encode("utf-16"), "text/plain", "cv.txt"
    if fmt == "txt_mojibake":
        # UTF-8 bullets and dashes read as cp1252 and saved again: "â€¢", "â€“"
        text = render.to_text(doc, bullet="\u2022 ")
        return text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"), "text/plain", "cv.txt"
    if fmt == "txt_inline":
        # bullets of one entry written on one line: "• a • b • c"
        lines, buf = [], []
        for line in render.to_text(doc, bullet="\u2022 ").split("\n"):
            if line.startswith("\u2022 "):
                buf.append(line)
                continue
            if buf:
                lines.append(" ".join(buf))
                buf = []
            lines.append(line)
        if buf:
            lines.append(" ".join(buf))
        return "\n".join(lines).encode("utf-8"), "text/plain", "cv.txt"
    raise ValueError(fmt)


def make_set(n, seed, split):
    rnd = random.Random(seed)
    return [make_cv(rnd, i, split) for i in range(n)]


def splits(dev=40, test=60):
    """The development split (tuning looked at it) and the held-out test split."""
    return {"dev": make_set(dev, 1234, "dev"), "test": make_set(test, 98765, "test")}
