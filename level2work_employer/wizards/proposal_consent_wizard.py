from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

MANAGER_GROUP = "level2work_pathway.group_level2work_manager"


class Level2workProposalConsentWizard(models.TransientModel):
    """Record that the newcomer of a proposal consents to disclose their
    identity to the employer of the vacancy."""

    _name = "level2work.proposal.consent.wizard"
    _description = "Record consent to disclose"

    def _default_text_version(self):
        return (
            self.env["level2work.consent"]
            .default_get(["text_version"])
            .get("text_version")
        )

    proposal_id = fields.Many2one(
        "level2work.candidate.proposal", required=True, ondelete="cascade"
    )
    newcomer_id = fields.Many2one(related="proposal_id.newcomer_id")
    employer_id = fields.Many2one(related="proposal_id.employer_id")
    date_given = fields.Date(
        string="Given on", required=True, default=fields.Date.context_today
    )
    date_expiry = fields.Date(string="Expires on")
    text_version = fields.Char(
        string="Text version",
        required=True,
        default=lambda self: self._default_text_version(),
        help="Version of the consent text the newcomer was shown.",
    )
    channel = fields.Selection(
        selection=lambda self: (
            self.env["level2work.consent"]
            ._fields["channel"]
            ._description_selection(self.env)
        ),
        required=True,
        default="paper",
    )

    @api.constrains("date_given")
    def _check_date_given(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if wizard.date_given > today:
                raise UserError(
                    self.env._("A consent cannot be recorded as given in the future.")
                )

    def action_confirm(self):
        self.ensure_one()
        proposal = self.proposal_id
        newcomer = proposal.newcomer_id
        user = self.env.user
        if newcomer.coach_id != user and not user.has_group(MANAGER_GROUP):
            raise UserError(
                self.env._(
                    "Only %(name)s's coach or a manager can record their consent.",
                    name=newcomer.name,
                )
            )
        employer = proposal.employer_id.commercial_partner_id
        self.env["level2work.consent"].create(
            {
                "newcomer_id": newcomer.id,
                "purpose": "disclose_identity",
                "recipient_partner_id": employer.id,
                "legal_basis": "consent",
                "date_given": self.date_given,
                "date_expiry": self.date_expiry,
                "text_version": self.text_version,
                "channel": self.channel,
            }
        )
        proposal.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "The candidate consents to disclose their identity to %(employer)s "
                "(given on %(date)s, text %(version)s, recorded by %(user)s).",
                employer=employer.name,
                date=fields.Date.to_string(self.date_given),
                version=self.text_version,
                user=user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
