from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.newcomer import INTAKE_CHANNEL_SELECTION


class Level2workIntakeWizard(models.TransientModel):
    """Contact-desk intake: register a newcomer with a pathway in the intake
    stage, after looking for people already registered."""

    _name = "level2work.intake.wizard"
    _inherit = ["level2work.partner.link.mixin"]
    _description = "Intake of a newcomer"

    def _default_coach_id(self):
        if self.env.user.has_group("level2work_pathway.group_level2work_coach"):
            return self.env.user
        return self.env["res.users"]

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
    coach_id = fields.Many2one(
        "res.users",
        required=True,
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
            "country_of_origin_id": self.country_of_origin_id.id,
            "arrival_date": self.arrival_date,
            "lab_id": self.lab_id.id,
            "coach_id": self.coach_id.id,
            "intake_channel": self.intake_channel,
            "referral_organisation_id": self.referral_organisation_id.id,
        }
