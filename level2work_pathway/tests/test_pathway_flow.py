from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import Level2workCase


@tagged("post_install", "-at_install")
class TestPathwayFlow(Level2workCase):
    def test_new_pathway_starts_in_intake_with_its_plan(self):
        pathway = self.create_pathway()
        self.assertEqual(pathway.stage_id, self.stage_intake)
        plan = self.stage_intake.activity_plan_id
        self.assertEqual(len(pathway.activity_ids), len(plan.template_ids))
        self.assertEqual(pathway.activity_ids.user_id, self.coach)

    def test_entering_a_stage_launches_its_plan_for_the_coach(self):
        pathway = self.create_pathway()
        pathway.activity_ids.unlink()
        pathway.with_user(self.coach).stage_id = self.stage_language
        summaries = set(pathway.activity_ids.mapped("summary"))
        expected = set(
            self.stage_language.activity_plan_id.template_ids.mapped("summary")
        )
        self.assertEqual(summaries, expected)
        self.assertEqual(pathway.activity_ids.user_id, self.coach)
        first = self.stage_language.activity_plan_id.template_ids[:1]
        activity = pathway.activity_ids.filtered(lambda a: a.summary == first.summary)
        # The coach who moved the card: their today, in their time zone.
        today = fields.Date.context_today(pathway.with_user(self.coach))
        self.assertEqual(
            activity.date_deadline, today + timedelta(days=first.delay_count)
        )

    def test_back_in_a_stage_its_open_steps_are_not_given_twice(self):
        pathway = self.create_pathway()
        pathway.stage_id = self.stage_language
        count = len(pathway.activity_ids)
        pathway.stage_id = self.stage_intake
        pathway.stage_id = self.stage_language
        self.assertEqual(len(pathway.activity_ids), count)

    def test_closing_leaves_nothing_to_do(self):
        pathway = self.create_pathway()
        self.assertTrue(pathway.activity_ids)
        pathway.write({"stage_id": self.stage_closed.id, "outcome": "other"})
        self.assertFalse(pathway.activity_ids)

    def test_leaving_a_stage_closes_its_steps_with_a_note(self):
        pathway = self.create_pathway()
        intake_steps = pathway.activity_ids
        self.assertEqual(len(intake_steps), 4)
        by_hand = pathway.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=intake_steps[0].summary,
            user_id=self.coach.id,
        )
        mentoring_step = self.stage_mentoring.activity_plan_id.template_ids[:1]
        other_stage = pathway.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=mentoring_step.summary,
            user_id=self.coach.id,
            plan_template_id=mentoring_step.id,
        )
        pathway.with_user(self.coach).stage_id = self.stage_language
        self.assertFalse(intake_steps.exists().filtered("active"))
        self.assertTrue(by_hand.active, "an activity scheduled by hand stays")
        self.assertTrue(other_stage.active, "a step of another stage stays")
        self.assertEqual(
            pathway.activity_ids - by_hand - other_stage,
            pathway.activity_ids.filtered(
                lambda a: (
                    a.plan_template_id.plan_id == self.stage_language.activity_plan_id
                )
            ),
        )
        done = pathway.message_ids.filtered(
            lambda m: (
                "Closed: the pathway moved to Dutch and career orientation" in m.body
            )
        )
        self.assertEqual(len(done), 4)
        self.assertEqual(done.author_id, self.coach.partner_id)

    def test_a_dutch_course_recorded_completes_its_plan_step(self):
        pathway = self.create_pathway()
        pathway.stage_id = self.stage_language
        enrol = pathway.activity_ids.filtered(
            lambda a: a.summary == "Enrol in a Dutch course with career orientation"
        )
        self.assertTrue(enrol)
        by_hand = pathway.activity_schedule(
            "mail.mail_activity_data_todo", summary=enrol.summary
        )
        Training = self.env["level2work.training"].with_user(self.coach)
        Training.create(
            {"pathway_id": pathway.id, "name": "Bridging course", "kind": "bridging"}
        )
        self.assertTrue(enrol.active, "a bridging course is no Dutch course")
        Training.create(
            {
                "pathway_id": pathway.id,
                "name": "Dutch 2.1 at CVO Brugge",
                "kind": "dutch_course",
                "result": "ongoing",
            }
        )
        self.assertFalse(enrol.exists().active)
        self.assertTrue(by_hand.active, "an activity scheduled by hand stays")
        self.assertEqual(len(pathway.activity_ids), 3, "the other steps stay")
        self.assertTrue(
            pathway.message_ids.filtered(
                lambda m: (
                    "Done: enrolled in the Dutch course Dutch 2.1 at CVO Brugge"
                    in m.body
                )
            )
        )

    def test_gate_refuses_with_a_clear_message(self):
        newcomer = self.create_newcomer(country_of_origin_id=self.poland.id)
        pathway = self.create_pathway(newcomer)
        with self.assertRaisesRegex(
            UserError, "Amina Haddad cannot enter Dutch and career orientation"
        ):
            pathway.stage_id = self.stage_language
        self.assertEqual(pathway.stage_id, self.stage_intake)

    def test_gate_refuses_a_jump_past_it(self):
        pathway = self.create_pathway(target_occupation_ids=False)
        with self.assertRaisesRegex(UserError, "target occupation"):
            pathway.stage_id = self.stage_placement

    def test_gate_switched_off_lets_pathways_pass(self):
        self.env.ref("level2work_pathway.stage_gate_target_occupation").with_user(
            self.manager
        ).active = False
        pathway = self.create_pathway(target_occupation_ids=False)
        pathway.stage_id = self.stage_mentoring
        self.assertEqual(pathway.stage_id, self.stage_mentoring)

    def test_closing_sets_end_date_and_reopening_clears_it(self):
        pathway = self.create_pathway()
        pathway.write({"stage_id": self.stage_closed.id, "outcome": "job_at_level"})
        self.assertTrue(pathway.is_closed)
        self.assertEqual(pathway.date_end, fields.Date.context_today(pathway))
        pathway.stage_id = self.stage_language
        self.assertFalse(pathway.date_end)

    def test_a_closed_pathway_keeps_its_outcome_and_end_date(self):
        pathway = self.create_pathway()
        with self.assertRaisesRegex(ValidationError, "needs its outcome and end date"):
            pathway.stage_id = self.stage_closed
        self.assertFalse(pathway.is_closed)
        pathway.write({"stage_id": self.stage_closed.id, "outcome": "job_at_level"})
        for values in ({"date_end": False}, {"outcome": False}):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, "needs its outcome"),
            ):
                pathway.write(values)
        self.assertTrue(pathway.date_end and pathway.outcome)

    def test_one_open_pathway_per_newcomer(self):
        pathway = self.create_pathway()
        with self.assertRaisesRegex(ValidationError, "already has an open pathway"):
            self.create_pathway(pathway.newcomer_id)
        pathway.write({"stage_id": self.stage_closed.id, "outcome": "left_project"})
        self.assertTrue(self.create_pathway(pathway.newcomer_id))

    def test_contact_is_logged_from_a_dialog_on_confirm(self):
        with freeze_time("2026-01-05 10:00:00"):
            pathway = self.create_pathway()
        with freeze_time("2026-01-25 14:30:00"):
            action = pathway.with_user(self.coach).action_log_contact()
            self.assertFalse(pathway.contact_ids, "nothing saved before confirming")
            self.assertEqual(action["target"], "new")
            self.assertEqual(pathway.days_since_contact, 20)
            dialog = Form(
                self.env[action["res_model"]]
                .with_user(self.coach)
                .with_context(**action["context"]),
                view=action["views"][0][0],
            )
            self.assertEqual(dialog.date, datetime(2026, 1, 25, 14, 30))
            self.assertEqual(dialog.kind, "meeting")
            with self.assertRaisesRegex(AssertionError, "summary"):
                dialog.save()
            dialog.kind = "phone"
            dialog.summary = "Asked about the recognition of her diploma"
            contact = dialog.save()
            pathway.invalidate_recordset(["days_since_contact", "is_contact_overdue"])
            self.assertEqual(contact.pathway_id, pathway)
            self.assertEqual(contact.user_id, self.coach)
            self.assertEqual(pathway.days_since_contact, 0)
            self.assertFalse(pathway.is_contact_overdue)
            self.assertEqual(pathway.last_contact_source, "coach")
            self.assertEqual(pathway.last_contact_by, "Coach Koen")

    def test_planned_appointment_is_not_a_contact(self):
        pathway = self.create_pathway()
        self.log_contact(
            pathway, date=fields.Datetime.now() + timedelta(days=3), is_done=False
        )
        self.assertFalse(pathway.last_contact_date)
        with self.assertRaisesRegex(ValidationError, "future"):
            self.log_contact(pathway, date=fields.Datetime.now() + timedelta(days=3))

    def test_time_spent_in_each_stage_is_kept(self):
        def flush_tracking():
            self.env.flush_all()
            self.env.cr.precommit.run()

        Pathway = self.env["level2work.pathway"].with_context(
            tracking_disable=False, mail_notrack=False
        )
        with patch.object(self.env.cr, "now", return_value=datetime(2026, 1, 5, 9)):
            pathway = Pathway.create(
                {
                    "newcomer_id": self.create_newcomer().id,
                    "target_occupation_ids": [(6, 0, self.isco_engineers.ids)],
                }
            )
            flush_tracking()
        with patch.object(self.env.cr, "now", return_value=datetime(2026, 1, 15, 9)):
            pathway.stage_id = self.stage_language
            flush_tracking()
        with patch.object(self.env.cr, "now", return_value=datetime(2026, 1, 20, 9)):
            pathway._compute_duration_tracking()
            durations = pathway.duration_tracking
        self.assertEqual(durations[str(self.stage_intake.id)], 10 * 86400)
        self.assertEqual(durations[str(self.stage_language.id)], 5 * 86400)

    def test_days_since_contact_and_overdue_flag(self):
        with freeze_time("2026-01-05"):
            pathway = self.create_pathway()
            self.log_contact(pathway)
        with freeze_time("2026-01-25"):
            pathway.invalidate_recordset(["days_since_contact", "is_contact_overdue"])
            self.assertEqual(pathway.days_since_contact, 20)
            self.assertTrue(pathway.is_contact_overdue, "intake allows 14 days")

    def test_passed_dutch_course_records_the_level(self):
        pathway = self.create_pathway()
        self.assertFalse(pathway.newcomer_id.dutch_level)
        self.env["level2work.training"].create(
            {
                "pathway_id": pathway.id,
                "name": "Dutch 2.2",
                "kind": "dutch_course",
                "date_start": "2026-01-05",
                "date_end": "2026-03-20",
                "result": "passed",
                "reached_level": "A2",
            }
        )
        self.assertEqual(pathway.newcomer_id.dutch_level, "A2")
        self.assertEqual(pathway.dutch_level, "A2")

    def test_training_dates_in_order(self):
        pathway = self.create_pathway()
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self.env["level2work.training"].create(
                {
                    "pathway_id": pathway.id,
                    "name": "Bridging course",
                    "kind": "bridging",
                    "date_start": "2026-03-01",
                    "date_end": "2026-02-01",
                }
            )

    def test_aspiration_below_level(self):
        newcomer = self.create_newcomer(
            aspiration_ids=[(6, 0, (self.isco_labourers | self.isco_cleaners).ids)]
        )
        self.assertTrue(newcomer.aspiration_below_level)
        newcomer.aspiration_ids = [(4, self.isco_technicians.id)]
        self.assertFalse(
            newcomer.aspiration_below_level, "near level is not below level"
        )
        pathway = self.create_pathway(newcomer)
        self.assertFalse(pathway.aspiration_below_level)
        newcomer.aspiration_ids = [(6, 0, self.isco_clerks.ids)]
        self.assertTrue(pathway.aspiration_below_level)

    def test_card_names_the_aspirations_below_level(self):
        newcomer = self.create_newcomer(
            aspiration_ids=[(6, 0, (self.isco_cleaners | self.isco_labourers).ids)]
        )
        pathway = self.create_pathway(newcomer)
        Pathway = self.env["level2work.pathway"]
        below = [("aspiration_below_level", "=", True), ("id", "=", pathway.id)]
        self.assertEqual(Pathway.search(below), pathway)
        self.assertEqual(
            pathway.aspiration_below_level_names,
            "Cleaners and helpers, Labourers in mining, construction, "
            "manufacturing and transport",
        )
        # The badge goes as soon as the aspirations change, in the database
        # the kanban and its filter read.
        newcomer.aspiration_ids = [(6, 0, self.isco_engineers.ids)]
        self.assertFalse(Pathway.search(below))
        self.assertFalse(pathway.aspiration_below_level_names)
        newcomer.aspiration_ids = [(6, 0, self.isco_clerks.ids)]
        self.assertEqual(Pathway.search(below), pathway)
        self.assertEqual(
            pathway.aspiration_below_level_names, "General and keyboard clerks"
        )
        # ... and when the diploma changes what is at level.
        newcomer.diploma_ids.isced_level = "5"
        self.assertFalse(Pathway.search(below), "near a short-cycle level")
        self.assertFalse(pathway.aspiration_below_level_names)
