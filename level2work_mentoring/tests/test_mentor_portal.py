from datetime import timedelta

from odoo.http import Request
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestMentorPortal(HttpCase, MentoringCase):
    """The mentor portal over real HTTP. Someone else's mentorship, or an
    introduction of someone else's mentorship, answers 404 on every route,
    reading as writing: the portal does not even tell that it exists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.english_pages(cls.env)
        cls.own = cls.create_mentorship(state="active")
        cls.own.goals = "<p>An internship at a structural design office</p>"
        cls.other = cls.create_mentorship(
            pathway=cls.create_pathway(cls.create_newcomer("Olena Kovalenko")),
            mentor=cls.mentor_other,
            state="active",
        )
        cls.give_consent(cls.other.newcomer_id, cls.mentor_other.partner_id)
        cls.own.newcomer_id.national_number = "85.07.30-033.28"
        cls.introduction = cls.env["level2work.network.introduction"].create(
            {
                "mentorship_id": cls.other.id,
                "contact_name": "Els Vermeulen",
                "organisation": "AZ Groeninge",
            }
        )
        cls.upcoming_session = cls.create_session(
            "application_skills", days=6, name="Applying in Flanders"
        )

    def setUp(self):
        super().setUp()
        self.authenticate("l2w_mentor", "l2w_mentor")

    def post(self, url, **data):
        return self.url_open(url, data={"csrf_token": Request.csrf_token(self), **data})

    def test_home_links_to_mentorships(self):
        response = self.url_open("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertIn('href="/my/mentorships"', response.text)

    def test_list_shows_own_mentorships_and_sessions(self):
        response = self.url_open("/my/mentorships")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'href="/my/mentorships/{self.own.id}"', response.text)
        self.assertNotIn(f'href="/my/mentorships/{self.other.id}"', response.text)
        self.assertNotIn("Olena", response.text)
        self.assertIn("Profile not shared yet", response.text)
        self.assertIn("Applying in Flanders", response.text)

    def test_without_consent_the_mentee_stays_hidden(self):
        response = self.url_open(f"/my/mentorships/{self.own.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("has not yet agreed to share their profile", response.text)
        self.assertNotIn("Amina", response.text)
        self.assertNotIn("structural design office", response.text)

    def test_with_consent_the_summary_and_nothing_sensitive(self):
        self.give_consent(self.own.newcomer_id, self.mentor.partner_id)
        response = self.url_open(f"/my/mentorships/{self.own.id}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Mentorship with Amina", page)
        self.assertIn("An internship at a structural design office", page)
        self.assertIn("Master of Civil Engineering", page)
        self.assertIn("Science and engineering professionals", page)
        for hidden in ("Haddad", "85.07.30", "033.28", "amina.haddad@example.com"):
            self.assertNotIn(hidden, page)

    @mute_logger("odoo.http")
    def test_another_mentorship_answers_404(self):
        response = self.url_open(f"/my/mentorships/{self.other.id}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open("/my/mentorships/999999")
        self.assertEqual(response.status_code, 404)
        moments = self.other.moment_count
        response = self.post(
            f"/my/mentorships/{self.other.id}/moments",
            date=str(self.today),
            duration="60",
            kind="one_to_one",
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.other.moment_count, moments)
        response = self.post(
            f"/my/mentorships/{self.own.id}/introductions/{self.introduction.id}",
            outcome="job",
        )
        self.assertEqual(response.status_code, 404, "Someone else's introduction")
        self.assertEqual(self.introduction.outcome, "pending")

    def test_someone_without_mentorships_gets_an_empty_page(self):
        new_test_user(self.env, "l2w_plain", groups="base.group_user", lang="en_US")
        self.authenticate("l2w_plain", "l2w_plain")
        response = self.url_open("/my/mentorships")
        self.assertEqual(response.status_code, 200)
        self.assertIn("You have no mentorship yet", response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/mentorships/{self.own.id}")
        self.assertEqual(response.status_code, 404)

    def test_rpc_is_refused(self):
        def call(model, method, *args, **kwargs):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            )

        own = call("level2work.mentorship", "search_read", [], ["state", "mentor_id"])
        self.assertEqual([record["id"] for record in own], [self.own.id])
        with mute_logger("odoo.http"):
            for model, method, args in (
                ("level2work.mentorship", "read", ([self.other.id], ["state"])),
                ("level2work.mentorship", "read", ([self.own.id], ["pathway_id"])),
                ("level2work.mentorship", "read", ([self.own.id], ["goals"])),
                ("level2work.newcomer", "read", ([self.own.newcomer_id.id], ["name"])),
                (
                    "level2work.newcomer.sensitive",
                    "search_read",
                    ([], ["national_number", "residence_status"]),
                ),
                (
                    "level2work.mentorship.moment",
                    "create",
                    ({"mentorship_id": self.own.id},),
                ),
                ("level2work.mentorship", "write", ([self.own.id], {"outcome": "job"})),
                ("level2work.mentorship", "action_complete", ([self.own.id],)),
                ("level2work.mentorship", "action_record_consent", ([self.own.id],)),
            ):
                with self.subTest(model=model, method=method, args=args):
                    try:
                        result = call(model, method, *args)
                    except JsonRpcException as error:
                        self.assertIn("AccessError", str(error))
                    else:
                        self.assertFalse(result, "Nothing readable")

    def test_a_mentor_logs_a_contact_moment(self):
        response = self.post(
            f"/my/mentorships/{self.own.id}/moments",
            date=str(self.today - timedelta(days=2)),
            duration="45",
            kind="one_to_one",
            note="Went through the CV together; next: LinkedIn profile.",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("the contact moment is logged", response.text)
        moment = self.own.moment_ids
        self.assertEqual(len(moment), 1)
        self.assertEqual(moment.date, self.today - timedelta(days=2))
        self.assertEqual(moment.duration, 0.75)
        self.assertEqual(moment.kind, "one_to_one")
        self.assertEqual(moment.logged_by_id, self.mentor_user)
        self.assertIn("LinkedIn profile", response.text)
        self.assertEqual(self.own.last_moment_date, self.today - timedelta(days=2))

    def test_bad_input_is_refused_with_a_message(self):
        cases = [
            ({"date": str(self.today + timedelta(days=1))}, "lies in the future"),
            ({"date": str(self.own.date_start - timedelta(days=1))}, "before the"),
            ({"date": "yesterday"}, "Give the date"),
            ({"duration": "-10"}, "from 0 to 12 hours (720 minutes)"),
            ({"duration": "900"}, "from 0 to 12 hours (720 minutes)"),
            ({"duration": "an hour"}, "duration in minutes"),
            ({"kind": "party"}, "one to one or in a group"),
            ({"note": "x" * 2001}, "at most 2000 characters"),
        ]
        for change, message in cases:
            with self.subTest(change=change):
                data = {
                    "date": str(self.today),
                    "duration": "60",
                    "kind": "group",
                    **change,
                }
                response = self.post(f"/my/mentorships/{self.own.id}/moments", **data)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
                self.assertFalse(self.own.moment_ids, "Nothing saved")

    def test_no_logging_on_a_mentorship_that_does_not_run(self):
        self.own.write({"outcome": "job"})
        self.own.action_complete()
        response = self.post(
            f"/my/mentorships/{self.own.id}/moments",
            date=str(self.today),
            duration="60",
            kind="one_to_one",
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("not running", response.text)
        self.assertFalse(self.own.moment_ids)

    def test_a_mentor_logs_an_introduction_and_its_outcome(self):
        response = self.post(
            f"/my/mentorships/{self.own.id}/introductions",
            date=str(self.today),
            contact_name="Tom Decock",
            organisation="Vanhoutte Engineering",
            outcome="meeting",
        )
        self.assertEqual(response.status_code, 200)
        introduction = self.own.introduction_ids
        self.assertEqual(introduction.contact_name, "Tom Decock")
        self.assertEqual(introduction.outcome, "meeting")
        self.assertEqual(introduction.logged_by_id, self.mentor_user)

        response = self.post(
            f"/my/mentorships/{self.own.id}/introductions/{introduction.id}",
            outcome="interview",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(introduction.outcome, "interview")

        response = self.post(
            f"/my/mentorships/{self.own.id}/introductions",
            date=str(self.today),
            contact_name="",
            organisation="x" * 200,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Give the name of the person", response.text)
        self.assertIn("at most 128 characters", response.text)
        self.assertEqual(len(self.own.introduction_ids), 1)


@tagged("post_install", "-at_install")
class TestNewcomerPortal(HttpCase, MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.english_pages(cls.env)

    def test_a_newcomer_sees_their_upcoming_group_sessions(self):
        newcomer = self.create_newcomer("Carlos Mendoza")
        self.create_pathway(newcomer)
        new_test_user(
            self.env,
            "l2w_carlos",
            groups="base.group_portal",
            partner_id=newcomer.partner_id.id,
        )
        upcoming = self.create_session("cv", days=4, name="Your CV in Dutch")
        past = self.create_session("cv", days=-4, name="An older CV session")
        other = self.create_session("networking", days=5, name="Not for Carlos")
        Attendance = self.env["level2work.session.attendance"]
        for session in upcoming | past:
            Attendance.create({"session_id": session.id, "newcomer_id": newcomer.id})
        self.authenticate("l2w_carlos", "l2w_carlos")
        response = self.url_open("/my/pathway")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your CV in Dutch", response.text)
        self.assertNotIn("An older CV session", response.text)
        self.assertNotIn(other.name, response.text)
        as_newcomer = self.env(user=newcomer.partner_id.user_ids)
        self.assertEqual(as_newcomer["level2work.session"].search([]), upcoming | past)
