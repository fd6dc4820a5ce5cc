from datetime import timedelta

from odoo.tests import tagged
from odoo.tools import format_date

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestMatching(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        newcomer = cls.create_newcomer(
            "Rania Al-Masri",
            language_skill_ids=[
                (
                    0,
                    0,
                    {"language_id": cls.arabic.id, "level": "C2", "is_native": True},
                ),
                (0, 0, {"language_id": cls.english.id, "level": "B2"}),
                (0, 0, {"language_id": cls.dutch.id, "level": "A2"}),
            ],
        )
        cls.pathway = cls.create_pathway(newcomer)  # target: engineers (ISCO 21)
        # Only the mentors made here are ranked (not those of MentoringCase
        # nor any demo data).
        cls.env["level2work.mentor"].search([]).active = False
        cls.best = cls.create_mentor(
            "Youssef El Amrani",
            occupation_ids=[(6, 0, cls.isco_engineers.ids)],
            language_ids=[(6, 0, (cls.arabic | cls.dutch).ids)],
        )
        cls.near = cls.create_mentor(
            "Griet Maes",
            occupation_ids=[(6, 0, cls.env.ref("level2work_pathway.isco_24").ids)],
            language_ids=[(6, 0, (cls.english | cls.dutch).ids)],
            date_preparation=False,
        )
        cls.far = cls.create_mentor(
            "Pieter Vanhoutte",
            lab_id=cls.lab_antwerp.id,
            occupation_ids=[(6, 0, cls.isco_engineers.ids)],
            language_ids=[(6, 0, cls.dutch.ids)],
            date_preparation=False,
        )
        cls.full = cls.create_mentor(
            "Bart Claeys",
            occupation_ids=[(6, 0, cls.isco_engineers.ids)],
            language_ids=[(6, 0, cls.arabic.ids)],
        )
        cls.create_mentorship(mentor=cls.full, state="active")

    def rank(self):
        Mentor = self.env["level2work.mentor"]
        return Mentor._get_match_candidates(self.pathway)._match_pathway(self.pathway)

    def test_ranking_order_and_scores(self):
        ranking = self.rank()
        self.assertEqual(
            [entry["mentor"] for entry in ranking],
            [self.best, self.near, self.far, self.full],
        )
        self.assertEqual([entry["score"] for entry in ranking], [100, 70, 60, 90])
        self.assertEqual(
            [entry["is_full"] for entry in ranking], [False, False, False, True]
        )
        self.assertTrue(all(entry["max_score"] == 100 for entry in ranking))

    def test_each_score_has_its_reasons(self):
        reasons = {
            entry["mentor"]: [sentence for _score, _max, sentence in entry["reasons"]]
            for entry in self.rank()
        }
        self.assertEqual(
            reasons[self.best],
            [
                (
                    "Works in Science and engineering professionals, the field the "
                    "mentee aims for."
                ),
                "Same lab: Lab West Flanders (test).",
                "Shared language: Arabic (mother tongue).",
                (
                    "Followed the mentor preparation on "
                    f"{format_date(self.env, self.best.date_preparation)}."
                ),
                "1 of 1 places free.",
            ],
        )
        self.assertIn(
            "Works in Business and administration professionals, close to the target "
            "Science and engineering professionals.",
            reasons[self.near],
        )
        self.assertIn(
            "Has not followed the mentor preparation yet.", reasons[self.near]
        )
        self.assertIn("Shared language: English (B2).", reasons[self.near])
        self.assertIn("Works in another province: Antwerp.", reasons[self.far])
        self.assertIn(
            "Shared language at a basic level only: Dutch (A2).", reasons[self.far]
        )
        self.assertIn("Full: 1 of 1 mentees active.", reasons[self.full])

    def test_aspirations_stand_in_for_missing_targets(self):
        self.pathway.target_occupation_ids = False
        ranking = self.rank()
        reason = ranking[0]["reasons"][0][2]
        self.assertEqual(reason, "The pathway has no target occupation yet.")
        self.pathway.newcomer_id.aspiration_ids = self.isco_engineers
        ranking = self.rank()
        self.assertEqual(ranking[0]["mentor"], self.best)
        self.assertEqual(ranking[0]["reasons"][0][0], 40)

    def test_find_a_mentor_and_propose_in_one_click(self):
        action = self.pathway.with_user(self.coach).action_find_mentor()
        wizard = self.env["level2work.mentor.match"].browse(action["res_id"])
        self.assertEqual(
            wizard.line_ids.mapped("mentor_id"),
            self.best | self.near | self.far | self.full,
        )
        first = wizard.line_ids[0]
        self.assertEqual(
            (first.rank, first.mentor_id, first.score), (1, self.best, 100)
        )
        self.assertIn("Same lab", first.reasons)

        result = first.with_user(self.coach).action_propose()
        mentorship = self.Mentorship.browse(result["res_id"])
        self.assertEqual(mentorship.state, "proposed")
        self.assertEqual(mentorship.mentor_id, self.best)
        self.assertEqual(mentorship.pathway_id, self.pathway)
        self.assertEqual(mentorship.cohort_id, self.cohort, "Joins the running cohort")
        self.assertEqual(mentorship.date_start, self.today)
        self.assertEqual(mentorship.date_end, self.today + mentorship._get_duration())
        self.assertEqual(first.with_user(self.coach).action_propose(), result)

        action = self.pathway.with_user(self.coach).action_find_mentor()
        wizard = self.env["level2work.mentor.match"].browse(action["res_id"])
        self.assertNotIn(
            self.best, wizard.line_ids.mentor_id, "Already proposed for this pathway"
        )

    def test_proposal_joins_the_cohort_of_the_province(self):
        """A lab with no cohort of its own joins the one of its province."""
        self.cohort.lab_id = self.lab_antwerp
        lab = self.env["level2work.lab"].create(
            {"name": "Lab Mechelen (test)", "province": self.lab_antwerp.province}
        )
        self.pathway.newcomer_id.lab_id = lab
        mentorship = self.env["level2work.mentorship"]._propose(
            self.pathway, self.mentor
        )
        self.assertEqual(mentorship.cohort_id, self.cohort)

    def test_proposal_joins_the_next_cohort_when_none_runs(self):
        self.cohort.date_end = self.today - timedelta(days=1)
        next_cohort = self.cohort.copy(
            {
                "name": "Next cohort (test)",
                "date_start": self.today + timedelta(days=10),
                "date_end": self.today + timedelta(days=120),
            }
        )
        mentorship = self.Mentorship._propose(self.pathway, self.best)
        self.assertEqual(mentorship.cohort_id, next_cohort)
        self.assertEqual(mentorship.date_start, next_cohort.date_start)
