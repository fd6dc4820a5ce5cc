from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestMentorship(MentoringCase):
    def test_end_date_defaults_to_three_months_after_the_start(self):
        mentorship = self.create_mentorship(date_start=date(2026, 3, 2))
        self.assertEqual(mentorship.date_end, date(2026, 6, 2))
        mentorship = self.create_mentorship(date_start=date(2026, 11, 30))
        self.assertEqual(mentorship.date_end, date(2027, 2, 28), "End of the month")
        mentorship = self.create_mentorship(
            date_start=date(2026, 3, 2), date_end=date(2026, 5, 15)
        )
        self.assertEqual(mentorship.date_end, date(2026, 5, 15), "An agreed end stays")

    def test_end_date_follows_the_start_in_the_form(self):
        with Form(self.Mentorship.with_user(self.coach)) as form:
            form.pathway_id = self.create_pathway()
            form.mentor_id = self.mentor
            form.date_start = date(2026, 9, 1)
            self.assertEqual(form.date_end, date(2026, 12, 1))

    def test_a_mentorship_cannot_end_before_it_starts(self):
        with self.assertRaises(ValidationError):
            self.create_mentorship(
                date_start=date(2026, 3, 2), date_end=date(2026, 3, 1)
            )

    def test_one_active_mentorship_per_pathway(self):
        pathway = self.create_pathway()
        first = self.create_mentorship(pathway=pathway)
        second = self.create_mentorship(pathway=pathway, mentor=self.mentor_other)
        first.action_activate()
        with self.assertRaises(ValidationError) as error:
            second.action_activate()
        message = str(error.exception)
        self.assertIn("Amina Haddad", message)
        self.assertIn("Jan Vandenberghe", message, "Names the active mentorship")
        self.assertEqual(second.state, "proposed")
        with self.assertRaises(ValidationError):
            (first | second).write({"state": "active"})

        first.action_cancel()
        second.action_activate()
        self.assertEqual(second.state, "active")

    def test_the_database_refuses_a_second_active_mentorship(self):
        pathway = self.create_pathway()
        first = self.create_mentorship(pathway=pathway, state="active")
        second = self.create_mentorship(pathway=pathway, mentor=self.mentor_other)
        self.env.flush_all()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env.cr.execute(
                "UPDATE level2work_mentorship SET state = 'active' WHERE id = %s",
                [second.id],
            )
        self.assertEqual(first.state, "active")

    def test_completing_needs_an_outcome(self):
        mentorship = self.create_mentorship(state="active")
        with self.assertRaises(UserError) as error:
            mentorship.action_complete()
        self.assertIn("outcome", str(error.exception))
        self.assertIn("Amina Haddad", str(error.exception))
        self.assertEqual(mentorship.state, "active")
        with self.assertRaises(ValidationError):
            mentorship.write({"state": "completed"})

        mentorship.outcome = "internship"
        mentorship.with_user(self.coach).action_complete()
        self.assertEqual(mentorship.state, "completed")
        self.assertEqual(mentorship.date_closed, self.today)
        note = mentorship.pathway_id.message_ids[:1]
        self.assertIn("Jan Vandenberghe", str(note.body))
        self.assertIn("Internship", str(note.body))

    def test_state_changes(self):
        mentorship = self.create_mentorship()
        with self.assertRaises(UserError):
            mentorship.action_complete()
        mentorship.action_cancel()
        self.assertEqual(mentorship.state, "cancelled")
        with self.assertRaises(UserError):
            mentorship.action_activate()
        mentorship.action_reset()
        self.assertEqual(mentorship.state, "proposed")
        self.assertFalse(mentorship.date_closed)

    def test_no_mentorship_starts_on_a_closed_pathway(self):
        pathway = self.create_pathway()
        mentorship = self.create_mentorship(pathway=pathway)
        pathway.write({"stage_id": self.stage_closed.id, "outcome": "other"})
        with self.assertRaises(UserError):
            mentorship.action_activate()

    def test_contact_moments_took_place_within_the_mentorship(self):
        mentorship = self.create_mentorship(state="active")
        Moment = self.env["level2work.mentorship.moment"]
        with self.assertRaisesRegex(ValidationError, "lies in the future"):
            Moment.create(
                {"mentorship_id": mentorship.id, "date": self.today + timedelta(days=1)}
            )
        with self.assertRaisesRegex(ValidationError, "before the mentorship started"):
            Moment.create(
                {
                    "mentorship_id": mentorship.id,
                    "date": self.today - timedelta(days=60),
                }
            )
        with self.assertRaisesRegex(ValidationError, "from 0 to 12 hours"):
            Moment.create({"mentorship_id": mentorship.id, "duration": 13})
        with self.assertRaisesRegex(ValidationError, "at most 2000 characters"):
            Moment.create({"mentorship_id": mentorship.id, "note": "x" * 2001})
        moment = Moment.create({"mentorship_id": mentorship.id, "duration": 1.5})
        self.assertEqual(mentorship.last_moment_date, moment.date)
        self.assertEqual(mentorship.moment_count, 1)

    def test_consent_banner_follows_the_consent_to_this_mentor(self):
        mentorship = self.create_mentorship()
        newcomer = mentorship.newcomer_id
        self.assertFalse(mentorship.mentee_consent_given)

        colleague = self.env["res.partner"].create(
            {"name": "Piet Colleague", "parent_id": self.company.id}
        )
        self.give_consent(newcomer, colleague)
        mentorship.invalidate_recordset(["mentee_consent_given"])
        self.assertFalse(
            mentorship.mentee_consent_given,
            "A consent to a colleague of the same company is not one to this mentor",
        )

        action = mentorship.with_user(self.coach).action_record_consent()
        self.assertEqual(action["res_model"], "level2work.consent")
        context = action["context"]
        with Form(
            self.env["level2work.consent"]
            .with_user(self.coach)
            .with_context(**context),
            view="level2work_mentoring.consent_view_form_mentor",
        ) as form:
            form.date_given = self.today
        consent = form.record
        self.assertEqual(consent.recipient_partner_id, self.mentor.partner_id)
        self.assertEqual(consent.recorded_by_id, self.coach)
        mentorship.invalidate_recordset(["mentee_consent_given"])
        self.assertTrue(mentorship.mentee_consent_given)

        consent.action_withdraw()
        mentorship.invalidate_recordset(["mentee_consent_given"])
        self.assertFalse(mentorship.mentee_consent_given, "Withdrawn at once")

    def test_mentee_summary_is_minimal(self):
        newcomer = self.create_newcomer(
            "Amina Haddad",
            national_number="85.07.30-033.28",
            language_skill_ids=[
                (
                    0,
                    0,
                    {"language_id": self.arabic.id, "level": "C2", "is_native": True},
                ),
                (0, 0, {"language_id": self.english.id, "level": "B2"}),
            ],
        )
        mentorship = self.create_mentorship(pathway=self.create_pathway(newcomer))
        mentorship.goals = "<p>An internship in an engineering firm</p>"
        self.assertEqual(mentorship._get_mentee_summary(), {}, "No consent yet")

        self.give_consent(newcomer, self.mentor.partner_id)
        summary = mentorship._get_mentee_summary()
        self.assertEqual(
            set(summary),
            {"first_name", "goals", "languages", "diplomas", "target_occupations"},
        )
        self.assertEqual(summary["first_name"], "Amina")
        self.assertIn("engineering firm", str(summary["goals"]))
        self.assertEqual(
            summary["languages"], ["Arabic (mother tongue)", "English (B2)"]
        )
        self.assertEqual(
            summary["diplomas"],
            ["Master of Civil Engineering, ISCED 7 - master, Civil engineering"],
        )
        self.assertNotIn("Haddad", str(summary))
        self.assertNotIn("85.07.30", str(summary))
