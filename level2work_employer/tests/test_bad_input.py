from datetime import timedelta

from lxml import html

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import EmployerCase

SCRIPT = '<script>alert("l2w")</script>'
IMAGE = '<img src="x" onerror="alert(1)">'


@tagged("post_install", "-at_install")
class TestEmployerConstraints(EmployerCase):
    """Wrong values typed in the backend forms are refused with a sentence
    that names the problem, and nothing is saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.vacancy)
        cls.newcomer = cls.create_candidate("Amina Haddad")
        cls.pathway = cls.newcomer.pathway_ids

    def test_positions_within_reason(self):
        for positions in (0, -2, 501):
            with (
                self.subTest(positions=positions),
                self.assertRaisesRegex(ValidationError, "from 1 to 500 positions"),
            ):
                self.vacancy.positions = positions
        self.assertEqual(self.vacancy.positions, 1)

    def test_deadline_not_before_publication(self):
        self.vacancy.date_published = self.today
        with self.assertRaisesRegex(ValidationError, "lies before its publication"):
            self.vacancy.deadline = self.today - timedelta(days=1)
        self.assertFalse(self.vacancy.deadline)
        self.vacancy.deadline = self.today

    def test_hours_a_week_within_reason(self):
        learning = self.env["level2work.workplace.learning"].create(
            {
                "pathway_id": self.pathway.id,
                "employer_id": self.employer.id,
                "instrument": "internship",
                "date_start": self.today,
                "date_end": self.today + timedelta(days=30),
                "hours_per_week": 38,
            }
        )
        placement = self.env["level2work.placement"].create(
            {
                "pathway_id": self.pathway.id,
                "employer_id": self.employer.id,
                "occupation_id": self.isco_civil.id,
                "date_start": self.today,
                "hours_per_week": 38,
            }
        )
        for record in (learning, placement):
            for hours in (-1, 80):
                with (
                    self.subTest(record=record._name, hours=hours),
                    self.assertRaisesRegex(
                        ValidationError, "from 0 to 50 hours a week"
                    ),
                ):
                    record.hours_per_week = hours
            self.assertEqual(record.hours_per_week, 38)

    def test_evaluations_and_follow_ups_took_place(self):
        learning = self.env["level2work.workplace.learning"].create(
            {
                "pathway_id": self.pathway.id,
                "employer_id": self.employer.id,
                "instrument": "ibo",
                "date_start": self.today - timedelta(days=10),
                "date_end": self.today + timedelta(days=30),
            }
        )
        Evaluation = self.env["level2work.workplace.learning.evaluation"]
        with self.assertRaisesRegex(ValidationError, "lies in the future"):
            Evaluation.create(
                {
                    "learning_id": learning.id,
                    "kind": "midway",
                    "date": self.today + timedelta(days=1),
                }
            )
        self.assertFalse(learning.evaluation_ids)
        placement = self.env["level2work.placement"].create(
            {
                "pathway_id": self.pathway.id,
                "employer_id": self.employer.id,
                "occupation_id": self.isco_civil.id,
                "date_start": self.today - timedelta(days=40),
            }
        )
        FollowUp = self.env["level2work.placement.follow.up"]
        for day, message in (
            (self.today + timedelta(days=3), "lies in the future"),
            (self.today - timedelta(days=41), "before the start in the job"),
        ):
            with (
                self.subTest(day=day),
                self.assertRaisesRegex(ValidationError, message),
            ):
                FollowUp.create(
                    {"placement_id": placement.id, "milestone": "1", "date": day}
                )
        self.assertFalse(placement.follow_up_ids)


@tagged("post_install", "-at_install")
class TestEmployerPortalInput(HttpCase, EmployerCase):
    """What an employer types on the portal, over real HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.default"].set("res.partner", "lang", "en_US")
        cls.employer_user.lang = "en_US"
        cls.proposal = cls.propose(cls.create_candidate("Amina Haddad"))
        cls.archived = cls.env.ref("level2work_pathway.language_ar").copy(
            {"name": "Old Aramaic (test)", "code": "xx-arc", "active": False}
        )

    def setUp(self):
        super().setUp()
        self.authenticate("l2w_employer", "l2w_employer")

    def post(self, url, data):
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def vacancy_form(self, **values):
        data = {
            "name": "Site engineer",
            "occupation_id": str(self.isco_civil.id),
            "kind": "job",
            "positions": "1",
            "language_level": "B2",
        }
        data.update(values)
        return data

    def assert_inert(self, page):
        """No script and no event handler of the payloads made it into the
        page as markup."""
        tree = html.fromstring(page)
        self.assertFalse(tree.xpath("//script[contains(., 'l2w')]"))
        self.assertFalse(tree.xpath("//*[@onerror='alert(1)']"))
        self.assertFalse(tree.xpath("//img[@src='x']"))

    def last_vacancy(self):
        return self.env["level2work.vacancy"].search([], order="id desc", limit=1)

    def test_forged_languages_are_refused(self):
        Vacancy = self.env["level2work.vacancy"]
        before = Vacancy.search_count([])
        for language in (self.archived, self.dutch):
            with self.subTest(language=language.name):
                response = self.post(
                    "/my/vacancies/new",
                    self.vacancy_form(language_ids=str(language.id)),
                )
                self.assertEqual(response.status_code, 200)
                tree = html.fromstring(response.text)
                invalid = tree.xpath("//*[contains(@class, 'is-invalid')]/@name")
                self.assertIn("language_ids", invalid)
                self.assertIn("choose them from the list", response.text)
                self.assertEqual(Vacancy.search_count([]), before, "nothing saved")

    def test_forged_occupations_are_refused(self):
        archived = self.isco_mechanical.copy({"code": "2149-x", "active": False})
        Vacancy = self.env["level2work.vacancy"]
        before = Vacancy.search_count([])
        for occupation_id in (str(archived.id), "999999", "2142; DROP"):
            with self.subTest(occupation_id=occupation_id):
                response = self.post(
                    "/my/vacancies/new", self.vacancy_form(occupation_id=occupation_id)
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("Occupation: choose a value from the list", response.text)
                self.assertEqual(Vacancy.search_count([]), before, "nothing saved")

    def test_markup_in_a_vacancy_is_shown_as_text(self):
        response = self.post(
            "/my/vacancies/new",
            self.vacancy_form(
                name=f"Engineer {IMAGE}",
                skills=f"AutoCAD {SCRIPT}",
                description=f"Bridges {SCRIPT} {IMAGE}",
            ),
        )
        self.assertEqual(response.status_code, 303)
        vacancy = self.last_vacancy()
        self.assertEqual(vacancy.skills, f"AutoCAD {SCRIPT}")
        self.assertNotIn("<script", vacancy.description)
        self.assertNotIn("<img", vacancy.description)
        page = self.url_open(f"/my/vacancies/{vacancy.id}").text
        self.assert_inert(page)
        self.assertIn(f"AutoCAD {SCRIPT}", html.fromstring(page).text_content())

    def test_markup_in_a_message_is_shown_as_text(self):
        response = self.post(
            f"/my/vacancies/candidates/{self.proposal.id}/interested",
            {"message": f"Monday? {SCRIPT}{IMAGE}"},
        )
        self.assertEqual(response.status_code, 303)
        page = self.url_open(f"/my/vacancies/candidates/{self.proposal.id}").text
        self.assert_inert(page)
        self.assertIn(f"Monday? {SCRIPT}", html.fromstring(page).text_content())
        message = self.proposal.message_ids.filtered(lambda m: "Monday?" in m.body)
        self.assertIn("Monday?", message.body)
        self.assert_inert(message.body)

    def test_control_characters_are_dropped(self):
        response = self.post(
            "/my/vacancies/new",
            self.vacancy_form(name="Site\x00 engineer", location="Kortrijk\x1b"),
        )
        self.assertEqual(response.status_code, 303)
        vacancy = self.last_vacancy()
        self.assertEqual(
            (vacancy.name, vacancy.location), ("Site engineer", "Kortrijk")
        )

    def test_evaluation_text_too_long_names_the_field(self):
        learning = self.env["level2work.workplace.learning"].create(
            {
                "pathway_id": self.proposal.sudo().pathway_id.id,
                "employer_id": self.employer.id,
                "instrument": "ibo",
                "date_start": fields.Date.today() - timedelta(days=10),
                "date_end": fields.Date.today() + timedelta(days=30),
                "state": "running",
            }
        )
        response = self.post(
            f"/my/vacancies/learners/{learning.id}/evaluation",
            {
                "kind": "midway",
                "rating_goals": "3",
                "rating_skills": "3",
                "rating_dutch": "3",
                "rating_attitude": "3",
                "strengths": "x" * 3001,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Strengths: at most 3000 characters", response.text)
        self.assertFalse(learning.evaluation_ids)

    def test_no_upload_or_message_through_the_chatter_routes(self):
        """The employer answers through the portal's own forms; Odoo's
        chatter routes take no file and no message from them on a
        proposal."""
        Attachment = self.env["ir.attachment"]
        before = Attachment.search_count([])
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "thread_id": str(self.proposal.id),
                    "thread_model": self.proposal._name,
                },
                files={"ufile": ("cv.exe", b"MZ" + b"\0" * 2048)},
            )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Attachment.search_count([]), before)
        messages = len(self.proposal.message_ids)
        with mute_logger("odoo.http"):
            try:
                self.make_jsonrpc_request(
                    "/mail/message/post",
                    {
                        "thread_model": self.proposal._name,
                        "thread_id": self.proposal.id,
                        "post_data": {"body": "Call me", "message_type": "comment"},
                    },
                )
            except JsonRpcException as error:
                self.assertIn("NotFound", str(error))
        self.assertEqual(len(self.proposal.message_ids), messages)
