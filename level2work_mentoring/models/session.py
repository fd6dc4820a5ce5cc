from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

INTERNAL = "level2work_pathway.group_level2work_user"
MAX_SESSION_HOURS = 12

SESSION_TOPIC_SELECTION = [
    ("cv", "CV"),
    ("application_skills", "Application skills"),
    ("labour_market", "The Belgian labour market"),
    ("networking", "Networking"),
    ("other", "Other"),
]


class Level2workSession(models.Model):
    """A group session of a mentoring cohort: the newcomers learn together how
    to write a CV, how to apply, how the Belgian labour market works."""

    _name = "level2work.session"
    _description = "Group session"
    _inherit = ["mail.thread", "level2work.partner.link.mixin"]
    _order = "date_begin desc, id desc"

    name = fields.Char(required=True, tracking=True)
    topic = fields.Selection(
        SESSION_TOPIC_SELECTION, required=True, default="cv", tracking=True
    )
    cohort_id = fields.Many2one(
        "level2work.mentoring.cohort", index=True, ondelete="restrict", tracking=True
    )
    lab_id = fields.Many2one(
        "level2work.lab",
        compute="_compute_lab_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        groups=INTERNAL,
    )
    date_begin = fields.Datetime(string="Starts", required=True, tracking=True)
    duration = fields.Float(string="Duration (hours)", default=2.0, groups=INTERNAL)
    date_end = fields.Datetime(
        string="Ends", compute="_compute_date_end", store=True, groups=INTERNAL
    )
    location = fields.Char(tracking=True)
    facilitator_id = fields.Many2one(
        "res.partner",
        string="Given by",
        help="The trainer or organisation that leads the session.",
        groups=INTERNAL,
    )
    description = fields.Html(groups=INTERNAL)
    attendance_ids = fields.One2many(
        "level2work.session.attendance", "session_id", groups=INTERNAL
    )
    registered_count = fields.Integer(
        string="Registered", compute="_compute_attendance_counts", groups=INTERNAL
    )
    attended_count = fields.Integer(
        string="Attended", compute="_compute_attendance_counts", groups=INTERNAL
    )
    absent_count = fields.Integer(
        string="Absent", compute="_compute_attendance_counts", groups=INTERNAL
    )
    excused_count = fields.Integer(
        string="Excused", compute="_compute_attendance_counts", groups=INTERNAL
    )
    is_past = fields.Boolean(
        string="Started", compute="_compute_is_past", groups=INTERNAL
    )
    is_editable = fields.Boolean(
        compute="_compute_is_editable",
        string="May take attendance",
        help="The current user may change the session and take its attendance: "
        "staff of its lab and managers.",
        groups=INTERNAL,
    )
    color = fields.Integer(groups=INTERNAL)
    active = fields.Boolean(default=True)

    @api.constrains("duration")
    def _check_duration(self):
        for session in self:
            if not 0 < session.duration <= MAX_SESSION_HOURS:
                raise ValidationError(
                    self.env._(
                        "The session %(name)s must last more than 0 and at most "
                        "%(hours)s hours.",
                        name=session.name,
                        hours=MAX_SESSION_HOURS,
                    )
                )

    @api.constrains("date_begin", "cohort_id")
    def _check_within_cohort(self):
        for session in self.filtered(lambda s: s.cohort_id and s.date_begin):
            cohort = session.cohort_id
            day = fields.Datetime.context_timestamp(session, session.date_begin).date()
            if not cohort.date_start <= day <= cohort.date_end:
                raise ValidationError(
                    self.env._(
                        "The session %(session)s on %(date)s lies outside its "
                        "cohort %(cohort)s, which runs from %(start)s to %(end)s.",
                        session=session.name,
                        date=format_date(self.env, day),
                        cohort=cohort.name,
                        start=format_date(self.env, cohort.date_start),
                        end=format_date(self.env, cohort.date_end),
                    )
                )

    @api.depends("cohort_id")
    def _compute_lab_id(self):
        for session in self:
            if session.cohort_id:
                session.lab_id = session.cohort_id.lab_id
            elif not session.lab_id:
                session.lab_id = self.env.user.level2work_lab_ids[:1]

    @api.depends("date_begin", "duration")
    def _compute_date_end(self):
        for session in self:
            session.date_end = session.date_begin and session.date_begin + timedelta(
                hours=session.duration
            )

    @api.depends("attendance_ids.state")
    def _compute_attendance_counts(self):
        counts = {}
        for session, state, count in self.env[
            "level2work.session.attendance"
        ]._read_group(
            [("session_id", "in", self.ids)], ["session_id", "state"], ["__count"]
        ):
            counts[session.id, state] = count
        for session in self:
            session.registered_count = sum(
                count
                for (session_id, _state), count in counts.items()
                if session_id == session.id
            )
            session.attended_count = counts.get((session.id, "attended"), 0)
            session.absent_count = counts.get((session.id, "absent"), 0)
            session.excused_count = counts.get((session.id, "excused"), 0)

    @api.depends("date_begin")
    def _compute_is_past(self):
        now = fields.Datetime.now()
        for session in self:
            session.is_past = bool(session.date_begin and session.date_begin <= now)

    @api.depends_context("uid")
    def _compute_is_editable(self):
        editable = self._filtered_access("write")
        for session in self:
            session.is_editable = session in editable

    def _check_editable(self):
        """Refuse, with a message that names the lab, to let someone take the
        attendance of a session they may not change."""
        for session in self - self._filtered_access("write"):
            raise UserError(
                self.env._(
                    "Only staff of %(lab)s and managers take the attendance of "
                    "the session %(name)s.",
                    lab=session.lab_id.name,
                    name=session.name,
                )
            )

    def _get_expected_newcomers(self):
        """The newcomers who belong at this session: the mentees of its
        cohort whose mentorship is proposed or running."""
        self.ensure_one()
        mentorships = self.env["level2work.mentorship"].search(
            [
                ("cohort_id", "=", self.cohort_id.id),
                ("state", "in", ("proposed", "active")),
            ]
        )
        return mentorships.newcomer_id

    def action_register_cohort(self):
        """Put every mentee of the cohort on the list of the session, and say
        who was added."""
        self._check_editable()
        expected = added = self.env["level2work.newcomer"]
        for session in self:
            if not session.cohort_id:
                raise UserError(
                    self.env._(
                        "The session %(name)s belongs to no cohort: add the "
                        "participants one by one.",
                        name=session.name,
                    )
                )
            newcomers = session._get_expected_newcomers()
            missing = newcomers - session.attendance_ids.newcomer_id
            self.env["level2work.session.attendance"].create(
                [{"session_id": session.id, "newcomer_id": n.id} for n in missing]
            )
            expected |= newcomers
            added |= missing
        if added:
            return self._notification_action(
                "success",
                self.env._(
                    "Added to the list: %(names)s.",
                    names=", ".join(added.mapped("name")),
                ),
            )
        if expected:
            return self._notification_action(
                "warning",
                self.env._("Every mentee of the cohort is already on the list."),
            )
        return self._notification_action(
            "warning",
            self.env._(
                "The cohort has no proposed or running mentorship: nobody to register."
            ),
        )

    def action_mark_all_attended(self):
        """Everyone still marked registered attended the session."""
        self._check_editable()
        for session in self:
            if not session.is_past:
                raise UserError(
                    self.env._(
                        "The session %(name)s has not started yet: attendance is "
                        "taken once it has.",
                        name=session.name,
                    )
                )
            session.attendance_ids.filtered(lambda a: a.state == "registered").write(
                {"state": "attended"}
            )
        return True

    @api.model
    def _notification_action(self, kind, message):
        """Show ``message`` to the user and reload the session."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": kind,
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
