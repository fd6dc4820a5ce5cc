from datetime import date

from odoo.tests import freeze_time, tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestMentorshipReminders(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["level2work.reminder.rule"]
        cls.quiet = cls.create_mentorship(state="active", date_start=date(2026, 3, 2))
        cls.busy = cls.create_mentorship(
            pathway=cls.create_pathway(cls.create_newcomer("Carlos Mendoza")),
            state="active",
            date_start=date(2026, 3, 2),
        )
        with freeze_time("2026-03-20"):
            cls.env["level2work.mentorship.moment"].create(
                {"mentorship_id": cls.busy.id, "date": date(2026, 3, 20)}
            )

    def reminders(self, mentorship):
        return mentorship.activity_ids.mapped("summary")

    def run_twice(self):
        first = self.Rule._cron_send_reminders()
        self.assertEqual(self.Rule._cron_send_reminders(), 0, "Nothing twice")
        return first

    def test_no_contact_moment_for_21_days(self):
        with freeze_time("2026-03-22"):
            self.run_twice()
            self.assertFalse(self.reminders(self.quiet), "20 days: not yet")
        with freeze_time("2026-03-23"):
            self.assertGreaterEqual(self.run_twice(), 1)
        summary = "Ask mentor and mentee how the mentorship is going"
        self.assertEqual(self.reminders(self.quiet), [summary])
        self.assertEqual(self.quiet.activity_ids.user_id, self.coach)
        self.assertIn("since the start", self.quiet.activity_ids.note)
        self.assertFalse(self.reminders(self.busy))

        with freeze_time("2026-04-11"):
            self.run_twice()
        self.assertEqual(self.reminders(self.busy), [summary])
        self.assertEqual(len(self.quiet.activity_ids), 1, "Same gap, same reminder")

        with freeze_time("2026-04-12"):
            self.env["level2work.mentorship.moment"].create(
                {"mentorship_id": self.quiet.id}
            )
        self.assertFalse(self.reminders(self.quiet), "the moment answers it")

    def test_ending_and_ended_but_open(self):
        self.assertEqual(self.quiet.date_end, date(2026, 6, 2))
        self.busy.write({"outcome": "job"})
        self.busy.action_complete()
        with freeze_time("2026-05-18"):
            self.run_twice()
        self.assertNotIn(
            "Plan the final evaluation with mentor and mentee",
            self.reminders(self.quiet),
        )
        with freeze_time("2026-05-19"):
            self.run_twice()
        self.assertIn(
            "Plan the final evaluation with mentor and mentee",
            self.reminders(self.quiet),
        )

        with freeze_time("2026-06-03"):
            self.run_twice()
        self.assertIn(
            "Record the outcome and complete the mentorship", self.reminders(self.quiet)
        )
        self.assertNotIn(
            "Record the outcome and complete the mentorship", self.reminders(self.busy)
        )

    def test_a_new_end_date_is_a_new_occasion(self):
        with freeze_time("2026-06-03"):
            self.run_twice()
            self.quiet.date_end = date(2026, 6, 15)
            self.run_twice()
        with freeze_time("2026-06-16"):
            self.run_twice()
        ended = self.quiet.activity_ids.filtered(
            lambda a: a.summary == "Record the outcome and complete the mentorship"
        )
        self.assertEqual(len(ended), 2)
