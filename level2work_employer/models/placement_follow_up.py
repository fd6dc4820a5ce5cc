from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .placement import MILESTONE_SELECTION


class Level2workPlacementFollowUp(models.Model):
    """How a placement goes after 1, 3 and 6 months, as the coach hears from
    the newcomer and the employer."""

    _name = "level2work.placement.follow.up"
    _description = "Placement follow-up"
    _inherit = ["level2work.owned.mixin"]
    _owner_fields = ("placement_id",)
    _order = "placement_id, milestone, id"
    _rec_name = "milestone"

    placement_id = fields.Many2one(
        "level2work.placement", required=True, index=True, ondelete="cascade"
    )
    milestone = fields.Selection(MILESTONE_SELECTION, string="After", required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    still_employed = fields.Boolean(default=True, string="Still employed")
    at_level = fields.Boolean(
        default=True,
        help="The work the newcomer actually does is at the level of their education.",
        string="Works at level",
    )
    remarks = fields.Text()
    user_id = fields.Many2one(
        "res.users", string="Recorded by", default=lambda self: self.env.user
    )

    _sql_constraints = [
        (
            "milestone_unique",
            "UNIQUE(placement_id, milestone)",
            "This follow-up of the placement is already recorded.",
        ),
    ]

    @api.constrains("date", "placement_id")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for follow_up in self:
            start = follow_up.placement_id.date_start
            if follow_up.date > today:
                raise ValidationError(
                    self.env._(
                        "A follow-up is recorded once it took place: %(date)s "
                        "lies in the future.",
                        date=format_date(self.env, follow_up.date),
                    )
                )
            if follow_up.date < start:
                raise ValidationError(
                    self.env._(
                        "A follow-up cannot lie before the start in the job, on "
                        "%(date)s.",
                        date=format_date(self.env, start),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        follow_ups = super().create(vals_list)
        Rule = self.env["level2work.reminder.rule"]
        for follow_up in follow_ups:
            Rule._mark_reminders_done(
                follow_up.placement_id, "placement_follow_up", follow_up.milestone
            )
        return follow_ups
