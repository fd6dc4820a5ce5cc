import json
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, freeze_time, tagged

from ..models.erasure import erase_free_text
from .common import Level2workCase

# Strings that identify the person in the tests below, and nobody else.
NAME = "Zaynab Qorvald"
EMAIL = "zaynab.qorvald@example.org"
PHONE = "+32 468 55 44 33"
NUMBER = "90021512370"


def find_everywhere(env, needles):
    """``{(table, column): needle}`` for every text, varchar and json column
    of the database that still contains one of ``needles``."""
    env.flush_all()
    env.cr.execute(
        """
        SELECT c.table_name, c.column_name
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_name = c.table_name AND t.table_schema = c.table_schema
         WHERE c.table_schema = 'public'
           AND t.table_type = 'BASE TABLE'
           AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
        """
    )
    found = {}
    for table, column in env.cr.fetchall():
        for needle in needles:
            env.cr.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',
                [f"%{needle}%"],
            )
            if env.cr.fetchone():
                found[(table, column)] = needle
    return found


@tagged("post_install", "-at_install")
class TestConfidentialNotes(Level2workCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = cls.create_newcomer()
        Note = cls.env["level2work.newcomer.note"]
        cls.note = Note.create(
            {
                "newcomer_id": cls.newcomer.id,
                "body": "<p>Looks for a job in Kortrijk</p>",
            }
        )
        cls.secret = Note.with_user(cls.coach).create(
            {
                "newcomer_id": cls.newcomer.id,
                "body": "<p>Asylum procedure in appeal; sleeps badly</p>",
                "is_confidential": True,
            }
        )

    def test_coach_and_manager_read_confidential_notes(self):
        self.assertEqual(
            self.newcomer.with_user(self.coach).note_ids, self.note | self.secret
        )
        self.assertEqual(
            self.newcomer.with_user(self.manager).note_ids, self.note | self.secret
        )

    def test_others_never_see_them(self):
        for user in (self.staff, self.coach_other):
            with self.subTest(user=user.name):
                self.assertEqual(self.newcomer.with_user(user).note_ids, self.note)
                with self.assertRaises(AccessError):
                    self.secret.with_user(user).read(["body"])
                Note = self.env["level2work.newcomer.note"].with_user(user)
                self.assertNotIn(self.secret, Note.search([]))
                self.assertFalse(
                    Note.search_read([("body", "ilike", "asylum")], ["body"])
                )
        self.staff.groups_id += self.env.ref("base.group_allow_export")
        exported = self.newcomer.with_user(self.staff).export_data(["note_ids/body"])
        self.assertNotIn("Asylum", json.dumps(exported))

    def test_staff_cannot_make_or_change_confidential_notes(self):
        with self.assertRaises(AccessError):
            self.env["level2work.newcomer.note"].with_user(self.staff).create(
                {"newcomer_id": self.newcomer.id, "body": "x", "is_confidential": True}
            )
        with self.assertRaises(AccessError):
            self.note.with_user(self.staff).write({"is_confidential": True})

    def test_the_toggle_is_offered_only_to_who_may_use_it(self):
        form = Form(self.newcomer.with_user(self.staff))
        with form.note_ids.new() as line:
            line.body = "<p>Moved house</p>"
            with self.assertRaises(AssertionError):
                line.is_confidential = True
        form = Form(self.newcomer.with_user(self.coach))
        with form.note_ids.new() as line:
            line.body = "<p>Family reunification pending</p>"
            line.is_confidential = True
        form.save()
        self.assertTrue(
            self.newcomer.note_ids.filtered(
                lambda n: "reunification" in n.body and n.is_confidential
            )
        )

    def test_notes_do_not_reach_the_chatter(self):
        bodies = " ".join(self.newcomer.message_ids.mapped("body"))
        self.assertNotIn("Asylum", bodies)


@tagged("post_install", "-at_install")
class TestErasure(Level2workCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = cls.create_newcomer(
            name=NAME,
            email=EMAIL,
            phone=PHONE,
            national_number=NUMBER,
            residence_status="refugee",
            gender="female",
        )
        cls.pathway = cls.create_pathway(
            cls.newcomer, plan_short_term=f"<p>{NAME} starts Dutch 2.1</p>"
        )
        cls.log_contact(cls.pathway)
        cls.pathway.contact_ids.note = f"Met {NAME} at the desk"
        cls.env["level2work.newcomer.note"].create(
            {
                "newcomer_id": cls.newcomer.id,
                "body": f"<p>{NAME} called from {PHONE}</p>",
                "is_confidential": True,
            }
        )
        cls.newcomer.message_post(body=f"Phoned {NAME} on {PHONE}, mail {EMAIL}")
        cls.env["ir.attachment"].create(
            {
                "name": f"diploma {NAME}.pdf",
                "raw": f"%PDF-1.4 {NAME}".encode(),
                "res_model": "level2work.diploma",
                "res_id": cls.newcomer.diploma_ids.id,
            }
        )
        cls.env["res.users"].create(
            {
                "name": NAME,
                "login": EMAIL,
                "partner_id": cls.newcomer.partner_id.id,
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )
        cls.env["level2work.consent"].create(
            {"newcomer_id": cls.newcomer.id, "purpose": "process"}
        )
        # Where others wrote of the person: another newcomer's chatter and
        # activities, notifications, Odoo's portal access wizard.
        cls.other = cls.create_newcomer(name="Omar Other")
        cls.other_note = cls.other.message_post(
            body=f"<p>Came with {NAME} ({EMAIL}), same course.</p>"
        )
        cls.other.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=f"Call {NAME}",
            note=f"<p>Ask {NAME} at {PHONE} about the car pool</p>",
            user_id=cls.coach.id,
        )
        cls.env["bus.bus"].sudo().create(
            {"channel": '"l2w"', "message": json.dumps({"name": NAME})}
        )
        cls.env["portal.wizard"].create(
            {"partner_ids": [(6, 0, cls.newcomer.partner_id.ids)]}
        )

    def test_only_managers_erase(self):
        with self.assertRaises(UserError):
            self.newcomer.with_user(self.coach).action_anonymize()
        self.assertFalse(self.newcomer.is_anonymized)

    def test_nothing_identifying_is_left_anywhere(self):
        needles = [NAME, EMAIL, PHONE, NUMBER, "90.02.15-123.70", "468 55 44 33"]
        self.assertTrue(
            find_everywhere(self.env, needles), "the scan finds the person before"
        )
        self.newcomer.with_user(self.manager).action_anonymize()
        self.assertEqual(find_everywhere(self.env, needles), {})
        # What others wrote stays, without the person in it.
        self.assertIn(
            "Came with (erased) ((erased)), same course.", self.other_note.body
        )
        self.assertEqual(self.other.activity_ids.summary, "Call (erased)")

    def test_no_tracking_keeps_the_erased_values(self):
        """With chatter tracking on (as outside tests), the erasure logs no
        old value of what it erased."""
        env = self.env(
            context=dict(self.env.context, tracking_disable=False, mail_notrack=False)
        )
        self.newcomer.with_env(env).with_user(self.manager).action_anonymize()
        self.env.cr.flush()  # what the commit runs: tracking values are written
        self.assertEqual(find_everywhere(self.env, [NAME, EMAIL, PHONE, NUMBER]), {})

    def test_a_model_keeps_the_text_it_names(self):
        """``_erasure_keep_fields`` keeps text that is not about the person;
        every other stored text field is cleared, required ones get the
        placeholder."""
        diploma = self.newcomer.diploma_ids
        diploma.institution = "University of Aleppo"
        with patch.object(
            type(diploma), "_erasure_keep_fields", ("institution",), create=True
        ):
            erase_free_text(diploma, "(erased)")
        self.assertEqual(diploma.institution, "University of Aleppo")
        self.assertEqual(diploma.name, "(erased)")
        self.assertFalse(diploma.field_of_study)
        self.assertEqual(diploma.isced_level, "7")

    def test_counts_for_reporting_stay(self):
        self.newcomer.with_user(self.manager).action_anonymize()
        newcomer = self.newcomer.with_context(active_test=False)
        self.assertTrue(newcomer.is_anonymized)
        self.assertEqual(newcomer.lab_id, self.lab_west)
        self.assertEqual(newcomer.country_of_origin_id, self.syria)
        self.assertEqual(newcomer.highest_isced_level, "7")
        self.assertEqual(newcomer.gender, "female")
        self.assertFalse(newcomer.residence_status)
        self.assertFalse(newcomer.birthdate)
        pathway = newcomer.pathway_ids
        self.assertEqual(pathway.stage_id, self.stage_intake)
        self.assertEqual(len(pathway.contact_ids), 1)
        self.assertEqual(len(newcomer.consent_ids), 1)
        self.assertFalse(newcomer.consent_ids.is_valid, "no consent stays in force")
        erasure = self.env["level2work.erasure"].search(
            [("newcomer_id", "=", newcomer.id)]
        )
        self.assertEqual(erasure.reason, "request")
        self.assertEqual(erasure.user_id, self.manager)
        self.assertNotIn(NAME, erasure.reference)

    def test_retention_job_anonymises_long_closed_pathways(self):
        self.pathway.date_start = "2019-06-01"
        with freeze_time("2020-01-10"):
            self.pathway.write(
                {"stage_id": self.stage_closed.id, "outcome": "left_project"}
            )
        recent = self.create_pathway(self.create_newcomer(name="Recently Closed"))
        recent.write({"stage_id": self.stage_closed.id, "outcome": "job_at_level"})
        still_open = self.create_pathway(self.create_newcomer(name="Still Open"))
        Newcomer = self.env["level2work.newcomer"]
        while Newcomer._cron_anonymize_expired(batch_size=10):
            pass
        self.assertTrue(self.newcomer.is_anonymized)
        self.assertFalse(recent.newcomer_id.is_anonymized)
        self.assertFalse(still_open.newcomer_id.is_anonymized)
        self.assertEqual(
            Newcomer._cron_anonymize_expired(batch_size=10), 0, "once only"
        )
        log = self.env["level2work.erasure"].search(
            [("newcomer_id", "=", self.newcomer.id)]
        )
        self.assertEqual(log.reason, "retention")

    def test_retention_period_is_a_setting(self):
        self.pathway.write(
            {"stage_id": self.stage_closed.id, "outcome": "left_project"}
        )
        self.env["ir.config_parameter"].set_param(
            "level2work_pathway.retention_months", 1
        )
        Newcomer = self.env["level2work.newcomer"]
        Newcomer._cron_anonymize_expired(batch_size=1000)
        self.assertFalse(self.newcomer.is_anonymized)
        with freeze_time(fields.Date.today() + timedelta(days=40)):
            Newcomer._cron_anonymize_expired(batch_size=1000)
        self.assertTrue(self.newcomer.is_anonymized)


@tagged("post_install", "-at_install")
class TestDataAccess(HttpCase, Level2workCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = cls.create_newcomer(
            name=NAME, email=EMAIL, national_number=NUMBER
        )
        pathway = cls.create_pathway(cls.newcomer)
        cls.newcomer.diploma_ids.naric_reference = "NARIC-2026-0042"
        cls.env["level2work.pathway.contact"].create(
            {
                "pathway_id": pathway.id,
                "date": "2026-10-14 09:00:00",
                "summary": "The B1 exam",
                "note": "Talked about the B1 exam",
            }
        )
        Note = cls.env["level2work.newcomer.note"]
        Note.create({"newcomer_id": cls.newcomer.id, "body": "<p>Wants to drive</p>"})
        Note.create(
            {
                "newcomer_id": cls.newcomer.id,
                "body": "<p>Coach-only remark</p>",
                "is_confidential": True,
            }
        )
        cls.env["res.users"].create(
            {
                "name": NAME,
                "login": "zaynab",
                "password": "zaynab-pass",
                "partner_id": cls.newcomer.partner_id.id,
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
                "lang": "en_US",
                "tz": "Europe/Brussels",
            }
        )
        cls.other = cls.create_newcomer(name="Omar Khalil")

    def test_download_own_data_as_json(self):
        self.authenticate("zaynab", "zaynab-pass")
        response = self.url_open("/my/pathway/data.json")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        data = response.json()
        profile = data["sections"]["Profile"][0]
        self.assertEqual(profile["Name"], NAME)
        self.assertEqual(profile["National Number"], "90.02.15-123.70")
        diploma = data["sections"]["Diplomas"][0]
        self.assertEqual(diploma["Name"], "Master of Civil Engineering")
        self.assertEqual(diploma["NARIC reference"], "NARIC-2026-0042")
        contact = data["sections"]["Contact moments and appointments"][0]
        self.assertEqual(contact["Note"], "Talked about the B1 exam")
        # In the person's time zone, as they read it (Brussels: UTC+2).
        self.assertEqual(contact["Date"], "2026-10-14 11:00")
        self.assertEqual(data["sections"]["Notes"][0]["Note"], "Wants to drive")
        self.assertNotIn("Coach-only remark", response.text)
        self.assertNotIn("Omar Khalil", response.text)

    def test_read_own_data_as_a_page(self):
        self.authenticate("zaynab", "zaynab-pass")
        response = self.url_open("/my/pathway/data")
        self.assertEqual(response.status_code, 200)
        self.assertIn(NAME, response.text)
        self.assertIn("Master of Civil Engineering", response.text)

    def test_not_for_others(self):
        response = self.url_open("/my/pathway/data.json")
        self.assertIn(
            "/web/login", response.url, "anonymous visitors are sent to log in"
        )
        self.assertNotIn(NAME, response.text)
        self.authenticate(self.coach.login, self.coach.login)
        self.assertEqual(self.url_open("/my/pathway/data.json").status_code, 404)


@tagged("post_install", "-at_install")
class TestConsent(Level2workCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company = Partner.create(
            {"name": "Engineering Kortrijk NV", "is_company": True}
        )
        cls.hr = Partner.create({"name": "Hilde (HR)", "parent_id": cls.company.id})
        cls.mentor = Partner.create({"name": "Jan Mentor", "parent_id": cls.company.id})
        cls.colleague = Partner.create(
            {"name": "Colleague", "parent_id": cls.company.id}
        )
        cls.newcomer = cls.create_newcomer()
        cls.Consent = cls.env["level2work.consent"]

    def test_consent_to_a_company_counts_for_its_people(self):
        consent = self.Consent.create(
            {
                "newcomer_id": self.newcomer.id,
                "purpose": "disclose_identity",
                "recipient_partner_id": self.company.id,
            }
        )
        self.assertEqual(
            consent.display_name,
            "Disclose my identity to one employer (Engineering Kortrijk NV)",
        )
        self.assertTrue(
            self.Consent._is_given(self.newcomer, "disclose_identity", self.company)
        )
        self.assertTrue(
            self.Consent._is_given(self.newcomer, "disclose_identity", self.hr)
        )
        self.assertFalse(
            self.Consent._is_given(self.newcomer, "share_with_mentor", self.hr)
        )

    def test_consent_to_a_person_does_not_count_for_a_colleague(self):
        self.Consent.create(
            {
                "newcomer_id": self.newcomer.id,
                "purpose": "share_with_mentor",
                "recipient_partner_id": self.mentor.id,
            }
        )
        self.assertTrue(
            self.Consent._is_given(self.newcomer, "share_with_mentor", self.mentor)
        )
        self.assertFalse(
            self.Consent._is_given(self.newcomer, "share_with_mentor", self.colleague)
        )
        self.assertFalse(
            self.Consent._is_given(self.newcomer, "share_with_mentor", self.company)
        )

    def test_withdrawn_or_expired_consents_do_not_count(self):
        consent = self.Consent.create(
            {
                "newcomer_id": self.newcomer.id,
                "purpose": "share_blind_profile",
                "date_given": "2026-01-05",
                "date_expiry": "2026-06-30",
            }
        )
        with freeze_time("2026-03-01"):
            self.assertTrue(
                self.Consent._is_given(self.newcomer, "share_blind_profile")
            )
            consent.action_withdraw()
            self.assertFalse(
                self.Consent._is_given(self.newcomer, "share_blind_profile")
            )
        consent.date_withdrawn = False
        with freeze_time("2026-07-01"):
            self.assertFalse(
                self.Consent._is_given(self.newcomer, "share_blind_profile")
            )
            self.assertFalse(consent.is_valid)

    def test_bad_dates_and_missing_recipient_refused(self):
        with self.assertRaisesRegex(UserError, "to whom"):
            self.Consent.create(
                {"newcomer_id": self.newcomer.id, "purpose": "share_with_mentor"}
            )
        with self.assertRaisesRegex(UserError, "expire before"):
            self.Consent.create(
                {
                    "newcomer_id": self.newcomer.id,
                    "purpose": "process",
                    "date_given": "2026-05-01",
                    "date_expiry": "2026-04-01",
                }
            )

    def test_a_recorded_consent_is_not_rewritten(self):
        values = {
            "newcomer_id": self.newcomer.id,
            "purpose": "disclose_identity",
            "recipient_partner_id": self.company.id,
        }
        with self.assertRaisesRegex(AccessError, "kept by level2work itself"):
            self.Consent.with_user(self.coach).create(
                dict(values, recorded_by_id=self.manager.id)
            )
        consent = self.Consent.with_user(self.coach).create(values)
        self.assertEqual(consent.recorded_by_id, self.coach, "who really recorded it")
        self.assertEqual(consent.channel, "paper")
        changes = [
            {"purpose": "share_blind_profile"},
            {"recipient_partner_id": self.colleague.id},
            {"date_expiry": "2099-12-31"},
            {"legal_basis": "public_task"},
        ]
        for values in changes:
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, "not changed afterwards"),
            ):
                consent.with_user(self.coach).write(values)
        with self.assertRaisesRegex(AccessError, "kept by level2work itself"):
            consent.with_user(self.coach).write({"recorded_by_id": self.manager.id})
        consent.with_user(self.coach).action_withdraw()
        with self.assertRaisesRegex(UserError, "stays withdrawn"):
            consent.with_user(self.coach).write({"date_withdrawn": False})
        self.assertFalse(consent.is_valid)
        self.assertEqual(consent.purpose, "disclose_identity")
        with self.assertRaisesRegex(UserError, "Only the newcomer"):
            self.Consent.with_user(self.coach).create(
                {
                    "newcomer_id": self.newcomer.id,
                    "purpose": "process",
                    "channel": "portal",
                }
            )
