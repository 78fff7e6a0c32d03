"""Tour in Chromium: open an applicant by URL, click Score fit, see score and explanation."""
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestFitTour(HttpCase):
    def test_fit_tour(self):
        self.env.ref("base.user_admin").groups_id |= self.env.ref("hr_talent_ai.group_talent_ai_user")
        self.env["hr.talent.engine"]._get_text_encoder()
        job = self.env["hr.job"].create({
            "name": "Backend Python Developer",
            "description": "<ul><li>Design and build REST APIs with Django</li>"
                           "<li>Strong PostgreSQL skills: schema design, query tuning</li></ul>"})
        cand = self.env["hr.candidate"].create({"partner_name": "Tour Person"})
        app = self.env["hr.applicant"].create({"candidate_id": cand.id, "job_id": job.id})
        self.env["ir.attachment"].create({
            "name": "cv.txt", "mimetype": "text/plain", "res_model": "hr.applicant", "res_id": app.id,
            "raw": b"Backend developer, 6 years.\nDesigned and built REST APIs with Django for a retailer.\n"
                   b"Tuned PostgreSQL queries and designed the schema of the order database."})
        self.start_tour("/odoo/hr.applicant/%d" % app.id, "hr_talent_ai_fit_tour", login="admin", timeout=120)
        self.assertTrue(app.fit_band)
