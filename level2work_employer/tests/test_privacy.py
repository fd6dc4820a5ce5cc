from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import EmployerCase


@tagged("post_install", "-at_install")
class TestEmployerPrivacy(EmployerCase):
    """Erasure and the export of one's own data reach proposals, workplace
    learning and placements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["level2work.placement"])
        cls.newcomer = cls.create_candidate("Rahel Tesfamariam")
        cls.pathway = cls.newcomer.pathway_ids
        cls.proposal = cls.propose(
            cls.newcomer, experience_summary="Rahel led a team of six engineers"
        )
        cls.proposal.sudo()._mark_interested(
            cls.employer_hr, message="Can Rahel start in January?"
        )
        cls.learning = cls.env["level2work.workplace.learning"].create(
            {
                "pathway_id": cls.pathway.id,
                "employer_id": cls.employer.id,
                "instrument": "ibo",
                "occupation_id": cls.isco_civil.id,
                "date_start": today - timedelta(days=30),
                "date_end": today + timedelta(days=30),
                "hours_per_week": 30,
                "learning_goals": "Rahel learns the Flemish building permits",
                "state": "running",
            }
        )
        cls.evaluation = cls.env["level2work.workplace.learning.evaluation"].create(
            {
                "learning_id": cls.learning.id,
                "kind": "midway",
                "date": today,
                "rating_goals": "3",
                "improvements": "Rahel could ask more questions",
            }
        )
        cls.placement = cls.env["level2work.placement"].create(
            {
                "pathway_id": cls.pathway.id,
                "employer_id": cls.other_employer.id,
                "occupation_id": cls.isco_civil.id,
                "job_title": "Site engineer",
                "date_start": today - timedelta(days=40),
                "hours_per_week": 38,
            }
        )
        cls.follow_up = cls.env["level2work.placement.follow.up"].create(
            {
                "placement_id": cls.placement.id,
                "milestone": "1",
                "date": today - timedelta(days=5),
                "remarks": "Rahel likes the team",
            }
        )
        cls.other = cls.create_candidate("Dawit Haile")
        cls.other_proposal = cls.propose(
            cls.other, experience_summary="Dawit built roads in Addis Ababa"
        )

    def test_erasure_clears_the_text_and_keeps_the_counts(self):
        self.newcomer.with_user(self.manager).action_anonymize()
        self.assertFalse(self.proposal.experience_summary)
        self.assertFalse(self.proposal.interest_message)
        self.assertFalse(self.proposal.score_explanation)
        self.assertTrue(self.proposal.score)
        self.assertFalse(self.learning.learning_goals)
        self.assertEqual(
            (self.learning.instrument, self.learning.hours_per_week), ("ibo", 30)
        )
        self.assertFalse(self.evaluation.improvements)
        self.assertEqual(self.evaluation.rating_goals, "3")
        self.assertFalse(self.placement.job_title)
        self.assertTrue(self.placement.at_level)
        self.assertEqual(self.placement.hours_per_week, 38)
        self.assertFalse(self.follow_up.remarks)
        self.assertTrue(self.follow_up.still_employed)
        self.assertEqual(
            self.other_proposal.experience_summary, "Dawit built roads in Addis Ababa"
        )
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", self.proposal._name),
                    ("res_id", "=", self.proposal.id),
                ]
            ),
            "the coach's activity named the candidate",
        )

    def test_erasure_ends_what_is_under_way(self):
        self.newcomer.with_user(self.manager).action_anonymize()
        self.assertEqual(
            (self.proposal.state, self.proposal.decline_reason),
            ("declined", "candidate"),
        )
        self.assertEqual(self.learning.state, "cancelled")
        self.assertEqual(self.placement.date_end, False, "a job is a fact: it stays")
        employer_view = self.proposal.with_user(self.employer_user)
        self.assertNotIn("Tesfamariam", employer_view.display_name)
        self.assertFalse(employer_view.candidate_name)

    def test_personal_data_has_the_employer_sections(self):
        sections = dict(self.newcomer._get_personal_data())
        proposal = sections["Proposals to employers"]
        self.assertEqual(len(proposal), 1)
        self.assertEqual(proposal[0]["Vacancy"], "Structural engineer")
        self.assertEqual(proposal[0]["Employer"], "Bouwbedrijf Leie (test)")
        self.assertEqual(proposal[0]["Status"], "Employer interested")
        self.assertIs(proposal[0]["Identity disclosed"], False)
        self.assertEqual(
            proposal[0]["Experience summary"], "Rahel led a team of six engineers"
        )
        self.assertTrue(proposal[0]["Why this candidate"], "how the score came about")
        learning = sections["Workplace learning"][0]
        self.assertEqual(learning["Instrument"], "On-the-job training (IBO)")
        evaluation = sections["Evaluations of workplace learning"][0]
        self.assertEqual(
            evaluation["Points to improve"], "Rahel could ask more questions"
        )
        self.assertEqual(sections["Placements"][0]["Job title"], "Site engineer")
        self.assertEqual(
            sections["Placement follow-ups"][0]["Remarks"], "Rahel likes the team"
        )
        self.assertNotIn("Dawit", str(sections))
