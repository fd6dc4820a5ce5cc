from datetime import timedelta

from lxml import html

from odoo.exceptions import ValidationError
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common import MentoringCase

SCRIPT = '<script>alert("l2w")</script>'
IMAGE = '<img src="x" onerror="alert(1)">'


@tagged("post_install", "-at_install")
class TestMentoringConstraints(MentoringCase):
    """Wrong values typed in the backend forms are refused with a sentence
    that names the problem, and nothing is saved."""

    def test_capacity_within_reason(self):
        with self.assertRaisesRegex(ValidationError, "from 0 to 10 mentees"):
            self.mentor.capacity = 50
        with self.assertRaisesRegex(ValidationError, "Jan Vandenberghe can guide"):
            self.mentor.capacity = -1
        self.assertEqual(self.mentor.capacity, 2)

    def test_cohort_dates_and_size(self):
        Cohort = self.env["level2work.mentoring.cohort"]
        values = {
            "name": "Limburg spring (test)",
            "lab_id": self.lab_west.id,
            "date_start": self.today,
            "date_end": self.today + timedelta(days=90),
        }
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            Cohort.create(dict(values, date_end=self.today - timedelta(days=1)))
        for count in (0, -3, 201):
            with (
                self.subTest(count=count),
                self.assertRaisesRegex(ValidationError, "1 to 200 pairs"),
            ):
                Cohort.create(dict(values, planned_pair_count=count))
        self.assertFalse(Cohort.search([("name", "=", "Limburg spring (test)")]))

    def test_sessions_lie_within_their_cohort(self):
        with self.assertRaisesRegex(ValidationError, "lies outside its cohort"):
            self.create_session("cv", days=120)
        session = self.create_session("cv", days=60)
        with self.assertRaisesRegex(ValidationError, "lies outside its cohort"):
            self.cohort.date_end = self.today + timedelta(days=30)
        self.assertEqual(self.cohort.date_end, self.today + timedelta(days=90))
        # A session of no cohort has no period to keep to.
        session.cohort_id = False
        self.cohort.date_end = self.today + timedelta(days=30)

    def test_what_is_logged_lies_within_the_mentorship(self):
        mentorship = self.create_mentorship(state="active")
        Introduction = self.env["level2work.network.introduction"]
        with self.assertRaisesRegex(ValidationError, "before the mentorship started"):
            Introduction.create(
                {
                    "mentorship_id": mentorship.id,
                    "date": mentorship.date_start - timedelta(days=1),
                    "contact_name": "Els Vermeulen",
                    "organisation": "AZ Groeninge",
                }
            )
        self.env["level2work.mentorship.moment"].create(
            {"mentorship_id": mentorship.id, "date": self.today - timedelta(days=5)}
        )
        with self.assertRaisesRegex(ValidationError, "before the mentorship started"):
            mentorship.date_start = self.today - timedelta(days=2)
        self.assertEqual(mentorship.date_start, self.today - timedelta(days=20))

    def test_goals_are_sanitized(self):
        mentorship = self.create_mentorship()
        mentorship.goals = f"<p>Bridges{SCRIPT}{IMAGE}</p>"
        self.assertNotIn("<script", mentorship.goals)
        self.assertNotIn("onerror", mentorship.goals)
        self.assertIn("Bridges", mentorship.goals)


@tagged("post_install", "-at_install")
class TestMentorPortalInput(HttpCase, MentoringCase):
    """What a mentor types on the portal, over real HTTP: markup shows as
    text, control characters are dropped, nothing is saved half-done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.english_pages(cls.env)
        cls.mentorship = cls.create_mentorship(state="active")
        cls.give_consent(cls.mentorship.newcomer_id, cls.mentor.partner_id)

    def setUp(self):
        super().setUp()
        self.authenticate("l2w_mentor", "l2w_mentor")

    def assert_inert(self, page):
        """No script and no event handler of the payloads made it into the
        page as markup."""
        tree = html.fromstring(page)
        self.assertFalse(tree.xpath("//script[contains(., 'l2w')]"))
        self.assertFalse(tree.xpath("//*[@onerror='alert(1)']"))

    def post(self, route, **data):
        return self.url_open(
            f"/my/mentorships/{self.mentorship.id}/{route}",
            data={"csrf_token": Request.csrf_token(self), **data},
        )

    def test_markup_in_a_note_is_shown_as_text(self):
        response = self.post(
            "moments",
            date=str(self.today),
            duration="30",
            kind="one_to_one",
            note=f"CV {SCRIPT} {IMAGE}",
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.mentorship.moment_ids.note, f"CV {SCRIPT} {IMAGE}")
        self.assert_inert(response.text)
        self.assertIn(f"CV {SCRIPT}", html.fromstring(response.text).text_content())

    def test_markup_in_an_introduction_is_shown_as_text(self):
        response = self.post(
            "introductions",
            date=str(self.today),
            contact_name=IMAGE,
            organisation=SCRIPT,
        )
        self.assertEqual(response.status_code, 200)
        self.assert_inert(response.text)
        self.assertIn(IMAGE, html.fromstring(response.text).text_content())
        # The chatter note about it holds the markup as text too.
        message = self.mentorship.message_ids.filtered(
            lambda m: "introduced the mentee" in m.body
        )
        self.assert_inert(message.body)

    def test_markup_in_the_goals_is_inert_on_the_portal(self):
        self.mentorship.goals = f"<p>Design bridges{SCRIPT}{IMAGE}</p>"
        response = self.url_open(f"/my/mentorships/{self.mentorship.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Design bridges", response.text)
        self.assert_inert(response.text)

    def test_control_characters_are_dropped(self):
        response = self.post(
            "introductions",
            date=str(self.today),
            contact_name="Els\x00 Vermeulen",
            organisation="AZ\x07 Groeninge",
            note="Meets\x00 on Friday",
        )
        self.assertEqual(response.status_code, 200)
        introduction = self.mentorship.introduction_ids
        self.assertEqual(introduction.contact_name, "Els Vermeulen")
        self.assertEqual(introduction.organisation, "AZ Groeninge")
        self.assertEqual(introduction.note, "Meets on Friday")

    def test_a_name_of_only_control_characters_is_missing(self):
        response = self.post(
            "introductions",
            date=str(self.today),
            contact_name="\x00\x01",
            organisation="AZ Groeninge",
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Give the name of the person", response.text)
        self.assertFalse(self.mentorship.introduction_ids)
