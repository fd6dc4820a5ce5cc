from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .placement import MILESTONE_SELECTION


class Level2workReminderRule(models.Model):
    _inherit = "level2work.reminder.rule"

    kind = fields.Selection(
        selection_add=[
            ("workplace_learning_ending", "Workplace learning ending"),
            ("placement_follow_up", "Placement follow-up due"),
            ("proposal_interest_unanswered", "Employer's interest unanswered"),
        ],
        ondelete={
            "workplace_learning_ending": "cascade",
            "placement_follow_up": "cascade",
            "proposal_interest_unanswered": "cascade",
        },
    )
    follow_up_months = fields.Selection(
        MILESTONE_SELECTION,
        string="Follow-up after",
        help="For placement follow-ups: the milestone this rule reminds of. "
        "The days of the rule remind that many days before it.",
    )

    @api.constrains("kind", "follow_up_months")
    def _check_follow_up_months(self):
        for rule in self:
            if rule.kind == "placement_follow_up" and not rule.follow_up_months:
                raise ValidationError(
                    self.env._(
                        "Say after how many months the placement follow-up of "
                        "the rule “%(name)s” is due.",
                        name=rule.name,
                    )
                )

    @api.model
    def _get_kind_models(self):
        return {
            **super()._get_kind_models(),
            "workplace_learning_ending": "level2work.workplace.learning",
            "placement_follow_up": "level2work.placement",
            "proposal_interest_unanswered": "level2work.candidate.proposal",
        }
