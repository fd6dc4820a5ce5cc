from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestPathwayContacts(MentoringCase):
    """The mentor's contact moments and the group sessions attended are
    contacts with the newcomer: the card, its counter and the coach's
    no-contact reminder count them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["level2work.reminder.rule"]
        cls.rule_no_contact = cls.env.ref("level2work_pathway.reminder_rule_no_contact")
        cls.start = cls.today - timedelta(days=270)
        cls.pathway = cls.create_pathway(date_start=cls.start)
        cls.mentorship = cls.create_mentorship(cls.pathway, state="active")

    def log_moment(self, days_ago):
        return self.env["level2work.mentorship.moment"].create(
            {
                "mentorship_id": self.mentorship.id,
                "date": self.today - timedelta(days=days_ago),
            }
        )

    def due_for_no_contact(self):
        return self.env["level2work.pathway"].search(
            self.env["level2work.pathway"]._reminder_domain_no_contact(
                self.rule_no_contact, self.today
            )
        )

    def test_the_mentors_contact_moment_counts(self):
        self.assertEqual(self.pathway.days_since_contact, 270)
        self.assertTrue(self.pathway.is_contact_overdue)
        self.log_contact(self.pathway, date=fields.Datetime.now() - timedelta(days=9))
        self.log_moment(days_ago=3)
        self.pathway.invalidate_recordset(["days_since_contact", "is_contact_overdue"])
        self.assertEqual(self.pathway.last_contact_date, self.today - timedelta(days=3))
        self.assertEqual(self.pathway.last_contact_source, "mentor")
        self.assertEqual(self.pathway.last_contact_by, "Jan Vandenberghe")
        self.assertEqual(self.pathway.days_since_contact, 3)
        self.assertFalse(self.pathway.is_contact_overdue)
        self.assertNotIn(self.pathway, self.due_for_no_contact())

    def test_an_attended_group_session_counts(self):
        self.log_moment(days_ago=15)
        attendance = self.attend(self.pathway.newcomer_id, "cv", state="registered")
        self.assertEqual(self.pathway.last_contact_source, "mentor")
        attendance.action_mark_attended()
        self.assertEqual(self.pathway.last_contact_date, attendance.session_date.date())
        self.assertEqual(self.pathway.last_contact_source, "session")
        self.assertEqual(self.pathway.last_contact_by, "Session cv")
        attendance.action_mark_absent()
        self.assertEqual(self.pathway.last_contact_source, "mentor")

    def test_a_session_before_the_pathway_started_does_not_count(self):
        self.pathway.date_start = self.today - timedelta(days=5)
        self.attend(self.pathway.newcomer_id, "cv")
        self.assertFalse(self.pathway.last_contact_date)

    def test_the_card_and_the_reminder_rule_agree(self):
        quiet = self.create_pathway(
            self.create_newcomer("Carlos Mendoza"), date_start=self.start
        )
        attended = self.create_pathway(
            self.create_newcomer("Lan Nguyen"), date_start=self.start
        )
        self.attend(attended.newcomer_id, "application_skills")
        self.log_moment(days_ago=1)
        pathways = self.pathway | quiet | attended
        self.assertEqual(
            pathways.filtered("is_contact_overdue"),
            self.due_for_no_contact() & pathways,
        )
        self.assertEqual(pathways.filtered("is_contact_overdue"), quiet)

    def test_the_mentors_moment_answers_the_coachs_reminder(self):
        self.Rule._cron_send_reminders()
        reminder = self.env["level2work.reminder"].search(
            [
                ("rule_id", "=", self.rule_no_contact.id),
                ("res_id", "=", self.pathway.id),
            ]
        )
        self.assertTrue(reminder.activity_id)
        self.log_moment(days_ago=0)
        self.assertFalse(reminder.activity_id.exists().filtered("active"))
        self.Rule._cron_send_reminders()
        self.assertEqual(
            len(
                self.env["level2work.reminder"].search(
                    [
                        ("rule_id", "=", self.rule_no_contact.id),
                        ("res_id", "=", self.pathway.id),
                    ]
                )
            ),
            1,
            "no new reminder after the mentor's contact",
        )


@tagged("post_install", "-at_install")
class TestPlanStepsFulfilled(MentoringCase):
    def test_proposing_a_mentor_completes_the_plan_step(self):
        pathway = self.create_pathway()
        pathway.stage_id = self.stage_mentoring
        propose = pathway.activity_ids.filtered(
            lambda a: a.summary == "Propose a mentor"
        )
        self.assertTrue(propose)
        by_hand = pathway.activity_schedule(
            "mail.mail_activity_data_todo", summary="Propose a mentor"
        )
        others = pathway.activity_ids - propose - by_hand
        self.env["level2work.mentorship"].with_user(self.coach)._propose(
            pathway, self.mentor
        )
        self.assertFalse(propose.exists().filtered("active"))
        self.assertTrue(by_hand.active, "an activity scheduled by hand stays")
        self.assertEqual(pathway.activity_ids, others | by_hand)
        self.assertTrue(
            pathway.message_ids.filtered(
                lambda m: (
                    "Done: a mentorship with Jan Vandenberghe was proposed" in m.body
                )
            )
        )
