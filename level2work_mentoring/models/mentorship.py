from collections import Counter
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.level2work_pathway.models.related_action import related_action

INTERNAL = "level2work_pathway.group_level2work_user"
MENTORSHIP_MONTHS = 3

MENTORSHIP_STATE_SELECTION = [
    ("proposed", "Proposed"),
    ("active", "Active"),
    ("completed", "Completed"),
    ("cancelled", "Cancelled"),
]
MENTORSHIP_OUTCOME_SELECTION = [
    ("job", "Job"),
    ("internship", "Internship"),
    ("none", "No job or internship"),
]


class Level2workMentorship(models.Model):
    """Three months in which a mentor guides one newcomer: one-to-one contact
    moments, introductions into the mentor's network, and the aim of an
    internship or a job by the end.

    What the mentor may know of the newcomer is given by
    :meth:`_get_mentee_summary`, and only while the newcomer consents to share
    their profile with that mentor. The fields that lead to the newcomer are
    for level2work staff only."""

    _name = "level2work.mentorship"
    _description = "Mentorship"
    _inherit = [
        "level2work.owned.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "level2work.reminder.mixin",
    ]
    _owner_fields = ("pathway_id",)
    _order = "date_start desc, id desc"

    mentor_id = fields.Many2one(
        "level2work.mentor",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    pathway_id = fields.Many2one(
        "level2work.pathway",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        groups=INTERNAL,
    )
    newcomer_id = fields.Many2one(
        related="pathway_id.newcomer_id", store=True, index=True, groups=INTERNAL
    )
    coach_id = fields.Many2one(
        related="pathway_id.coach_id", store=True, index=True, groups=INTERNAL
    )
    lab_id = fields.Many2one(
        related="pathway_id.lab_id", store=True, index=True, groups=INTERNAL
    )
    cohort_id = fields.Many2one(
        "level2work.mentoring.cohort", index=True, ondelete="restrict", tracking=True
    )
    state = fields.Selection(
        MENTORSHIP_STATE_SELECTION,
        required=True,
        default="proposed",
        tracking=True,
        copy=False,
        group_expand="_group_expand_states",
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(
        string="End",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="Three months after the start unless agreed otherwise.",
    )
    date_closed = fields.Date(
        string="Closed on", readonly=True, copy=False, groups=INTERNAL
    )
    goals = fields.Html(
        groups=INTERNAL,
        help="What the mentee wants to reach with the mentor's help, agreed at "
        "the start. The mentor sees them while the mentee consents to share "
        "their profile.",
    )
    outcome = fields.Selection(
        MENTORSHIP_OUTCOME_SELECTION,
        tracking=True,
        copy=False,
        help="Where the mentorship led by its end. Needed to complete it.",
        groups=INTERNAL,
    )
    outcome_note = fields.Text(string="About the outcome", groups=INTERNAL)
    cancel_reason = fields.Text(string="Reason of the cancellation", groups=INTERNAL)
    moment_ids = fields.One2many("level2work.mentorship.moment", "mentorship_id")
    introduction_ids = fields.One2many(
        "level2work.network.introduction", "mentorship_id"
    )
    moment_count = fields.Integer(compute="_compute_moment_stats")
    introduction_count = fields.Integer(compute="_compute_moment_stats")
    last_moment_date = fields.Date(
        string="Last contact moment",
        compute="_compute_last_moment_date",
        store=True,
        groups=INTERNAL,
    )
    days_since_moment = fields.Integer(
        string="Days without contact",
        compute="_compute_days_since_moment",
        groups=INTERNAL,
        help="Days since the last contact moment, or since the start when there "
        "was none.",
    )
    is_contact_overdue = fields.Boolean(
        compute="_compute_days_since_moment", groups=INTERNAL
    )
    mentee_consent_given = fields.Boolean(
        string="Profile shared with the mentor",
        compute="_compute_mentee_consent_given",
        groups=INTERNAL,
        help="The newcomer consents, today, to share their profile with this "
        "mentor. Without it the mentor sees nothing of the newcomer.",
    )
    color = fields.Integer(groups=INTERNAL)

    _sql_constraints = [
        # The database's guarantee; create() and write() refuse earlier with a
        # message that names the newcomer (see _check_active_slots).
        (
            "one_active_per_pathway",
            "EXCLUDE (pathway_id WITH =) WHERE (state = 'active')",
            "A pathway can have only one active mentorship.",
        ),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for mentorship in self:
            if mentorship.date_end < mentorship.date_start:
                raise ValidationError(
                    self.env._("A mentorship cannot end before it starts.")
                )
        # What was logged stays within the mentorship when its start moves.
        self.moment_ids._check_log()
        self.introduction_ids._check_log()

    @api.constrains("state", "outcome")
    def _check_outcome(self):
        for mentorship in self:
            if mentorship.state == "completed" and not mentorship.outcome:
                raise ValidationError(
                    self.env._(
                        "Record the outcome of the mentorship of %(newcomer)s (a "
                        "job, an internship or neither) before completing it.",
                        newcomer=mentorship.sudo().newcomer_id.name,
                    )
                )

    @api.model
    def _get_duration(self):
        """How long a mentorship runs by default."""
        return relativedelta(months=MENTORSHIP_MONTHS)

    @api.depends("date_start")
    def _compute_date_end(self):
        for mentorship in self:
            mentorship.date_end = mentorship.date_start and (
                mentorship.date_start + self._get_duration()
            )

    @api.depends_context("uid")
    @api.depends("mentor_id.name", "pathway_id.newcomer_id.name", "date_start")
    def _compute_display_name(self):
        # Staff see the newcomer's name; anyone else (a mentor on the portal)
        # a name that says nothing about the newcomer.
        internal = self.env.user.has_group(INTERNAL)
        for mentorship in self:
            if internal:
                mentorship.display_name = self.env._(
                    "%(newcomer)s with %(mentor)s",
                    newcomer=mentorship.sudo().newcomer_id.name,
                    mentor=mentorship.sudo().mentor_id.name,
                )
            else:
                mentorship.display_name = self.env._(
                    "Mentorship from %(date)s",
                    date=format_date(self.env, mentorship.date_start),
                )

    def _compute_moment_stats(self):
        moments = dict(
            self.env["level2work.mentorship.moment"]._read_group(
                [("mentorship_id", "in", self.ids)], ["mentorship_id"], ["__count"]
            )
        )
        introductions = dict(
            self.env["level2work.network.introduction"]._read_group(
                [("mentorship_id", "in", self.ids)], ["mentorship_id"], ["__count"]
            )
        )
        for mentorship in self:
            mentorship.moment_count = moments.get(mentorship, 0)
            mentorship.introduction_count = introductions.get(mentorship, 0)

    @api.depends("moment_ids.date")
    def _compute_last_moment_date(self):
        for mentorship in self:
            mentorship.last_moment_date = max(
                mentorship.moment_ids.mapped("date"), default=False
            )

    @api.depends("last_moment_date", "date_start", "state")
    def _compute_days_since_moment(self):
        today = fields.Date.context_today(self)
        limit = self._get_contact_limit()
        for mentorship in self:
            since = mentorship.last_moment_date or mentorship.date_start
            running = mentorship.state == "active" and since and since <= today
            mentorship.days_since_moment = (today - since).days if running else 0
            mentorship.is_contact_overdue = bool(
                running and limit and mentorship.days_since_moment > limit
            )

    def _get_contact_limit(self):
        """Days without a contact moment after which the coach is reminded."""
        rule = self.env.ref(
            "level2work_mentoring.reminder_rule_mentorship_no_contact",
            raise_if_not_found=False,
        )
        return rule.sudo().days if rule and rule.sudo().active else 0

    @api.depends("mentor_id.partner_id", "pathway_id.newcomer_id")
    def _compute_mentee_consent_given(self):
        for mentorship in self:
            mentorship.mentee_consent_given = bool(
                mentorship.id and mentorship._is_mentee_consent_given()
            )

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in MENTORSHIP_STATE_SELECTION]

    @api.model_create_multi
    def create(self, vals_list):
        # Rights first: the checks below name people.
        self.check_access("create")
        self._check_active_slots(
            [
                (vals.get("mentor_id"), vals.get("pathway_id"))
                for vals in vals_list
                if vals.get("state") == "active"
                and vals.get("mentor_id")
                and vals.get("pathway_id")
            ]
        )
        mentorships = super().create(vals_list)
        for mentorship in mentorships.filtered(lambda m: m.state != "cancelled"):
            mentorship.pathway_id._complete_plan_steps(
                "mentorship_proposed",
                self.env._(
                    "Done: a mentorship with %(mentor)s was proposed.",
                    mentor=mentorship.mentor_id.name,
                ),
            )
        return mentorships

    def write(self, vals):
        if {"state", "mentor_id", "pathway_id"} & vals.keys():
            self.check_access("write")
            becoming = self.filtered(lambda m: vals.get("state", m.state) == "active")
            self._check_active_slots(
                [
                    (
                        vals.get("mentor_id", m.mentor_id.id),
                        vals.get("pathway_id", m.sudo().pathway_id.id),
                    )
                    for m in becoming
                ],
                exclude=becoming,
            )
        return super().write(vals)

    @api.model
    def _check_active_slots(self, slots, exclude=None):
        """Refuse, with a message that names who is concerned, to make
        mentorships active for ``slots`` (``[(mentor id, pathway id)]``) when a
        pathway would get a second active mentorship, or a mentor more active
        mentees than their capacity. ``exclude``: the mentorships being
        changed, not counted as they are now. Counts cover every lab."""
        if not slots:
            return
        Mentorship = self.sudo()
        others = [("state", "=", "active")]
        if exclude:
            others.append(("id", "not in", exclude.ids))
        for pathway_id, count in Counter(p for _m, p in slots).items():
            pathway = self.env["level2work.pathway"].sudo().browse(pathway_id)
            other = Mentorship.search(
                [*others, ("pathway_id", "=", pathway_id)], limit=1
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(newcomer)s already has an active mentorship, with "
                        "%(mentor)s: complete or cancel it before starting another.",
                        newcomer=pathway.newcomer_id.name,
                        mentor=other.mentor_id.name,
                    )
                )
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%(newcomer)s can have only one active mentorship at a time.",
                        newcomer=pathway.newcomer_id.name,
                    )
                )
        for mentor_id, count in Counter(m for m, _p in slots).items():
            mentor = self.env["level2work.mentor"].sudo().browse(mentor_id)
            active = Mentorship.search_count([*others, ("mentor_id", "=", mentor_id)])
            if active + count > mentor.capacity:
                raise ValidationError(
                    self.env._(
                        "%(mentor)s guides at most %(capacity)s mentees at once and "
                        "already has %(active)s active: wait until a mentorship "
                        "ends, raise the mentor's capacity, or choose another mentor.",
                        mentor=mentor.name,
                        capacity=mentor.capacity,
                        active=active,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_activate(self):
        self.check_access("write")
        for mentorship in self:
            if mentorship.state != "proposed":
                raise UserError(self.env._("Only a proposed mentorship can start."))
            if mentorship.pathway_id.is_closed:
                raise UserError(
                    self.env._(
                        "The pathway of %(newcomer)s is closed: a mentorship can no "
                        "longer start.",
                        newcomer=mentorship.newcomer_id.name,
                    )
                )
        self.write({"state": "active"})
        return True

    def action_complete(self):
        self.check_access("write")
        if self.filtered(lambda m: m.state != "active"):
            raise UserError(self.env._("Only an active mentorship can be completed."))
        missing = self.filtered(lambda m: not m.outcome)
        if missing:
            raise UserError(
                self.env._(
                    "Record the outcome of the mentorship of %(newcomers)s (a job, "
                    "an internship or neither) before completing it.",
                    newcomers=", ".join(missing.newcomer_id.mapped("name")),
                )
            )
        self.write(
            {"state": "completed", "date_closed": fields.Date.context_today(self)}
        )
        for mentorship in self:
            mentorship.pathway_id.message_post(
                body=self.env._(
                    "Mentorship with %(mentor)s completed. Outcome: %(outcome)s.",
                    mentor=mentorship.mentor_id.name,
                    outcome=dict(
                        self._fields["outcome"]._description_selection(self.env)
                    )[mentorship.outcome],
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_cancel(self):
        self.check_access("write")
        if self.filtered(lambda m: m.state not in ("proposed", "active")):
            raise UserError(
                self.env._("Only a proposed or active mentorship can be cancelled.")
            )
        self.write(
            {"state": "cancelled", "date_closed": fields.Date.context_today(self)}
        )
        return True

    def action_reset(self):
        self.check_access("write")
        if self.filtered(lambda m: m.state != "cancelled"):
            raise UserError(
                self.env._("Only a cancelled mentorship can be proposed again.")
            )
        self.write({"state": "proposed", "date_closed": False})
        return True

    def action_record_consent(self):
        """Record, in a dialog, the newcomer's consent to share their profile
        with this mentor."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Consent to share the profile with the mentor"),
            "res_model": "level2work.consent",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("level2work_mentoring.consent_view_form_mentor").id,
                    "form",
                )
            ],
            "target": "new",
            "context": {
                "default_newcomer_id": self.newcomer_id.id,
                "default_purpose": "share_with_mentor",
                "default_recipient_partner_id": self.mentor_id.partner_id.id,
                "default_channel": "paper",
                "default_legal_basis": "consent",
            },
        }

    def action_open_moments(self):
        return related_action(
            self, "level2work_mentoring.mentorship_moment_action", "mentorship_id"
        )

    def action_open_introductions(self):
        return related_action(
            self, "level2work_mentoring.network_introduction_action", "mentorship_id"
        )

    # ------------------------------------------------------------------
    # Proposals
    # ------------------------------------------------------------------

    @api.model
    def _prepare_proposal_values(self, pathway, mentor):
        """Values of a mentorship proposed for ``pathway`` with ``mentor``: it
        joins the running or next cohort of the pathway's lab."""
        cohort = self.env["level2work.mentoring.cohort"]._get_current_for_lab(
            pathway.lab_id
        )
        today = fields.Date.context_today(self)
        return {
            "pathway_id": pathway.id,
            "mentor_id": mentor.id,
            "cohort_id": cohort.id,
            "date_start": max(today, cohort.date_start) if cohort else today,
        }

    @api.model
    def _propose(self, pathway, mentor, score=None):
        """The open mentorship of ``pathway`` with ``mentor``, proposed now if
        there is none."""
        existing = self.search(
            [
                ("pathway_id", "=", pathway.id),
                ("mentor_id", "=", mentor.id),
                ("state", "in", ("proposed", "active")),
            ],
            limit=1,
        )
        if existing:
            return existing
        mentorship = self.create(self._prepare_proposal_values(pathway, mentor))
        if score is not None:
            mentorship.message_post(
                body=self.env._(
                    "Proposed from the mentor ranking, with a score of %(score)s.",
                    score=score,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return mentorship

    # ------------------------------------------------------------------
    # What the mentor may know of the mentee
    # ------------------------------------------------------------------

    def _is_mentee_consent_given(self):
        """Whether the newcomer consents today to share their profile with
        this mentor (in person: a consent given to a colleague of the same
        company does not count)."""
        self.ensure_one()
        mentorship = self.sudo()
        return self.env["level2work.consent"]._is_given(
            mentorship.pathway_id.newcomer_id,
            "share_with_mentor",
            mentorship.mentor_id.partner_id,
        )

    @api.model
    def _mentee_first_name(self, newcomer):
        """The name the mentor may use: the first word of the full name."""
        return (newcomer.name or "").split()[0] if newcomer.name else ""

    def _get_mentee_summary(self):
        """What the mentor of this mentorship may know of the mentee, as a
        dict (first name, goals, languages, diplomas, target occupations), or
        an empty dict while the newcomer does not consent to share their
        profile with this mentor.

        Reads with the rights of the current user first: someone who may not
        read this mentorship gets an AccessError, never a summary. Then reads
        the few fields it returns as superuser, since mentors have no access
        to newcomers at all."""
        self.ensure_one()
        self.check_access("read")
        mentorship = self.sudo()
        if not mentorship._is_mentee_consent_given():
            return {}
        newcomer = mentorship.pathway_id.newcomer_id
        env = self.env
        levels = dict(
            newcomer.diploma_ids._fields["isced_level"]._description_selection(env)
        )
        languages = [
            env._("%(language)s (mother tongue)", language=skill.language_id.name)
            if skill.is_native
            else env._(
                "%(language)s (%(level)s)",
                language=skill.language_id.name,
                level=skill.level,
            )
            for skill in newcomer.language_skill_ids
        ]
        diplomas = []
        for diploma in newcomer.diploma_ids:
            parts = [diploma.name, levels.get(diploma.effective_isced_level)]
            if diploma.field_of_study:
                parts.append(diploma.field_of_study)
            if diploma.recognition_state in ("level_recognised", "specific_recognised"):
                parts.append(env._("recognised in Belgium"))
            diplomas.append(", ".join(filter(None, parts)))
        return {
            "first_name": self._mentee_first_name(newcomer),
            "goals": mentorship.goals,
            "languages": languages,
            "diplomas": diplomas,
            "target_occupations": mentorship.pathway_id.target_occupation_ids.mapped(
                "name"
            ),
        }

    # ------------------------------------------------------------------
    # Reminders (see level2work.reminder.rule)
    # ------------------------------------------------------------------

    def _reminder_domain_mentorship_no_contact(self, rule, today):
        limit = today - timedelta(days=rule.days)
        return [
            ("state", "=", "active"),
            "|",
            ("last_moment_date", "<=", limit),
            "&",
            ("last_moment_date", "=", False),
            ("date_start", "<=", limit),
        ]

    def _reminder_domain_mentorship_ending(self, rule, today):
        return [
            ("state", "=", "active"),
            ("date_end", ">=", today),
            ("date_end", "<=", today + timedelta(days=rule.days)),
        ]

    def _reminder_domain_mentorship_ended_open(self, rule, today):
        return [
            ("state", "=", "active"),
            ("date_end", "<", today - timedelta(days=rule.days)),
        ]

    def _reminder_key(self, rule):
        if rule.kind == "mentorship_no_contact":
            return str(self.last_moment_date or self.date_start)
        if rule.kind in ("mentorship_ending", "mentorship_ended_open"):
            return str(self.date_end)
        return super()._reminder_key(rule)

    def _reminder_note(self, rule):
        if rule.kind == "mentorship_no_contact":
            if self.last_moment_date:
                return self.env._(
                    "%(mentor)s and %(newcomer)s logged no contact moment since "
                    "%(date)s.",
                    mentor=self.mentor_id.name,
                    newcomer=self.newcomer_id.name,
                    date=format_date(self.env, self.last_moment_date),
                )
            return self.env._(
                "%(mentor)s and %(newcomer)s logged no contact moment since the "
                "start on %(date)s.",
                mentor=self.mentor_id.name,
                newcomer=self.newcomer_id.name,
                date=format_date(self.env, self.date_start),
            )
        if rule.kind == "mentorship_ending":
            return self.env._(
                "The mentorship of %(newcomer)s with %(mentor)s ends on %(date)s: "
                "plan the evaluation.",
                mentor=self.mentor_id.name,
                newcomer=self.newcomer_id.name,
                date=format_date(self.env, self.date_end),
            )
        if rule.kind == "mentorship_ended_open":
            return self.env._(
                "The mentorship of %(newcomer)s with %(mentor)s ended on %(date)s "
                "and is still open: record its outcome and complete it.",
                mentor=self.mentor_id.name,
                newcomer=self.newcomer_id.name,
                date=format_date(self.env, self.date_end),
            )
        return super()._reminder_note(rule)
