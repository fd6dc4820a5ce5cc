from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

INTERNAL = "level2work_pathway.group_level2work_user"
MAX_NOTE_LENGTH = 2000


class Level2workMentorshipLogMixin(models.AbstractModel):
    """What a mentor or staff logs on a mentorship once it took place:
    contact moments and network introductions. Its date lies between the
    start of the mentorship and today, and its notes stay short.

    :meth:`_get_log_errors` says what is wrong with a record, field by field:
    the constraint refuses the record with these sentences, and the mentor
    portal shows each next to its form field. A model adds its own checks
    there and names the fields they read in ``_log_checked_fields``."""

    _name = "level2work.mentorship.log.mixin"
    _description = "Logged on a mentorship"
    _inherit = ["level2work.owned.mixin"]
    _owner_fields = ("mentorship_id",)
    _order = "date desc, id desc"
    _log_checked_fields = ("mentorship_id", "date", "note")

    mentorship_id = fields.Many2one(
        "level2work.mentorship", required=True, index=True, ondelete="cascade"
    )
    mentor_id = fields.Many2one(
        related="mentorship_id.mentor_id",
        store=True,
        index=True,
        groups=INTERNAL,
    )
    cohort_id = fields.Many2one(
        related="mentorship_id.cohort_id",
        store=True,
        index=True,
        groups=INTERNAL,
    )
    newcomer_id = fields.Many2one(
        related="mentorship_id.newcomer_id", store=True, groups=INTERNAL
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    note = fields.Text(string="Notes")
    logged_by_id = fields.Many2one(
        "res.users",
        string="Logged by",
        required=True,
        readonly=True,
        copy=False,
        code_only=True,
        default=lambda self: self.env.user,
        groups=INTERNAL,
    )

    @api.constrains(lambda self: self._log_checked_fields)
    def _check_log(self):
        for record in self:
            errors = record._get_log_errors()
            if errors:
                raise ValidationError("\n".join(errors.values()))

    def _get_log_errors(self):
        """``{field name: sentence}`` of what is wrong with this record;
        empty when it may be saved."""
        self.ensure_one()
        errors = {}
        start = self.mentorship_id.date_start
        if self.date and self.date > fields.Date.context_today(self):
            errors["date"] = self.env._(
                "The date lies in the future: log it once it took place."
            )
        elif self.date and start and self.date < start:
            errors["date"] = self.env._(
                "The date lies before the mentorship started, on %(date)s.",
                date=format_date(self.env, start),
            )
        if self.note and len(self.note) > MAX_NOTE_LENGTH:
            errors["note"] = self.env._(
                "Keep the notes short: at most %(max)s characters.",
                max=MAX_NOTE_LENGTH,
            )
        return errors
