from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestSessionGate(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gate = cls.env.ref("level2work_mentoring.stage_gate_mentoring_sessions")
        # Shared fixtures may switch other addons' gates off; this test is
        # about this one.
        cls.gate.active = True
        cls.pathway = cls.create_pathway()
        cls.newcomer = cls.pathway.newcomer_id

    def test_gate_guards_workplace_learning_and_placement(self):
        self.assertEqual(
            self.gate.stage_ids, self.stage_workplace | self.stage_placement
        )
        self.assertTrue(self.gate.active)

    def test_workplace_learning_waits_for_cv_and_application_sessions(self):
        self.pathway.stage_id = self.stage_mentoring
        with self.assertRaises(UserError) as error:
            self.pathway.stage_id = self.stage_workplace
        self.assertIn("Amina Haddad", str(error.exception))
        self.assertIn("CV", str(error.exception))
        self.assertEqual(self.pathway.stage_id, self.stage_mentoring)

        self.attend(self.newcomer, "cv")
        self.attend(self.newcomer, "application_skills", state="absent")
        self.attend(self.newcomer, "labour_market")
        with self.assertRaises(UserError):
            self.pathway.stage_id = self.stage_placement

        self.attend(self.newcomer, "application_skills")
        self.pathway.stage_id = self.stage_workplace
        self.assertEqual(self.pathway.stage_id, self.stage_workplace)
        self.assertEqual(self.pathway.attended_session_count, 3)

    def test_registered_is_not_attended(self):
        self.attend(self.newcomer, "cv", "application_skills", state="registered")
        with self.assertRaises(UserError):
            self.pathway.stage_id = self.stage_workplace

    def test_a_manager_switches_the_gate_off(self):
        self.gate.with_user(self.manager).active = False
        self.pathway.stage_id = self.stage_workplace
        self.assertEqual(self.pathway.stage_id, self.stage_workplace)

    def test_attendance_is_taken_once_the_session_started(self):
        upcoming = self.create_session("cv", days=7)
        attendance = self.env["level2work.session.attendance"].create(
            {"session_id": upcoming.id, "newcomer_id": self.newcomer.id}
        )
        with self.assertRaises(ValidationError):
            attendance.action_mark_attended()
        with self.assertRaises(UserError):
            upcoming.action_mark_all_attended()

    def test_attendance_in_one_screen(self):
        self.create_mentorship(pathway=self.pathway, state="active")
        other = self.create_mentorship(
            pathway=self.create_pathway(self.create_newcomer("Carlos Mendoza")),
            mentor=self.mentor_other,
        )
        session = self.create_session("cv", days=-1)
        session.with_user(self.staff).action_register_cohort()
        self.assertEqual(
            session.attendance_ids.newcomer_id, self.newcomer | other.newcomer_id
        )
        self.assertEqual(session.registered_count, 2)
        session.action_register_cohort()
        self.assertEqual(session.registered_count, 2, "Nobody registered twice")

        carlos = session.attendance_ids.filtered(
            lambda a: a.newcomer_id == other.newcomer_id
        )
        carlos.with_user(self.staff).action_mark_excused()
        session.with_user(self.staff).action_mark_all_attended()
        self.assertEqual(session.attended_count, 1)
        self.assertEqual(session.excused_count, 1)
        self.assertEqual(self.cohort.attendance_rate, 50.0)

    def test_registering_says_who_was_added(self):
        session = self.create_session("cv", days=3)
        as_staff = session.with_user(self.staff)
        action = as_staff.action_register_cohort()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("no proposed or running mentorship", action["params"]["message"])

        self.create_mentorship(pathway=self.pathway, state="active")
        action = as_staff.action_register_cohort()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(
            action["params"]["message"], "Added to the list: Amina Haddad."
        )
        action = as_staff.action_register_cohort()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("already on the list", action["params"]["message"])
        self.assertEqual(session.registered_count, 1)

    def test_staff_of_another_lab_do_not_take_attendance(self):
        """A session of another lab's cohort shows no register button and no
        editable list, and registering through RPC says why it is refused."""
        self.create_mentorship(pathway=self.pathway, state="active")
        session = self.create_session("cv", days=-1)
        self.assertTrue(session.with_user(self.staff).is_editable)
        self.assertTrue(session.with_user(self.manager).is_editable)
        as_antwerp = session.with_user(self.staff_antwerp)
        self.assertFalse(as_antwerp.is_editable)
        with self.assertRaisesRegex(UserError, "Only staff of Lab West Flanders"):
            as_antwerp.action_register_cohort()
        self.assertFalse(session.attendance_ids)

        session.action_register_cohort()
        with self.assertRaisesRegex(UserError, "Only staff of Lab West Flanders"):
            as_antwerp.action_mark_all_attended()
        self.assertEqual(session.attendance_ids.state, "registered")

        self.env.invalidate_all()  # the list as staff of Antwerp read it
        form = Form(as_antwerp)
        with self.assertRaisesRegex(AssertionError, "not editable"):
            form.attendance_ids.new()
        Form(session.with_user(self.staff)).attendance_ids.new()
