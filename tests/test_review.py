"""Performance reviews on a real database with the real ONNX models: the analysis works on a
database without demo data (the shipped default head is registered on first use), bad input
gets a message and loses nothing, the checks are shown before "mark done", the AI never sets a
rating, and a development area reaches the training path only once the reviewer confirms it."""
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

REVIEW = (
    "Jordan closed 340 support tickets this year and kept the satisfaction score above 90 percent. "
    "Jordan is a bit bossy with the juniors. Great job overall! "
    "Since coming back from maternity leave Jordan has been less available. "
    "Jordan missed three of the five project deadlines this year without warning anyone."
)


@tagged("post_install", "-at_install", "talent_review")
class TestReview(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_user = new_test_user(cls.env, "rev_mgr", groups="base.group_user")
        cls.boss = cls.env["hr.employee"].create({"name": "Rowan Boss", "user_id": cls.manager_user.id})
        cls.emp = cls.env["hr.employee"].create({"name": "Jordan Example", "parent_id": cls.boss.id})
        cls.Review = cls.env["hr.talent.review"]

    def _review(self, body=REVIEW, **vals):
        return self.Review.with_user(self.manager_user).create(
            dict({"employee_id": self.emp.id, "body": body, "period": "2026"}, **vals))

    def test_analyze_on_any_database(self):
        review = self._review(rating="5")
        review.action_analyze_review()
        model = self.env["hr.talent.model"]._get_active("review")
        self.assertEqual(model.state, "active")
        # the shipped sentiment model (installed with the add-on) reads polarity and dimension
        sentiment = self.env["hr.talent.model"].sudo()._get_active("sentiment")
        self.assertEqual(review.analyzed_model, "%s + %s" % (model.name, sentiment.name))
        ins = review.insight_ids.sorted("sequence")
        self.assertEqual(len(ins), 5)
        self.assertEqual(ins.mapped("sentence")[0][:13], "Jordan closed")
        by = {i.sentence.split()[2] if i.sentence.startswith("Jordan") else i.sentence.split()[0]: i for i in ins}
        self.assertEqual(ins[1].flag, "personality")
        self.assertEqual(ins[2].flag, "vague")
        self.assertEqual(ins[3].flag, "identity")
        self.assertIn("pregnancy or family", ins[3].suggestion)
        self.assertEqual(ins[4].polarity, "negative")
        self.assertEqual(ins[0].polarity, "positive")
        self.assertFalse(ins[0].flag)
        for i in ins:
            self.assertIn(i.dimension, dict(i._fields["dimension"].selection))
        self.assertGreaterEqual(review.flag_count, 3)
        self.assertTrue(review.summary_html)
        self.assertIn("bossy", review.flags_html)
        self.assertTrue(by)

    def test_rating_mismatch_and_ai_never_sets_rating(self):
        negative = ("Jordan missed three of the five project deadlines this year without warning anyone. "
                    "The backups Jordan was responsible for had not run for two months when the server failed. "
                    "Customers complained twice that Jordan did not explain the repair costs before starting.")
        review = self._review(body=negative, rating="5")
        review.action_analyze_review()
        self.assertTrue(review.rating_mismatch)
        self.assertEqual(review.rating, "5")
        review.rating = "2"
        self.assertFalse(review.rating_mismatch)
        unrated = self._review(body=negative)
        unrated.action_analyze_review()
        self.assertFalse(unrated.rating)
        self.assertFalse(unrated.rating_mismatch)

    def test_checks_shown_before_done(self):
        review = self._review(rating="3")
        first = review.action_mark_done()
        self.assertEqual(review.state, "draft", "flags must be shown before the review is done")
        self.assertEqual(first["params"]["type"], "warning")
        self.assertIn("%s fair-language flags:" % review.flag_count, first["params"]["message"])
        self.assertTrue(review.insight_ids)
        review.action_mark_done()
        self.assertEqual(review.state, "done")
        clean = self._review(body="Jordan closed 340 support tickets this year, the most in the team.")
        clean.action_mark_done()
        self.assertEqual(clean.state, "done", "a review without flags is done at the first press")

    def test_checks_message_in_words(self):
        """"1 fair-language flag", "a rating mismatch": no "flag(s)", no "0 flags and"."""
        one = self._review(body="Jordan closed 340 support tickets this year. Great job!", rating="4")
        one.action_analyze_review()
        self.assertEqual(one.flag_count, 1)
        self.assertTrue(one._checks_message().startswith("1 fair-language flag: read them"))
        negative = ("Jordan missed three of the five project deadlines this year without warning anyone. "
                    "Customers complained twice that Jordan did not explain the repair costs before starting.")
        mismatch = self._review(body=negative, rating="5")
        mismatch.action_analyze_review()
        self.assertEqual((mismatch.flag_count, mismatch.rating_mismatch), (0, True))
        self.assertTrue(mismatch._checks_message().startswith("a rating mismatch: read them"))

    def test_bad_input_message_keeps_text(self):
        for body in ("", "   ", "🙂🙂🙂 !!! 123"):
            review = self._review(body=body)
            with self.assertRaises(UserError):
                review.action_analyze_review()
            self.assertEqual(review.body or "", body)
        french = self._review(body="Il communique bien avec les clients mais ses rapports arrivent souvent en retard.")
        with self.assertRaises(UserError) as exc:
            french.action_analyze_review()
        self.assertIn("written in French", str(exc.exception))
        self.assertFalse(french.insight_ids)
        reviews = self._review(body="🙂🙂") | self._review(body="Jordan closed 340 support tickets this year.")
        result = reviews.action_analyze_review()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertTrue(reviews[0].analysis_error)
        self.assertTrue(reviews[1].insight_ids)
        self.assertEqual(reviews[0].body, "🙂🙂")

    def test_correction_is_kept_on_reanalysis(self):
        review = self._review()
        review.action_analyze_review()
        first = review.insight_ids.sorted("sequence")[0]
        first.with_user(self.manager_user).write({"dimension": "reliability"})
        self.assertTrue(first.corrected)
        review.body = review.body + " Jordan always follows through on the actions from our meetings."
        review.action_analyze_review()
        self.assertEqual(review.insight_ids.sorted("sequence")[0].dimension, "reliability")
        self.assertEqual(len(review.insight_ids), 6)

    def test_development_area_needs_confirmation(self):
        skill_type = self.env["hr.skill.type"].create({
            "name": "Review soft skills",
            "skill_level_ids": [(0, 0, {"name": "Basic", "level_progress": 20}),
                                (0, 0, {"name": "Good", "level_progress": 80})],
            "skill_ids": [(0, 0, {"name": "Planning and deadlines"})],
        })
        skill = skill_type.skill_ids
        dim = self.env.ref("hr_talent_ai.review_dimension_reliability")
        self.env["hr.talent.review.dimension.skill"].create({"dimension_id": dim.id, "skill_id": skill.id})
        body = ("Jordan missed three of the five project deadlines this year without warning anyone. "
                "Promised documents arrive days after the date Jordan gave.")
        review = self._review(body=body)
        review.action_mark_done()
        self.assertEqual(review.state, "done")
        areas = review.development_ids
        self.assertTrue(areas, "a negative reliability sentence suggests a development area")
        area = areas.filtered(lambda a: a.dimension_id == dim)
        self.assertEqual(area.state, "suggested")
        self.assertEqual(area.skill_ids, skill)
        # not confirmed: the training path ignores it
        self.assertNotIn(skill.id, self.emp._training_review_levels())
        self.emp.action_compute_training_path()
        self.assertEqual(self.emp.training_path_state, "no_target")
        area.with_user(self.manager_user).action_confirm()
        self.assertEqual(area.state, "confirmed")
        levels = self.emp._training_review_levels()
        self.assertEqual(levels[skill.id][0], 80)
        self.emp.action_compute_training_path()
        self.assertNotEqual(self.emp.training_path_state, "no_target")
        self.assertIn(review.display_name, self.emp.training_gap_summary)

    def test_review_written_as_a_form(self):
        """Headings are no sentences (no insight, no fair-language flag); the items under
        "Areas for development" are development areas even when they read as nothing alone."""
        body = ("Strengths:\n- Always on time for the early shifts\n- Customers ask for Jordan by name\n\n"
                "Areas for development:\n- Stock rotation in the chiller\n- Speaking up in team meetings\n\n"
                "Goals for next year\n- Lead the Q3 stock audit")
        review = self._review(body=body)
        review.action_mark_done()
        ins = review.insight_ids.sorted("sequence")
        self.assertEqual(len(ins), 5)
        self.assertFalse({"Strengths:", "Areas for development:", "Goals for next year"} & set(ins.mapped("sentence")))
        by = {i.sentence: i for i in ins}
        for item in ("Stock rotation in the chiller", "Speaking up in team meetings"):
            self.assertEqual((by[item].section, by[item].polarity), ("development", "negative"))
        self.assertEqual(by["Customers ask for Jordan by name"].polarity, "positive")
        self.assertEqual((by["Lead the Q3 stock audit"].section, by["Lead the Q3 stock audit"].polarity),
                         ("goals", "neutral"))
        evidence = "\n".join(review.development_ids.mapped("evidence"))
        self.assertIn("Stock rotation in the chiller", evidence)
        self.assertNotIn("Lead the Q3 stock audit", evidence)

    def test_results_growth_and_identity_read_as_written(self):
        """A bad measure that fell is good news, growth told as a fact is a strength, an identity
        word said of the person is flagged and the same word about a ward is not (ml.review.checks:
        measure_change, growth_praise, identity_of_person), through the ORM on any database."""
        body = ("Customer complaints on Jordan's route fell from fourteen last year to four. "
                "Jordan has become much more confident on the phones. "
                "Jordan has a stammer, which makes the client calls awkward. "
                "Jordan is our specialist for the maternity ward's stock orders.")
        review = self._review(body=body)
        review.action_mark_done()
        ins = review.insight_ids.sorted("sequence")
        self.assertEqual(len(ins), 4)
        self.assertEqual(ins.mapped("polarity")[:2], ["positive", "positive"])
        self.assertEqual([i.flag or "" for i in ins][2:], ["identity", ""])
        evidence = "\n".join(review.development_ids.mapped("evidence"))
        self.assertNotIn("complaints", evidence)
        self.assertNotIn("confident", evidence)

    def test_damaged_model_keeps_the_text_of_a_done_review(self):
        review = self._review(body="Jordan closed 340 support tickets this year, the most in the team.")
        review.action_mark_done()
        self.assertEqual(review.state, "done")
        Model = self.env["hr.talent.model"]
        active = Model._get_active("review")
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".onnx") as f:
            f.write(b"not an onnx file")
            f.flush()
            broken = Model._register_model("review", f.name, {}, "damaged", activate=False)
        active.write({"state": "retired"})
        active.flush_recordset()
        broken.write({"state": "active"})
        review.write({"body": "Jordan closed 350 support tickets this year, the most in the team."})
        self.assertIn("350 support tickets", review.body)
        self.assertTrue(review.analysis_error)
        self.assertEqual(review.analysis_state, "error")
        with self.assertRaises(UserError):
            review.action_analyze_review()
