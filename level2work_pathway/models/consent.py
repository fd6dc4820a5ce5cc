from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

USER_GROUP = "level2work_pathway.group_level2work_user"
PURPOSE_SELECTION = [
    ("process", "Process my data in the project"),
    ("share_blind_profile", "Share a profile without my identity with employers"),
    ("disclose_identity", "Disclose my identity to one employer"),
    ("share_with_mentor", "Share my profile with my mentor"),
]
PURPOSES_WITH_RECIPIENT = ("disclose_identity", "share_with_mentor")
# What the newcomer agreed to, and how it was recorded: fixed once recorded.
TERMS = frozenset(
    (
        "newcomer_id",
        "purpose",
        "recipient_partner_id",
        "legal_basis",
        "date_given",
        "date_expiry",
        "channel",
        "text_version",
    )
)


class Level2workConsent(models.Model):
    """A consent a newcomer gave (or withdrew) for one purpose, and for some
    purposes to one recipient. A consent counts from the day it is given
    until it expires or is withdrawn; withdrawing takes effect at once
    everywhere, since every check asks :meth:`_is_given` at the moment it
    runs."""

    _name = "level2work.consent"
    _description = "Consent"
    _inherit = [
        "mail.thread",
        "level2work.owned.mixin",
        "level2work.partner.link.mixin",
    ]
    _order = "date_given desc, id desc"
    _rec_name = "purpose"

    newcomer_id = fields.Many2one(
        "level2work.newcomer", required=True, index=True, ondelete="cascade"
    )
    purpose = fields.Selection(PURPOSE_SELECTION, required=True, tracking=True)
    recipient_partner_id = fields.Many2one(
        "res.partner",
        string="Given to",
        index=True,
        help="The employer or mentor this consent is given to, for the purposes "
        "that have one.",
    )
    legal_basis = fields.Selection(
        [
            ("consent", "Consent (GDPR art. 6.1.a)"),
            ("contract", "Contract (art. 6.1.b)"),
            ("legal_obligation", "Legal obligation (art. 6.1.c)"),
            ("public_task", "Public task (art. 6.1.e)"),
            ("legitimate_interest", "Legitimate interest (art. 6.1.f)"),
        ],
        required=True,
        default="consent",
    )
    date_given = fields.Date(
        string="Given on", required=True, default=fields.Date.context_today
    )
    date_expiry = fields.Date(string="Expires on")
    date_withdrawn = fields.Date(string="Withdrawn on", tracking=True, copy=False)
    recorded_by_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        code_only=True,
        groups=USER_GROUP,
    )
    channel = fields.Selection(
        [("paper", "On paper"), ("portal", "On the portal")],
        required=True,
        default="paper",
    )
    text_version = fields.Char(
        string="Text version",
        required=True,
        default="2026-01",
        help="Version of the consent text the newcomer was shown.",
    )
    is_valid = fields.Boolean(
        string="In force", compute="_compute_is_valid", search="_search_is_valid"
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("channel") == "portal":
                    raise UserError(
                        self.env._(
                            "Only the newcomer records a consent on the portal: "
                            "record the one given to you as given on paper."
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # Who may not write consents at all hears that first.
            self.check_access("write")
            if not TERMS.isdisjoint(vals):
                raise UserError(
                    self.env._(
                        "A consent records what the newcomer agreed to and is not "
                        "changed afterwards: withdraw it and record a new one."
                    )
                )
            if "date_withdrawn" in vals and self.filtered("date_withdrawn"):
                raise UserError(
                    self.env._(
                        "A withdrawn consent stays withdrawn: record a new one if "
                        "the newcomer gives it again."
                    )
                )
        return super().write(vals)

    @api.constrains(
        "purpose", "recipient_partner_id", "date_given", "date_expiry", "date_withdrawn"
    )
    def _check_consent(self):
        for consent in self:
            if (
                consent.purpose in PURPOSES_WITH_RECIPIENT
                and not consent.recipient_partner_id
            ):
                raise ValidationError(self.env._("Say to whom this consent is given."))
            if consent.date_expiry and consent.date_expiry < consent.date_given:
                raise ValidationError(
                    self.env._("A consent cannot expire before it is given.")
                )
            if consent.date_withdrawn and consent.date_withdrawn < consent.date_given:
                raise ValidationError(
                    self.env._("A consent cannot be withdrawn before it is given.")
                )

    @api.depends("purpose", "recipient_partner_id")
    def _compute_display_name(self):
        purposes = dict(self._fields["purpose"]._description_selection(self.env))
        for consent in self:
            name = purposes.get(consent.purpose, "")
            recipient = consent.sudo().recipient_partner_id
            consent.display_name = (
                f"{name} ({recipient.display_name})" if recipient else name
            )

    @api.depends("date_given", "date_expiry", "date_withdrawn")
    def _compute_is_valid(self):
        valid = self.filtered_domain(self._valid_domain())
        for consent in self:
            consent.is_valid = consent in valid

    def _search_is_valid(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on consents in force."))
        valid = self._search(self._valid_domain())
        in_force = (operator == "=") == value
        return [("id", "in" if in_force else "not in", valid)]

    @api.model
    def _valid_domain(self, purpose=None, recipient=None):
        """The consents in force today, for ``purpose`` and ``recipient``
        when given: a consent given to the recipient itself, or to the
        company it works for (a consent to an employer counts for its HR
        contacts; one given to a mentor in person does not count for a
        colleague of the mentor)."""
        today = fields.Date.context_today(self)
        domain = [
            ("date_given", "<=", today),
            "|",
            ("date_expiry", "=", False),
            ("date_expiry", ">=", today),
            "|",
            ("date_withdrawn", "=", False),
            ("date_withdrawn", ">", today),
        ]
        if purpose:
            domain = expression.AND([domain, [("purpose", "=", purpose)]])
        if recipient is not None:
            domain = expression.AND(
                [
                    domain,
                    [
                        (
                            "recipient_partner_id",
                            "in",
                            (recipient | recipient.commercial_partner_id).ids,
                        )
                    ],
                ]
            )
        return domain

    @api.model
    def _is_given(self, newcomer, purpose, recipient=None):
        """Whether ``newcomer`` consents today to ``purpose`` (towards
        ``recipient``, see :meth:`_valid_domain`). The one place every check
        goes through."""
        domain = expression.AND(
            [
                self._valid_domain(purpose, recipient),
                [("newcomer_id", "=", newcomer.id)],
            ]
        )
        return bool(self.sudo().search_count(domain, limit=1))

    def action_withdraw(self):
        self._withdraw()
        return True

    def _withdraw(self):
        """Withdraw the consents not withdrawn yet, from today; return them."""
        today = fields.Date.context_today(self)
        withdrawn = self.filtered(lambda c: not c.date_withdrawn)
        for consent in withdrawn:
            consent.date_withdrawn = max(today, consent.date_given)
        return withdrawn

    def _notify_withdrawn_by_newcomer(self):
        """The newcomer withdrew these consents on the portal: note it on
        each, and give their coach an activity to act on it."""
        for consent in self:
            consent.message_post(
                body=self.env._("Withdrawn by the newcomer on the portal."),
                subtype_xmlid="mail.mt_note",
            )
            newcomer = consent.newcomer_id
            coach = newcomer.coach_id
            if coach:
                env = self.with_context(lang=coach.lang).env
                purposes = dict(self._fields["purpose"]._description_selection(env))
                newcomer.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=env._(
                        "Consent withdrawn: %(purpose)s",
                        purpose=purposes[consent.purpose],
                    ),
                    user_id=coach.id,
                )
