"""Counterfactual fairness: the same CV under another name, pronouns, title, age or family
status scores within one point, on the zero-shot path and on a trained model; a person's
photo never reaches the image branch."""
import base64
import io

from odoo.tests import tagged

from .test_fit import FitCase

# One accountant CV, written in the third person so that pronouns appear in the body.
CV = ("{name}\n{email} | {phone}\n{intro}\n"
      "Summary: {S} is a chartered accountant (ACCA) with 4 years in practice. {S} closed the books every month "
      "for small businesses in Odoo and produced their annual accounts.\n"
      "{S} did the bank reconciliations, accounts payable runs and VAT filings for 25 clients; {P} clients kept "
      "{O} on for {P} reliability.\n"
      "{S} prepared payroll journals and management reports in Excel by {R}.\n")
PRONOUNS = {"he": dict(S="He", P="his", O="him", R="himself"),
            "she": dict(S="She", P="her", O="her", R="herself"),
            "they": dict(S="They", P="their", O="them", R="themselves")}
# (name, pronouns, intro line): names from many cultures, every pronoun set, titles, ages,
# birth dates, gender, marital and family status
VARIANTS = [
    ("Emily Walsh", "she", "Ms Emily Walsh, she/her, 24 years old"),
    ("James O'Connor", "he", "Mr. James O'Connor, aged 58, married, father of three"),
    ("Alex Morgan", "they", "Mx Alex Morgan, pronouns: they/them"),
    ("Mohammed Al-Rashid", "he", "Date of birth: 12/03/1966, Saudi, married"),
    ("Nguyen Thi Lan", "she", "Born in 1999, Vietnamese, single mother"),
    ("Oluwaseun Adeyemi", "he", "Nigerian, 61 years old, grandfather"),
    ("Zofia Kowalczyk", "she", "Mrs. Kowalczyk, I am 45, mother of two, returning from maternity leave"),
    ("Priya Raghunathan", "she", "Indian citizen, in her fifties, gender: female"),
    ("Chen Wei", "they", "Chinese, DOB: 1 January 1960"),
    ("José García", "he", "Spanish, 33 yrs old, husband and father"),
]


def cv_text(name, pronouns, intro):
    first = name.split()[0].lower().replace("é", "e")
    return CV.format(name=name, email="%s@example.com" % first, phone="+44 7700 900%03d" % len(name),
                     intro=intro, **PRONOUNS[pronouns])


def png_bytes(color="red"):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (32, 32), color).save(buf, "PNG")
    return buf.getvalue()


class CounterfactualMixin:
    def score_variants(self, job):
        apps = self.env["hr.applicant"]
        for name, pronouns, intro in VARIANTS:
            cand = self.env["hr.candidate"].create({"partner_name": name, "email_from": "%s@example.com" % name.split()[0]})
            app = self.env["hr.applicant"].create({"candidate_id": cand.id, "job_id": job.id})
            self.env["ir.attachment"].create({"name": "cv.txt", "raw": cv_text(name, pronouns, intro).encode(),
                                              "res_model": "hr.candidate", "res_id": cand.id,
                                              "mimetype": "text/plain"})
            apps |= app
        apps.action_compute_fit()
        return apps

    def assert_within_one_point(self, apps, method):
        self.assertEqual(set(apps.mapped("fit_method")), {method}, apps.mapped("fit_message"))
        scores = dict(zip([v[0] for v in VARIANTS], apps.mapped("fit_score")))
        self.assertTrue(all(scores.values()), scores)
        spread = max(scores.values()) - min(scores.values())
        self.assertLessEqual(spread, 1.0, "scores moved with identity: %s" % scores)
        for app, (name, _p, _i) in zip(apps, VARIANTS):
            html = str(app.fit_explanation)
            for token in name.split() + ["@example.com", "7700"]:
                self.assertNotIn(token, html, "identity shown in the explanation of %s" % name)


@tagged("post_install", "-at_install")
class TestCounterfactualZeroShot(CounterfactualMixin, FitCase):
    own_company = True

    def test_identity_does_not_move_the_zero_shot_score(self):
        apps = self.score_variants(self.jobs["accountant"])
        self.assert_within_one_point(apps, "zero_shot")
        self.assertIn(apps[0].fit_band, ("strong", "good"), "the CV itself is a good accountant CV")

    def test_photo_of_the_person_never_reaches_the_image_branch(self):
        """The candidate's and the partner's avatar are image fields (attachments with res_field):
        never gathered as work samples, even when the job opts in to image features."""
        job = self.jobs["accountant"]
        job.fit_use_clip = True
        app = self.make_applicant("accountant", self.cvs["ac_did_2"]["text"])
        app.candidate_id.partner_id.image_1920 = base64.b64encode(png_bytes("blue"))
        if "image_1920" in app.candidate_id._fields:
            app.candidate_id.image_1920 = base64.b64encode(png_bytes("green"))
        sample = self.env["ir.attachment"].create({
            "name": "dashboard.png", "raw": png_bytes("red"), "res_model": "hr.applicant", "res_id": app.id,
            "mimetype": "image/png"})
        images = app._fit_gather()[app.id]["images"]
        self.assertEqual([i["id"] for i in images], sample.ids, "only attached work samples, no avatar")
        avatars = self.env["ir.attachment"].sudo().search([
            ("res_model", "in", ("res.partner", "hr.candidate")), ("res_field", "=", "image_1920"),
            ("res_id", "in", (app.candidate_id.partner_id.id, app.candidate_id.id))])
        self.assertTrue(avatars, "the avatar is stored as a field attachment")
        self.assertFalse(set(avatars.ids) & {i["id"] for i in images})


@tagged("post_install", "-at_install")
class TestCounterfactualTrained(CounterfactualMixin, FitCase):
    """The demo company's trained model (installed with the demo data) on one of its jobs."""

    def test_identity_does_not_move_the_trained_score(self):
        model = self.env["hr.talent.model"]._get_active("fit", raise_if_missing=False)
        self.assertTrue(model, "the demo data trains and activates a fit model for the main company")
        job = self.env["hr.job"].search([("name", "=", "Financial Accountant"),
                                         ("company_id", "in", (False, self.env.company.id))], limit=1)
        self.assertTrue(job, "demo job Financial Accountant")
        apps = self.score_variants(job)
        self.assert_within_one_point(apps, "trained")
