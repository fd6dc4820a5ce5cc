"""Every portal route of the three addons, tried by whoever should not pass.

``ROUTES`` lists each route of the addons' controllers (a guard compares it
with Odoo's routing map, so that a new route must be added here) with its
owner in the test world, another user of the same kind, the ids it takes
and, for a POST, valid input and what in the database it would change.

Each route is called:

- by its owner: the page (200) or the redirection after a POST (303), so
  that what the others get is not just a broken route;
- by another user of the same kind, with the owner's ids: 404, as every
  controller documents ("as if it did not exist"), nothing of the owner in
  the answer, nothing changed;
- by staff of another lab (an internal user): 404 likewise (the list pages
  that are not someone's answer with nothing of the owner);
- anonymously: a redirection to the login page, nothing changed;
- for a POST, by the owner without CSRF token: refused (400), nothing
  changed.

No model of the addons gives access by token (``portal.mixin``); a guard
fails when one does, so that tampered tokens get tested then.
"""

from datetime import timedelta
from typing import NamedTuple

from odoo import fields, http
from odoo.tests import HttpCase
from odoo.tools import mute_logger

from .security_fixtures import (
    N_EMAIL,
    N_NAME,
    N_SURNAME,
    PDF,
    SecurityWorld,
    login_of,
    password_of,
)

ADDONS = ("level2work_pathway", "level2work_mentoring", "level2work_employer")

# What would tell another user whose page they got.
NEWCOMER_MARKERS = (N_NAME, N_SURNAME, N_EMAIL)
EMPLOYER_MARKERS = (
    "SecM Structural engineer",
    "Eight years of bridge design.",
    "Precise.",
    N_SURNAME,
)
MENTOR_MARKERS = ("Els Vermeulen", "Design Office Kortrijk", N_SURNAME)


class Route(NamedTuple):
    """One route: ``ids`` maps the route's arguments to keys of the world
    (or plain values); ``post`` gives the owner's valid input of a POST (a
    function of the test returning ``(data, files)``), ``state`` what in the
    database a POST changes (a function of the test)."""

    owner: str
    other: str
    markers: tuple
    ids: dict
    post: object = None
    state: object = None
    shows: str | None = None


def _today(test):
    return fields.Date.to_string(fields.Date.context_today(test.env.user))


def _vacancy_form(test):
    deadline = fields.Date.today() + timedelta(days=30)
    return {
        "name": "SecM Bridge engineer",
        "occupation_id": str(test.world["occupation"].id),
        "kind": "job",
        "positions": "2",
        "required_isced_level": "6",
        "required_dutch_level": "B1",
        "field_of_study": "Civil engineering",
        "location": "Kortrijk",
        "province": "west_vlaanderen",
        "language_level": "B2",
        "deadline": fields.Date.to_string(deadline),
        "skills": "AutoCAD",
        "description": "Bridges.",
    }, None


def _state(key, *names):
    """The values of ``names`` on the world's record ``key``."""

    def state(test):
        test.env.invalidate_all()
        record = test.world[key].sudo()
        return tuple(
            record[name].ids if hasattr(record[name], "ids") else record[name]
            for name in names
        )

    return state


def _vacancy_count(test):
    test.env.invalidate_all()
    return test.env["level2work.vacancy"].sudo().search_count([])


# fmt: off
ROUTES = {
    # The newcomer portal
    "/my/pathway": Route("newcomer", "newcomer_other", NEWCOMER_MARKERS, {}),
    "/my/pathway/data": Route("newcomer", "newcomer_other", NEWCOMER_MARKERS, {}),
    "/my/pathway/data.json": Route("newcomer", "newcomer_other", NEWCOMER_MARKERS, {}),
    "/my/pathway/diploma/<int:diploma_id>/upload": Route(
        "newcomer", "newcomer_other", NEWCOMER_MARKERS, {"diploma_id": "diploma"},
        post=lambda t: ({}, {"document": ("diploma.pdf", PDF, "application/pdf")}),
        state=_state("diploma", "attachment_ids"),
    ),
    "/my/pathway/consent/<int:consent_id>/withdraw": Route(
        "newcomer", "newcomer_other", NEWCOMER_MARKERS, {"consent_id": "consent"},
        post=lambda t: ({}, None),
        state=_state("consent", "date_withdrawn"),
    ),
    # The mentor portal
    "/my/mentorships": Route("mentor", "mentor_other", MENTOR_MARKERS, {}),
    "/my/mentorships/page/<int:page>": Route(
        "mentor", "mentor_other", MENTOR_MARKERS, {"page": 1}
    ),
    "/my/mentorships/<int:mentorship_id>": Route(
        "mentor", "mentor_other", MENTOR_MARKERS, {"mentorship_id": "mentorship"},
        shows="Els Vermeulen",
    ),
    "/my/mentorships/<int:mentorship_id>/moments": Route(
        "mentor", "mentor_other", MENTOR_MARKERS, {"mentorship_id": "mentorship"},
        post=lambda t: (
            {"date": _today(t), "duration": "60", "kind": "one_to_one", "note": "Hi"},
            None,
        ),
        state=_state("mentorship", "moment_ids"),
    ),
    "/my/mentorships/<int:mentorship_id>/introductions": Route(
        "mentor", "mentor_other", MENTOR_MARKERS, {"mentorship_id": "mentorship"},
        post=lambda t: (
            {
                "date": _today(t),
                "contact_name": "SecM Person",
                "organisation": "SecM Company",
                "outcome": "pending",
            },
            None,
        ),
        state=_state("mentorship", "introduction_ids"),
    ),
    "/my/mentorships/<int:mentorship_id>/introductions/<int:introduction_id>": Route(
        "mentor", "mentor_other", MENTOR_MARKERS,
        {"mentorship_id": "mentorship", "introduction_id": "network_introduction"},
        post=lambda t: ({"outcome": "meeting"}, None),
        state=_state("network_introduction", "outcome"),
    ),
    # The employer portal
    "/my/vacancies": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {},
        shows="SecM Structural engineer",
    ),
    "/my/vacancies/page/<int:page>": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {"page": 1}
    ),
    "/my/vacancies/new": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {},
        post=_vacancy_form, state=_vacancy_count,
    ),
    "/my/vacancies/<int:vacancy_id>": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {"vacancy_id": "vacancy"},
        shows="SecM Structural engineer",
    ),
    "/my/vacancies/<int:vacancy_id>/edit": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {"vacancy_id": "vacancy"},
        post=_vacancy_form, state=_state("vacancy", "name", "positions"),
        shows="SecM Structural engineer",
    ),
    "/my/vacancies/<int:vacancy_id>/close": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {"vacancy_id": "vacancy"},
        post=lambda t: ({}, None), state=_state("vacancy", "state"),
    ),
    "/my/vacancies/candidates/<int:proposal_id>": Route(
        "employer", "employer_other", EMPLOYER_MARKERS,
        {"proposal_id": "candidate_proposal"},
        shows="Eight years of bridge design.",
    ),
    "/my/vacancies/candidates/<int:proposal_id>/interested": Route(
        "employer", "employer_other", EMPLOYER_MARKERS,
        {"proposal_id": "candidate_proposal"},
        post=lambda t: ({"message": "We would like to meet."}, None),
        state=_state("candidate_proposal", "state", "interest_message"),
    ),
    "/my/vacancies/candidates/<int:proposal_id>/decline": Route(
        "employer", "employer_other", EMPLOYER_MARKERS,
        {"proposal_id": "candidate_proposal"},
        post=lambda t: ({"message": "Not now."}, None),
        state=_state("candidate_proposal", "state", "decline_reason"),
    ),
    "/my/vacancies/learners": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {}
    ),
    "/my/vacancies/learners/page/<int:page>": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {"page": 1}
    ),
    "/my/vacancies/learners/<int:learning_id>": Route(
        "employer", "employer_other", EMPLOYER_MARKERS,
        {"learning_id": "workplace_learning"}, shows="Precise.",
    ),
    "/my/vacancies/learners/<int:learning_id>/evaluation": Route(
        "employer", "employer_other", EMPLOYER_MARKERS,
        {"learning_id": "workplace_learning"},
        post=lambda t: (
            {
                "kind": "midway",
                "rating_goals": "4",
                "rating_skills": "4",
                "rating_dutch": "3",
                "rating_attitude": "4",
                "strengths": "SecM strengths",
            },
            None,
        ),
        state=_state("workplace_learning_evaluation", "strengths", "rating_goals"),
    ),
    "/my/vacancies/placements": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {}
    ),
    "/my/vacancies/placements/page/<int:page>": Route(
        "employer", "employer_other", EMPLOYER_MARKERS, {"page": 1}
    ),
    "/my/vacancies/placements/<int:placement_id>": Route(
        "employer", "employer_other", EMPLOYER_MARKERS,
        {"placement_id": "placement"}, shows="Junior engineer",
    ),
}
# fmt: on


def _is_form(path):
    """Routes that answer GET and POST (a form and its submission)."""
    return path in ("/my/vacancies/new", "/my/vacancies/<int:vacancy_id>/edit")


class TestPortalRoutes(SecurityWorld, HttpCase):
    """Each portal route of the addons, by its owner and by everybody else."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def log_in(self, role):
        if role == "anonymous":
            self.authenticate(None, None)
        else:
            login = login_of(role)
            self.authenticate(login, password_of(login))

    def url(self, path, route):
        url = path
        for name, value in route.ids.items():
            if isinstance(value, str):
                value = self.world[value].id
            url = url.replace(f"<int:{name}>", str(value))
        return url

    def call(self, path, route, post=False, csrf=True):
        """The response to the route, as a GET, or as a POST of the owner's
        valid input (with the CSRF token of the current session)."""
        url = self.url(path, route)
        if not post:
            return self.url_open(url, allow_redirects=False)
        data, files = route.post(self)
        data = dict(data)
        if csrf:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.opener.post(
            self.base_url() + url,
            data=data,
            files=files,
            timeout=12,
            allow_redirects=False,
        )

    def attempt(self, path, route, post=False, csrf=True):
        """``(response, state before, state after)``, all rolled back."""
        savepoint = self.cr.savepoint(flush=True)
        try:
            before = route.state(self) if post else None
            with mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http"):
                response = self.call(path, route, post=post, csrf=csrf)
            after = route.state(self) if post else None
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all(flush=False)
        return response, before, after

    def assert_refused(self, path, route, role, post, status=(404,)):
        response, before, after = self.attempt(path, route, post=post)
        what = f"{'POST' if post else 'GET'} {path} as {role}"
        self.assertIn(response.status_code, status, what)
        # The newcomer N reads their own name on every page (as the user).
        own = NEWCOMER_MARKERS if role == "newcomer" else ()
        leaked = [m for m in route.markers if m in response.text and m not in own]
        self.assertFalse(leaked, f"{what} shows {leaked}")
        if post:
            self.assertEqual(after, before, f"{what} changed the database")

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _addon_routes(self):
        """``{url rule: endpoint function}`` of the routes whose endpoint is
        defined in one of the addons, as Odoo's routing map binds them."""
        modules = sorted(self.env.registry._init_modules)
        routes = {}
        for url, endpoint in http._generate_routing_rules(modules, nodb_only=False):
            function = getattr(endpoint, "original_endpoint", endpoint)
            module = getattr(function, "__module__", "") or ""
            if any(module.startswith(f"odoo.addons.{addon}.") for addon in ADDONS):
                routes[url] = function
        return routes

    def test_guard_every_route_is_listed(self):
        routes = set(self._addon_routes())
        self.assertGreater(len(routes), 20)
        self.assertEqual(
            routes - set(ROUTES), set(), "routes of the addons missing from ROUTES"
        )
        self.assertEqual(set(ROUTES) - routes, set(), "ROUTES that no longer exist")

    def test_guard_no_access_by_token(self):
        """No record of the addons is reachable by an access token; were one
        to be, its routes need tests with tampered and borrowed tokens."""
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.model"), ("module", "in", ADDONS)]
        )
        ours = set(self.env["ir.model"].browse(data.mapped("res_id")).mapped("model"))
        with_token = sorted(
            ours & set(self.env.registry.descendants(["portal.mixin"], "_inherit"))
        )
        self.assertEqual(with_token, [], "models of the addons with access tokens")
        for url, function in self._addon_routes().items():
            self.assertNotIn(
                "access_token",
                function.__code__.co_varnames,
                f"{url} takes an access token",
            )

    # ------------------------------------------------------------------
    # The routes
    # ------------------------------------------------------------------

    def _methods(self, path, route):
        if route.post is None:
            return (False,)
        return (False, True) if _is_form(path) else (True,)

    def test_owner_gets_the_page(self):
        for path, route in ROUTES.items():
            self.log_in(route.owner)
            for post in self._methods(path, route):
                with self.subTest(path=path, post=post):
                    response, before, after = self.attempt(path, route, post=post)
                    if post:
                        self.assertEqual(response.status_code, 303, response.text)
                        self.assertNotIn("/web/login", response.headers["Location"])
                        self.assertNotEqual(after, before, "the POST changed nothing")
                    else:
                        self.assertEqual(response.status_code, 200)
                        if route.shows:
                            self.assertIn(route.shows, response.text)

    def test_other_user_of_the_same_kind_gets_404(self):
        for path, route in ROUTES.items():
            self.log_in(route.other)
            # A page that is nobody's in particular shows the visitor's own
            # records (200); a form posted there makes their own record.
            own_page = not route.ids or "page" in route.ids
            for post in self._methods(path, route):
                if own_page and post:
                    continue
                with self.subTest(path=path, post=post):
                    status = (200,) if own_page else (404,)
                    self.assert_refused(path, route, route.other, post, status)

    def test_own_mentorship_with_another_introduction_gets_404(self):
        """The mentor's own mentorship in the URL does not open an
        introduction of someone else's mentorship."""
        path = "/my/mentorships/<int:mentorship_id>/introductions/<int:introduction_id>"
        route = ROUTES[path]._replace(
            ids={
                "mentorship_id": "mentorship",
                "introduction_id": "network_introduction_other",
            },
            markers=("Piet Other", "Other Office"),
            state=_state("network_introduction_other", "outcome"),
        )
        self.log_in("mentor")
        self.assert_refused(path, route, "mentor", post=True)

    def test_staff_of_another_lab_gets_404(self):
        self.log_in("staff_other")
        for path, route in ROUTES.items():
            for post in self._methods(path, route):
                with self.subTest(path=path, post=post):
                    status = (404,)
                    if path.startswith("/my/mentorships") and "mentorship_id" not in (
                        route.ids
                    ):
                        # The list of one's mentorships: empty for staff.
                        status = (200,)
                    self.assert_refused(path, route, "staff_other", post, status)

    def test_portal_user_of_another_kind_gets_404(self):
        """A newcomer on the employer's and mentor's pages, and so on."""
        kinds = {"newcomer": "employer", "employer": "mentor", "mentor": "newcomer"}
        for path, route in ROUTES.items():
            role = next(k for k, v in kinds.items() if v == route.owner)
            self.log_in(role)
            for post in self._methods(path, route):
                with self.subTest(path=path, post=post, role=role):
                    status = (404,)
                    if path.startswith("/my/mentorships") and "mentorship_id" not in (
                        route.ids
                    ):
                        status = (200,)
                    self.assert_refused(path, route, role, post, status)

    def test_anonymous_is_sent_to_login(self):
        self.log_in("anonymous")
        for path, route in ROUTES.items():
            for post in self._methods(path, route):
                with self.subTest(path=path, post=post):
                    response, before, after = self.attempt(path, route, post=post)
                    self.assertIn(response.status_code, (302, 303))
                    self.assertIn("/web/login", response.headers["Location"])
                    self.assertEqual(after, before)

    def test_post_without_csrf_token_is_refused(self):
        for path, route in ROUTES.items():
            if route.post is None:
                continue
            self.log_in(route.owner)
            with self.subTest(path=path):
                response, before, after = self.attempt(
                    path, route, post=True, csrf=False
                )
                self.assertEqual(response.status_code, 400)
                self.assertEqual(after, before, "changed without a CSRF token")
