from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .mentorship_moment import MAX_NOTE_LENGTH

INTERNAL = "level2work_pathway.group_level2work_user"
MAX_NAME_LENGTH = 128

INTRODUCTION_OUTCOME_SELECTION = [
    ("pending", "Waiting for an answer"),
    ("meeting", "Informational meeting"),
    ("interview", "Job interview"),
    ("internship", "Internship"),
    ("job", "Job"),
    ("no_follow_up", "No follow-up"),
]


class Level2workNetworkIntroduction(models.Model):
    """A person of the mentor's network to whom the mentor introduced their
    mentee, and what came of it."""

    _name = "level2work.network.introduction"
    _description = "Network introduction"
    _inherit = ["level2work.owned.mixin"]
    _owner_fields = ("mentorship_id",)
    _order = "date desc, id desc"
    _rec_name = "contact_name"
    # The contact and the organisation are the mentor's network, not the
    # mentee: an erasure of the mentee keeps them (and clears the notes).
    _erasure_keep_fields = ("contact_name", "organisation")

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
    contact_name = fields.Char(string="Contact", required=True)
    organisation = fields.Char(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    outcome = fields.Selection(
        INTRODUCTION_OUTCOME_SELECTION, required=True, default="pending"
    )
    note = fields.Text(string="Notes")
    logged_by_id = fields.Many2one(
        "res.users",
        string="Logged by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )

    @api.constrains("date", "contact_name", "organisation", "note", "mentorship_id")
    def _check_introduction(self):
        today = fields.Date.context_today(self)
        for introduction in self:
            if introduction.date > today:
                raise ValidationError(
                    self.env._(
                        "An introduction is logged once it took place: %(date)s "
                        "lies in the future.",
                        date=format_date(self.env, introduction.date),
                    )
                )
            start = introduction.mentorship_id.date_start
            if introduction.date < start:
                raise ValidationError(
                    self.env._(
                        "An introduction cannot lie before the mentorship started, "
                        "on %(date)s.",
                        date=format_date(self.env, start),
                    )
                )
            for value in (introduction.contact_name, introduction.organisation):
                if len(value or "") > MAX_NAME_LENGTH:
                    raise ValidationError(
                        self.env._(
                            "Names of contacts and organisations have at most "
                            "%(max)s characters.",
                            max=MAX_NAME_LENGTH,
                        )
                    )
            if introduction.note and len(introduction.note) > MAX_NOTE_LENGTH:
                raise ValidationError(
                    self.env._(
                        "Keep the notes short: at most %(max)s characters.",
                        max=MAX_NOTE_LENGTH,
                    )
                )

    @api.depends("contact_name", "organisation")
    def _compute_display_name(self):
        for introduction in self:
            introduction.display_name = self.env._(
                "%(contact)s (%(organisation)s)",
                contact=introduction.contact_name or "",
                organisation=introduction.organisation or "",
            )
