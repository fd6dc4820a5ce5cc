from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.level2work_pathway.models.related_action import related_action

# A language the mentee speaks at this level or better (or as mother tongue)
# is one a mentorship can be held in.
USABLE_LANGUAGE_LEVEL = "B1"
# Most mentees a mentor can guide at the same time.
MAX_CAPACITY = 10


class Level2workMentor(models.Model):
    """An entrepreneur or manager who guides a highly skilled newcomer for
    three months and opens their professional network to them."""

    _name = "level2work.mentor"
    _description = "Mentor"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "level2work.partner.owner.mixin",
    ]
    _order = "name, id"
    # Written onto the mentor's own contact by the partner owner mixin, which
    # puts it under a company only while it has no login (see there).
    _partner_fields = {
        "name": "name",
        "email": "email",
        "phone": "phone",
        "function": "function",
        "company_partner_id": "parent_id",
        "image_1920": "image_1920",
    }

    def _default_lab_id(self):
        return self.env.user.level2work_lab_ids[:1]

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    name = fields.Char(
        related="partner_id.name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    function = fields.Char(
        related="partner_id.function", readonly=False, string="Job position"
    )
    company_partner_id = fields.Many2one(
        related="partner_id.parent_id",
        readonly=False,
        string="Company",
        domain=[("is_company", "=", True)],
    )
    image_1920 = fields.Image(related="partner_id.image_1920", readonly=False)
    avatar_128 = fields.Image(related="partner_id.avatar_128")
    user_id = fields.Many2one(
        "res.users",
        string="Portal user",
        compute="_compute_user_id",
        store=True,
        help="The mentor's login to the mentor portal, where they see their "
        "mentorships and log contact moments and introductions.",
    )
    lab_id = fields.Many2one(
        "level2work.lab",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_lab_id(),
    )
    province = fields.Selection(related="lab_id.province", store=True)
    occupation_ids = fields.Many2many(
        "level2work.occupation",
        "level2work_mentor_occupation_rel",
        "mentor_id",
        "occupation_id",
        string="Sectors and occupations",
        help="The occupations (ISCO-08 groups) the mentor knows from the inside "
        "and in which their network can open doors.",
    )
    language_ids = fields.Many2many(
        "level2work.language",
        "level2work_mentor_language_rel",
        "mentor_id",
        "language_id",
        string="Languages spoken",
    )
    capacity = fields.Integer(
        default=1,
        required=True,
        tracking=True,
        help="How many newcomers the mentor guides at the same time. 0: takes "
        "no new mentee for now.",
    )
    date_preparation = fields.Date(
        string="Mentor preparation on",
        tracking=True,
        help="The day the mentor followed the mentor preparation, a training on "
        "diversity at work.",
    )
    is_prepared = fields.Boolean(
        compute="_compute_is_prepared",
        help="The mentor followed the mentor preparation.",
    )
    mentorship_ids = fields.One2many("level2work.mentorship", "mentor_id")
    mentorship_count = fields.Integer(compute="_compute_mentorship_counts")
    active_mentorship_count = fields.Integer(
        string="Active mentees", compute="_compute_mentorship_counts"
    )
    free_capacity = fields.Integer(
        string="Free places",
        compute="_compute_mentorship_counts",
        search="_search_free_capacity",
    )
    capacity_used = fields.Float(
        compute="_compute_mentorship_counts",
        help="Share of the capacity taken by active mentorships, in percent.",
    )
    note = fields.Html(string="Notes")
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("partner_unique", "UNIQUE(partner_id)", "This contact is already a mentor."),
        ("capacity_positive", "CHECK(capacity >= 0)", "A capacity cannot be negative."),
    ]

    @api.constrains("capacity")
    def _check_capacity(self):
        for mentor in self:
            if not 0 <= mentor.capacity <= MAX_CAPACITY:
                raise ValidationError(
                    self.env._(
                        "%(mentor)s can guide from 0 to %(max)s mentees at the same "
                        "time, not %(capacity)s.",
                        mentor=mentor.name,
                        max=MAX_CAPACITY,
                        capacity=mentor.capacity,
                    )
                )

    @api.depends("partner_id.user_ids")
    def _compute_user_id(self):
        for mentor in self:
            mentor.user_id = mentor.partner_id.user_ids[:1]

    @api.depends("date_preparation")
    def _compute_is_prepared(self):
        today = fields.Date.context_today(self)
        for mentor in self:
            mentor.is_prepared = bool(
                mentor.date_preparation and mentor.date_preparation <= today
            )

    def _get_active_counts(self):
        """``{mentor id: active mentorships}``, counted over every lab: a
        mentor's capacity does not depend on who looks at it."""
        groups = (
            self.env["level2work.mentorship"]
            .sudo()
            ._read_group(
                [("mentor_id", "in", self.ids), ("state", "=", "active")],
                ["mentor_id"],
                ["__count"],
            )
        )
        return {mentor.id: count for mentor, count in groups}

    @api.depends("capacity", "mentorship_ids.state")
    def _compute_mentorship_counts(self):
        active_counts = self._get_active_counts()
        all_counts = dict(
            self.env["level2work.mentorship"]
            .sudo()
            ._read_group(
                [("mentor_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["mentor_id"],
                ["__count"],
            )
        )
        for mentor in self:
            active = active_counts.get(mentor.id, 0)
            mentor.active_mentorship_count = active
            mentor.mentorship_count = all_counts.get(mentor, 0)
            mentor.free_capacity = max(mentor.capacity - active, 0)
            mentor.capacity_used = (
                100.0 * active / mentor.capacity if mentor.capacity else 100.0
            )

    def _search_free_capacity(self, operator, value):
        if operator not in ("=", "!=", ">", ">=", "<", "<=") or not isinstance(
            value, int
        ):
            raise UserError(self.env._("Unsupported search on free places."))
        mentors = self.with_context(active_test=False).search_fetch([], ["capacity"])
        counts = mentors._get_active_counts()
        compare = {
            "=": lambda free: free == value,
            "!=": lambda free: free != value,
            ">": lambda free: free > value,
            ">=": lambda free: free >= value,
            "<": lambda free: free < value,
            "<=": lambda free: free <= value,
        }[operator]
        return [
            (
                "id",
                "in",
                [
                    mentor.id
                    for mentor in mentors
                    if compare(max(mentor.capacity - counts.get(mentor.id, 0), 0))
                ],
            )
        ]

    def action_open_mentorships(self):
        return related_action(
            self, "level2work_mentoring.mentorship_action", "mentor_id"
        )

    def action_grant_portal_access(self):
        """Open Odoo's portal access wizard for the mentor's contact: it makes
        the portal user and sends the invitation."""
        self.ensure_one()
        wizard = self.env["portal.wizard"].create(
            {"partner_ids": [fields.Command.link(self.partner_id.id)]}
        )
        return wizard._action_open_modal()

    # ------------------------------------------------------------------
    # Matching: mentors ranked for a pathway
    # ------------------------------------------------------------------

    @api.model
    def _get_match_criteria(self):
        """The criteria of the ranking, as ``[(method name, points)]`` in the
        order their reasons are shown. Each method, called on one mentor as
        ``method(pathway, points)``, returns ``(score, reason)``: a score from
        0 to ``points`` and a sentence that explains it. Override to add, drop
        or weigh criteria."""
        return [
            ("_match_occupation", 40),
            ("_match_region", 20),
            ("_match_language", 20),
            ("_match_preparation", 10),
            ("_match_capacity", 10),
        ]

    @api.model
    def _get_match_candidates(self, pathway):
        """The mentors to rank for ``pathway``: active ones that are not
        already proposed to, or mentoring, this pathway."""
        taken = (
            self.env["level2work.mentorship"]
            .sudo()
            .search(
                [
                    ("pathway_id", "=", pathway.id),
                    ("state", "in", ("proposed", "active")),
                ]
            )
            .mentor_id
        )
        return self.search([("id", "not in", taken.ids)])

    def _match_pathway(self, pathway):
        """Rank these mentors for ``pathway``, best first; mentors without a
        free place come last whatever their score. Returns a list of dicts:
        ``mentor``, ``score``, ``max_score``, ``is_full`` and ``reasons``, a
        list of ``(score, points, sentence)`` per criterion."""
        criteria = self._get_match_criteria()
        max_score = sum(points for _method, points in criteria)
        ranking = []
        for mentor in self:
            reasons = []
            for method, points in criteria:
                score, sentence = getattr(mentor, method)(pathway, points)
                reasons.append((score, points, sentence))
            ranking.append(
                {
                    "mentor": mentor,
                    "score": sum(score for score, _points, _sentence in reasons),
                    "max_score": max_score,
                    "is_full": mentor.free_capacity <= 0,
                    "reasons": reasons,
                }
            )
        ranking.sort(key=lambda r: (r["is_full"], -r["score"], r["mentor"].name or ""))
        return ranking

    @api.model
    def _format_match_reasons(self, reasons):
        """The reasons of one mentor as an HTML list: met, partly met, not met."""
        items = []
        for score, points, sentence in reasons:
            if score >= points:
                icon = Markup(
                    '<i class="fa fa-check text-success me-1" title="%s"></i>'
                )
                title = self.env._("Met")
            elif score > 0:
                icon = Markup(
                    '<i class="fa fa-adjust text-warning me-1" title="%s"></i>'
                )
                title = self.env._("Partly met")
            else:
                icon = Markup('<i class="fa fa-times text-danger me-1" title="%s"></i>')
                title = self.env._("Not met")
            items.append(Markup("<li>%s%s</li>") % (icon % title, sentence))
        return Markup(
            '<ul class="list-unstyled mb-0 text-wrap">%s</ul>'
        ) % Markup().join(items)

    def _match_occupation(self, pathway, points):
        """Full points when a sector of the mentor contains, or lies within,
        a target occupation of the pathway (the aspirations of the newcomer
        when no target is chosen yet); half when they share the ISCO major
        group only."""
        self.ensure_one()
        targets = pathway.target_occupation_ids
        if not targets:
            targets = pathway.newcomer_id.aspiration_ids
        if not targets:
            return 0, self.env._("The pathway has no target occupation yet.")
        if not self.occupation_ids:
            return 0, self.env._(
                "The mentor's sectors and occupations are not recorded."
            )

        def related(mine, target):
            return mine.parent_path.startswith(target.parent_path) or (
                target.parent_path.startswith(mine.parent_path)
            )

        def major(occupation):
            return occupation.parent_path.split("/")[0]

        close = self.occupation_ids.filtered(
            lambda o: any(related(o, t) for t in targets)
        )
        if close:
            return points, self.env._(
                "Works in %(occupations)s, the field the mentee aims for.",
                occupations=", ".join(close.mapped("name")),
            )
        target_majors = {major(t) for t in targets}
        near = self.occupation_ids.filtered(lambda o: major(o) in target_majors)
        if near:
            return points // 2, self.env._(
                "Works in %(occupations)s, close to the target %(targets)s.",
                occupations=", ".join(near.mapped("name")),
                targets=", ".join(targets.mapped("name")),
            )
        return 0, self.env._(
            "Works in %(occupations)s, far from the target %(targets)s.",
            occupations=", ".join(self.occupation_ids.mapped("name")),
            targets=", ".join(targets.mapped("name")),
        )

    def _match_region(self, pathway, points):
        """Full points in the same lab, most of them in the same province."""
        self.ensure_one()
        provinces = dict(self._fields["province"]._description_selection(self.env))
        if self.lab_id == pathway.lab_id:
            return points, self.env._("Same lab: %(lab)s.", lab=self.lab_id.name)
        if self.lab_id.province == pathway.lab_id.province:
            return points * 3 // 4, self.env._(
                "Same province: %(province)s.", province=provinces.get(self.province)
            )
        return 0, self.env._(
            "Works in another province: %(province)s.",
            province=provinces.get(self.province),
        )

    def _match_language(self, pathway, points):
        """Full points for a language both speak, the mentee at B1 or better
        or as mother tongue; half when they share one at a lower level only."""
        self.ensure_one()
        shared = pathway.newcomer_id.language_skill_ids.filtered(
            lambda s: s.language_id in self.language_ids
        )
        usable = shared.filtered(
            lambda s: s.is_native or s.level >= USABLE_LANGUAGE_LEVEL
        )

        def describe(skills):
            return ", ".join(
                self.env._("%(language)s (mother tongue)", language=s.language_id.name)
                if s.is_native
                else self.env._(
                    "%(language)s (%(level)s)",
                    language=s.language_id.name,
                    level=s.level,
                )
                for s in skills
            )

        if usable:
            return points, self.env._(
                "Shared language: %(languages)s.", languages=describe(usable)
            )
        if shared:
            return points // 2, self.env._(
                "Shared language at a basic level only: %(languages)s.",
                languages=describe(shared),
            )
        return 0, self.env._("No shared language.")

    def _match_preparation(self, pathway, points):
        """Full points when the mentor followed the mentor preparation."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.date_preparation and self.date_preparation <= today:
            return points, self.env._(
                "Followed the mentor preparation on %(date)s.",
                date=format_date(self.env, self.date_preparation),
            )
        if self.date_preparation:
            return 0, self.env._(
                "Mentor preparation planned on %(date)s.",
                date=format_date(self.env, self.date_preparation),
            )
        return 0, self.env._("Has not followed the mentor preparation yet.")

    def _match_capacity(self, pathway, points):
        """Full points with a free place; a full mentor ranks last."""
        self.ensure_one()
        if not self.capacity:
            return 0, self.env._("Full: takes no new mentee for now.")
        if self.free_capacity <= 0:
            return 0, self.env._(
                "Full: %(active)s of %(capacity)s mentees active.",
                active=self.active_mentorship_count,
                capacity=self.capacity,
            )
        return points, self.env._(
            "%(free)s of %(capacity)s places free.",
            free=self.free_capacity,
            capacity=self.capacity,
        )
