from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tests.common import JsonRpcException

from .common import Level2workCase


@tagged("post_install", "-at_install")
class TestReminders(Level2workCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["level2work.reminder.rule"]
        # Only this addon's rules, so that other addons' rules do not count here.
        cls.Rule.search([]).filtered(
            lambda r: (
                r.kind
                not in (
                    "no_contact",
                    "stage_overdue",
                    "recognition_waiting",
                    "eligibility_ending",
                )
            )
        ).active = False
        cls.rule_no_contact = cls.env.ref("level2work_pathway.reminder_rule_no_contact")
        cls.rule_stage = cls.env.ref("level2work_pathway.reminder_rule_stage_overdue")
        cls.rule_recognition = cls.env.ref(
            "level2work_pathway.reminder_rule_recognition_waiting"
        )
        cls.rule_eligibility = cls.env.ref(
            "level2work_pathway.reminder_rule_eligibility_ending"
        )

    def _reminders(self, rule, record):
        return self.env["level2work.reminder"].search(
            [
                ("rule_id", "=", rule.id),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
            ]
        )

    def test_no_contact_for_longer_than_the_stage_allows(self):
        with freeze_time("2026-01-05"):
            pathway = self.create_pathway()
            self.log_contact(pathway)
        with freeze_time("2026-01-19"):
            self.Rule._cron_send_reminders()
            self.assertFalse(
                self._reminders(self.rule_no_contact, pathway), "14 days are allowed"
            )
        with freeze_time("2026-01-20"):
            self.assertEqual(self.Rule._cron_send_reminders(), 1)
            reminder = self._reminders(self.rule_no_contact, pathway)
            self.assertEqual(reminder.activity_id.user_id, self.coach)
            self.assertEqual(reminder.activity_id.res_id, pathway.id)
            self.assertIn("No contact since", reminder.activity_id.note)
            self.assertEqual(self.Rule._cron_send_reminders(), 0, "nothing twice")
        with freeze_time("2026-01-21"):
            activity = reminder.activity_id
            self.log_contact(pathway)
            self.assertFalse(activity.exists(), "the contact answers the reminder")
        with freeze_time("2026-02-10"):
            self.Rule._cron_send_reminders()
            self.assertEqual(
                len(self._reminders(self.rule_no_contact, pathway)),
                2,
                "a new silence, a new reminder",
            )

    def test_stage_longer_than_planned(self):
        with freeze_time("2026-01-05 10:00:00"):
            pathway = self.create_pathway()
        with freeze_time("2026-02-04"):
            self.Rule._cron_send_reminders()
            self.assertFalse(
                self._reminders(self.rule_stage, pathway), "30 days planned"
            )
        with freeze_time("2026-02-05"):
            self.Rule._cron_send_reminders()
            self.assertEqual(len(self._reminders(self.rule_stage, pathway)), 1)
            self.Rule._cron_send_reminders()
            self.assertEqual(len(self._reminders(self.rule_stage, pathway)), 1)

    def test_manager_changes_a_rule(self):
        self.rule_stage.with_user(self.manager).days = 10
        with freeze_time("2026-01-05 10:00:00"):
            pathway = self.create_pathway()
        with freeze_time("2026-02-10"):
            self.Rule._cron_send_reminders()
            self.assertFalse(self._reminders(self.rule_stage, pathway), "30 + 10 days")
        with freeze_time("2026-02-15"):
            self.Rule._cron_send_reminders()
            self.assertTrue(self._reminders(self.rule_stage, pathway))
        self.rule_no_contact.with_user(self.manager).active = False
        self.log_contact(pathway)
        with freeze_time("2026-06-01"):
            self.Rule._cron_send_reminders()
            self.assertEqual(
                len(self._reminders(self.rule_no_contact, pathway)), 1, "switched off"
            )

    def test_recognition_waiting_over_90_days(self):
        with freeze_time("2026-01-05"):
            pathway = self.create_pathway()
            diploma = pathway.newcomer_id.diploma_ids
            diploma.write(
                {
                    "recognition_state": "requested",
                    "recognition_request_date": "2026-01-05",
                }
            )
        with freeze_time("2026-04-04"):
            self.Rule._cron_send_reminders()
            self.assertFalse(self._reminders(self.rule_recognition, diploma))
        with freeze_time("2026-04-05"):
            self.Rule._cron_send_reminders()
            reminder = self._reminders(self.rule_recognition, diploma)
            self.assertEqual(reminder.activity_id.res_model, "level2work.newcomer")
            self.assertEqual(reminder.activity_id.user_id, self.coach)
            self.assertEqual(self.Rule._cron_send_reminders(), 0)

    def test_reminders_in_the_coachs_language(self):
        self.activate_languages()
        self.coach.lang = "nl_BE"
        with freeze_time("2026-01-05"):
            pathway = self.create_pathway()
            diploma = pathway.newcomer_id.diploma_ids
            diploma.write(
                {
                    "recognition_state": "requested",
                    "recognition_request_date": "2026-01-05",
                }
            )
        with freeze_time("2026-04-05"):
            self.Rule.with_user(self.manager)._cron_send_reminders()
        activity = self._reminders(self.rule_recognition, diploma).activity_id
        self.assertEqual(
            activity.summary, "Diploma-erkenning opvolgen bij NARIC-Vlaanderen"
        )
        self.assertIn("erkenning aangevraagd op 05-01-2026", str(activity.note))

    def test_eligibility_ending_within_60_days(self):
        with freeze_time("2026-01-05"):
            newcomer = self.create_newcomer(arrival_date="2021-04-01")
            self.create_pathway(newcomer)
            self.Rule._cron_send_reminders()
            self.assertFalse(self._reminders(self.rule_eligibility, newcomer))
        with freeze_time("2026-01-31"):
            self.Rule._cron_send_reminders()
            reminder = self._reminders(self.rule_eligibility, newcomer)
            self.assertTrue(reminder)
            self.assertIn("until", reminder.activity_id.note)
            self.Rule._cron_send_reminders()
            self.assertEqual(len(self._reminders(self.rule_eligibility, newcomer)), 1)

    def test_closed_pathways_and_coachless_newcomers_get_none(self):
        with freeze_time("2026-01-05"):
            closed = self.create_pathway()
            closed.write({"stage_id": self.stage_closed.id, "outcome": "job_at_level"})
            coachless = self.create_pathway(
                self.create_newcomer(name="No Coach", coach_id=False)
            )
        with freeze_time("2026-06-01"):
            self.Rule._cron_send_reminders()
            self.assertFalse(self._reminders(self.rule_no_contact, closed))
            self.assertFalse(self._reminders(self.rule_no_contact, coachless))

    def test_batches(self):
        with freeze_time("2026-01-05"):
            pathways = (
                self.create_pathway()
                | self.create_pathway(self.create_newcomer(name="Second Person"))
                | self.create_pathway(self.create_newcomer(name="Third Person"))
            )
        with freeze_time("2026-01-25"):
            due = len(
                [
                    due
                    for rule in self.Rule.search([])
                    for due in rule._get_due(fields.Date.today())
                ]
            )
            self.assertGreaterEqual(due, 3)
            done = []
            while batch := self.Rule._cron_send_reminders(batch_size=2):
                self.assertLessEqual(batch, 2)
                done.append(batch)
            self.assertEqual(sum(done), due)
        reminded = self.env["level2work.reminder"].search(
            [("rule_id", "=", self.rule_no_contact.id), ("res_id", "in", pathways.ids)]
        )
        self.assertEqual(len(reminded), 3)

    def test_manager_sends_reminders_now(self):
        with freeze_time("2026-01-05"):
            pathway = self.create_pathway()
        with freeze_time("2026-02-20"):
            action = self.Rule.with_user(self.manager).action_send_now()
            self.assertIn("Reminders given:", action["params"]["message"])
            self.assertTrue(self._reminders(self.rule_no_contact, pathway))
            with self.assertRaisesRegex(UserError, "managers only"):
                self.Rule.with_user(self.coach).action_send_now()


@tagged("post_install", "-at_install")
class TestSendRemindersNow(HttpCase, Level2workCase):
    """*Send reminders now* as the list's header button calls it: through
    ``/web/dataset/call_button``, with the selected rules (none at all when
    nothing is selected) and the list's context, which shows switched-off
    rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["level2work.pathway"])
        cls.pathway = cls.create_pathway(date_start=today - timedelta(days=40))
        cls.pathway.date_last_stage_update = fields.Datetime.now() - timedelta(days=40)
        cls.rule_no_contact = cls.env.ref("level2work_pathway.reminder_rule_no_contact")
        cls.rule_stage = cls.env.ref("level2work_pathway.reminder_rule_stage_overdue")

    def click_send_now(self, rules):
        return self.make_jsonrpc_request(
            "/web/dataset/call_button",
            {
                "model": "level2work.reminder.rule",
                "method": "action_send_now",
                "args": [rules.ids],
                "kwargs": {"context": {"active_test": False, "lang": "en_US"}},
            },
        )

    def reminded_by(self):
        return (
            self.env["level2work.reminder"]
            .search(
                [
                    ("res_model", "=", self.pathway._name),
                    ("res_id", "=", self.pathway.id),
                ]
            )
            .rule_id
        )

    def test_selected_rules_only(self):
        self.authenticate(self.manager.login, self.manager.login)
        action = self.click_send_now(self.rule_stage)
        self.assertEqual(action["params"]["type"], "success")
        self.assertRegex(
            action["params"]["message"],
            r"^Reminders given: \d+ \(Stage takes longer than planned: \d+\)\. "
            r"Rules checked: 1\.$",
        )
        self.assertEqual(self.reminded_by(), self.rule_stage)
        action = self.click_send_now(self.rule_stage)
        self.assertEqual(
            action["params"]["message"], "No reminder was due. Rules checked: 1."
        )

    def test_every_rule_that_is_on_when_none_is_selected(self):
        self.rule_stage.active = False
        self.authenticate(self.manager.login, self.manager.login)
        action = self.click_send_now(self.env["level2work.reminder.rule"])
        on = self.env["level2work.reminder.rule"].search_count([])
        self.assertIn(f"Rules checked: {on}.", action["params"]["message"])
        self.assertIn("No contact for too long:", action["params"]["message"])
        self.assertEqual(self.reminded_by(), self.rule_no_contact)
        action = self.click_send_now(self.rule_stage)
        self.assertEqual(
            action["params"]["message"], "No reminder was due. Rules checked: 0."
        )
        self.assertEqual(self.reminded_by(), self.rule_no_contact, "switched off")

    def test_for_managers_only(self):
        self.authenticate(self.coach.login, self.coach.login)
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self.click_send_now(self.rule_no_contact)
        self.assertFalse(self.reminded_by())
