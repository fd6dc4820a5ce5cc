from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

INTERNAL = "level2work_pathway.group_level2work_user"
MAX_MOMENT_HOURS = 12
MAX_NOTE_LENGTH = 2000

MOMENT_KIND_SELECTION = [
    ("one_to_one", "One to one"),
    ("group", "Group"),
]


class Level2workMentorshipMoment(models.Model):
    """A contact moment between a mentor and their mentee that took place,
    logged by the mentor on the portal or by staff."""

    _name = "level2work.mentorship.moment"
    _description = "Mentorship contact moment"
    _inherit = ["level2work.owned.mixin"]
    _owner_fields = ("mentorship_id",)
    _order = "date desc, id desc"

    mentorship_id = fields.Many2one(
        "level2work.mentorship", required=True, index=True, ondelete="cascade"
    )
    mentor_id = fields.Many2one(
        related="mentorship_id.mentor_id", store=True, index=True
    )
    cohort_id = fields.Many2one(
        related="mentorship_id.cohort_id", store=True, index=True
    )
    newcomer_id = fields.Many2one(
        related="mentorship_id.newcomer_id", store=True, groups=INTERNAL
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    duration = fields.Float(string="Duration (hours)", default=1.0)
    kind = fields.Selection(MOMENT_KIND_SELECTION, required=True, default="one_to_one")
    note = fields.Text(string="Notes", help="A few words on what was discussed.")
    logged_by_id = fields.Many2one(
        "res.users",
        string="Logged by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )

    @api.constrains("date", "duration", "note", "mentorship_id")
    def _check_moment(self):
        today = fields.Date.context_today(self)
        for moment in self:
            if moment.date > today:
                raise ValidationError(
                    self.env._(
                        "A contact moment is logged once it took place: %(date)s "
                        "lies in the future.",
                        date=format_date(self.env, moment.date),
                    )
                )
            start = moment.mentorship_id.date_start
            if moment.date < start:
                raise ValidationError(
                    self.env._(
                        "A contact moment cannot lie before the mentorship started, "
                        "on %(date)s.",
                        date=format_date(self.env, start),
                    )
                )
            if not 0 <= moment.duration <= MAX_MOMENT_HOURS:
                raise ValidationError(
                    self.env._(
                        "A contact moment lasts between 0 and %(hours)s hours.",
                        hours=MAX_MOMENT_HOURS,
                    )
                )
            if moment.note and len(moment.note) > MAX_NOTE_LENGTH:
                raise ValidationError(
                    self.env._(
                        "Keep the notes short: at most %(max)s characters.",
                        max=MAX_NOTE_LENGTH,
                    )
                )

    @api.depends("mentor_id.name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for moment in self:
            moment.display_name = self.env._(
                "%(mentor)s: %(kind)s",
                mentor=moment.sudo().mentor_id.name or "",
                kind=kinds.get(moment.kind, "").lower(),
            )
