"""CV parsing into the candidate: real database, real ORM, real attachments (a PDF made with
reportlab, a DOCX, a text file, bad files). Suggestions only: "Apply" fills empty fields, adds
matched skills and never overwrites. Personal details never change the result."""
import base64
import io

from odoo.tests import TransactionCase, new_test_user, tagged

from ..ml.cv.eval import render

CV_BLOCKS = [
    ("name", "Lena Okafor"),
    ("line", "lena.okafor@example.net | +49 30 901820 77 | linkedin.com/in/lena-okafor"),
    ("heading", "Summary"),
    ("para", "Backend developer who builds payment services."),
    ("heading", "Work experience"),
    ("line", "Senior Backend Developer, Zalando SE \u2014 Mar 2020 \u2013 Present"),
    ("bullet", "Built the refunds service in Python and Kubernetes for 30 markets"),
    ("bullet", "Cut checkout latency by 40% with PostgreSQL query plans"),
    ("line", "Software Engineer | N26 GmbH | 2016-09 to 2020-02"),
    ("bullet", "Wrote the card-limits API"),
    ("heading", "Education"),
    ("line", "MSc in Computer Science, Technical University of Munich, 2016"),
    ("heading", "Skills"),
    ("line", "Python (expert), Kubernetes, Stakeholder alignment"),
]
PERSONAL_BLOCKS = [
    ("line", "Date of birth: 02.05.1990 | Nationality: Nigerian | Gender: female"),
    ("heading", "Personal details"),
    ("line", "Marital status: married"), ("line", "Religion: Christian"), ("line", "Health: excellent"),
    ("line", "Children: 2"),
]


def with_personal(blocks):
    return blocks[:2] + PERSONAL_BLOCKS[:1] + blocks[2:] + PERSONAL_BLOCKS[1:]


def scanned_pdf():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    for y in range(100, 700, 18):   # a picture of text lines, no text layer
        pdf.rect(60, y, 300 + (y * 37) % 150, 8, fill=1)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@tagged("post_install", "-at_install", "talent_cv_parse")
class TestCvParse(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the skills the CV names, as the database has them (a demo database already holds some)
        cls.skill_type = cls.env["hr.skill.type"].create({
            "name": "Programming (CV test)",
            "skill_level_ids": [(0, 0, {"name": "Novice", "level_progress": 20}),
                                (0, 0, {"name": "Practitioner", "level_progress": 50, "default_level": True}),
                                (0, 0, {"name": "Master", "level_progress": 100})],
        })
        cls.python = cls._skill("Python")
        cls.go = cls._skill("Go")
        # export (or reuse) the text encoder once per class: the O*NET occupation of entries uses it
        cls.env["hr.talent.engine"]._get_text_encoder()
        cls.recruiter = new_test_user(cls.env, login="cv_recruiter", groups=(
            "hr_recruitment.group_hr_recruitment_user,hr_talent_ai.group_talent_ai_user"))

    @classmethod
    def _skill(cls, name):
        skill = cls.env["hr.skill"].search([("name", "=ilike", name)], order="id", limit=1)
        return skill or cls.env["hr.skill"].create({"name": name, "skill_type_id": cls.skill_type.id})

    @staticmethod
    def top_level(skill):
        return skill.skill_type_id.skill_level_ids.sorted("level_progress")[-1]

    @staticmethod
    def default_level(skill):
        levels = skill.skill_type_id.skill_level_ids
        return levels.filtered("default_level")[:1] or levels.sorted("level_progress")[:1]

    def candidate(self, name="Lena Okafor", **vals):
        return self.env["hr.candidate"].create(dict({"partner_name": name}, **vals))

    def attach(self, record, name, data, mimetype=None):
        return self.env["ir.attachment"].create({
            "name": name, "res_model": record._name, "res_id": record.id, "datas": base64.b64encode(data),
            **({"mimetype": mimetype} if mimetype else {})})

    def result(self, cand):
        return {
            "contacts": (cand.cv_email, cand.cv_phone, cand.cv_linkedin),
            "years": cand.cv_years_experience,
            "experience": [(e.title, e.employer, e.date_start, e.date_end, e.evidence, e.claims)
                           for e in cand.cv_experience_ids],
            "education": [(e.degree_level, e.field_of_study, e.institution, e.year_end, e.evidence)
                          for e in cand.cv_education_ids],
            "skills": [(s.name, s.skill_id.id, s.source, s.level, s.evidence) for s in cand.cv_skill_ids],
        }

    # ------------------------------------------------------------------ layouts
    def test_pdf_on_the_candidate(self):
        cand = self.candidate()
        self.attach(cand, "Lena_Okafor_CV.pdf", render.to_pdf(CV_BLOCKS))
        cand.with_user(self.recruiter).action_parse_cv()
        self.assertTrue(cand.cv_parsed_at)
        self.assertIn("Lena_Okafor_CV.pdf", cand.cv_parse_message)
        self.assertEqual((cand.cv_email, cand.cv_phone, cand.cv_linkedin), (
            "lena.okafor@example.net", "+49 30 901820 77", "https://www.linkedin.com/in/lena-okafor"))
        exps = cand.cv_experience_ids
        self.assertEqual([(e.title, e.employer) for e in exps], [
            ("Senior Backend Developer", "Zalando SE"), ("Software Engineer", "N26 GmbH")])
        self.assertEqual(str(exps[0].date_start), "2020-03-01")
        self.assertFalse(exps[0].date_end, "a current position has no end")
        self.assertEqual((str(exps[1].date_start), str(exps[1].date_end)), ("2016-09-01", "2020-02-29"))
        self.assertIn("Zalando SE", exps[0].evidence)
        # the O*NET occupation of each entry (title and lines through the fit's O*NET index)
        self.assertEqual([(e.occupation_code, e.occupation_name) for e in exps],
                         [("15-1252.00", "Software Developers")] * 2)
        self.assertIn("Cut checkout latency by 40% with PostgreSQL query plans", exps[0].claims.split("\n"))
        edu = cand.cv_education_ids
        self.assertEqual([(e.degree_level, e.field_of_study, e.institution, e.year_end) for e in edu], [
            ("master", "Computer Science", "Technical University of Munich", 2016)])
        skills = {s.name: s for s in cand.cv_skill_ids}
        self.assertEqual(skills["Python"].skill_id, self.python)
        self.assertEqual((skills["Python"].source, skills["Python"].level), ("database", "expert"))
        kube = self.env["hr.skill"].search([("name", "=ilike", "kubernetes")], order="id", limit=1)
        if kube:   # a database that has the skill names it
            self.assertEqual((skills["Kubernetes"].source, skills["Kubernetes"].skill_id), ("database", kube))
        else:      # else the O*NET technology skill
            self.assertEqual((skills["Kubernetes"].source, skills["Kubernetes"].skill_id.id), ("onet", False))
        self.assertEqual(skills["Stakeholder alignment"].source, "cv")
        self.assertIn("Python (expert)", skills["Python"].evidence)
        self.assertGreater(cand.cv_years_experience, 9.0)   # Sep 2016 to today, no gap

    def test_docx_on_an_application_and_text_file(self):
        cand = self.candidate()
        job = self.env["hr.job"].create({"name": "Backend developer (CV test)"})
        app = self.env["hr.applicant"].create({"candidate_id": cand.id, "job_id": job.id})
        self.attach(app, "cv.docx", render.to_docx(CV_BLOCKS))
        other = self.candidate("Text Person")
        self.attach(other, "resume.txt", render.to_text(CV_BLOCKS).encode("utf-16"), "text/plain")
        (cand | other).action_parse_cv()
        for record in (cand, other):
            self.assertEqual([(e.title, e.employer) for e in record.cv_experience_ids], [
                ("Senior Backend Developer", "Zalando SE"), ("Software Engineer", "N26 GmbH")], record.cv_parse_message)
            self.assertEqual(record.cv_education_ids.degree_level, "master")
            self.assertEqual(record.cv_email, "lena.okafor@example.net")

    # ------------------------------------------------------------------ bad input
    def test_bad_files_leave_a_message_and_the_batch_goes_on(self):
        cases = {
            "empty": ("cv.txt", b"", "text/plain", "empty"),
            "binary": ("cv.txt", b"\x00\x01\x02\xff" * 300, "text/plain", "not a text document"),
            "scanned": ("scan.pdf", scanned_pdf(), "application/pdf", "no text layer"),
            "arabic": ("cv.txt", ("\u0645\u0647\u0646\u062f\u0633 \u0628\u0631\u0645\u062c\u064a\u0627\u062a "
                                  "\u0641\u064a \u0634\u0631\u0643\u0629\n" * 20).encode(), "text/plain", "Arabic"),
        }
        cands = self.env["hr.candidate"]
        for key, (name, data, mimetype, _needle) in cases.items():
            cand = self.candidate(key)
            self.attach(cand, name, data, mimetype)
            cands |= cand
        good = self.candidate("good")
        self.attach(good, "cv.pdf", render.to_pdf(CV_BLOCKS))
        nothing = self.candidate("no file")
        (cands | good | nothing).action_parse_cv()
        for cand, (_name, _data, _mime, needle) in zip(cands, cases.values()):
            self.assertTrue(cand.cv_parsed_at)
            self.assertIn(needle, cand.cv_parse_message)
            self.assertFalse(cand.cv_experience_ids)
        self.assertEqual(len(good.cv_experience_ids), 2)
        self.assertNotIn("written in", good.cv_parse_message)
        self.assertIn("No CV attached", nothing.cv_parse_message)
        # a single candidate's button answers with the reason, no traceback
        action = cands[0].action_parse_cv()
        self.assertEqual(action["params"]["type"], "warning")

    def test_a_cv_in_another_language_is_parsed_with_a_warning(self):
        cand = self.candidate("Anna Beispiel")
        self.attach(cand, "lebenslauf.txt", (
            "Anna Beispiel\nanna.beispiel@example.de\n\nBERUFSERFAHRUNG\n"
            "Lohnbuchhalterin, Müller GmbH, Berlin, 03/2019 - heute\n"
            "- Monatliche Lohnabrechnung für 400 Mitarbeiter und die Abstimmung der Lohnkonten\n").encode(),
            "text/plain")
        cand.action_parse_cv()
        self.assertEqual(cand.cv_email, "anna.beispiel@example.de")
        self.assertIn("The CV is written in German", cand.cv_parse_message)
        self.assertIn("check the CV itself", cand.cv_parse_message)

    def test_a_bad_file_next_to_a_good_one(self):
        cand = self.candidate()
        self.attach(cand, "photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "text/plain")
        self.attach(cand, "cv.pdf", render.to_pdf(CV_BLOCKS))
        cand.action_parse_cv()
        self.assertEqual(len(cand.cv_experience_ids), 2)

    # ------------------------------------------------------------------ fairness
    def test_personal_details_do_not_change_the_result(self):
        plain, stated = self.candidate("A"), self.candidate("B")
        self.attach(plain, "cv.pdf", render.to_pdf(CV_BLOCKS))
        self.attach(stated, "cv.pdf", render.to_pdf(with_personal(CV_BLOCKS)))
        docx_plain, docx_stated = self.candidate("C"), self.candidate("D")
        self.attach(docx_plain, "cv.docx", render.to_docx(CV_BLOCKS))
        self.attach(docx_stated, "cv.docx", render.to_docx(with_personal(CV_BLOCKS)))
        (plain | stated | docx_plain | docx_stated).action_parse_cv()
        self.assertTrue(plain.cv_experience_ids)
        self.assertEqual(self.result(stated), self.result(plain))
        self.assertEqual(self.result(docx_stated), self.result(docx_plain))
        stored = repr(self.result(stated)).lower()
        for word in ("1990", "nigerian", "female", "married", "christian", "religion", "health", "children"):
            self.assertNotIn(word, stored)

    # ------------------------------------------------------------------ applying
    def test_apply_fills_only_empty_fields_and_never_overwrites(self):
        typed = self.candidate("Typed", email_from="typed@example.org", partner_phone="+1 555 0100",
                               linkedin_profile="https://www.linkedin.com/in/typed")
        lowest = self.python.skill_type_id.skill_level_ids.sorted("level_progress")[0]
        self.env["hr.candidate.skill"].create({
            "candidate_id": typed.id, "skill_id": self.python.id, "skill_type_id": self.python.skill_type_id.id,
            "skill_level_id": lowest.id})
        empty = self.candidate("Empty")
        for cand in (typed, empty):
            self.attach(cand, "cv.pdf", render.to_pdf(CV_BLOCKS))
        (typed | empty).action_parse_cv()
        (typed | empty).with_user(self.recruiter).action_apply_cv_suggestions()
        # what a person typed stays
        self.assertEqual((typed.email_from, typed.partner_phone, typed.linkedin_profile), (
            "typed@example.org", "+1 555 0100", "https://www.linkedin.com/in/typed"))
        self.assertEqual(typed.candidate_skill_ids.skill_level_id, lowest)
        self.assertEqual(len(typed.candidate_skill_ids), 1)
        # empty fields are filled, matched skills added with the CV's level
        self.assertEqual((empty.email_from, empty.partner_phone, empty.linkedin_profile), (
            "lena.okafor@example.net", "+49 30 901820 77", "https://www.linkedin.com/in/lena-okafor"))
        added = {s.skill_id: s.skill_level_id for s in empty.candidate_skill_ids}
        self.assertEqual(set(added), set(empty.cv_skill_ids.skill_id))
        self.assertEqual(added[self.python], self.top_level(self.python))   # "Python (expert)"
        log = empty.message_ids.filtered(lambda m: "CV suggestions applied" in (m.body or ""))
        self.assertTrue(log)
        self.assertIn("Python", log[0].body)
        self.assertIn("e-mail set to", log[0].body)
        # applying twice changes nothing more
        empty.action_apply_cv_suggestions()
        self.assertEqual(len(empty.candidate_skill_ids), len(added))

    def test_skill_without_a_stated_level_gets_the_default_level(self):
        cand = self.candidate()
        blocks = CV_BLOCKS[:-1] + [("line", "Go, Kubernetes")]
        self.attach(cand, "cv.pdf", render.to_pdf(blocks))
        cand.action_parse_cv()
        cand.action_apply_cv_suggestions()
        # Go from the skills section, Python from a work line ("...in Python and Kubernetes"): no level stated
        added = {s.skill_id: s.skill_level_id for s in cand.candidate_skill_ids}
        self.assertEqual(added[self.go], self.default_level(self.go))
        self.assertEqual(added[self.python], self.default_level(self.python))
        found = cand.cv_skill_ids.filtered(lambda s: s.skill_id == self.python)
        self.assertEqual(found.evidence, "Built the refunds service in Python and Kubernetes for 30 markets")

    # ------------------------------------------------------------------ scheduled action
    def test_cron_parses_new_cvs_once(self):
        cands = self.env["hr.candidate"]
        for n in range(3):
            cand = self.candidate("Cron %d" % n)
            self.attach(cand, "cv.txt", render.to_text(CV_BLOCKS).encode(), "text/plain")
            cands |= cand
        bad = self.candidate("Cron bad")
        self.attach(bad, "cv.txt", b"", "text/plain")
        todo = set(self.env["hr.candidate"]._cv_todo_ids(10000))
        self.assertTrue(set((cands | bad).ids) <= todo)
        res = self.env["hr.candidate"]._cron_parse_cv(batch_size=2)
        self.assertEqual(res["remaining"], 0)
        self.assertTrue(all(c.cv_experience_ids for c in cands))
        self.assertIn("empty", bad.cv_parse_message)
        self.assertFalse(set((cands | bad).ids) & set(self.env["hr.candidate"]._cv_todo_ids(10000)),
                         "a parsed candidate (even with a bad file) is not parsed again")
        # a file attached after the last parse brings the candidate back
        bad.cv_parsed_at = "2000-01-01 00:00:00"
        self.assertIn(bad.id, self.env["hr.candidate"]._cv_todo_ids(10000))

    def test_reparse_keeps_unchanged_results_and_follows_a_new_file(self):
        cand = self.candidate()
        self.attach(cand, "cv.pdf", render.to_pdf(CV_BLOCKS))
        cand.action_parse_cv()
        first = cand.cv_experience_ids
        cand.action_parse_cv()
        self.assertEqual(cand.cv_experience_ids, first, "the same result is not rewritten")
        blocks = CV_BLOCKS[:8] + CV_BLOCKS[10:]   # the N26 entry removed
        self.attach(cand, "cv_2026.pdf", render.to_pdf(blocks))
        cand.action_parse_cv()
        self.assertEqual(cand.cv_experience_ids.mapped("employer"), ["Zalando SE"])
        self.assertIn("cv_2026.pdf", cand.cv_parse_message)

    def test_results_follow_the_candidate_company(self):
        other = self.env["res.company"].create({"name": "CV test company B"})
        cand = self.candidate(company_id=other.id)
        self.attach(cand, "cv.txt", render.to_text(CV_BLOCKS).encode(), "text/plain")
        cand.action_parse_cv()
        self.assertTrue(cand.cv_experience_ids)
        self.assertEqual(cand.cv_experience_ids.company_id, other)
        # a recruiter of the main company only sees none of company B's CV results
        Exp = self.env["hr.talent.cv.experience"].with_user(self.recruiter).with_context(
            allowed_company_ids=self.recruiter.company_ids.ids)
        self.assertNotIn(other, self.recruiter.company_ids)
        self.assertFalse(Exp.search([("candidate_id", "=", cand.id)]))
        for model in ("hr.talent.cv.education", "hr.talent.cv.skill"):
            self.assertFalse(self.env[model].with_user(self.recruiter).search([("candidate_id", "=", cand.id)]))
