from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EmployerCase

PROFILE_FIELDS = [
    "profile_isced_level",
    "profile_field_of_study",
    "profile_diplomas",
    "profile_dutch_level",
    "profile_languages",
    "profile_occupations",
    "profile_experience_summary",
]
BLIND_FIELDS = [
    "candidate_reference",
    "candidate_name",
    "candidate_email",
    "candidate_phone",
    *PROFILE_FIELDS,
    "score",
    "state",
    "identity_disclosed",
    "has_blind_profile_consent",
]


@tagged("post_install", "-at_install")
class TestAccess(EmployerCase):
    """Who sees what over RPC: an employer's portal user sees its own
    vacancies, proposals, learners and placements, and of a candidate only
    the blind profile until the candidate consents; staff see their labs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.amina = cls.create_candidate(
            "Amina Haddad",
            english="C1",
            aspirations=cls.isco_civil,
            phone="+32 470 11 22 33",
        )
        cls.proposal = cls.propose(cls.amina, experience_summary="Bridge design.")
        cls.other_vacancy = cls.create_vacancy(
            name="Clinical engineer", employer_id=cls.other_employer.id
        )
        cls.bilal = cls.create_candidate("Bilal Rahimi")
        cls.other_proposal = cls.propose(cls.bilal, vacancy=cls.other_vacancy)
        cls.learning = cls.env["level2work.workplace.learning"].create(
            {
                "pathway_id": cls.amina.pathway_ids.id,
                "employer_id": cls.employer.id,
                "instrument": "ibo",
                "date_start": "2026-09-01",
                "date_end": "2026-12-31",
            }
        )
        cls.other_learning = cls.env["level2work.workplace.learning"].create(
            {
                "pathway_id": cls.bilal.pathway_ids.id,
                "employer_id": cls.other_employer.id,
                "instrument": "internship",
                "date_start": "2026-09-01",
                "date_end": "2026-12-31",
            }
        )
        cls.placement = cls.env["level2work.placement"].create(
            {
                "pathway_id": cls.amina.pathway_ids.id,
                "employer_id": cls.employer.id,
                "occupation_id": cls.isco_civil.id,
                "date_start": "2026-10-01",
            }
        )
        cls.other_placement = cls.env["level2work.placement"].create(
            {
                "pathway_id": cls.bilal.pathway_ids.id,
                "employer_id": cls.other_employer.id,
                "occupation_id": cls.isco_civil.id,
                "date_start": "2026-10-01",
            }
        )

    def as_employer(self, record):
        return record.with_user(self.employer_user)

    # Own records and nothing else

    def test_employer_reads_its_own_records(self):
        Vacancy = self.env["level2work.vacancy"].with_user(self.employer_user)
        self.assertEqual(Vacancy.search([]), self.vacancy)
        Proposal = self.env["level2work.candidate.proposal"].with_user(
            self.employer_user
        )
        self.assertEqual(Proposal.search([]), self.proposal)
        Learning = self.env["level2work.workplace.learning"].with_user(
            self.employer_user
        )
        self.assertEqual(Learning.search([]), self.learning)
        Placement = self.env["level2work.placement"].with_user(self.employer_user)
        self.assertEqual(Placement.search([]), self.placement)
        self.assertEqual(
            self.as_employer(self.vacancy).read(["name"])[0]["name"],
            "Structural engineer",
        )

    def test_employer_refused_on_another_employers_records(self):
        for record in (
            self.other_vacancy,
            self.other_proposal,
            self.other_learning,
            self.other_placement,
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                self.as_employer(record).read(["display_name"])

    def test_employer_cannot_write_create_or_unlink(self):
        with self.assertRaises(AccessError):
            self.as_employer(self.vacancy).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["level2work.vacancy"].with_user(self.employer_user).create(
                {
                    "name": "Sneaky",
                    "employer_id": self.employer.id,
                    "occupation_id": self.isco_civil.id,
                }
            )
        with self.assertRaises(AccessError):
            self.as_employer(self.proposal).write({"state": "hired"})
        with self.assertRaises(AccessError):
            self.as_employer(self.placement).unlink()

    def test_employer_has_no_access_to_newcomers(self):
        with self.assertRaises(AccessError):
            self.as_employer(self.amina).read(["name"])
        with self.assertRaises(AccessError):
            self.as_employer(self.amina.partner_id).read(["name"])
        with self.assertRaises(AccessError):
            self.as_employer(self.amina.pathway_ids).read(["display_name"])

    # The blind profile

    def test_blind_profile_before_consent(self):
        proposal = self.as_employer(self.proposal)
        values = proposal.read(BLIND_FIELDS)[0]
        self.assertEqual(
            values["candidate_reference"],
            self.amina._get_candidate_reference(self.employer),
        )
        self.assertFalse(values["candidate_name"])
        self.assertFalse(values["candidate_email"])
        self.assertFalse(values["candidate_phone"])
        self.assertFalse(values["identity_disclosed"])
        self.assertEqual(values["profile_isced_level"], "7")
        self.assertEqual(values["profile_dutch_level"], "B2")
        self.assertEqual(values["profile_experience_summary"], "Bridge design.")
        self.assertTrue(values["has_blind_profile_consent"])
        self.assertNotIn("Amina", str(values))
        self.assertNotIn("Amina", proposal.display_name)
        self.assertIn("Candidate C-", proposal.display_name)

    def test_what_the_profile_is_made_of_is_refused(self):
        # The employer reads the profile as the consents allow, never the
        # coach's text or the reasons of the score behind it.
        for name in ("experience_summary", "score_explanation"):
            with self.subTest(field=name), self.assertRaises(AccessError):
                self.as_employer(self.proposal).read([name])

    def test_no_profile_once_the_blind_profile_consent_ends(self):
        self.amina.consent_ids.filtered(
            lambda c: c.purpose == "share_blind_profile"
        ).action_withdraw()
        values = self.as_employer(self.proposal).read(BLIND_FIELDS)[0]
        self.assertFalse(values["has_blind_profile_consent"])
        for name in PROFILE_FIELDS:
            self.assertFalse(values[name], name)
        self.assertEqual(
            values["candidate_reference"],
            self.amina._get_candidate_reference(self.employer),
        )
        # A consent that expired hides it just the same.
        today = fields.Date.context_today(self.amina)
        self.give_blind_profile_consent(self.amina).write(
            {
                "date_given": today - timedelta(days=60),
                "date_expiry": today - timedelta(days=1),
            }
        )
        values = self.as_employer(self.proposal).read(PROFILE_FIELDS)[0]
        self.assertFalse(any(values[name] for name in PROFILE_FIELDS), values)
        # Given again, the profile shows again.
        self.give_blind_profile_consent(self.amina)
        values = self.as_employer(self.proposal).read(PROFILE_FIELDS)[0]
        self.assertEqual(values["profile_experience_summary"], "Bridge design.")

    def test_full_profile_after_consent(self):
        self.give_disclosure_consent(self.amina)
        values = self.as_employer(self.proposal).read(BLIND_FIELDS)[0]
        self.assertTrue(values["identity_disclosed"])
        self.assertEqual(values["candidate_name"], "Amina Haddad")
        self.assertEqual(values["candidate_email"], "amina.haddad@example.com")
        self.assertEqual(values["candidate_phone"], "+32 470 11 22 33")
        self.assertIn("Amina Haddad", self.as_employer(self.proposal).display_name)

    def test_consent_to_another_employer_discloses_nothing(self):
        self.give_disclosure_consent(self.amina, employer=self.other_employer)
        values = self.as_employer(self.proposal).read(
            ["candidate_name", "identity_disclosed"]
        )[0]
        self.assertFalse(values["identity_disclosed"])
        self.assertFalse(values["candidate_name"])

    def test_newcomer_field_refused_on_every_route(self):
        proposal = self.as_employer(self.proposal)
        with self.assertRaises(AccessError):
            proposal.read(["newcomer_id"])
        with self.assertRaises(AccessError):
            proposal.read(["pathway_id"])
        with self.assertRaises(AccessError):
            proposal.search_read([], ["newcomer_id"])
        with self.assertRaisesRegex(UserError, "rights to export"):
            proposal.export_data(["newcomer_id/name"])
        with self.assertRaises(AccessError):
            proposal.web_read({"newcomer_id": {"fields": {"display_name": {}}}})
        with self.assertRaises(AccessError):
            proposal.search([("newcomer_id.name", "ilike", "Amina")])
        with self.assertRaises(AccessError):
            proposal.read_group([], ["newcomer_id"], ["newcomer_id"])
        # Reading every field leaves out those it may not see.
        everything = proposal.search_read([])[0]
        self.assertNotIn("newcomer_id", everything)
        self.assertNotIn("pathway_id", everything)
        self.assertNotIn("Amina", str(everything))
        self.assertNotIn("amina.haddad", str(everything))

    def test_learner_and_placement_blind_until_consent(self):
        learning = self.as_employer(self.learning)
        placement = self.as_employer(self.placement)
        with self.assertRaises(AccessError):
            learning.read(["pathway_id"])
        with self.assertRaises(AccessError):
            placement.read(["newcomer_id"])
        self.assertEqual(
            learning.learner_name, self.amina._get_candidate_reference(self.employer)
        )
        self.assertNotIn("Amina", str(placement.search_read([])))
        self.give_disclosure_consent(self.amina)
        self.assertEqual(self.as_employer(self.learning).learner_name, "Amina Haddad")
        self.assertEqual(self.as_employer(self.placement).employee_name, "Amina Haddad")

    def test_exported_proposals_hold_no_identity(self):
        # Even a portal user allowed to export gets no newcomer out.
        self.employer_user.groups_id |= self.env.ref("base.group_allow_export")
        with self.assertRaises(AccessError):
            self.as_employer(self.proposal).export_data(["newcomer_id/name"])
        with self.assertRaises(AccessError):
            self.as_employer(self.placement).export_data(["pathway_id/display_name"])
        rows = self.as_employer(self.proposal).export_data(
            [
                "candidate_reference",
                "candidate_name",
                "profile_languages",
                "profile_diplomas",
            ]
        )["datas"]
        self.assertNotIn("Amina", str(rows))

    # Staff

    def test_staff_see_proposals_of_their_labs(self):
        Proposal = self.env["level2work.candidate.proposal"]
        self.assertEqual(
            Proposal.with_user(self.staff).search([]),
            self.proposal | self.other_proposal,
        )
        self.assertFalse(Proposal.with_user(self.staff_antwerp).search([]))
        with self.assertRaises(AccessError):
            self.proposal.with_user(self.staff_antwerp).read(["score"])
        self.assertEqual(self.proposal.with_user(self.staff).newcomer_id, self.amina)

    def test_only_the_coach_edits_learning_and_placements(self):
        self.placement.with_user(self.coach).write({"hours_per_week": 38})
        with self.assertRaises(AccessError):
            self.placement.with_user(self.coach_other).write({"hours_per_week": 20})
        with self.assertRaises(AccessError):
            self.learning.with_user(self.staff).write({"learning_goals": "x"})
