from datetime import timedelta

from odoo.tests import tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestMentoringPrivacy(MentoringCase):
    """Erasure and the export of one's own data reach the mentoring records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = cls.create_newcomer(name="Leyla Dashtiani")
        cls.mentorship = cls.create_mentorship(
            cls.create_pathway(cls.newcomer),
            state="active",
            goals="<p>Leyla wants to design bridges again</p>",
        )
        cls.give_consent(cls.newcomer, cls.mentor.partner_id)
        cls.moment = cls.env["level2work.mentorship.moment"].create(
            {
                "mentorship_id": cls.mentorship.id,
                "date": cls.today - timedelta(days=5),
                "duration": 2,
                "note": "Leyla rewrote her CV",
            }
        )
        cls.introduction = cls.env["level2work.network.introduction"].create(
            {
                "mentorship_id": cls.mentorship.id,
                "date": cls.today - timedelta(days=1),
                "contact_name": "Griet Declercq",
                "organisation": "Provincie West-Vlaanderen",
                "outcome": "meeting",
                "note": "Griet meets Leyla on Friday",
            }
        )
        cls.attended = cls.attend(cls.newcomer, "cv")
        cls.attended.note = "Leyla asked about diplomas"
        cls.registered = cls.env["level2work.session.attendance"].create(
            {
                "session_id": cls.create_session("networking", days=8).id,
                "newcomer_id": cls.newcomer.id,
            }
        )
        cls.other = cls.create_mentorship(
            cls.create_pathway(cls.create_newcomer(name="Tomasz Wierzbicki")),
            mentor=cls.mentor_other,
            goals="<p>Tomasz aims for a hospital job</p>",
        )

    def test_erasure_clears_the_text_and_keeps_the_counts(self):
        self.newcomer.with_user(self.manager).action_anonymize()
        self.assertFalse(self.mentorship.goals)
        self.assertFalse(self.moment.note)
        self.assertEqual(self.moment.duration, 2)
        self.assertFalse(self.introduction.note)
        self.assertEqual(self.introduction.outcome, "meeting")
        self.assertEqual(
            (self.introduction.contact_name, self.introduction.organisation),
            ("Griet Declercq", "Provincie West-Vlaanderen"),
            "the contact is the mentor's network, not the person",
        )
        self.assertFalse(self.attended.note)
        self.assertEqual(self.attended.state, "attended")
        self.assertEqual(self.other.goals, "<p>Tomasz aims for a hospital job</p>")

    def test_erasure_ends_what_is_under_way(self):
        self.newcomer.with_user(self.manager).action_anonymize()
        self.assertEqual(self.mentorship.state, "cancelled")
        self.assertEqual(self.mentorship.date_closed, self.today)
        self.assertFalse(self.registered.exists(), "no place kept on a session")
        self.assertTrue(self.attended.exists(), "the past session still counts")

    def test_personal_data_has_the_mentoring_sections(self):
        sections = dict(self.newcomer._get_personal_data())
        mentorship = sections["Mentorships"]
        self.assertEqual(len(mentorship), 1)
        self.assertEqual(mentorship[0]["Mentor"], "Jan Vandenberghe")
        self.assertEqual(mentorship[0]["Goals"], "Leyla wants to design bridges again")
        self.assertEqual(
            sections["Contact moments with the mentor"][0]["Notes"],
            "Leyla rewrote her CV",
        )
        introduction = sections["Introductions into the mentor's network"][0]
        self.assertEqual(introduction["Contact"], "Griet Declercq")
        self.assertEqual(introduction["Outcome"], "Informational meeting")
        self.assertEqual(
            {row["Attendance"] for row in sections["Group sessions"]},
            {"Attended", "Registered"},
        )
        self.assertNotIn("Tomasz", str(sections))

    def test_personal_data_in_the_reader_language(self):
        self.env["res.lang"]._activate_lang("nl_BE")
        sections = dict(self.newcomer.with_context(lang="nl_BE")._get_personal_data())
        self.assertIn("Mentortrajecten", sections)
