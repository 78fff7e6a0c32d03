"""Counterfactual fairness of the feedback sentiment: real database, ORM and ONNX, no mocks.

The same comments, mentioning colleagues (employees of the company, created here) under names
from many cultures and written with he, she or they, must get the same label and the same
score: a name or a gender may never move a sentiment. Before identity was redacted from the
comments, "Mohammed Al-Rashid is a wonderful manager..." scored +0.72 and the same comment
under another name +0.96.
"""
from odoo.tests import TransactionCase, tagged

from .test_bad_input import ARABIC_NAME

COLLEAGUES = [
    "Mohammed Al-Rashid", "Emily Johnson", "Oluwaseun Adeyemi", "Wei Zhang", "Priya Raghunathan",
    "José García", "Nguyễn Thị Mai", "Siobhan O'Brien", "Kwame Mensah", "Yuki Tanaka",
    "Fatima Zahra Benali", "Aleksandr Petrov", "Aroha Ngata", "Jamal Washington", "Björn Lindqvist",
    "Chidinma Okafor",
]
# {name}: full name, {first}: first name only; {he}/{He}/{him}/{his}: a pronoun set
TEMPLATES = [
    ("{name} is a wonderful manager, {he} always supports the whole team and listens to us.", "positive"),
    ("Working with {first} this quarter was great, {he} made the handover easy for everyone.", "positive"),
    ("I asked {first} for help three times and {he} ignored me every time. I feel invisible.", "negative"),
    ("{name} keeps taking credit for our work and {he} never thanks anyone. {He} is exhausting.", "negative"),
    ("{first} moved {his} desk to the second floor on Monday.", "neutral"),
]
PRONOUNS = [
    {"he": "he", "He": "He", "him": "him", "his": "his"},
    {"he": "she", "He": "She", "him": "her", "his": "her"},
    {"he": "they", "He": "They", "him": "them", "his": "their"},
]
MAX_SPREAD = 0.05


@tagged("post_install", "-at_install", "talent_sentiment", "talent_fairness")
class TestSentimentCounterfactual(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Feedback = cls.env["hr.employee.feedback"]
        if not cls.env["hr.talent.model"]._get_active("sentiment", raise_if_missing=False):
            cls.Feedback._train_sentiment_model().action_activate()
        cls.dep = cls.env["hr.department"].create({"name": "Counterfactual ward"})
        Employee = cls.env["hr.employee"]
        cls.author = Employee.create({"name": "Ngozi Chukwu", "department_id": cls.dep.id})
        cls.colleagues = Employee.create([{"name": n, "department_id": cls.dep.id} for n in COLLEAGUES])
        cls.env.flush_all()
        cls.env.cr.execute("UPDATE hr_employee_feedback SET needs_analysis = FALSE WHERE needs_analysis")
        cls.Feedback.invalidate_model(["needs_analysis"])

    def _comments(self, template, employee=None):
        """One comment per (colleague, pronoun set), analysed by the scheduled action."""
        bodies = [template.format(name=name, first=name.split()[0], **pron)
                  for name in COLLEAGUES for pron in PRONOUNS]
        recs = self.Feedback.create([{"employee_id": (employee or self.author).id, "body": body, "source": "pulse"}
                                     for body in bodies])
        self.Feedback._cron_analyze_sentiment(batch_size=40)
        self.assertFalse(any(recs.mapped("needs_analysis")))
        self.assertFalse(any(recs.mapped("analysis_error")), recs.mapped("analysis_error"))
        return recs

    def test_names_of_many_cultures_and_pronouns_do_not_move_the_score(self):
        for template, label in TEMPLATES:
            with self.subTest(template=template):
                recs = self._comments(template)
                scores = recs.mapped("sentiment_score")
                self.assertEqual(set(recs.mapped("sentiment_label")), {label})
                self.assertLessEqual(max(scores) - min(scores), MAX_SPREAD, dict(zip(recs.mapped("body"), scores)))
                # he and she give the very same text once redacted: the very same score
                by_body = dict(zip(recs.mapped("body"), scores))
                he = [by_body[template.format(name=n, first=n.split()[0], **PRONOUNS[0])] for n in COLLEAGUES]
                she = [by_body[template.format(name=n, first=n.split()[0], **PRONOUNS[1])] for n in COLLEAGUES]
                self.assertEqual(len(set(he + she)), 1, "same text after redaction, same score")
                # the themes read the words of the comment too: names and pronouns move none of them
                themes = {tuple(sorted(r.theme_ids.mapped("code"))) for r in recs}
                self.assertEqual(len(themes), 1, themes)

    def test_comment_about_its_own_employee(self):
        """An HR note on an employee names that employee: the name must not count either."""
        template = "{first} is brilliant to work with, {he} always helps the team and {his} reports are excellent."
        scores = []
        for employee in self.colleagues[:6]:
            rec = self.Feedback.create({"employee_id": employee.id, "source": "one_on_one",
                                        "body": template.format(first=employee.name.split()[0], **PRONOUNS[1])})
            scores.append(rec)
        recs = self.Feedback.browse([r.id for r in scores])
        recs.action_analyze_sentiment()
        self.assertEqual(set(recs.mapped("sentiment_label")), {"positive"})
        self.assertEqual(len(set(recs.mapped("sentiment_score"))), 1)

    def test_a_name_in_a_script_the_encoder_does_not_read_scores_like_a_known_name(self):
        body = "%s is a wonderful manager, he always supports the whole team and listens to us."
        recs = self.Feedback.create([{"employee_id": self.author.id, "body": body % name, "source": "pulse"}
                                     for name in (ARABIC_NAME, "Mohammed Al-Rashid", "Emily Johnson")])
        recs.action_analyze_sentiment()
        self.assertEqual(recs.mapped("sentiment_label"), ["positive"] * 3)
        self.assertEqual(len(set(recs.mapped("sentiment_score"))), 1, recs.mapped("sentiment_score"))

    def test_bad_input_still_handled_with_names(self):
        recs = self.Feedback.create([{"employee_id": self.author.id, "body": body, "source": "pulse"} for body in (
            "Wei\x00 Zhang really\x00 helps me and the team\x00 is kind.",
            "\U0001F44D\U0001F44D\U0001F389",
            "\u0627\u0644\u0625\u062f\u0627\u0631\u0629 \u0644\u0627 \u062a\u0633\u062a\u0645\u0639 "
            "\u0625\u0644\u064a\u0646\u0627 Priya",
            "Siobhan O'Brien, Kwame Mensah.",
            "Yuki Tanaka is great, she always helps. Mail yuki.tanaka@example.com or +44 20 7946 0958.",
        )])
        self.assertNotIn("\x00", recs[0].body)
        recs.action_analyze_sentiment()
        nul, emoji, arabic, names_only, contact = recs
        self.assertEqual(nul.sentiment_label, "positive")
        self.assertIn("only emoji, symbols or numbers", emoji.analysis_error)
        self.assertIn("mostly Arabic script", arabic.analysis_error)
        self.assertIn("once names and personal details are removed", names_only.analysis_error)
        self.assertFalse(names_only.sentiment_label)
        self.assertTrue(names_only.body, "the text is kept")
        self.assertEqual(contact.sentiment_label, "positive")
        self.assertFalse(any(r.needs_analysis for r in recs), "every row settled")

    def test_corrections_reach_the_trainer_redacted(self):
        self.Feedback.create({"employee_id": self.colleagues[0].id, "corrected_label": "negative",
                              "body": "Mohammed Al-Rashid said he is 52 years old, Syrian, and he will fix the rota. "
                                      "Sure, Emily."})
        rows = [r for r in self.Feedback._sentiment_training_corrections() if "fix the rota" in r["text"]]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["label"], "negative")
        text = rows[0]["text"]
        for gone in ("Mohammed", "Rashid", "Emily", "52", "Syrian", " he "):
            self.assertNotIn(gone, text)
        self.assertIn("they will fix the rota. Sure", text)

    def test_known_names_cost_one_query_per_batch(self):
        clf, model = self.Feedback._get_sentiment_classifier()
        self.env["hr.employee"].create([{"name": "Extra %s Colleague" % (chr(65 + i % 26) + "x" * (1 + i // 26))}
                                        for i in range(60)])
        small = self.Feedback.create([{"employee_id": self.author.id, "body": "Emily Johnson helps a lot %d." % i}
                                      for i in range(2)])
        large = self.Feedback.create([{"employee_id": self.author.id, "body": "Wei Zhang was late again %d." % i}
                                      for i in range(25)])
        self.env.flush_all()

        def count(recs):
            before = self.env.cr.sql_log_count
            recs._analyze_records(clf, model)
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(small), count(large))
