"""Course ranker: trained in the subprocess on the company's history, registered,
served through ONNX Runtime; zero-shot when no ranker is active."""
import json
import random
from datetime import date, timedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TrainingPathRankerCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rng = random.Random(7)
        cls.env["hr.talent.engine"]._get_text_encoder()  # export the packaged encoder once for the class
        # Independent of demo data: no earlier history, ranker or catalogue (rolled back after the class).
        cls.env["hr.talent.training.step"].sudo().search([]).unlink()
        cls.env["hr.talent.model"].sudo().search([("kind", "=", "training_path")]).write({"state": "retired"})
        cls.env["hr.talent.course"].search([]).write({"active": False})
        topics = ["Python", "SQL", "Docker", "Kubernetes", "Statistics", "Negotiation"]
        cls.stype = cls.env["hr.skill.type"].create({
            "name": "TPR Skills",
            "skill_ids": [(0, 0, {"name": t}) for t in topics],
            "skill_level_ids": [(0, 0, {"name": "Beginner", "level_progress": 25}),
                                (0, 0, {"name": "Intermediate", "level_progress": 50}),
                                (0, 0, {"name": "Advanced", "level_progress": 80})],
        })
        levels = {lv.level_progress: lv for lv in cls.stype.skill_level_ids}
        skills = cls.stype.skill_ids.sorted("id")
        Course = cls.env["hr.talent.course"]
        cls.basic, cls.adv = {}, {}
        for skill in skills:
            b = Course.create({"name": "%s basics" % skill.name, "duration_hours": rng.choice([4, 6, 8]),
                               "description": "First steps in %s." % skill.name,
                               "skill_level_ids": [(0, 0, {"skill_id": skill.id, "skill_level_id": levels[50].id})]})
            a = Course.create({"name": "%s in depth" % skill.name, "duration_hours": rng.choice([12, 16, 24]),
                               "description": "Expert practice of %s." % skill.name,
                               "prerequisite_ids": [(6, 0, b.ids)],
                               "skill_level_ids": [(0, 0, {"skill_id": skill.id, "skill_level_id": levels[80].id})]})
            cls.basic[skill.id], cls.adv[skill.id] = b, a
        cls.jobs = cls.env["hr.job"].create([
            {"name": "TPR job %d" % i, "skill_ids": [(6, 0, rng.sample(skills.ids, 3))]} for i in range(4)])
        # History: the company takes prerequisites first, basics before in-depth courses.
        Log, Step = cls.env["hr.employee.skill.log"], cls.env["hr.talent.training.step"]
        for i in range(24):
            job = cls.jobs[i % 4]
            emp = cls.env["hr.employee"].create({"name": "TPR %d" % i, "job_id": job.id})
            day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 30))
            held = {}
            gap = [s for s in job.skill_ids]
            rng.shuffle(gap)
            seq = 0
            for skill in gap[:2]:
                for course, progress in ((cls.basic[skill.id], 50), (cls.adv[skill.id], 80)):
                    day += timedelta(days=rng.randint(10, 30))
                    seq += 1
                    Step.create({"employee_id": emp.id, "course_id": course.id, "status": "done",
                                 "date_done": day, "sequence": seq})
                    Log.create({"employee_id": emp.id, "skill_id": skill.id, "skill_type_id": cls.stype.id,
                                "skill_level_id": levels[progress].id, "date": day})
                    held[skill.id] = progress
        cls.newcomer = cls.env["hr.employee"].create({"name": "TPR newcomer", "job_id": cls.jobs[0].id})

    def test_history_export(self):
        data = self.env["hr.talent.training.step"]._training_path_history()
        self.assertEqual(len(data["employees"]), 24)
        self.assertEqual(len(data["courses"]),
                         len(self.env["hr.talent.course"].with_context(active_test=False).search([])))
        emp = data["employees"][0]
        self.assertEqual(len(emp["done"]), 4)
        self.assertTrue(emp["logs"] and all(lg["progress"] in (50, 80) for lg in emp["logs"]))
        dim = len(data["courses"][0]["emb"])
        self.assertGreater(dim, 100, "real encoder embeddings")
        json.dumps(data)

    def test_zero_shot_then_trained_ranker(self):
        Model = self.env["hr.talent.model"]
        self.assertFalse(Model._get_active("training_path", raise_if_missing=False))
        self.newcomer.action_compute_training_path()
        self.assertIn("zero-shot", self.newcomer.training_path_ranker)
        zero_steps = self.newcomer.training_path_ids.course_id
        model = self.env["hr.talent.training.step"]._train_training_path_ranker()
        self.assertEqual(model.kind, "training_path")
        metrics = json.loads(model.metrics)
        for key in ("recall_at_k", "zero_shot_recall_at_k", "onnx_parity_max_abs"):
            self.assertIn(key, metrics)
        self.assertLessEqual(metrics["onnx_parity_max_abs"], 1e-4)
        self.assertGreater(metrics["n_events_heldout"], 0)
        better = metrics["recall_at_k"] > metrics["zero_shot_recall_at_k"]
        self.assertEqual(model.state == "active", better, model.note)
        # this history is prerequisite-driven: the trained ranker learns it
        self.assertTrue(better, "trained %s vs zero-shot %s" % (metrics["recall_at_k"],
                                                                metrics["zero_shot_recall_at_k"]))
        self.assertEqual(metrics["encoder_checksum"], self.env["hr.talent.engine"]._get_text_encoder(int8=True).checksum)
        self.newcomer.action_compute_training_path()
        self.assertEqual(self.newcomer.training_path_ranker, model.name)
        steps = self.newcomer.training_path_ids
        # the ranking may change the choice, never the rules
        self.assertEqual(steps.course_id, zero_steps)
        order = steps.sorted("sequence").course_id.ids
        for skill in self.jobs[0].skill_ids:
            self.assertLess(order.index(self.basic[skill.id].id), order.index(self.adv[skill.id].id))

    def test_ranker_of_another_encoder_is_not_used(self):
        model = self.env["hr.talent.training.step"]._train_training_path_ranker()
        self.assertEqual(model.state, "active")
        metrics = json.loads(model.metrics)
        metrics["encoder_checksum"] = "0" * 64
        model.sudo().metrics = json.dumps(metrics)
        self.newcomer.action_compute_training_path()
        self.assertIn("another text encoder", self.newcomer.training_path_ranker)
        self.assertTrue(self.newcomer.training_path_ids)
