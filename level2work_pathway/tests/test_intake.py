from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import html2plaintext

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


@tagged("post_install", "-at_install")
class TestIntakeProfile(Level2workCase):
    """What the intake records for the talent detection, the eligibility it
    shows as the desk types, the coaches it offers, and a person found in
    another lab."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coach_antwerp = new_test_user(
            cls.env,
            "l2w_coach_antwerp",
            groups="level2work_pathway.group_level2work_coach",
            name="Coach Jan",
            lang="en_US",
        )
        # A manager and the administrator on the staff of both labs: neither
        # is offered as a coach.
        cls.lab_west.user_ids |= cls.manager | cls.env.ref("base.user_admin")
        cls.lab_antwerp.user_ids |= (
            cls.coach_antwerp | cls.manager | cls.env.ref("base.user_admin")
        )

    def _intake(self, user=None):
        wizard = Form(
            self.env["level2work.intake.wizard"].with_user(user or self.staff)
        )
        wizard.name = "Omar Khalil"
        wizard.email = "omar.khalil@example.com"
        wizard.coach_id = self.coach
        return wizard

    def test_intake_records_what_the_talent_detection_needs(self):
        wizard = self._intake()
        wizard.country_of_origin_id = self.syria
        wizard.arrival_date = "2025-01-15"
        with wizard.diploma_ids.new() as diploma:
            diploma.name = "Master of Civil Engineering"
            diploma.isced_level = "7"
            diploma.field_of_study = "Civil engineering"
            diploma.field_of_education_id = self.env.ref(
                "level2work_pathway.isced_f_0732"
            )
            diploma.recognition_state = "requested"
        with wizard.language_skill_ids.new() as language:
            language.language_id = self.dutch
            language.level = "A2"
        with wizard.language_skill_ids.new() as language:
            language.language_id = self.arabic
            language.level = "C2"
            language.is_native = True
        wizard.aspiration_ids.add(self.isco_cleaners)
        wizard.consent_process = True
        action = wizard.save().action_create()

        newcomer = self.env["level2work.pathway"].browse(action["res_id"]).newcomer_id
        self.assertRecordValues(
            newcomer.diploma_ids,
            [
                {
                    "name": "Master of Civil Engineering",
                    "isced_level": "7",
                    "field_of_study": "Civil engineering",
                    "field_of_education_id": self.env.ref(
                        "level2work_pathway.isced_f_0732"
                    ).id,
                    # From the country of origin unless said otherwise.
                    "country_id": self.syria.id,
                    "recognition_state": "requested",
                }
            ],
        )
        self.assertEqual(newcomer.dutch_level, "A2")
        self.assertEqual(
            newcomer.language_skill_ids.filtered("is_native").language_id, self.arabic
        )
        self.assertEqual(newcomer.arrival_date.isoformat(), "2025-01-15")
        self.assertEqual(newcomer.aspiration_ids, self.isco_cleaners)
        self.assertTrue(newcomer.aspiration_below_level)
        self.assertEqual(newcomer.eligibility_state, "eligible")
        self.assertTrue(newcomer.is_eligible)
        consent = newcomer.consent_ids
        self.assertRecordValues(
            consent,
            [
                {
                    "purpose": "process",
                    "channel": "paper",
                    "recorded_by_id": self.staff.id,
                    "text_version": "2026-01",
                    "is_valid": True,
                }
            ],
        )
        self.assertTrue(
            self.env["level2work.consent"]._is_given(newcomer, "process"),
        )

    def test_registering_needs_a_coach(self):
        wizard = self._intake()
        wizard.coach_id = self.env["res.users"]
        with self.assertRaises(AssertionError, msg="the form asks for a coach"):
            wizard.save()
        wizard = self.env["level2work.intake.wizard"].with_user(self.staff)
        wizard = wizard.create({"name": "Omar Khalil", "lab_id": self.lab_west.id})
        with self.assertRaisesRegex(UserError, "Choose the coach"):
            wizard.action_create()

    def test_no_consent_recorded_unless_ticked(self):
        action = self._intake().save().action_create()
        newcomer = self.env["level2work.pathway"].browse(action["res_id"]).newcomer_id
        self.assertFalse(newcomer.consent_ids)

    def test_eligibility_hint_follows_what_the_desk_types(self):
        wizard = self._intake()
        self.assertEqual(wizard.eligibility_state, "to_check")
        self.assertIn(
            "? Origin outside the EU: the country of origin is not recorded",
            wizard.eligibility_explanation,
        )
        wizard.country_of_origin_id = self.syria
        wizard.arrival_date = "2025-01-15"
        self.assertEqual(wizard.eligibility_state, "to_check", "no diploma yet")
        self.assertIn("? Higher-education diploma", wizard.eligibility_explanation)
        with wizard.diploma_ids.new() as diploma:
            diploma.name = "Bachelor of Nursing"
            diploma.isced_level = "6"
        self.assertEqual(wizard.eligibility_state, "eligible")
        self.assertNotIn("?", wizard.eligibility_explanation)
        wizard.country_of_origin_id = self.poland
        self.assertEqual(wizard.eligibility_state, "not_eligible")
        self.assertIn("✘ Origin outside the EU", wizard.eligibility_explanation)

    def test_coaches_offered_are_those_of_the_chosen_lab(self):
        Newcomer = self.env["level2work.newcomer"]
        self.assertEqual(
            Newcomer._get_lab_coaches(self.lab_west), self.coach | self.coach_other
        )
        self.assertEqual(
            Newcomer._get_lab_coaches(self.lab_antwerp), self.coach_antwerp
        )
        # The list of the form is that domain, evaluated on the chosen lab;
        # the pathway's form offers the same.
        for model in ("level2work.intake.wizard", "level2work.pathway"):
            with self.subTest(model=model):
                domain = (
                    self.env[model]
                    .with_user(self.staff)
                    .fields_get(["coach_id"], ["domain"])["coach_id"]["domain"]
                )
                self.assertEqual(domain, Newcomer._domain_coach_id())
        wizard = self._intake()
        wizard.lab_id = self.lab_antwerp
        self.assertFalse(wizard.coach_id, "a coach of another lab is cleared")
        wizard.coach_id = self.coach_antwerp
        self.assertEqual(wizard.coach_id, self.coach_antwerp)

    def test_a_coach_is_their_own_default_coach_a_manager_is_not(self):
        coach_form = Form(self.env["level2work.intake.wizard"].with_user(self.coach))
        self.assertEqual(coach_form.coach_id, self.coach)
        manager_form = Form(
            self.env["level2work.intake.wizard"].with_user(self.manager)
        )
        self.assertFalse(manager_form.coach_id)

    def _known_in_antwerp(self, coach):
        return self.create_newcomer(
            name="Amina Haddad",
            email="amina.haddad@example.com",
            lab_id=self.lab_antwerp.id,
            coach_id=coach.id,
        )

    def _handover_activity(self, newcomer):
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", newcomer._name), ("res_id", "=", newcomer.id)])
        )

    def test_person_of_another_lab_asked_to_be_handed_over(self):
        known = self._known_in_antwerp(self.coach_antwerp)
        wizard = self._intake()
        wizard.email = " Amina.Haddad@example.com"
        wizard.phone = "0470 11 22 33"
        # Asking needs no coach: the person may stay with the other lab.
        wizard.coach_id = self.env["res.users"]
        wizard = wizard.save()
        self.assertTrue(wizard.can_ask_handover)
        self.assertFalse(wizard.duplicate_ids, "nothing to open")
        result = wizard.action_ask_handover()

        activity = self._handover_activity(known)
        self.assertEqual(activity.user_id, self.coach_antwerp)
        self.assertEqual(activity.create_uid, self.staff)
        self.assertEqual(
            activity.summary, "Hand-over asked by Lab West Flanders (test)"
        )
        self.assertEqual(
            html2plaintext(activity.note),
            "Desk Dirk of Lab West Flanders (test) asks to hand this newcomer over "
            "to Lab West Flanders (test).",
        )
        message = result["params"]["message"]
        self.assertIn("Coach Jan (Lab Antwerp (test))", message)
        self.assertNotIn("Amina", message)
        self.assertEqual(
            result["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        with self.assertRaises(AccessError):
            known.with_user(self.staff).check_access("read")
        self.assertFalse(
            self.env["level2work.newcomer"]
            .with_user(self.staff)
            .search([("name", "=", "Omar Khalil")]),
            "asking registers nobody",
        )

    def test_without_coach_a_manager_of_that_lab_is_asked(self):
        known = self._known_in_antwerp(self.env["res.users"])
        wizard = self._intake()
        wizard.email = "amina.haddad@example.com"
        wizard.save().action_ask_handover()
        activity = self._handover_activity(known)
        self.assertEqual(activity.user_id, self.manager, "not the administrator")

    def test_a_duplicate_one_may_read_is_not_handed_over(self):
        self.create_newcomer(name="Amina Haddad", email="amina.haddad@example.com")
        wizard = self._intake()
        wizard.email = "amina.haddad@example.com"
        wizard = wizard.save()
        self.assertTrue(wizard.duplicate_ids)
        self.assertFalse(wizard.can_ask_handover)
        with self.assertRaisesRegex(UserError, "Nobody found in another lab"):
            wizard.action_ask_handover()
