from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestMentorAccess(MentoringCase):
    """What a mentor's portal user can reach through the ORM, as RPC would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.create_mentorship(state="active")
        cls.other = cls.create_mentorship(
            pathway=cls.create_pathway(cls.create_newcomer("Olena Kovalenko")),
            mentor=cls.mentor_other,
            state="active",
        )
        cls.give_consent(cls.own.newcomer_id, cls.mentor.partner_id)
        Moment = cls.env["level2work.mentorship.moment"]
        cls.own_moment = Moment.create({"mentorship_id": cls.own.id})
        cls.other_moment = Moment.create({"mentorship_id": cls.other.id})
        cls.upcoming_session = cls.create_session("cv", days=5)
        cls.other_cohort = cls.cohort.copy({"name": "Another cohort (test)"})
        cls.other_session = cls.create_session(
            "cv", days=5, cohort_id=cls.other_cohort.id
        )
        cls.as_mentor = cls.env(user=cls.mentor_user)

    def test_a_mentor_reads_their_own_mentorships_only(self):
        Mentorship = self.as_mentor["level2work.mentorship"]
        self.assertEqual(Mentorship.search([]), self.own)
        self.assertEqual(
            Mentorship.browse(self.own.id).read(["state"])[0]["state"], "active"
        )
        with self.assertRaises(AccessError):
            Mentorship.browse(self.other.id).read(["state"])
        self.own.action_cancel()
        self.assertFalse(Mentorship.search([]), "Cancelled ones disappear")

    def test_a_mentor_reads_nothing_that_leads_to_the_newcomer(self):
        mentorship = self.as_mentor["level2work.mentorship"].browse(self.own.id)
        for field in ("pathway_id", "newcomer_id", "goals", "coach_id", "outcome_note"):
            with self.assertRaises(AccessError, msg=field):
                mentorship.read([field])
        data = mentorship.read()[0]
        self.assertNotIn("pathway_id", data)
        self.assertNotIn("Amina Haddad", str(data))
        newcomer = self.own.newcomer_id
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.newcomer"].browse(newcomer.id).read(["name"])
        self.assertFalse(self.as_mentor["level2work.newcomer"].search([]))
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.pathway"].browse(self.own.pathway_id.id).read(
                ["stage_id"]
            )
        sensitive = newcomer.sensitive_ids
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.newcomer.sensitive"].browse(sensitive.id).read(
                ["national_number"]
            )
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.diploma"].browse(newcomer.diploma_ids.ids).read(
                ["name"]
            )

    def test_the_summary_is_for_the_mentor_of_the_mentorship(self):
        summary = self.as_mentor["level2work.mentorship"].browse(self.own.id)
        self.assertEqual(summary._get_mentee_summary()["first_name"], "Amina")
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.mentorship"].browse(
                self.other.id
            )._get_mentee_summary()

    def test_a_mentor_writes_nothing_directly(self):
        mentorship = self.as_mentor["level2work.mentorship"].browse(self.own.id)
        with self.assertRaises(AccessError):
            mentorship.write({"outcome": "job"})
        for action in ("action_complete", "action_cancel", "action_record_consent"):
            with self.assertRaises(AccessError, msg=action) as error:
                getattr(mentorship, action)()
            self.assertNotIn("Haddad", str(error.exception))
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.mentorship.moment"].create(
                {"mentorship_id": self.own.id}
            )
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.network.introduction"].create(
                {
                    "mentorship_id": self.own.id,
                    "contact_name": "Els Vermeulen",
                    "organisation": "Kortrijk Engineering",
                }
            )
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.mentorship.moment"].browse(
                self.own_moment.id
            ).write({"duration": 3})

    def test_refusals_tell_a_mentor_nothing_about_the_mentee(self):
        proposed = self.create_mentorship(pathway=self.other.pathway_id)
        as_mentor = self.as_mentor["level2work.mentorship"].browse(proposed.id)
        with self.assertRaises(AccessError) as error:
            as_mentor.write({"state": "active"})
        self.assertNotIn("Olena", str(error.exception))
        with self.assertRaises(AccessError) as error:
            as_mentor.action_activate()
        self.assertNotIn("Olena", str(error.exception))

    def test_moments_introductions_and_sessions_follow_the_mentorship(self):
        Moment = self.as_mentor["level2work.mentorship.moment"]
        self.assertEqual(Moment.search([]), self.own_moment)
        with self.assertRaises(AccessError):
            Moment.browse(self.other_moment.id).read(["note"])
        Session = self.as_mentor["level2work.session"]
        self.assertEqual(Session.search([]), self.upcoming_session)
        with self.assertRaises(AccessError):
            Session.browse(self.upcoming_session.id).read(["attendance_ids"])
        self.assertFalse(self.as_mentor["level2work.session.attendance"].search([]))
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.mentor"].search([])
        with self.assertRaises(AccessError):
            self.as_mentor["level2work.mentoring.cohort"].search([])

    def test_staff_and_coaches(self):
        self.assertEqual(
            self.Mentorship.with_user(self.staff_antwerp).search([]),
            self.Mentorship,
            "Staff of another lab see no mentorship of West Flanders",
        )
        self.assertEqual(
            self.Mentorship.with_user(self.staff).search([]), self.own | self.other
        )
        with self.assertRaises(AccessError):
            self.own.with_user(self.staff).write({"outcome": "job"})
        with self.assertRaises(AccessError):
            self.own.with_user(self.coach_other).write({"outcome": "job"})
        self.own.with_user(self.coach).write({"outcome": "job"})
        with self.assertRaises(AccessError):
            self.mentor.with_user(self.staff_antwerp).write({"capacity": 5})
        self.mentor.with_user(self.staff).write({"capacity": 3})
