from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import NN_AMINA, Level2workCase


@tagged("post_install", "-at_install")
class TestAccess(Level2workCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.amina = cls.create_newcomer(
            national_number=NN_AMINA, residence_status="refugee"
        )
        cls.pathway = cls.create_pathway(cls.amina)
        cls.other_lab_newcomer = cls.create_newcomer(
            name="Olena Kovalenko", lab_id=cls.lab_antwerp.id, coach_id=False
        )

    def test_staff_see_their_own_lab_only(self):
        Newcomer = self.env["level2work.newcomer"]
        self.assertIn(self.amina, Newcomer.with_user(self.staff).search([]))
        self.assertNotIn(
            self.other_lab_newcomer, Newcomer.with_user(self.staff).search([])
        )
        with self.assertRaises(AccessError):
            self.other_lab_newcomer.with_user(self.staff).read(["name"])
        with self.assertRaises(AccessError):
            self.pathway.with_user(self.staff_antwerp).read(["stage_id"])
        self.assertFalse(
            self.env["level2work.diploma"]
            .with_user(self.staff_antwerp)
            .search([("newcomer_id", "=", self.amina.id)])
        )

    def test_manager_sees_every_lab(self):
        found = self.env["level2work.newcomer"].with_user(self.manager).search([])
        self.assertIn(self.amina, found)
        self.assertIn(self.other_lab_newcomer, found)

    def test_only_the_coach_edits_the_pathway(self):
        self.pathway.with_user(self.coach).plan_short_term = "<p>Dutch course</p>"
        with self.assertRaises(AccessError):
            self.pathway.with_user(self.coach_other).plan_short_term = "<p>Other</p>"
        with self.assertRaises(AccessError):
            self.pathway.with_user(self.staff).plan_short_term = "<p>Other</p>"
        self.assertEqual(
            self.pathway.with_user(self.coach_other).stage_id, self.stage_intake
        )

    def test_sensitive_fields_for_the_coach_and_managers(self):
        self.assertEqual(
            self.amina.with_user(self.coach).national_number, "85.07.30-033.28"
        )
        self.assertEqual(self.amina.with_user(self.coach).residence_status, "refugee")
        self.assertEqual(self.amina.with_user(self.manager).national_number, NN_AMINA)
        other_coach = self.amina.with_user(self.coach_other)
        self.assertFalse(other_coach.national_number)
        self.assertFalse(other_coach.birthdate)
        self.assertFalse(other_coach.residence_status)
        self.assertFalse(other_coach.can_access_sensitive)
        self.assertTrue(self.amina.with_user(self.coach).can_access_sensitive)

    def test_sensitive_fields_unreadable_for_staff(self):
        for field in ("national_number", "birthdate", "gender", "residence_status"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.amina.with_user(self.staff).read([field])
        with self.assertRaises(AccessError):
            self.env["level2work.newcomer"].with_user(self.staff).search(
                [("national_number", "=", NN_AMINA)]
            )
        with self.assertRaises(AccessError):
            self.env["level2work.newcomer.sensitive"].with_user(self.staff).search([])

    def test_sensitive_data_is_not_reachable_directly(self):
        Sensitive = self.env["level2work.newcomer.sensitive"]
        self.assertFalse(Sensitive.with_user(self.coach_other).search([]))
        record = self.amina.sensitive_ids
        with self.assertRaises(AccessError):
            record.with_user(self.coach_other).read(["national_number"])
        with self.assertRaises(AccessError):
            record.with_user(self.coach_other).write({"residence_status": "other"})
        self.coach_other.groups_id += self.env.ref("base.group_allow_export")
        exported = self.amina.with_user(self.coach_other).export_data(
            ["name", "national_number"]
        )
        [(name, number)] = exported["datas"]
        self.assertEqual(name, "Amina Haddad")
        self.assertFalse(number)

    def test_other_coach_cannot_write_sensitive_data(self):
        with self.assertRaises(AccessError):
            self.amina.with_user(self.coach_other).write({"residence_status": "other"})
        self.assertEqual(self.amina.residence_status, "refugee")

    def test_only_managers_configure(self):
        stage = self.stage_intake.with_user(self.coach)
        with self.assertRaises(AccessError):
            stage.max_days_without_contact = 99
        with self.assertRaises(AccessError):
            self.env.ref("level2work_pathway.reminder_rule_no_contact").with_user(
                self.coach
            ).days = 99
        self.stage_intake.with_user(self.manager).max_days_without_contact = 10
        self.assertEqual(
            self.pathway.contact_deadline, self.pathway.date_start + timedelta(days=10)
        )

    def test_portal_newcomer_reads_only_themself(self):
        portal_user = self.env["res.users"].create(
            {
                "name": self.amina.name,
                "login": "amina.portal",
                "password": "amina.portal",
                "partner_id": self.amina.partner_id.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        Newcomer = self.env["level2work.newcomer"].with_user(portal_user)
        self.assertEqual(Newcomer.search([]), self.amina)
        with self.assertRaises(AccessError):
            self.other_lab_newcomer.with_user(portal_user).read(["name"])
        with self.assertRaises(AccessError):
            self.amina.with_user(portal_user).write({"name": "Changed"})
        self.assertEqual(
            self.env["level2work.pathway"].with_user(portal_user).search([]),
            self.pathway,
        )

    def test_records_cannot_be_moved_to_another_newcomer(self):
        """Rules check a record before a write, not what is written: moving a
        record onto someone would attach data to a person one may not see."""
        other = self.create_newcomer(name="Omar Khalil")
        own_diploma = other.diploma_ids
        for record, field, target in (
            (own_diploma, "newcomer_id", self.amina),
            (other.sensitive_ids, "newcomer_id", self.amina),
            (self.create_pathway(other), "newcomer_id", self.amina),
        ):
            with self.subTest(model=record._name), self.assertRaises(UserError):
                record.with_user(self.manager).write({field: target.id})
        self.assertEqual(own_diploma.newcomer_id, other)

    def test_other_lab_does_not_see_newcomers_contacts(self):
        Partner = self.env["res.partner"]
        partner = self.amina.partner_id
        self.assertIn(
            partner, Partner.with_user(self.staff).search([("id", "=", partner.id)])
        )
        with self.assertRaises(AccessError):
            partner.with_user(self.staff_antwerp).read(["name", "email"])
        self.assertFalse(
            Partner.with_user(self.staff_antwerp).search(
                [("email", "=", partner.email)]
            )
        )
        plain_user = new_test_user(self.env, "plain_user", groups="base.group_user")
        with self.assertRaises(AccessError):
            partner.with_user(plain_user).read(["name"])
        self.assertEqual(partner.with_user(self.manager).name, "Amina Haddad")

    def test_the_coach_edits_one_contact_field_and_keeps_the_others(self):
        self.amina.write({"phone": "+32 56 11 22 33", "mobile": "+32 470 12 34 56"})
        self.amina.invalidate_recordset()
        self.amina.with_user(self.coach).write({"phone": "+32 56 99 88 77"})
        partner = self.amina.partner_id
        self.assertEqual(partner.phone, "+32 56 99 88 77")
        self.assertEqual(partner.mobile, "+32 470 12 34 56")
        self.assertEqual(partner.email, "amina.haddad@example.com")
        self.amina.invalidate_recordset()
        self.amina.with_user(self.coach).email = "amina.h@example.com"
        self.assertEqual(partner.phone, "+32 56 99 88 77")
        self.assertEqual(partner.mobile, "+32 470 12 34 56")
        self.assertEqual(self.amina.email, "amina.h@example.com")
        self.amina.with_user(self.coach).name = "Amina Haddad-Saleh"
        self.assertEqual(partner.name, "Amina Haddad-Saleh")
        self.assertEqual(self.amina.name, "Amina Haddad-Saleh")

    def test_only_who_may_edit_the_newcomer_edits_their_contact(self):
        with self.assertRaises(AccessError):
            self.amina.with_user(self.staff_antwerp).write({"email": "x@example.com"})
        self.assertEqual(self.amina.partner_id.email, "amina.haddad@example.com")
        self.assertFalse(self.amina.partner_id.phone)

    def test_the_coach_edits_one_sensitive_field_and_keeps_the_others(self):
        self.amina.write({"gender": "female", "residence_status": "refugee"})
        self.amina.invalidate_recordset()
        self.amina.with_user(self.coach).write({"residence_status": "student"})
        self.amina.invalidate_recordset()
        self.assertEqual(self.amina.residence_status, "student")
        self.assertEqual(self.amina.national_number, NN_AMINA)
        self.assertEqual(str(self.amina.birthdate), "1985-07-30")
        self.assertEqual(self.amina.gender, "female")
        # A birthdate that the number contradicts is refused, not a reason to
        # drop the number.
        with self.assertRaisesRegex(ValidationError, "born on"):
            self.amina.with_user(self.coach).write({"birthdate": "1990-05-03"})
        self.assertEqual(self.amina.national_number, NN_AMINA)

    def test_a_colleague_does_not_take_over_a_newcomer(self):
        with self.assertRaisesRegex(UserError, "coached by Coach Koen"):
            self.amina.with_user(self.coach_other).coach_id = self.coach_other
        with self.assertRaisesRegex(UserError, "coached by Coach Koen"):
            self.amina.with_user(self.staff).coach_id = self.coach_other
        self.assertEqual(self.amina.coach_id, self.coach)
        # The coach hands over; a manager reassigns.
        self.amina.with_user(self.coach).coach_id = self.coach_other
        self.assertEqual(self.pathway.coach_id, self.coach_other)
        self.amina.with_user(self.manager).coach_id = self.coach
        self.assertEqual(self.amina.coach_id, self.coach)
