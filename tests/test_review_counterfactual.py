"""Counterfactual fairness of review insights: the same review about employees (created here,
so their names are known to the database) under names from many cultures and written with he,
she or they gets exactly the same insights: dimension, polarity, flag and scores."""
from odoo.tests import TransactionCase, new_test_user, tagged

NAMES = ["Mohammed Al-Rashid", "Emily Johnson", "Oluwaseun Adeyemi", "Wei Zhang", "Priya Raghunathan",
         "José García", "Siobhan O'Brien", "Kwame Mensah", "Yuki Tanaka", "Aleksandr Petrov",
         "Christian Hope", "Grace Faith"]
PRONOUNS = [
    {"he": "he", "He": "He", "him": "him", "his": "his", "is": "is", "has": "has"},
    {"he": "she", "He": "She", "him": "her", "his": "her", "is": "is", "has": "has"},
    {"he": "they", "He": "They", "him": "them", "his": "their", "is": "are", "has": "have"},
]
TEMPLATE = (
    "{first} closed 340 support tickets this year and {he} kept {his} satisfaction score above 90 percent. "
    "{He} {is} a bit bossy with the juniors. Great job overall! "
    "Since coming back from parental leave {he} {has} been less available. "
    "{name} missed three deadlines in the spring because {he} underestimated the work. "
    "Customers say {first}'s written replies are clear and friendly, and I thanked {him} for it."
)


@tagged("post_install", "-at_install", "talent_review", "talent_fairness")
class TestReviewCounterfactual(TransactionCase):
    def test_names_and_pronouns_never_change_an_insight(self):
        mgr = new_test_user(self.env, "rev_cf_boss", groups="base.group_user")
        boss = self.env["hr.employee"].create({"name": "Morgan Lead", "user_id": mgr.id})
        emps = self.env["hr.employee"].create([{"name": n, "parent_id": boss.id} for n in NAMES])
        reviews = self.env["hr.talent.review"]
        for emp in emps:
            for pron in PRONOUNS:
                body = TEMPLATE.format(name=emp.name, first=emp.name.split()[0], **pron)
                reviews |= self.env["hr.talent.review"].with_user(mgr).create(
                    {"employee_id": emp.id, "body": body, "rating": "4"})
        self.env["hr.talent.review"].browse(reviews.ids).action_analyze_review()
        signatures = set()
        for rev in reviews:
            ins = rev.insight_ids.sorted("sequence")
            self.assertEqual(len(ins), 6, rev.body)
            signatures.add((
                tuple((i.dimension, i.polarity, i.flag or "", round(i.confidence, 6), round(i.polarity_score, 6))
                      for i in ins), rev.flag_count, rev.rating_mismatch))
        self.assertEqual(len(signatures), 1, "names or pronouns changed an insight: %s" % signatures)
        (sig,) = signatures
        self.assertEqual([s[2] for s in sig[0]][1:3], ["personality", "vague"])
