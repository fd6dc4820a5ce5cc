from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EmployerCase


@tagged("post_install", "-at_install")
class TestProposal(EmployerCase):
    """A proposal from suggestion to hire: the employer's interest, the
    consent to disclose, introduction, interview, hiring."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.amina = cls.create_candidate(
            "Amina Haddad", english="C1", aspirations=cls.isco_civil
        )
        cls.proposal = cls.propose(
            cls.amina, experience_summary="Eight years of structural design."
        )

    def test_score_computed_when_created_without_one(self):
        self.assertEqual(self.proposal.score, 100)
        self.assertIn(
            "Dutch B2, vacancy asks B2: meets it.", self.proposal.score_explanation
        )
        self.assertEqual(self.proposal.coach_id, self.coach)

    def test_each_employer_knows_a_candidate_by_another_reference(self):
        """Two employers cannot put together what each knows of one person."""
        mine = self.amina._get_candidate_reference(self.employer)
        theirs = self.amina._get_candidate_reference(self.other_employer)
        self.assertRegex(mine, r"^Candidate C-[0-9A-F]{6}$")
        self.assertNotEqual(mine, theirs)
        self.assertEqual(mine, self.amina._get_candidate_reference(self.employer))

    def test_same_newcomer_twice_refused(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.propose(self.amina)

    def test_interested_gives_the_coach_an_activity(self):
        self.proposal._mark_interested(self.employer_hr, "Can she start in March?")
        self.assertEqual(self.proposal.state, "employer_interested")
        self.assertTrue(self.proposal.date_interest)
        self.assertEqual(self.proposal.interest_message, "Can she start in March?")
        activity = self.proposal.activity_ids
        self.assertEqual(activity.user_id, self.coach)
        self.assertIn("Amina Haddad", activity.note)
        self.assertIn("Can she start in March?", activity.note)
        message = self.proposal.message_ids[0]
        self.assertEqual(message.author_id, self.employer_hr)
        self.assertIn("Can she start in March?", message.body)
        self.assertNotIn(
            self.employer_hr,
            self.proposal.message_partner_ids,
            "the employer never follows a proposal: notifications name the newcomer",
        )
        with self.assertRaisesRegex(UserError, "no longer a suggestion"):
            self.proposal._mark_interested(self.employer_hr)

    def test_introduction_needs_consent_to_disclose(self):
        self.proposal.action_employer_interested()
        with self.assertRaisesRegex(UserError, "Record consent to disclose"):
            self.proposal.action_introduce()
        self.assertEqual(self.proposal.state, "employer_interested")
        # Dragging the card in the pipeline is refused the same way.
        with self.assertRaisesRegex(UserError, "cannot be introduced yet"):
            self.proposal.write({"state": "interview"})

    def test_consent_wizard_discloses_identity(self):
        self.assertFalse(self.proposal.identity_disclosed)
        wizard = (
            self.env["level2work.proposal.consent.wizard"]
            .with_user(self.coach)
            .create({"proposal_id": self.proposal.id, "text_version": "2026-02"})
        )
        wizard.action_confirm()
        consent = self.amina.consent_ids.filtered(
            lambda c: c.purpose == "disclose_identity"
        )
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.recipient_partner_id, self.employer)
        self.assertEqual(consent.recorded_by_id, self.coach)
        self.assertEqual(consent.text_version, "2026-02")
        self.assertTrue(self.proposal.identity_disclosed)
        self.assertEqual(self.proposal.candidate_name, "Amina Haddad")
        self.assertIn("consents to disclose", self.proposal.message_ids[0].body)
        # The consent is for this employer only.
        other_vacancy = self.create_vacancy(employer_id=self.other_employer.id)
        other = self.propose(self.amina, vacancy=other_vacancy)
        self.assertFalse(other.identity_disclosed)
        self.assertFalse(other.candidate_name)

    def test_consent_wizard_only_for_the_coach_or_a_manager(self):
        wizard = (
            self.env["level2work.proposal.consent.wizard"]
            .with_user(self.coach_other)
            .create({"proposal_id": self.proposal.id})
        )
        with self.assertRaisesRegex(UserError, "coach or a manager"):
            wizard.action_confirm()

    def test_withdrawal_makes_the_profile_blind_again(self):
        self.give_disclosure_consent(self.amina)
        self.assertTrue(self.proposal.identity_disclosed)
        self.assertEqual(self.proposal.candidate_email, "amina.haddad@example.com")
        self.proposal.with_user(self.coach).action_withdraw_consent()
        self.assertFalse(self.proposal.identity_disclosed)
        self.assertFalse(self.proposal.candidate_name)
        self.assertFalse(self.proposal.candidate_email)
        self.assertEqual(
            self.proposal.candidate_reference,
            self.amina._get_candidate_reference(self.employer),
        )

    def test_search_on_identity_disclosed(self):
        Proposal = self.env["level2work.candidate.proposal"]
        bilal = self.create_candidate("Bilal Rahimi")
        other = self.propose(bilal)
        self.give_disclosure_consent(self.amina)
        self.assertEqual(
            Proposal.search(
                [
                    ("identity_disclosed", "=", True),
                    ("id", "in", (self.proposal | other).ids),
                ]
            ),
            self.proposal,
        )
        self.assertEqual(
            Proposal.search(
                [
                    ("identity_disclosed", "=", False),
                    ("id", "in", (self.proposal | other).ids),
                ]
            ),
            other,
        )

    def test_full_flow_to_hire_fills_the_vacancy(self):
        self.proposal.action_employer_interested()
        self.give_disclosure_consent(self.amina)
        self.proposal.action_introduce()
        self.proposal.action_interview()
        action = self.proposal.action_hire()
        self.assertEqual(self.proposal.state, "hired")
        self.assertEqual(self.vacancy.state, "filled", "its only position is filled")
        self.assertEqual(action["res_model"], "level2work.placement")
        self.assertEqual(
            action["context"]["default_pathway_id"], self.amina.pathway_ids.id
        )
        self.assertEqual(action["context"]["default_occupation_id"], self.isco_civil.id)

    def test_hire_for_workplace_learning_opens_the_learning(self):
        vacancy = self.create_vacancy(
            name="Internship site engineer", kind="workplace_learning", instrument="ibo"
        )
        proposal = self.propose(self.amina, vacancy=vacancy)
        self.give_disclosure_consent(self.amina)
        proposal.write({"state": "interview"})
        action = proposal.action_hire()
        self.assertEqual(action["res_model"], "level2work.workplace.learning")
        self.assertEqual(action["context"]["default_instrument"], "ibo")

    def test_decline_and_reset(self):
        self.proposal.action_decline()
        self.assertEqual(self.proposal.state, "declined")
        self.proposal.action_reset()
        self.assertEqual(self.proposal.state, "suggested")

    def test_employer_declines(self):
        self.proposal._mark_declined_by_employer(
            self.employer_hr, "Not enough site experience."
        )
        self.assertEqual(self.proposal.state, "declined")
        self.assertEqual(self.proposal.decline_reason, "employer")
        self.assertIn("Not enough site experience.", self.proposal.message_ids[0].body)

    # Closing the vacancy

    def notes(self, proposal):
        return " ".join(proposal.message_ids.mapped("body"))

    def test_closing_the_vacancy_declines_the_candidates_not_introduced(self):
        interested = self.propose(self.create_candidate("Bilal Rahimi"))
        interested._mark_interested(self.employer_hr)
        chen = self.create_candidate("Chen Wei")
        introduced = self.propose(chen)
        introduced.action_employer_interested()
        self.give_disclosure_consent(chen)
        introduced.action_introduce()
        self.vacancy.with_user(self.staff).action_close()
        for proposal in (self.proposal, interested):
            self.assertEqual(proposal.state, "declined")
            self.assertEqual(proposal.decline_reason, "vacancy_closed")
            self.assertIn(
                "The vacancy was closed: this proposal is declined.",
                self.notes(proposal),
            )
        self.assertEqual(introduced.state, "introduced", "a hire may still follow")
        # Nobody answers for the employer on a closed vacancy any more.
        with self.assertRaisesRegex(UserError, "is no longer open"):
            self.proposal.action_employer_interested()
        with self.assertRaisesRegex(UserError, "is no longer open"):
            self.proposal._mark_declined_by_employer(self.employer_hr)
        self.assertEqual(self.proposal.decline_reason, "vacancy_closed")

    def test_filling_the_vacancy_declines_the_other_suggestions(self):
        other = self.propose(self.create_candidate("Bilal Rahimi"))
        self.proposal.action_employer_interested()
        self.give_disclosure_consent(self.amina)
        self.proposal.action_introduce()
        self.proposal.action_interview()
        self.proposal.action_hire()
        self.assertEqual(self.vacancy.state, "filled")
        self.assertEqual(self.proposal.state, "hired")
        self.assertEqual(other.state, "declined")
        self.assertEqual(other.decline_reason, "vacancy_closed")
        self.assertIn(
            "The vacancy was filled: this proposal is declined.", self.notes(other)
        )

    def test_cannot_move_to_another_newcomer(self):
        bilal = self.create_candidate("Bilal Rahimi")
        with self.assertRaisesRegex(UserError, "cannot move"):
            self.proposal.write({"newcomer_id": bilal.id})

    def test_blind_profile_says_nothing_identifying(self):
        self.amina.write({"phone": "+32 470 12 34 56"})
        proposal = self.proposal
        self.assertEqual(proposal.profile_isced_level, "7")
        self.assertEqual(proposal.profile_field_of_study, "Civil engineering")
        self.assertEqual(proposal.profile_dutch_level, "B2")
        self.assertIn("English (C1)", proposal.profile_languages)
        self.assertIn("Arabic (mother tongue)", proposal.profile_languages)
        self.assertIn("2142 Civil engineers", proposal.profile_occupations)
        self.assertIn("Civil engineering", proposal.profile_diplomas)
        self.assertEqual(
            proposal.profile_experience_summary, "Eight years of structural design."
        )
        self.assertFalse(proposal.candidate_name)
        self.assertFalse(proposal.candidate_phone)
        profile = " ".join(
            str(proposal[name] or "")
            for name in proposal._fields
            if name.startswith(("profile_", "candidate_"))
            or name == "score_explanation"
        )
        for secret in ("Amina", "Haddad", "example.com", "470", "Syria"):
            self.assertNotIn(secret, profile)
