from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..models.newcomer import (
    ELIGIBILITY_STATE_SELECTION,
    INTAKE_CHANNEL_SELECTION,
    MANAGER_GROUP,
)


class Level2workIntakeWizard(models.TransientModel):
    """Contact-desk intake: register a newcomer with a pathway in the intake
    stage, after looking for people already registered."""

    _name = "level2work.intake.wizard"
    _inherit = ["level2work.partner.link.mixin"]
    _description = "Intake of a newcomer"

    def _default_coach_id(self):
        lab = self.env.user.level2work_lab_ids[:1]
        Newcomer = self.env["level2work.newcomer"]
        if lab and self.env.user in Newcomer._get_lab_coaches(lab):
            return self.env.user
        return self.env["res.users"]

    def _default_consent_text_version(self):
        return self.env["level2work.consent"].default_get(["text_version"])[
            "text_version"
        ]

    name = fields.Char(required=True)
    email = fields.Char()
    phone = fields.Char()
    birthdate = fields.Date()
    national_number = fields.Char(
        help="Belgian national register (INSZ/NISS) or BIS number, with or "
        "without dots and dashes."
    )
    country_of_origin_id = fields.Many2one("res.country", string="Country of origin")
    arrival_date = fields.Date(
        string="Arrival in Belgium", help="First day of residence in Belgium."
    )
    lab_id = fields.Many2one(
        "level2work.lab",
        required=True,
        default=lambda self: self.env.user.level2work_lab_ids[:1],
    )
    # Required to register, not to ask another lab to hand the person over.
    coach_id = fields.Many2one(
        "res.users",
        default=lambda self: self._default_coach_id(),
        domain=lambda self: self.env["level2work.newcomer"]._domain_coach_id(),
    )
    intake_channel = fields.Selection(
        INTAKE_CHANNEL_SELECTION,
        default="contact_desk",
        required=True,
    )
    referral_organisation_id = fields.Many2one(
        "res.partner", string="Referred by", domain=[("is_company", "=", True)]
    )
    diploma_ids = fields.One2many(
        "level2work.intake.wizard.diploma", "wizard_id", string="Diplomas"
    )
    language_skill_ids = fields.One2many(
        "level2work.intake.wizard.language", "wizard_id", string="Languages"
    )
    aspiration_ids = fields.Many2many(
        "level2work.occupation",
        "level2work_intake_wizard_aspiration_rel",
        "wizard_id",
        "occupation_id",
        string="Aspirations",
        help="Occupations the newcomer says they look for.",
    )
    consent_process = fields.Boolean(
        string="Consents to the processing of their data",
        help="The newcomer signed the consent to process their data in the "
        "project: it is recorded as given on paper, by you, today.",
    )
    consent_text_version = fields.Char(
        string="Consent text version",
        default=lambda self: self._default_consent_text_version(),
        help="Version of the consent text the newcomer signed.",
    )
    eligibility_state = fields.Selection(
        ELIGIBILITY_STATE_SELECTION,
        string="Eligibility",
        compute="_compute_eligibility",
    )
    eligibility_explanation = fields.Text(compute="_compute_eligibility")
    duplicate_ids = fields.Many2many(
        "level2work.newcomer",
        compute="_compute_duplicates",
        string="Possible duplicates",
    )
    duplicate_summary = fields.Html(
        string="Why they may be the same person", compute="_compute_duplicates"
    )
    confirm_new_person = fields.Boolean(
        string="This is another person",
        help="Tick when the people found are not the one you are registering.",
    )
    can_ask_handover = fields.Boolean(
        string="May ask to hand over",
        compute="_compute_duplicates",
        help="Someone found is a newcomer of another lab: ask that lab to hand "
        "the person over.",
    )

    @api.depends(
        "country_of_origin_id",
        "arrival_date",
        "diploma_ids.isced_level",
        "diploma_ids.recognition_state",
    )
    def _compute_eligibility(self):
        """The eligibility of the person as typed so far, by the newcomer's
        own rule: a newcomer in memory with the values of the form."""
        Newcomer = self.env["level2work.newcomer"]
        for wizard in self:
            newcomer = Newcomer.new(wizard._prepare_eligibility_values())
            wizard.eligibility_state = newcomer.eligibility_state
            wizard.eligibility_explanation = newcomer.eligibility_explanation

    @api.depends("name", "email", "phone", "birthdate", "national_number")
    def _compute_duplicates(self):
        Newcomer = self.env["level2work.newcomer"]
        labels = self._duplicate_reason_labels()
        for wizard in self:
            matches = wizard._find_duplicates()
            # Only those the user may read are named, with the reasons, and
            # can be opened; of the others the user learns the lab and whom
            # to call there.
            readable = Newcomer.browse([newcomer.id for newcomer in matches])
            readable = readable._filtered_access("read")
            wizard.duplicate_ids = readable
            wizard.can_ask_handover = len(readable) < len(matches)
            wizard.duplicate_summary = (
                Markup("<ul>%s</ul>")
                % Markup().join(
                    Markup("<li><b>%s</b>: %s</li>")
                    % (
                        newcomer._get_same_person_label(),
                        ", ".join(labels[reason] for reason in reasons),
                    )
                    if newcomer in readable
                    else Markup("<li>%s</li>") % newcomer._get_same_person_label()
                    for newcomer, reasons in matches.items()
                )
                if matches
                else False
            )

    @api.onchange("lab_id")
    def _onchange_lab_id(self):
        Newcomer = self.env["level2work.newcomer"]
        if self.coach_id not in Newcomer._get_lab_coaches(self.lab_id):
            self.coach_id = False

    def _duplicate_reason_labels(self):
        return {
            "national_number": self.env._("same national number"),
            "email": self.env._("same e-mail address"),
            "phone": self.env._("same phone number"),
            "name_birthdate": self.env._("same name and birthdate"),
        }

    def _find_duplicates(self):
        """``{newcomer: [reason, ...]}`` of the people already registered
        in any lab that may be the person at the desk (see
        ``level2work.newcomer._find_same_person``)."""
        self.ensure_one()
        return self.env["level2work.newcomer"]._find_same_person(
            national_number=self._normalized_national_number(raise_error=False),
            email=self.email,
            phone=self.phone,
            name=self.name,
            birthdate=self.birthdate,
        )

    def _normalized_national_number(self, raise_error=True):
        if not self.national_number or not self.national_number.strip():
            return False
        Sensitive = self.env["level2work.newcomer.sensitive"]
        try:
            return Sensitive._normalize_national_number(self.national_number)
        except UserError:
            if raise_error:
                raise
            return False

    def action_create(self):
        self.ensure_one()
        if not self.coach_id:
            raise UserError(self.env._("Choose the coach of the newcomer."))
        number = self._normalized_national_number()
        matches = self._find_duplicates()
        same_number = [
            newcomer
            for newcomer, reasons in matches.items()
            if "national_number" in reasons
        ]
        if same_number:
            raise UserError(
                self.env._(
                    "This national number is already registered, for %(who)s: "
                    "continue with that newcomer instead of registering a new one.",
                    who=same_number[0]._get_same_person_label(),
                )
            )
        if matches and not self.confirm_new_person:
            raise UserError(
                self.env._(
                    "People who may be the same person are already registered: "
                    "%(names)s. Check them, then tick “This is another person” "
                    "to register a new one.",
                    names="; ".join(
                        newcomer._get_same_person_label() for newcomer in matches
                    ),
                )
            )
        newcomer = self.env["level2work.newcomer"].create(
            self._prepare_newcomer_values()
        )
        newcomer._ensure_sensitive().write(
            {"national_number": number, "birthdate": self.birthdate}
        )
        pathway = self.env["level2work.pathway"].create(
            {
                "newcomer_id": newcomer.id,
                "stage_id": self.env.ref("level2work_pathway.stage_intake").id,
            }
        )
        self.env["level2work.pathway.contact"].create(
            {
                "pathway_id": pathway.id,
                "summary": self.env._("Intake"),
                "kind": "meeting",
            }
        )
        if self.consent_process:
            self._record_consent(newcomer)
        return {
            "type": "ir.actions.act_window",
            "res_model": "level2work.pathway",
            "res_id": pathway.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _prepare_newcomer_values(self):
        return {
            "name": self.name.strip(),
            "email": self.email and self.email.strip(),
            "phone": self.phone,
            **self._prepare_eligibility_values(),
            "language_skill_ids": [
                Command.create(line._prepare_language_skill_values())
                for line in self.language_skill_ids
            ],
            "aspiration_ids": [Command.set(self.aspiration_ids.ids)],
            "lab_id": self.lab_id.id,
            "coach_id": self.coach_id.id,
            "intake_channel": self.intake_channel,
            "referral_organisation_id": self.referral_organisation_id.id,
        }

    def _prepare_eligibility_values(self):
        """The values of the newcomer that the eligibility rule reads."""
        return {
            "country_of_origin_id": self.country_of_origin_id.id,
            "arrival_date": self.arrival_date,
            "diploma_ids": [
                Command.create(line._prepare_diploma_values())
                for line in self.diploma_ids
            ],
        }

    def _record_consent(self, newcomer):
        """Record the consent to process their data that ``newcomer`` signed
        at the desk, as recorded by the current user."""
        # sudo: partner staff may not record consents, but this one is the
        # newcomer's own signature at this intake, on the newcomer it has just
        # registered; sudo keeps the user, who is recorded as its recorder.
        self.env["level2work.consent"].sudo().create(
            {
                "newcomer_id": newcomer.id,
                "purpose": "process",
                "channel": "paper",
                "text_version": self.consent_text_version,
            }
        )

    def action_ask_handover(self):
        """Ask the lab of each person found who is a newcomer of another
        lab to hand them over: an activity for their coach, or for a
        manager of that lab, that names only who asks, from which lab."""
        self.ensure_one()
        asked = []
        for newcomer in self._find_duplicates():
            if newcomer.with_env(self.env).has_access("read"):
                continue
            user = self._get_handover_user(newcomer)
            env = self.with_context(lang=user.lang).env
            # sudo: the asking user may not see this newcomer; the activity
            # goes to whoever may hand them over and says only who asks.
            newcomer.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=env._("Hand-over asked by %(lab)s", lab=self.lab_id.name),
                note=env._(
                    "%(user)s of %(lab)s asks to hand this newcomer over to %(lab)s.",
                    user=self.env.user.name,
                    lab=self.lab_id.name,
                ),
                user_id=user.id,
            )
            asked.append(
                self.env._(
                    "%(user)s (%(lab)s)", user=user.name, lab=newcomer.lab_id.name
                )
            )
        if not asked:
            raise UserError(
                self.env._("Nobody found in another lab is to be handed over.")
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Asked %(whom)s to hand the person over: they will get back "
                    "to you.",
                    whom=", ".join(asked),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _get_handover_user(self, newcomer):
        """Whom to ask to hand ``newcomer`` (as the duplicate check finds
        it, as superuser) over: their coach, or else a manager on the staff of
        their lab (administrators last), or else any level2work manager."""
        if newcomer.coach_id:
            return newcomer.coach_id
        managers = newcomer.lab_id.user_ids.filtered(
            lambda user: user.has_group(MANAGER_GROUP)
        )
        if not managers:
            managers = self.env.ref(MANAGER_GROUP).users.filtered(
                lambda user: user.active and not user.share
            )
        return managers.sorted(lambda user: user.has_group("base.group_system"))[:1]
