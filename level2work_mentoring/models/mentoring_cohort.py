from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.level2work_pathway.models.related_action import related_action

# Most pairs of a mentor and a newcomer one cohort is planned for.
MAX_PAIRS = 200


class Level2workMentoringCohort(models.Model):
    """One run of the mentoring programme in a province: about thirty pairs
    of a mentor and a newcomer who start together and follow the same group
    sessions."""

    _name = "level2work.mentoring.cohort"
    _description = "Mentoring cohort"
    _inherit = ["mail.thread", "level2work.partner.link.mixin"]
    _order = "date_start desc, id desc"

    def _default_lab_id(self):
        return self.env.user.level2work_lab_ids[:1]

    name = fields.Char(required=True, tracking=True)
    lab_id = fields.Many2one(
        "level2work.lab",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_lab_id(),
    )
    province = fields.Selection(related="lab_id.province", store=True)
    organiser_id = fields.Many2one(
        "res.partner",
        string="Organised by",
        domain=[("is_company", "=", True)],
        help="The partner organisation that runs the cohort, e.g. the chamber of "
        "commerce of the province.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Coordinator",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    planned_pair_count = fields.Integer(
        string="Planned pairs",
        default=30,
        help="How many pairs of a mentor and a newcomer the cohort is made for.",
    )
    description = fields.Html()
    session_ids = fields.One2many("level2work.session", "cohort_id")
    mentorship_ids = fields.One2many("level2work.mentorship", "cohort_id")
    pair_count = fields.Integer(
        string="Pairs",
        compute="_compute_mentorship_stats",
        help="Mentorships of the cohort that were not cancelled.",
    )
    active_count = fields.Integer(string="Running", compute="_compute_mentorship_stats")
    completed_count = fields.Integer(
        string="Completed", compute="_compute_mentorship_stats"
    )
    outcome_job_count = fields.Integer(
        string="Jobs", compute="_compute_mentorship_stats"
    )
    outcome_internship_count = fields.Integer(
        string="Internships", compute="_compute_mentorship_stats"
    )
    outcome_none_count = fields.Integer(
        string="Without job or internship", compute="_compute_mentorship_stats"
    )
    moment_count = fields.Integer(
        string="Contact moments", compute="_compute_mentorship_stats"
    )
    introduction_count = fields.Integer(
        string="Introductions", compute="_compute_mentorship_stats"
    )
    session_count = fields.Integer(string="Sessions", compute="_compute_session_stats")
    attendance_rate = fields.Float(
        string="Attendance",
        compute="_compute_session_stats",
        help="Share of the people expected at the cohort's past sessions who "
        "attended, in percent.",
    )
    is_running = fields.Boolean(compute="_compute_is_running")
    color = fields.Integer()
    active = fields.Boolean(default=True)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for cohort in self:
            if cohort.date_end < cohort.date_start:
                raise ValidationError(
                    self.env._(
                        "The cohort %(name)s cannot end before it starts.",
                        name=cohort.name,
                    )
                )
        self.session_ids._check_within_cohort()

    @api.constrains("planned_pair_count")
    def _check_planned_pair_count(self):
        for cohort in self:
            if not 1 <= cohort.planned_pair_count <= MAX_PAIRS:
                raise ValidationError(
                    self.env._(
                        "The cohort %(name)s is planned for 1 to %(max)s pairs, "
                        "not %(count)s.",
                        name=cohort.name,
                        max=MAX_PAIRS,
                        count=cohort.planned_pair_count,
                    )
                )

    def _compute_mentorship_stats(self):
        # Totals of the whole cohort, the same for everyone who reads it:
        # counted as superuser, they show numbers only, never whom they count.
        by_state = {}
        for cohort, state, outcome, count in (
            self.env["level2work.mentorship"]
            .sudo()
            ._read_group(
                [("cohort_id", "in", self.ids)],
                ["cohort_id", "state", "outcome"],
                ["__count"],
            )
        ):
            by_state[cohort.id, state, outcome] = count
        moments = dict(
            self.env["level2work.mentorship.moment"]
            .sudo()
            ._read_group(
                [("cohort_id", "in", self.ids)],
                ["cohort_id"],
                ["__count"],
            )
        )
        introductions = dict(
            self.env["level2work.network.introduction"]
            .sudo()
            ._read_group(
                [("cohort_id", "in", self.ids)],
                ["cohort_id"],
                ["__count"],
            )
        )

        def count(cohort, state=None, outcome=None):
            return sum(
                number
                for (cohort_id, key_state, key_outcome), number in by_state.items()
                if cohort_id == cohort.id
                and (state is None or key_state == state)
                and (outcome is None or key_outcome == outcome)
            )

        for cohort in self:
            cohort.pair_count = count(cohort) - count(cohort, "cancelled")
            cohort.active_count = count(cohort, "active")
            cohort.completed_count = count(cohort, "completed")
            cohort.outcome_job_count = count(cohort, "completed", "job")
            cohort.outcome_internship_count = count(cohort, "completed", "internship")
            cohort.outcome_none_count = count(cohort, "completed", "none")
            cohort.moment_count = moments.get(cohort, 0)
            cohort.introduction_count = introductions.get(cohort, 0)

    def _compute_session_stats(self):
        # Totals, counted as superuser like the mentorship figures.
        sessions = dict(
            self.env["level2work.session"]
            .sudo()
            ._read_group([("cohort_id", "in", self.ids)], ["cohort_id"], ["__count"])
        )
        attendance = {}
        for cohort, state, count in (
            self.env["level2work.session.attendance"]
            .sudo()
            ._read_group(
                [("cohort_id", "in", self.ids), ("state", "!=", "registered")],
                ["cohort_id", "state"],
                ["__count"],
            )
        ):
            attendance.setdefault(cohort.id, {})[state] = count
        for cohort in self:
            cohort.session_count = sessions.get(cohort, 0)
            states = attendance.get(cohort.id, {})
            taken = sum(states.values())
            cohort.attendance_rate = (
                100.0 * states.get("attended", 0) / taken if taken else 0.0
            )

    def _compute_is_running(self):
        today = fields.Date.context_today(self)
        for cohort in self:
            cohort.is_running = cohort.date_start <= today <= cohort.date_end

    @api.model
    def _get_current_for_lab(self, lab):
        """The cohort a new mentorship of ``lab`` joins: the running one, or
        else the next to start; of the lab itself, or else of its province
        (one cohort serves a province)."""
        today = fields.Date.context_today(self)

        def first(where):
            return self.search(
                [where, ("date_end", ">=", today)], order="date_start", limit=1
            )

        return (
            first(("lab_id", "=", lab.id))
            or (lab.province and first(("lab_id.province", "=", lab.province)))
            or self.browse()
        )

    def action_open_mentorships(self):
        return related_action(
            self, "level2work_mentoring.mentorship_action", "cohort_id"
        )

    def action_open_sessions(self):
        return related_action(self, "level2work_mentoring.session_action", "cohort_id")

    def action_open_moments(self):
        return related_action(
            self, "level2work_mentoring.mentorship_moment_action", "cohort_id"
        )

    def action_open_introductions(self):
        return related_action(
            self, "level2work_mentoring.network_introduction_action", "cohort_id"
        )
