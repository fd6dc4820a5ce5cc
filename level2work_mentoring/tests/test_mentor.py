from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestMentor(MentoringCase):
    def test_new_mentor_gets_a_contact_in_their_company(self):
        mentor = self.create_mentor(
            name="Griet Maes",
            email="griet.maes@example.com",
            function="Finance manager",
            company_partner_id=self.company.id,
        )
        self.assertEqual(mentor.partner_id.name, "Griet Maes")
        self.assertEqual(mentor.partner_id.email, "griet.maes@example.com")
        self.assertEqual(mentor.partner_id.parent_id, self.company)
        self.assertEqual(mentor.partner_id.function, "Finance manager")
        self.assertFalse(mentor.user_id, "No portal access until it is granted")

    def test_coaches_and_desk_staff_add_mentors(self):
        """Mentoring > Mentors > New: staff may add mentors without the right
        to create contacts in general, the mentor's own contact is made for
        them."""
        for user, name in ((self.coach, "Griet Maes"), (self.staff, "Bart Claeys")):
            email = name.lower().replace(" ", ".") + "@example.com"
            with Form(self.Mentor.with_user(user)) as form:
                form.name = name
                form.email = email
            mentor = form.record
            self.assertEqual(mentor.name, name)
            self.assertEqual(mentor.partner_id.name, name)
            self.assertEqual(mentor.partner_id.email, email)
            self.assertEqual(mentor.lab_id, self.lab_west, "The lab of the user")

    def test_a_mentor_takes_over_only_a_contact_one_may_edit(self):
        """A mentor owns their contact and staff edit it as superuser through
        the mentor: an existing contact becomes a mentor's only for someone
        who may edit it themself. Desk staff cannot rename someone that way."""
        contact = self.env["res.partner"].create({"name": "Ann Peeters"})
        for values in ({}, {"email": "someone.else@example.com"}):
            with self.assertRaises(AccessError):
                self.Mentor.with_user(self.staff).create(
                    dict(values, partner_id=contact.id)
                )
        self.assertFalse(contact.email)
        self.assertFalse(self.Mentor.search([("partner_id", "=", contact.id)]))
        self.staff.groups_id += self.env.ref("base.group_partner_manager")
        mentor = self.Mentor.with_user(self.staff).create({"partner_id": contact.id})
        self.assertEqual(mentor.name, "Ann Peeters")

    def test_staff_edit_a_mentors_contact_data(self):
        self.mentor.with_user(self.staff).write(
            {"phone": "+32 56 00 00 00", "function": "Plant manager"}
        )
        self.assertEqual(self.mentor.partner_id.phone, "+32 56 00 00 00")
        self.assertEqual(self.mentor.partner_id.function, "Plant manager")

    def test_a_mentor_with_a_login_keeps_their_email(self):
        """A password reset goes to that address: the mentor changes it on
        the portal, not staff."""
        email = self.mentor.partner_id.email
        with self.assertRaises(AccessError):
            self.mentor.with_user(self.staff).write({"email": "someone@example.com"})
        self.assertEqual(self.mentor.partner_id.email, email)

    def test_portal_user_follows_the_contact(self):
        self.assertEqual(self.mentor.user_id, self.mentor_user)

    def test_a_contact_is_a_mentor_once(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.create_mentor(partner=self.mentor_user.partner_id)

    def test_capacity_counts_active_mentorships_only(self):
        self.assertEqual(self.mentor.capacity, 2)
        self.create_mentorship(state="active")
        self.create_mentorship()  # proposed: takes no place
        self.mentor.invalidate_recordset()
        self.assertEqual(self.mentor.active_mentorship_count, 1)
        self.assertEqual(self.mentor.free_capacity, 1)
        self.assertEqual(self.mentor.capacity_used, 50.0)
        self.assertIn(self.mentor, self.Mentor.search([("free_capacity", ">", 0)]))

    def test_capacity_is_enforced_with_a_clear_message(self):
        mentor = self.create_mentor(name="Bart Claeys", capacity=1)
        self.create_mentorship(mentor=mentor, state="active")
        second = self.create_mentorship(
            pathway=self.create_pathway(self.create_newcomer("Carlos Mendoza")),
            mentor=mentor,
        )
        with self.assertRaises(ValidationError) as error:
            second.action_activate()
        self.assertIn("Bart Claeys", str(error.exception))
        self.assertIn("at most 1", str(error.exception))
        self.assertEqual(second.state, "proposed", "Nothing is half done")
        self.assertNotIn(mentor, self.Mentor.search([("free_capacity", ">", 0)]))
        self.assertIn(mentor, self.Mentor.search([("free_capacity", "=", 0)]))

        mentor.capacity = 2
        second.action_activate()
        self.assertEqual(second.state, "active")

    def test_capacity_cannot_be_negative(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.create_mentor(name="Koen Desmet", capacity=-1)
