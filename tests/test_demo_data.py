"""Demo data: counts, determinism, outcome vs latent fit, CV indexation, name independence.

Runs on a database installed with demo data (then it checks what the install created) or
without (then it loads the demo inside the test transaction, without training models).
"""

import statistics
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

from ..models.hr_talent_demo import MODULE, build_plan, latent_fit

JOB_PREFIX, APP_PREFIX, EMP_PREFIX = "demo_job_", "demo_applicant_", "demo_employee_"


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref(f"{MODULE}.{JOB_PREFIX}backend_python", raise_if_not_found=False):
            cls.env["hr.talent.demo"]._load_demo(train=False)
        cls.plan = build_plan()
        cls.apps_by_key = {a["key"]: a for a in cls.plan["applicants"]}
        cls.applicants = cls._by_xmlid("hr.applicant", APP_PREFIX)
        cls.employees = cls._by_xmlid("hr.employee", EMP_PREFIX)
        cls.jobs = cls._by_xmlid("hr.job", JOB_PREFIX)

    @classmethod
    def _by_xmlid(cls, model, prefix):
        data = cls.env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", model),
                                               ("name", "=like", f"{prefix}%")])
        records = cls.env[model].with_context(active_test=False).browse(data.mapped("res_id"))
        return {d.name[len(prefix):]: rec for d, rec in zip(data, records)}

    @staticmethod
    def _status_of(applicant):
        if applicant.stage_id.hired_stage:
            return "hired"
        if not applicant.active and applicant.refuse_reason_id:
            return "refused"
        return "in_progress"

    def test_jobs(self):
        self.assertGreaterEqual(len(self.jobs), 8)
        for job in self.jobs.values():
            self.assertTrue(job.department_id, job.name)
            self.assertGreaterEqual(str(job.description).count("<li>"), 8, job.name)
            self.assertGreaterEqual(len(job.skill_ids), 4, job.name)
            levels = job.skill_ids.skill_type_id.skill_level_ids
            self.assertTrue(levels, "skill types of expected skills must have levels")

    def test_applicants_counts_and_mechanics(self):
        apps = list(self.applicants.values())
        self.assertGreaterEqual(len(apps), 400)
        outcomes = [self._status_of(a) for a in apps]
        self.assertGreaterEqual(outcomes.count("hired"), 50)
        self.assertGreaterEqual(outcomes.count("refused"), 150)
        for job in self.jobs.values():
            in_progress = [a for a in apps if a.job_id == job and self._status_of(a) == "in_progress"]
            self.assertGreaterEqual(len(in_progress), 3, f"{job.name} needs applicants in progress")
            self.assertTrue(all(a.active for a in in_progress))
        for app in apps:
            self.assertTrue(app.candidate_id.partner_name)
            if self._status_of(app) == "hired":
                self.assertTrue(app.date_closed and app.active)
            elif self._status_of(app) == "refused":
                self.assertFalse(app.date_closed)
                self.assertTrue(app.refuse_date)
        # applications arrived over two years: "Applied on" and delays mean something
        created = [a.create_date for a in apps]
        self.assertGreater((max(created) - min(created)).days, 300)
        self.assertTrue(all(a.delay_close >= 0 for a in apps if a.date_closed))
        self.assertLess(min(created), fields.Datetime.now() - timedelta(days=300))
        with_skills = [a for a in apps if a.candidate_id.candidate_skill_ids]
        self.assertGreater(len(with_skills), len(apps) * 0.4)
        self.assertLess(len(with_skills), len(apps), "only part of the candidates have skills")

    def test_outcomes_deterministic_and_follow_latent_fit(self):
        self.assertEqual([a["outcome"] for a in build_plan()["applicants"]],
                         [a["outcome"] for a in self.plan["applicants"]], "plan must be deterministic")
        latents = {"hired": [], "refused": []}
        skill_match = {"hired": [], "refused": []}
        for key, app in self.applicants.items():
            planned = self.apps_by_key[key]
            expected = {"declined": "refused"}.get(planned["outcome"], planned["outcome"])
            self.assertEqual(self._status_of(app), expected, key)
            self.assertEqual(app.candidate_id.partner_name, planned["name"], key)
            if expected in latents and planned["outcome"] != "declined":
                latents[expected].append(planned["latent"])
                skill_match[expected].append(len(planned["skills"]) / len(app.job_id.skill_ids))
        self.assertGreater(statistics.mean(skill_match["hired"]), statistics.mean(skill_match["refused"]) + 0.2)
        hired, refused = statistics.mean(latents["hired"]), statistics.mean(latents["refused"])
        self.assertGreater(hired, refused + 0.2, f"hired {hired:.2f} vs refused {refused:.2f}")
        # noise: the outcome is not a pure threshold on the latent fit
        min_hired = min(latents["hired"])
        self.assertTrue(any(lat > min_hired for lat in latents["refused"]))

    def test_traps_only_for_weaker_applicants(self):
        trap_apps = [a for a in self.plan["applicants"] if a["traps"]]
        self.assertGreater(len(trap_apps), 60)
        kinds = {kind for a in trap_apps for kind, _s in a["traps"]}
        self.assertEqual(kinds, {"studied", "aspires", "managed", "recruited", "tested", "audited"})
        doers = [a["latent"] for a in self.plan["applicants"] if a["archetype"] == "doer"]
        self.assertGreater(statistics.mean(doers), statistics.mean(a["latent"] for a in trap_apps) + 0.3)
        # the trap applicants use the job's words: they claim every expected skill
        job_skills = {j["key"]: len(j["skills"]) for j in self.plan["jobs"]}
        for app in (a for a in trap_apps if a["archetype"] == "trap"):
            self.assertEqual(len(app["claimed_skills"]), job_skills[app["job_key"]])

    def test_names_never_drive_outcomes(self):
        other = build_plan(name_seed=7)
        names_a = [a["name"] for a in self.plan["applicants"]]
        names_b = [a["name"] for a in other["applicants"]]
        self.assertNotEqual(names_a, names_b)
        for a, b in zip(self.plan["applicants"], other["applicants"]):
            self.assertEqual((a["outcome"], a["latent"], a["cv_body"]), (b["outcome"], b["latent"], b["cv_body"]))
            self.assertNotIn(a["name"], a["cv_body"])
        # the latent fit is a function of work, skills and years only
        self.assertEqual(latent_fit.__code__.co_varnames[:latent_fit.__code__.co_argcount],
                         ("did_count", "n_requirements", "skill_levels", "n_job_skills", "relevant_years"))
        # same first name -> both outcomes occur (no name effect hidden in the data)
        by_first = {}
        for app in self.plan["applicants"]:
            if app["outcome"] in ("hired", "refused"):
                by_first.setdefault(app["name"].split()[0], set()).add(app["outcome"])
        mixed = sum(1 for outcomes in by_first.values() if len(outcomes) == 2)
        self.assertGreater(mixed, len(by_first) * 0.6)

    def test_cvs_attached_and_indexed(self):
        candidates = self.env["hr.candidate"].browse([a.candidate_id.id for a in self.applicants.values()])
        attachments = self.env["ir.attachment"].search([("res_model", "=", "hr.candidate"),
                                                        ("res_id", "in", candidates.ids)])
        self.assertEqual(len(attachments), len(candidates), "one CV per demo candidate")
        pdfs = attachments.filtered(lambda a: a.mimetype == "application/pdf")
        texts = attachments.filtered(lambda a: a.mimetype == "text/plain")
        self.assertGreater(len(pdfs), 100)
        self.assertGreater(len(texts), 100)
        cand_to_key = {a.candidate_id.id: k for k, a in self.applicants.items()}
        for att in attachments:
            content = att.index_content or ""
            self.assertTrue(content.strip(), f"{att.name} is not indexed")
            self.assertRegex(content, r"\sPROFILE\s", f"{att.name}: lines run together in the index")
            planned = self.apps_by_key[cand_to_key[att.res_id]]
            # the first experience bullet survives extraction, words kept apart
            bullet = next(line for line in planned["cv_body"].split("\n") if line.startswith("- "))
            self.assertIn(" ".join(bullet[2:].split()[:6]), " ".join(content.split()), att.name)
            if att.mimetype == "application/pdf":
                # a PDF's index keeps its lines (models/ir_attachment.py), not Odoo's run-together text
                self.assertIn("\nPROFILE\n", content, f"{att.name}: lines run together in the index")

    def test_pdf_cvs_give_the_fit_one_claim_per_bullet(self):
        """The defect found on the demo: in a PDF CV two bullets were one piece of evidence."""
        by_key = {k: a for k, a in self.applicants.items() if self.apps_by_key[k]["pdf"]}
        apps = self.env["hr.applicant"].browse([a.id for a in list(by_key.values())[:25]])
        self.assertTrue(apps)
        encoder = self.env["hr.talent.engine"]._get_text_encoder(int8=True)
        profiles = apps._fit_profiles(encoder, apps._fit_gather())
        for key, app in by_key.items():
            if app not in apps:
                continue
            _job, cv, _mismatch = profiles[app.id]
            bullets = list(dict.fromkeys(" ".join(line[2:].split()[:5]) for line in
                                         self.apps_by_key[key]["cv_body"].split("\n") if line.startswith("- ")))
            for sentence in cv.sentences:
                self.assertLessEqual(sum(b in sentence for b in bullets), 1, f"{app.id}: merged bullets: {sentence}")
            self.assertTrue(any(s.startswith(bullets[0]) for s in cv.sentences), f"{app.id}: {bullets[0]}")

    def test_employees(self):
        self.assertGreaterEqual(len(self.employees), 60)
        for emp in self.employees.values():
            self.assertTrue(emp.job_id and emp.department_id, emp.name)
            self.assertTrue(emp.employee_skill_ids, emp.name)
            self.assertTrue(all(s.skill_level_id for s in emp.employee_skill_ids))
        with_gap = [e for e in self.employees.values() if e.job_id.skill_ids - e.employee_skill_ids.skill_id]
        self.assertTrue(with_gap, "some employees must have a skill gap for training paths")

    def test_feedback(self):
        Feedback = self.env["hr.employee.feedback"]
        rows = Feedback.search([("employee_id", "in", [e.id for e in self.employees.values()])])
        self.assertGreaterEqual(len(rows), 1500)
        if "date" in Feedback._fields:
            today = fields.Date.context_today(Feedback)
            dates = rows.mapped("date")
            self.assertGreaterEqual(min(dates), today - timedelta(days=366))
            self.assertLessEqual(max(dates), today)
            self.assertGreaterEqual((max(dates) - min(dates)).days, 300)
        if "source" in Feedback._fields:
            self.assertEqual(set(rows.mapped("source")), {"pulse", "one_on_one", "exit", "other"})
        # tone drifts per department: Customer Service improves, Sales degrades
        def share(dept, months, tone):
            rows_ = [r for r, e in ((r, self.plan["employees"][r["employee"]]) for r in self.plan["feedback"])
                     if e["department"] == dept and 11 - min(r["days_ago"] // 31, 11) in months]
            return sum(r["tone"] == tone for r in rows_) / len(rows_)
        early, late = range(0, 4), range(8, 12)
        self.assertGreater(share("Customer Service", late, "positive"), share("Customer Service", early, "positive") + 0.1)
        self.assertGreater(share("Sales", late, "negative"), share("Sales", early, "negative") + 0.1)

    def test_reviews_cover_the_quarter_before_their_date(self):
        """Four quarterly reviews per demo employee, each labelled with the calendar quarter it
        covers (the demo once labelled a review of early October "Q1")."""
        from ..demo.data.reviews import reviewed_quarter

        employee = next(iter(self.employees.values()))
        reviews = self.env["hr.talent.review"].search([("employee_id", "=", employee.id)], order="date")
        self.assertEqual(len(reviews), 4)
        self.assertEqual(reviews.mapped("period"), [reviewed_quarter(r.date) for r in reviews])
        self.assertEqual(len(set(reviews.mapped("period"))), 4)
        self.assertEqual(reviewed_quarter(fields.Date.to_date("2026-10-02")), "2026 Q3")
        self.assertEqual(reviewed_quarter(fields.Date.to_date("2026-01-05")), "2025 Q4")

    def test_some_demo_reviews_are_written_as_a_form(self):
        """Every third employee's latest review lists strengths and development areas under headings:
        the headings are no insight, and the items take their heading's side."""
        forms = self.env["hr.talent.review"].search([("body", "like", "Areas for development:")])
        self.assertTrue(forms)
        insights = forms.insight_ids
        self.assertTrue(insights, "the demo's reviews are analysed at install")
        self.assertFalse({"Strengths:", "Areas for development:"} & set(insights.mapped("sentence")))
        development = insights.filtered(lambda i: i.section == "development")
        self.assertTrue(development)
        self.assertEqual(set(development.mapped("polarity")), {"negative"})
        self.assertEqual(set(insights.filtered(lambda i: i.section == "strengths").mapped("polarity")), {"positive"})

    def test_courses_and_training_history(self):
        Course = self.env["hr.talent.course"]
        names = [c[1] for c in build_plan()["courses"]]
        courses = {c.name: c for c in Course.search([("name", "in", names)])}
        self.assertGreaterEqual(len(courses), 40)
        if "skill_ids" in Course._fields:
            self.assertTrue(all(c.skill_ids for c in courses.values()))
        if "prerequisite_ids" in Course._fields:
            self.assertGreaterEqual(sum(1 for c in courses.values() if c.prerequisite_ids), 20)
        if "duration_hours" in Course._fields:
            self.assertTrue(all(c.duration_hours > 0 for c in courses.values()))
        Step = self.env["hr.talent.training.step"]
        if "status" in Step._fields:
            done = Step.search([("employee_id", "in", [e.id for e in self.employees.values()]),
                                ("status", "=", "done")])
            self.assertGreaterEqual(len(done), 60)
        # the plan's done courses raised the employees' skills
        raised = [e for e in self.plan["employees"] if any(s["gained"] for s in e["steps"])]
        self.assertGreater(len(raised), 20)

    def test_load_is_idempotent(self):
        count = self.env["hr.applicant"].with_context(active_test=False).search_count([])
        self.env["hr.talent.demo"]._load_demo(train=False)
        self.assertEqual(self.env["hr.applicant"].with_context(active_test=False).search_count([]), count)
