from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import Level2workCase


@tagged("post_install", "-at_install")
class TestIntakeTour(HttpCase, Level2workCase):
    def test_intake_to_kanban_in_the_browser(self):
        # A manager on the lab's staff is not offered as a coach.
        self.lab_west.user_ids |= self.manager
        self.start_tour("/odoo", "level2work_intake_tour", login=self.staff.login)
        newcomer = self.env["level2work.newcomer"].search(
            [("name", "=", "Tesfaye Bekele")]
        )
        self.assertEqual(newcomer.coach_id, self.coach)
        self.assertEqual(newcomer.sudo().sensitive_ids.national_number, "85073003328")
        self.assertEqual(newcomer.arrival_date.isoformat(), "2025-01-15")
        self.assertRecordValues(
            newcomer.diploma_ids,
            [
                {
                    "name": "Master of Civil Engineering",
                    "isced_level": "7",
                    "field_of_study": "Civil engineering",
                    "country_id": self.env.ref("base.et").id,
                }
            ],
        )
        self.assertEqual(newcomer.dutch_level, "A2")
        self.assertEqual(newcomer.aspiration_ids, self.isco_cleaners)
        self.assertEqual(newcomer.eligibility_state, "eligible")
        self.assertRecordValues(
            newcomer.consent_ids,
            [{"purpose": "process", "recorded_by_id": self.staff.id}],
        )
        pathway = newcomer.pathway_ids
        self.assertEqual(pathway.stage_id, self.stage_intake)
        self.assertEqual(
            len(pathway.contact_ids), 2, "the intake and the logged contact"
        )


@tagged("post_install", "-at_install")
class TestReminderTour(HttpCase, Level2workCase):
    def test_manager_sends_the_reminders_of_a_rule_in_the_browser(self):
        today = fields.Date.context_today(self.env["level2work.pathway"])
        pathway = self.create_pathway(date_start=today - timedelta(days=40))
        pathway.date_last_stage_update = fields.Datetime.now() - timedelta(days=40)
        self.start_tour("/odoo", "level2work_reminder_tour", login=self.manager.login)
        reminders = self.env["level2work.reminder"].search(
            [("res_model", "=", pathway._name), ("res_id", "=", pathway.id)]
        )
        self.assertEqual(
            reminders.rule_id,
            self.env.ref("level2work_pathway.reminder_rule_no_contact"),
            "only the selected rule is run: the stage is overdue too",
        )
        self.assertEqual(reminders.activity_id.user_id, self.coach)


@tagged("post_install", "-at_install")
class TestContactTour(HttpCase, Level2workCase):
    def test_coach_logs_a_contact_from_the_card_in_the_browser(self):
        self.coach.tz = "Europe/Brussels"
        Pathway = self.env["level2work.pathway"].with_user(self.coach)
        today = fields.Date.context_today(Pathway)
        pathway = self.create_pathway(date_start=today - timedelta(days=40))
        self.start_tour("/odoo", "level2work_contact_tour", login=self.coach.login)
        contact = pathway.contact_ids
        self.assertEqual(contact.kind, "phone")
        self.assertEqual(contact.summary, "Asked how the Dutch course is going")
        self.assertEqual(contact.user_id, self.coach)
        self.assertEqual(pathway.last_contact_date, today)
