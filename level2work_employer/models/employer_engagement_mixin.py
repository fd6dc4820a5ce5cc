from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.level2work_pathway.models.level_rule import LEVEL_FIT_SELECTION

USER_GROUP = "level2work_pathway.group_level2work_user"
# Most hours a week of workplace learning or of a job.
MAX_HOURS_PER_WEEK = 50


class Level2workEmployerEngagementMixin(models.AbstractModel):
    """What workplace learning and placements share: a newcomer's pathway at
    an employer for a period, the name the employer may know them by, the
    level rule on the occupation, the hours a week, and the move of the
    pathway into the stage the record stands for.

    A model using it names that stage in ``_pathway_stage`` (an xml id), the
    field holding the newcomer's name in ``_newcomer_label_field``, and says
    in :meth:`_get_end_before_start_message` what is wrong with dates in the
    wrong order."""

    _name = "level2work.employer.engagement.mixin"
    _description = "Newcomer at an employer"
    _inherit = [
        "level2work.owned.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "level2work.reminder.mixin",
        "level2work.partner.link.mixin",
    ]
    _owner_fields = ("pathway_id",)
    _order = "date_start desc, id desc"
    _pathway_stage = None
    _newcomer_label_field = None

    pathway_id = fields.Many2one(
        "level2work.pathway",
        required=True,
        index=True,
        ondelete="restrict",
        groups=USER_GROUP,
    )
    newcomer_id = fields.Many2one(
        related="pathway_id.newcomer_id", store=True, index=True, groups=USER_GROUP
    )
    coach_id = fields.Many2one(related="pathway_id.coach_id")
    employer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain=[("is_level2work_employer", "=", True)],
    )
    vacancy_id = fields.Many2one("level2work.vacancy", index="btree_not_null")
    proposal_id = fields.Many2one(
        "level2work.candidate.proposal", index="btree_not_null", groups=USER_GROUP
    )
    occupation_id = fields.Many2one("level2work.occupation")
    level_fit = fields.Selection(
        LEVEL_FIT_SELECTION,
        compute="_compute_level_fit",
        store=True,
        string="Level",
        groups=USER_GROUP,
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    hours_per_week = fields.Float(aggregator=False, string="Hours a week")
    color = fields.Integer(groups=USER_GROUP)
    active = fields.Boolean(default=True)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for record in self:
            if record.date_end and record.date_end < record.date_start:
                raise ValidationError(record._get_end_before_start_message())

    @api.constrains("hours_per_week")
    def _check_hours_per_week(self):
        for record in self:
            if not 0 <= record.hours_per_week <= MAX_HOURS_PER_WEEK:
                # Outside the call: the extraction of translatable terms
                # cannot read an f-string among its arguments.
                hours = f"{record.hours_per_week:g}"
                raise ValidationError(
                    self.env._(
                        "%(record)s: from 0 to %(max)s hours a week, not %(hours)s.",
                        record=record.display_name,
                        max=MAX_HOURS_PER_WEEK,
                        hours=hours,
                    )
                )

    @api.depends(
        "pathway_id.newcomer_id",
        "employer_id",
        "newcomer_id.consent_ids.purpose",
        "newcomer_id.consent_ids.recipient_partner_id",
        "newcomer_id.consent_ids.date_given",
        "newcomer_id.consent_ids.date_expiry",
        "newcomer_id.consent_ids.date_withdrawn",
    )
    @api.depends_context("uid")
    def _compute_newcomer_label(self):
        """The newcomer's name where they consented to disclose it to the
        employer (and for staff), their candidate reference otherwise."""
        for record in self:
            newcomer = record.sudo().pathway_id.newcomer_id
            record[self._newcomer_label_field] = (
                newcomer._get_label_for(record.employer_id) if newcomer else False
            )

    @api.depends("occupation_id.skill_level", "newcomer_id.highest_isced_level")
    def _compute_level_fit(self):
        for record in self:
            record.level_fit = (
                record.occupation_id._get_level_fit(
                    record.sudo().newcomer_id.highest_isced_level
                )
                if record.occupation_id
                else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        stage = self.env.ref(self._pathway_stage)
        for record in records:
            record.pathway_id._employer_advance_to(stage, record)
        return records

    def _get_end_before_start_message(self):
        """The sentence refusing an end before the start."""
        raise NotImplementedError()
