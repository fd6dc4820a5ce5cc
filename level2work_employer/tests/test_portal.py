from datetime import timedelta

from lxml import html

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import EmployerCase


@tagged("post_install", "-at_install")
class TestEmployerPortal(HttpCase, EmployerCase):
    """The employer portal over real HTTP: what an employer's HR contact sees
    and may do, and what answers 404."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The pages in English, whatever the languages of the database.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.default"].set("res.partner", "lang", "en_US")
        (cls.employer_user | cls.other_employer_user).lang = "en_US"
        cls.amina = cls.create_candidate(
            "Amina Haddad",
            english="C1",
            aspirations=cls.isco_civil,
            phone="+32 470 11 22 33",
        )
        cls.proposal = cls.propose(
            cls.amina, experience_summary="Eight years of bridge design."
        )
        cls.other_vacancy = cls.create_vacancy(
            name="Clinical engineer", employer_id=cls.other_employer.id
        )
        cls.bilal = cls.create_candidate("Bilal Rahimi")
        cls.other_proposal = cls.propose(cls.bilal, vacancy=cls.other_vacancy)
        Learning = cls.env["level2work.workplace.learning"]
        cls.learning = Learning.create(
            {
                "pathway_id": cls.amina.pathway_ids.id,
                "employer_id": cls.employer.id,
                "instrument": "ibo",
                "date_start": fields.Date.today() - timedelta(days=30),
                "date_end": fields.Date.today() + timedelta(days=60),
                "learning_goals": "Belgian building codes.",
                "state": "running",
            }
        )
        cls.other_learning = Learning.create(
            {
                "pathway_id": cls.bilal.pathway_ids.id,
                "employer_id": cls.other_employer.id,
                "instrument": "internship",
                "date_start": fields.Date.today(),
                "date_end": fields.Date.today() + timedelta(days=60),
            }
        )
        Placement = cls.env["level2work.placement"]
        cls.placement = Placement.create(
            {
                "pathway_id": cls.amina.pathway_ids.id,
                "employer_id": cls.employer.id,
                "occupation_id": cls.isco_civil.id,
                "date_start": fields.Date.today(),
            }
        )
        cls.other_placement = Placement.create(
            {
                "pathway_id": cls.bilal.pathway_ids.id,
                "employer_id": cls.other_employer.id,
                "occupation_id": cls.isco_civil.id,
                "date_start": fields.Date.today(),
            }
        )

    def setUp(self):
        super().setUp()
        self.authenticate("l2w_employer", "l2w_employer")

    def get(self, url):
        return self.url_open(url, allow_redirects=False)

    def post(self, url, data=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)

    def page(self, url):
        response = self.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def vacancy_form(self, **values):
        data = {
            "name": "Site engineer",
            "occupation_id": str(self.isco_civil.id),
            "kind": "job",
            "positions": "2",
            "required_isced_level": "6",
            "required_dutch_level": "B1",
            "field_of_study": "Civil engineering",
            "location": "Kortrijk",
            "province": "west_vlaanderen",
            "language_level": "B2",
            "deadline": fields.Date.to_string(fields.Date.today() + timedelta(days=30)),
            "skills": "AutoCAD, site meetings",
            "description": "Building bridges in West Flanders.",
        }
        data.update(values)
        return data

    def field_errors(self, text):
        """The names of the form fields marked invalid on a page."""
        tree = html.fromstring(text)
        return {
            element.get("name")
            for element in tree.xpath("//*[contains(@class, 'is-invalid')]")
        }

    # Home and lists

    def test_home_links_to_vacancies(self):
        text = self.page("/my/home")
        self.assertIn('href="/my/vacancies"', text)
        self.authenticate("l2w_other_employer", "l2w_other_employer")
        self.assertIn('href="/my/vacancies"', self.page("/my/home"))

    def test_portal_user_who_is_no_employer_gets_404(self):
        new_test_user(self.env, "l2w_newcomer_portal", groups="base.group_portal")
        self.authenticate("l2w_newcomer_portal", "l2w_newcomer_portal")
        self.assertNotIn('href="/my/vacancies"', self.page("/my/home"))
        self.assertEqual(self.get("/my/vacancies").status_code, 404)
        self.assertEqual(self.get(f"/my/vacancies/{self.vacancy.id}").status_code, 404)

    def test_lists_show_only_own_records(self):
        text = self.page("/my/vacancies")
        self.assertIn("Structural engineer", text)
        self.assertNotIn("Clinical engineer", text)
        learners = self.page("/my/vacancies/learners")
        self.assertIn(f"/my/vacancies/learners/{self.learning.id}", learners)
        self.assertNotIn(f"/my/vacancies/learners/{self.other_learning.id}", learners)
        placements = self.page("/my/vacancies/placements")
        self.assertIn(f"/my/vacancies/placements/{self.placement.id}", placements)
        self.assertNotIn(
            f"/my/vacancies/placements/{self.other_placement.id}", placements
        )
        for text in (learners, placements):
            self.assertNotIn("Amina", text)
            self.assertIn(self.amina._get_candidate_reference(self.employer), text)

    # Someone else's id answers 404

    @mute_logger("odoo.http")
    def test_other_employers_records_answer_404(self):
        for url in (
            f"/my/vacancies/{self.other_vacancy.id}",
            f"/my/vacancies/{self.other_vacancy.id}/edit",
            f"/my/vacancies/candidates/{self.other_proposal.id}",
            f"/my/vacancies/learners/{self.other_learning.id}",
            f"/my/vacancies/placements/{self.other_placement.id}",
            "/my/vacancies/999999",
            "/my/vacancies/candidates/999999",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.get(url).status_code, 404)
        for url, data in (
            (f"/my/vacancies/{self.other_vacancy.id}/close", {}),
            (f"/my/vacancies/{self.other_vacancy.id}/edit", self.vacancy_form()),
            (f"/my/vacancies/candidates/{self.other_proposal.id}/interested", {}),
            (f"/my/vacancies/candidates/{self.other_proposal.id}/decline", {}),
            (
                f"/my/vacancies/learners/{self.other_learning.id}/evaluation",
                {"kind": "midway"},
            ),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.post(url, data).status_code, 404)
        self.assertEqual(self.other_vacancy.state, "published")
        self.assertEqual(self.other_vacancy.name, "Clinical engineer")
        self.assertEqual(self.other_proposal.state, "suggested")
        self.assertFalse(self.other_learning.evaluation_ids)

    # The blind profile in the portal HTML

    def test_blind_profile_before_consent(self):
        text = self.page(f"/my/vacancies/candidates/{self.proposal.id}")
        self.assertIn(self.amina._get_candidate_reference(self.employer), text)
        self.assertIn("Eight years of bridge design.", text)
        self.assertIn("Civil engineering", text)
        self.assertIn("o_level2work_blind", text)
        tree = html.fromstring(text)
        self.assertEqual(len(tree.xpath("//form//textarea[@name='message']")), 1)
        for secret in (
            "Amina",
            "Haddad",
            "amina.haddad@example.com",
            "470 11 22 33",
            "Syria",
        ):
            self.assertNotIn(secret, text)
        vacancy_page = self.page(f"/my/vacancies/{self.vacancy.id}")
        self.assertIn(self.amina._get_candidate_reference(self.employer), vacancy_page)
        self.assertNotIn("Amina", vacancy_page)

    def test_reasons_say_what_fits_and_what_the_coach_will_work_on(self):
        """The employer reads why a candidate is proposed as what fits and
        what the coach will work on: no crosses, no points per criterion."""
        chen = self.create_candidate(
            "Chen Wei",
            isced_level="6",
            field="Mechanical engineering",
            field_code="0715",
            dutch="A2",
        )
        text = self.page(f"/my/vacancies/candidates/{self.propose(chen).id}")
        self.assertIn("What fits:", text)
        self.assertIn("What the coach will work on with the candidate:", text)
        self.assertIn("- Dutch A2, vacancy asks B2: two levels short.", text)
        self.assertNotIn("✘", text)
        self.assertNotRegex(text, r"\(\d+/\d+\)")

    def test_full_profile_after_consent_and_blind_again_after_withdrawal(self):
        consent = self.give_disclosure_consent(self.amina)
        text = self.page(f"/my/vacancies/candidates/{self.proposal.id}")
        self.assertIn("Amina Haddad", text)
        self.assertIn("amina.haddad@example.com", text)
        self.assertIn("+32 470 11 22 33", text)
        self.assertIn("o_level2work_identity", text)
        self.assertIn(
            "Amina Haddad", self.page(f"/my/vacancies/learners/{self.learning.id}")
        )
        consent.action_withdraw()
        text = self.page(f"/my/vacancies/candidates/{self.proposal.id}")
        self.assertNotIn("Amina", text)
        self.assertNotIn("amina.haddad@example.com", text)

    def test_no_profile_once_the_candidate_withdraws_their_consent(self):
        self.amina.consent_ids.filtered(
            lambda c: c.purpose == "share_blind_profile"
        ).action_withdraw()
        text = self.page(f"/my/vacancies/candidates/{self.proposal.id}")
        self.assertIn("o_level2work_profile_withdrawn", text)
        self.assertIn("no longer agrees to share their profile", text)
        for shown in (
            "Eight years of bridge design.",
            "Civil engineering",
            "English (C1)",
            "Dutch B2",
        ):
            self.assertNotIn(shown, text)
        tree = html.fromstring(text)
        self.assertFalse(tree.xpath("//form//textarea[@name='message']"))
        vacancy_page = self.page(f"/my/vacancies/{self.vacancy.id}")
        self.assertIn(self.amina._get_candidate_reference(self.employer), vacancy_page)
        self.assertIn("Profile no longer shared", vacancy_page)
        records = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "level2work.candidate.proposal",
                "method": "search_read",
                "args": [[]],
                "kwargs": {},
            },
        )
        self.assertFalse(records[0]["has_blind_profile_consent"])
        profile = {
            name: value
            for name, value in records[0].items()
            if name.startswith("profile_")
        }
        self.assertEqual(len(profile), 7)
        self.assertFalse(any(profile.values()), profile)
        self.assertNotIn("bridge design", str(records))
        self.assertNotIn("Civil engineering", str(records))

    def test_rpc_refuses_the_newcomer(self):
        with self.assertRaises(JsonRpcException) as error, mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "level2work.candidate.proposal",
                    "method": "web_read",
                    "args": [[self.proposal.id]],
                    "kwargs": {
                        "specification": {
                            "newcomer_id": {"fields": {"display_name": {}}}
                        }
                    },
                },
            )
        self.assertIn("AccessError", str(error.exception))
        records = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "level2work.candidate.proposal",
                "method": "search_read",
                "args": [[]],
                "kwargs": {},
            },
        )
        self.assertEqual([record["id"] for record in records], [self.proposal.id])
        self.assertNotIn("newcomer_id", records[0])
        self.assertFalse(records[0]["candidate_name"])
        self.assertNotIn("Amina", str(records))
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "level2work.candidate.proposal",
                    "method": "read",
                    "args": [[self.other_proposal.id], ["score"]],
                    "kwargs": {},
                },
            )

    # Interest

    def test_interested_with_a_message(self):
        response = self.post(
            f"/my/vacancies/candidates/{self.proposal.id}/interested",
            {"message": "Could we meet her on Tuesday?"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.proposal.state, "employer_interested")
        self.assertEqual(
            self.proposal.interest_message, "Could we meet her on Tuesday?"
        )
        self.assertEqual(self.proposal.activity_ids.user_id, self.coach)
        self.assertEqual(self.proposal.message_ids[0].author_id, self.employer_hr)
        # A second click changes nothing and says why.
        response = self.post(f"/my/vacancies/candidates/{self.proposal.id}/interested")
        self.assertEqual(response.status_code, 200)
        self.assertIn("no longer a suggestion", response.text)
        self.assertEqual(len(self.proposal.activity_ids), 1)

    def test_interest_message_too_long_saves_nothing(self):
        response = self.post(
            f"/my/vacancies/candidates/{self.proposal.id}/interested",
            {"message": "x" * 2001},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.field_errors(response.text), {"message"})
        self.assertEqual(self.proposal.state, "suggested")

    def test_not_for_us(self):
        self.post(
            f"/my/vacancies/candidates/{self.proposal.id}/decline", {"message": "No."}
        )
        self.assertEqual(self.proposal.state, "declined")
        self.assertEqual(self.proposal.decline_reason, "employer")

    def test_closing_declines_the_candidates_and_refuses_answers(self):
        response = self.post(f"/my/vacancies/{self.vacancy.id}/close")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.vacancy.state, "closed")
        self.assertEqual(self.proposal.state, "declined")
        self.assertEqual(self.proposal.decline_reason, "vacancy_closed")
        tree = html.fromstring(
            self.page(f"/my/vacancies/candidates/{self.proposal.id}")
        )
        self.assertFalse(tree.xpath("//form//textarea[@name='message']"))
        # A page opened before the vacancy closed still posts: refused, said why.
        for answer in ("interested", "decline"):
            with self.subTest(answer=answer):
                response = self.post(
                    f"/my/vacancies/candidates/{self.proposal.id}/{answer}",
                    {"message": "We still want to meet her."},
                )
                self.assertEqual(response.status_code, 200)
                error = html.fromstring(response.text).xpath(
                    "//div[contains(@class, 'alert-danger')]"
                )
                self.assertIn(
                    "is no longer open (status: Closed)", error[0].text_content()
                )
        self.assertEqual(self.proposal.state, "declined")
        self.assertEqual(self.proposal.decline_reason, "vacancy_closed")
        self.assertFalse(self.proposal.interest_message)
        self.assertFalse(self.proposal.activity_ids, "the coach has nothing to do")

    def test_post_without_csrf_token_refused(self):
        with mute_logger("odoo.http"):
            response = self.post(
                f"/my/vacancies/candidates/{self.proposal.id}/interested",
                {"message": "Hello"},
                csrf=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.proposal.state, "suggested")

    # Vacancy create and edit

    def test_new_vacancy_form(self):
        tree = html.fromstring(self.page("/my/vacancies/new"))
        for name in ("name", "positions", "deadline", "field_of_study", "location"):
            self.assertEqual(len(tree.xpath(f"//input[@name='{name}']")), 1, name)
        for name in ("skills", "description"):
            self.assertEqual(len(tree.xpath(f"//textarea[@name='{name}']")), 1, name)
        occupations = tree.xpath("//select[@name='occupation_id']/option/@value")
        self.assertIn(str(self.isco_civil.id), occupations)
        self.assertTrue(tree.xpath("//form//input[@name='csrf_token']/@value")[0])

    def test_create_vacancy(self):
        Vacancy = self.env["level2work.vacancy"]
        before = Vacancy.search_count([])
        response = self.post(
            "/my/vacancies/new",
            self.vacancy_form(
                # Someone else's company cannot be slipped in.
                employer_id=str(self.other_employer.id),
                description="<script>alert('x')</script>We build bridges.",
                name="<b>Site</b> engineer",
            ),
        )
        self.assertEqual(response.status_code, 303)
        vacancy = Vacancy.search([], order="id desc", limit=1)
        self.assertEqual(Vacancy.search_count([]), before + 1)
        self.assertEqual(vacancy.employer_id, self.employer)
        self.assertEqual(vacancy.contact_id, self.employer_hr)
        self.assertEqual(vacancy.state, "draft")
        self.assertEqual(vacancy.positions, 2)
        self.assertEqual(vacancy.occupation_id, self.isco_civil)
        self.assertEqual(
            vacancy.user_id, self.staff, "the account manager follows it up"
        )
        self.assertEqual(vacancy.activity_ids.user_id, self.staff)
        text = self.page(f"/my/vacancies/{vacancy.id}")
        self.assertNotIn("<script>alert", text)
        self.assertIn("&lt;script&gt;alert", text)
        self.assertNotIn("<b>Site</b>", text)
        self.assertIn("&lt;b&gt;Site&lt;/b&gt; engineer", text)

    def test_create_and_publish(self):
        self.post(
            "/my/vacancies/new",
            self.vacancy_form(publish="1", language_ids=str(self.french.id)),
        )
        vacancy = self.env["level2work.vacancy"].search([], order="id desc", limit=1)
        self.assertEqual(vacancy.state, "published")
        self.assertEqual(vacancy.language_ids, self.french)

    def test_create_with_bad_input_saves_nothing(self):
        Vacancy = self.env["level2work.vacancy"]
        before = Vacancy.search_count([])
        yesterday = fields.Date.to_string(fields.Date.today() - timedelta(days=1))
        cases = {
            "name": {"name": "  "},
            "positions": {"positions": "0"},
            "positions²": {"positions": "²"},
            "occupation_id²": {"occupation_id": "²"},
            "deadline": {"deadline": yesterday},
            "required_dutch_level": {"required_dutch_level": "D9"},
            "required_isced_level": {"required_isced_level": "3"},
            "occupation_id": {"occupation_id": "999999"},
            "skills": {"skills": "x" * 3001},
            "instrument": {"kind": "workplace_learning", "instrument": ""},
            "kind": {"kind": "volunteering"},
            "language_ids": {"language_ids": "999999"},
        }
        for field_name, values in cases.items():
            with self.subTest(field=field_name):
                response = self.post("/my/vacancies/new", self.vacancy_form(**values))
                self.assertEqual(response.status_code, 200)
                self.assertIn(field_name.rstrip("²"), self.field_errors(response.text))
                self.assertIn("alert-danger", response.text)
                self.assertEqual(Vacancy.search_count([]), before, "nothing saved")
        # The values typed are kept.
        response = self.post("/my/vacancies/new", self.vacancy_form(positions="-3"))
        tree = html.fromstring(response.text)
        self.assertEqual(tree.xpath("//input[@name='name']/@value"), ["Site engineer"])
        self.assertEqual(tree.xpath("//input[@name='positions']/@value"), ["-3"])
        self.assertIn("The number of positions must be a whole number", response.text)
        # Several mistakes at once are all shown.
        response = self.post(
            "/my/vacancies/new",
            self.vacancy_form(name="", positions="abc", deadline="31/12"),
        )
        self.assertEqual(
            {"name", "positions", "deadline"}, self.field_errors(response.text)
        )

    def test_edit_vacancy(self):
        form = self.page(f"/my/vacancies/{self.vacancy.id}/edit")
        tree = html.fromstring(form)
        self.assertEqual(
            tree.xpath("//input[@name='name']/@value"), ["Structural engineer"]
        )
        response = self.post(
            f"/my/vacancies/{self.vacancy.id}/edit",
            self.vacancy_form(name="Senior structural engineer", positions="3"),
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.vacancy.name, "Senior structural engineer")
        self.assertEqual(self.vacancy.positions, 3)
        self.assertEqual(self.vacancy.state, "published")

    def test_edit_with_bad_input_changes_nothing(self):
        response = self.post(
            f"/my/vacancies/{self.vacancy.id}/edit",
            self.vacancy_form(name="Renamed", positions="0"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.field_errors(response.text), {"positions"})
        self.assertEqual(self.vacancy.name, "Structural engineer")
        self.assertEqual(self.vacancy.positions, 1)

    def test_close_vacancy(self):
        self.post(f"/my/vacancies/{self.vacancy.id}/close")
        self.assertEqual(self.vacancy.state, "closed")
        response = self.get(f"/my/vacancies/{self.vacancy.id}/edit")
        self.assertEqual(response.status_code, 303, "a closed vacancy is not edited")

    # Evaluations of workplace learners

    def evaluation_form(self, **values):
        data = {
            "kind": "midway",
            "rating_goals": "3",
            "rating_skills": "4",
            "rating_dutch": "2",
            "rating_attitude": "4",
            "strengths": "Precise calculations.",
            "improvements": "Speak up in site meetings.",
            "would_hire": "maybe",
        }
        data.update(values)
        return data

    def test_evaluation_form(self):
        url = f"/my/vacancies/learners/{self.learning.id}/evaluation"
        response = self.post(url, self.evaluation_form(rating_dutch="7", would_hire=""))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.field_errors(response.text), {"rating_dutch"})
        self.assertFalse(self.learning.evaluation_ids)
        response = self.post(url, self.evaluation_form(kind="final", would_hire=""))
        self.assertEqual(self.field_errors(response.text), {"would_hire"})
        self.assertFalse(self.learning.evaluation_ids)
        response = self.post(url, self.evaluation_form())
        self.assertEqual(response.status_code, 303)
        evaluation = self.learning.evaluation_ids
        self.assertEqual(evaluation.kind, "midway")
        self.assertEqual(evaluation.filled_by_id, self.employer_hr)
        self.assertEqual(evaluation.filled_by_role, "employer")
        self.assertEqual(evaluation.rating_dutch, "2")
        self.assertEqual(self.learning.activity_ids.user_id, self.coach)
        # Filling it in again corrects it.
        self.post(url, self.evaluation_form(rating_dutch="3"))
        self.assertEqual(self.learning.evaluation_ids.rating_dutch, "3")

    def test_evaluation_by_the_coach_is_not_overwritten(self):
        self.env["level2work.workplace.learning.evaluation"].create(
            {"learning_id": self.learning.id, "kind": "midway", "rating_dutch": "1"}
        )
        response = self.post(
            f"/my/vacancies/learners/{self.learning.id}/evaluation",
            self.evaluation_form(),
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.learning.evaluation_ids.rating_dutch, "1")
