from odoo import fields
from odoo.tests import freeze_time, tagged
from odoo.tools import format_date

from .common import EmployerCase

EMPLOYER_KINDS = (
    "workplace_learning_ending",
    "placement_follow_up",
    "proposal_interest_unanswered",
)


@tagged("post_install", "-at_install")
class TestReminders(EmployerCase):
    """The coach's reminders of this addon, through the one reminder job of
    level2work_pathway: never twice for the same occasion."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["level2work.reminder.rule"]
        # Only this addon's rules: the pathway's own ones are tested there.
        Rule.search([("kind", "not in", EMPLOYER_KINDS)]).active = False
        cls.amina = cls.create_candidate("Amina Haddad", aspirations=cls.isco_civil)
        cls.pathway = cls.amina.pathway_ids

    def run_reminders(self):
        """Run the reminder job; the number of reminders it gave."""
        return self.env["level2work.reminder.rule"]._cron_send_reminders()

    def remind(self, record):
        """Run the reminder job; the number of reminders it gave for
        ``record`` (other data of the database may be due too)."""
        Reminder = self.env["level2work.reminder"]
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        before = Reminder.search_count(domain)
        self.run_reminders()
        return Reminder.search_count(domain) - before

    def reminders(self, record, kind):
        return self.env["level2work.reminder"].search(
            [
                ("rule_id.kind", "=", kind),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
            ]
        )

    def test_placement_follow_ups_at_1_3_and_6_months(self):
        placement = self.env["level2work.placement"].create(
            {
                "pathway_id": self.pathway.id,
                "employer_id": self.employer.id,
                "occupation_id": self.isco_civil.id,
                "date_start": "2027-01-15",
            }
        )
        with freeze_time("2027-02-14"):
            self.assertEqual(self.remind(placement), 0, "not a month yet")
        with freeze_time("2027-02-15"):
            self.assertEqual(self.remind(placement), 1)
            self.assertEqual(self.run_reminders(), 0, "never twice")
        reminder = self.reminders(placement, "placement_follow_up")
        self.assertEqual(reminder.key, "1")
        activity = placement.activity_ids
        self.assertEqual(activity.user_id, self.coach)
        self.assertEqual(activity.summary, "Follow up the placement after 1 month")
        due = format_date(self.env, fields.Date.to_date("2027-02-15"))
        self.assertIn(f"the 1 month follow-up is due on {due}", activity.note)
        # The coach records the 1-month follow-up: the activity is done.
        with freeze_time("2027-02-16"):
            self.env["level2work.placement.follow.up"].create(
                {"placement_id": placement.id, "milestone": "1", "date": "2027-02-16"}
            )
        self.assertFalse(placement.activity_ids)
        with freeze_time("2027-04-15"):
            self.assertEqual(self.remind(placement), 1, "the 3-month follow-up")
            self.assertEqual(self.run_reminders(), 0)
        # Already recorded ahead of time: no reminder for 6 months.
        with freeze_time("2027-07-01"):
            self.env["level2work.placement.follow.up"].create(
                {"placement_id": placement.id, "milestone": "6", "date": "2027-07-01"}
            )
        with freeze_time("2027-07-20"):
            self.assertEqual(self.remind(placement), 0)
        self.assertEqual(
            sorted(self.reminders(placement, "placement_follow_up").mapped("key")),
            ["1", "3"],
        )

    def test_placement_of_a_closed_pathway_gets_no_follow_up_reminder(self):
        placement = self.env["level2work.placement"].create(
            {
                "pathway_id": self.pathway.id,
                "employer_id": self.employer.id,
                "occupation_id": self.isco_civil.id,
                "date_start": "2027-01-15",
            }
        )
        self.pathway.write(
            {"stage_id": self.stage_closed.id, "outcome": "job_at_level"}
        )
        with freeze_time("2027-08-01"):
            self.assertEqual(self.remind(placement), 0)

    def test_workplace_learning_ending_within_7_days(self):
        learning = self.env["level2work.workplace.learning"].create(
            {
                "pathway_id": self.pathway.id,
                "employer_id": self.employer.id,
                "instrument": "internship",
                "date_start": "2027-01-04",
                "date_end": "2027-03-31",
            }
        )
        with freeze_time("2027-03-23"):
            self.assertEqual(self.remind(learning), 0, "ends in 8 days")
        with freeze_time("2027-03-24"):
            self.assertEqual(self.remind(learning), 1)
            self.assertEqual(self.run_reminders(), 0)
        activity = learning.activity_ids
        self.assertEqual(activity.user_id, self.coach)
        self.assertIn("final evaluation", activity.summary)
        with freeze_time("2027-03-25"):
            self.env["level2work.workplace.learning.evaluation"].create(
                {"learning_id": learning.id, "kind": "final", "date": "2027-03-25"}
            )
        self.assertFalse(learning.activity_ids, "the final evaluation answers it")
        # Extended: a new end date is a new occasion, but the final
        # evaluation is there already.
        learning.date_end = "2027-04-30"
        with freeze_time("2027-04-25"):
            self.assertEqual(self.remind(learning), 0)

    def test_interest_unanswered_for_5_working_days(self):
        proposal = self.propose(self.amina)
        with freeze_time("2027-01-08"):  # a Friday
            proposal._mark_interested(self.employer_hr, "Let's meet.")
        self.assertEqual(str(proposal.date_interest), "2027-01-08")
        interest_activity = proposal.activity_ids
        with freeze_time("2027-01-14"):  # Thursday: 4 working days
            self.assertEqual(self.remind(proposal), 0)
        with freeze_time("2027-01-15"):  # Friday: 5 working days
            self.assertEqual(self.remind(proposal), 1)
            self.assertEqual(self.run_reminders(), 0)
        reminder = self.reminders(proposal, "proposal_interest_unanswered")
        self.assertEqual(reminder.key, "2027-01-08")
        self.assertIn("5 working days", reminder.activity_id.note)
        self.assertEqual(len(proposal.activity_ids), 2)
        # The coach introduces the candidate: the reminder is answered.
        self.give_disclosure_consent(self.amina)
        proposal.action_introduce()
        self.assertEqual(proposal.activity_ids, interest_activity)
        with freeze_time("2027-02-15"):
            self.assertEqual(self.remind(proposal), 0)
