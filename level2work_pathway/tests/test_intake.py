from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import NN_AMINA, Level2workCase


@tagged("post_install", "-at_install")
class TestIntake(Level2workCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.known = cls.create_newcomer(
            name="Amina Haddad",
            email="amina.haddad@example.com",
            phone="+32 470 12 34 56",
            national_number=NN_AMINA,
        )

    def _intake(self, user=None, **values):
        wizard = Form(
            self.env["level2work.intake.wizard"].with_user(user or self.staff)
        )
        wizard.name = values.pop("name", "Omar Khalil")
        wizard.country_of_origin_id = self.syria
        wizard.arrival_date = "2025-01-15"
        wizard.coach_id = self.coach
        for field, value in values.items():
            setattr(wizard, field, value)
        return wizard

    def _duplicates(self, wizard):
        return wizard.save().duplicate_ids

    def test_intake_creates_newcomer_and_pathway(self):
        action = self._intake(email="omar@example.com").save().action_create()
        pathway = self.env["level2work.pathway"].browse(action["res_id"])
        self.assertEqual(pathway.stage_id, self.stage_intake)
        self.assertEqual(pathway.coach_id, self.coach)
        self.assertEqual(pathway.newcomer_id.name, "Omar Khalil")
        self.assertEqual(pathway.newcomer_id.lab_id, self.lab_west)
        self.assertEqual(pathway.newcomer_id.partner_id.email, "omar@example.com")
        self.assertEqual(
            pathway.last_contact_date, pathway.date_start, "intake is a contact"
        )
        self.assertTrue(pathway.activity_ids, "the intake plan is launched")
        self.assertEqual(set(pathway.activity_ids.mapped("user_id")), {self.coach})

    def test_no_duplicate_for_a_new_person(self):
        wizard = self._intake(email="someone.new@example.com", phone="0499 99 88 77")
        self.assertFalse(self._duplicates(wizard))

    def test_duplicate_by_national_number(self):
        wizard = self._intake(national_number="85073003328")
        self.assertEqual(self._duplicates(wizard), self.known)
        self.assertIn("same national number", wizard.save().duplicate_summary)
        wizard.confirm_new_person = True
        with self.assertRaisesRegex(UserError, "already registered, for Amina Haddad"):
            wizard.save().action_create()

    def test_duplicate_by_email_is_case_insensitive(self):
        wizard = self._intake(email=" Amina.HADDAD@example.com ")
        self.assertEqual(self._duplicates(wizard), self.known)
        self.assertIn("same e-mail address", wizard.save().duplicate_summary)

    def test_duplicate_by_phone_written_differently(self):
        wizard = self._intake(phone="0470/12.34.56")
        self.assertEqual(self._duplicates(wizard), self.known)
        self.assertIn("same phone number", wizard.save().duplicate_summary)

    def test_duplicate_by_name_and_birthdate(self):
        wizard = self._intake(
            user=self.coach, name="amina  haddad", birthdate="1985-07-30"
        )
        self.assertEqual(self._duplicates(wizard), self.known)
        self.assertIn("same name and birthdate", wizard.save().duplicate_summary)
        other_birthday = self._intake(
            user=self.coach, name="Amina Haddad", birthdate="1990-01-01"
        )
        self.assertFalse(self._duplicates(other_birthday))

    def test_birthdate_not_found_out_by_trying_dates(self):
        """Staff who may not read birthdates learn nothing from a name and
        a birthdate: trying every date would give the birthdate away."""
        wizard = self._intake(name="Amina Haddad", birthdate="1985-07-30").save()
        self.assertFalse(wizard.duplicate_ids)
        self.assertFalse(wizard.duplicate_summary)

    def test_wildcards_and_partial_values_find_nobody(self):
        for values in (
            {"email": "%"},
            {"email": "%@example.com"},
            {"email": "amina.hadda_@example.com"},
            {"email": "amina.haddad@example.co"},
            {"name": "%", "birthdate": "1985-07-30"},
            {"phone": "70 12 34 56"},
            {"national_number": "%"},
        ):
            with self.subTest(**values):
                wizard = self._intake(user=self.coach, **values).save()
                self.assertFalse(wizard.duplicate_ids)
                self.assertFalse(wizard.duplicate_summary)

    def test_duplicate_in_another_lab_found_by_staff_without_access(self):
        """Found, but told only the lab and whom to ask there: no name, no
        record to open."""
        self.known.lab_id = self.lab_antwerp
        self.known.coach_id = False
        wizard = self._intake(email="amina.haddad@example.com").save()
        self.assertFalse(wizard.duplicate_ids)
        self.assertIn("Lab Antwerp (test)", wizard.duplicate_summary)
        self.assertIn("ask the staff of that lab", wizard.duplicate_summary)
        self.assertNotIn("Amina", wizard.duplicate_summary)
        with self.assertRaisesRegex(UserError, "a newcomer of Lab Antwerp") as caught:
            wizard.action_create()
        self.assertNotIn("Amina", str(caught.exception))

    def test_possible_duplicate_needs_confirmation(self):
        wizard = self._intake(email="amina.haddad@example.com").save()
        with self.assertRaisesRegex(UserError, "This is another person"):
            wizard.action_create()
        wizard.confirm_new_person = True
        wizard.email = "amina.h2@example.com"
        action = wizard.action_create()
        self.assertTrue(action["res_id"])

    def test_invalid_national_number_refused_with_reason(self):
        wizard = self._intake(national_number="85.07.30-033.29").save()
        with self.assertRaisesRegex(UserError, "check digits"):
            wizard.action_create()
        self.assertFalse(
            self.env["level2work.newcomer"].search([("name", "=", "Omar Khalil")]),
            "nothing is saved",
        )

    def test_staff_registers_national_number_they_cannot_read(self):
        action = self._intake(national_number="17.07.30-033.84").save().action_create()
        newcomer = self.env["level2work.pathway"].browse(action["res_id"]).newcomer_id
        self.assertEqual(
            newcomer.with_user(self.coach).national_number, "17.07.30-033.84"
        )
        self.assertFalse(newcomer.with_user(self.coach_other).national_number)
