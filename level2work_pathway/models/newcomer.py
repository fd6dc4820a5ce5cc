from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, html2plaintext
from odoo.tools.safe_eval import safe_eval
from odoo.tools.sql import escape_psql

from .diploma import ISCED_SELECTION
from .erasure import erase_free_text, erase_mentions
from .language_skill import CEFR_SELECTION
from .level_rule import BELOW_LEVEL
from .newcomer_sensitive import GENDER_SELECTION, RESIDENCE_STATUS_SELECTION
from .related_action import related_action

ELIGIBILITY_YEARS = 5
MIN_ELIGIBLE_ISCED = "6"
ELIGIBILITY_STATE_SELECTION = [
    ("to_check", "To check"),
    ("eligible", "Eligible"),
    ("not_eligible", "Not eligible"),
]
# How each criterion is shown in the explanation: met, not met, not known yet.
CRITERION_MARKS = {True: "✔ ", False: "✘ ", None: "? "}
MANAGER_GROUP = "level2work_pathway.group_level2work_manager"
SENSITIVE_GROUPS = "level2work_pathway.group_level2work_coach"
USER_GROUP = "level2work_pathway.group_level2work_user"
SENSITIVE_FIELDS = ("national_number", "birthdate", "gender", "residence_status")
# Only a manager grants or revokes an exception to the eligibility criteria.
EXCEPTION_FIELDS = frozenset(
    (
        "eligibility_exception",
        "eligibility_exception_reason",
        "eligibility_exception_user_id",
        "eligibility_exception_date",
    )
)
INTAKE_CHANNEL_SELECTION = [
    ("contact_desk", "Contact desk"),
    ("referral", "Referral by a partner"),
    ("outreach", "Outreach or event"),
]


def phone_key(number):
    """The last 9 digits of a phone number, to compare numbers written in
    different ways (+32 470 12 34 56, 0470/12.34.56); empty when too short."""
    digits = "".join(char for char in number or "" if char.isdigit())
    return digits[-9:] if len(digits) >= 8 else ""


class Level2workNewcomer(models.Model):
    _name = "level2work.newcomer"
    _description = "Newcomer"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "level2work.reminder.mixin",
        "level2work.partner.owner.mixin",
    ]
    _order = "name, id"
    _partner_fields = {
        "name": "name",
        "email": "email",
        "phone": "phone",
        "mobile": "mobile",
    }

    def _default_lab_id(self):
        return self.env.user.level2work_lab_ids[:1]

    def _domain_coach_id(self):
        """The coaches of the lab in ``lab_id`` of the form: its staff with
        the coach group, not the managers (who see every lab) nor the
        administrator. A domain of the web client, evaluated on the record;
        :meth:`_get_lab_coaches` evaluates the same one on the server."""
        coach = self.env.ref(SENSITIVE_GROUPS).id
        manager = self.env.ref(MANAGER_GROUP).id
        return (
            "[('share', '=', False), ('level2work_lab_ids', '=', lab_id), "
            f"('groups_id', '=', {coach}), ('groups_id', '!=', {manager})]"
        )

    @api.model
    def _get_lab_coaches(self, lab):
        """The users offered as coach of a newcomer of ``lab``."""
        domain = safe_eval(self._domain_coach_id(), {"lab_id": lab.id})
        return self.env["res.users"].search(domain)

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    name = fields.Char(
        compute="_compute_name",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
    )
    # Written onto the partner by the partner owner mixin's write(): an
    # inverse would see the fields of the same compute that were not written
    # as empty, and clear them.
    email = fields.Char(compute="_compute_contact", readonly=False)
    phone = fields.Char(compute="_compute_contact", readonly=False)
    mobile = fields.Char(compute="_compute_contact", readonly=False)
    image_128 = fields.Image(related="partner_id.image_128")
    phone_digits = fields.Char(
        string="Phone numbers (digits)",
        compute="_compute_phone_digits",
        store=True,
        help="Digits of the phone numbers, to find the same person again.",
        groups=USER_GROUP,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Portal user",
        compute="_compute_user_id",
        help="The newcomer's own login to the portal, if they have one.",
    )
    lab_id = fields.Many2one(
        "level2work.lab",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_lab_id(),
    )
    coach_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        domain=lambda self: self._domain_coach_id(),
        help="The one contact person who leads this newcomer through the pathway.",
    )
    intake_channel = fields.Selection(
        INTAKE_CHANNEL_SELECTION, default="contact_desk", groups=USER_GROUP
    )
    referral_organisation_id = fields.Many2one(
        "res.partner",
        string="Referred by",
        domain=[("is_company", "=", True)],
        groups=USER_GROUP,
    )
    country_of_origin_id = fields.Many2one(
        "res.country", string="Country of origin", tracking=True
    )
    arrival_date = fields.Date(
        string="Arrival in Belgium",
        tracking=True,
        help="First day of residence in Belgium.",
    )
    sensitive_ids = fields.One2many(
        "level2work.newcomer.sensitive",
        "newcomer_id",
        string="Sensitive data",
        groups=USER_GROUP,
    )
    # The sensitive fields are written through their own record by write()
    # and create(), as the contact fields are onto the partner.
    national_number = fields.Char(
        compute="_compute_sensitive",
        readonly=False,
        search="_search_national_number",
        groups=SENSITIVE_GROUPS,
        help="Belgian national register (INSZ/NISS) or BIS number.",
    )
    birthdate = fields.Date(
        compute="_compute_sensitive",
        readonly=False,
        groups=SENSITIVE_GROUPS,
    )
    gender = fields.Selection(
        GENDER_SELECTION,
        compute="_compute_sensitive",
        readonly=False,
        groups=SENSITIVE_GROUPS,
    )
    residence_status = fields.Selection(
        RESIDENCE_STATUS_SELECTION,
        compute="_compute_sensitive",
        readonly=False,
        groups=SENSITIVE_GROUPS,
    )
    can_access_sensitive = fields.Boolean(
        string="May read sensitive data",
        compute="_compute_sensitive",
        help="Whether you may read and edit this newcomer's sensitive data.",
        groups=USER_GROUP,
    )
    diploma_ids = fields.One2many(
        "level2work.diploma", "newcomer_id", string="Diplomas"
    )
    language_skill_ids = fields.One2many(
        "level2work.language.skill", "newcomer_id", string="Languages"
    )
    aspiration_ids = fields.Many2many(
        "level2work.occupation",
        "level2work_newcomer_aspiration_rel",
        "newcomer_id",
        "occupation_id",
        string="Aspirations",
        help="Occupations the newcomer says they look for.",
    )
    highest_isced_level = fields.Selection(
        ISCED_SELECTION,
        string="Highest diploma level",
        compute="_compute_highest_isced_level",
        store=True,
        help="Highest ISCED level over the diplomas, using the recognised "
        "level where a recognition decided one.",
    )
    dutch_level = fields.Selection(
        CEFR_SELECTION,
        compute="_compute_dutch_level",
        store=True,
        help="Most recently assessed level of Dutch.",
    )
    aspiration_below_level = fields.Boolean(
        compute="_compute_aspiration_below_level",
        store=True,
        help="Every occupation the newcomer aspires to lies below the level of "
        "their education.",
        groups=USER_GROUP,
    )
    aspiration_below_level_names = fields.Char(
        string="Aspirations below level",
        compute="_compute_aspiration_below_level_names",
        help="The occupations the newcomer aspires to that lie below the level "
        "of their education.",
        groups=USER_GROUP,
    )
    is_eligible = fields.Boolean(
        string="Eligible",
        compute="_compute_eligibility_state",
        store=True,
        help="Meets every criterion of the project, or has an exception.",
    )
    eligibility_state = fields.Selection(
        ELIGIBILITY_STATE_SELECTION,
        string="Eligibility",
        compute="_compute_eligibility_state",
        store=True,
        tracking=True,
        help="To check while what a criterion needs is not recorded yet; not "
        "eligible only when a recorded fact fails a criterion.",
        groups=USER_GROUP,
    )
    eligibility_explanation = fields.Text(
        compute="_compute_eligibility_explanation",
        help="Each criterion of the project, met or not, and why; written in "
        "the reader's language.",
        groups=USER_GROUP,
    )
    eligibility_missing = fields.Char(
        string="Still to record",
        compute="_compute_eligibility_explanation",
        help="What the eligibility check still needs: record it to decide.",
        groups=USER_GROUP,
    )
    eligible_until = fields.Date(compute="_compute_eligible_until", store=True)
    # Granted and revoked by a manager through the exception wizard and the
    # revoke button, which record who and when.
    eligibility_exception = fields.Boolean(
        readonly=True,
        tracking=True,
        copy=False,
        code_only=True,
        groups=USER_GROUP,
    )
    eligibility_exception_reason = fields.Text(
        readonly=True,
        copy=False,
        code_only=True,
        groups=USER_GROUP,
    )
    eligibility_exception_user_id = fields.Many2one(
        "res.users",
        string="Exception granted by",
        readonly=True,
        copy=False,
        code_only=True,
        groups=USER_GROUP,
    )
    eligibility_exception_date = fields.Date(
        string="Exception granted on",
        readonly=True,
        copy=False,
        code_only=True,
        groups=USER_GROUP,
    )
    pathway_ids = fields.One2many(
        "level2work.pathway", "newcomer_id", string="Pathways"
    )
    consent_ids = fields.One2many(
        "level2work.consent", "newcomer_id", string="Consents"
    )
    pathway_count = fields.Integer(compute="_compute_pathway_count", groups=USER_GROUP)
    note_ids = fields.One2many(
        "level2work.newcomer.note",
        "newcomer_id",
        string="Notes",
        groups=USER_GROUP,
    )
    color = fields.Integer(groups=USER_GROUP)
    active = fields.Boolean(default=True)
    is_anonymized = fields.Boolean(
        string="Anonymised",
        readonly=True,
        copy=False,
        code_only=True,
        groups=USER_GROUP,
    )

    @api.constrains("arrival_date")
    def _check_arrival_date(self):
        today = fields.Date.context_today(self)
        for newcomer in self:
            if newcomer.arrival_date and newcomer.arrival_date > today:
                raise ValidationError(
                    self.env._(
                        "The arrival date of %(name)s lies in the future.",
                        name=newcomer.name,
                    )
                )

    @api.depends("partner_id.name")
    def _compute_name(self):
        for newcomer in self:
            newcomer.name = newcomer.partner_id.name

    @api.depends("partner_id.email", "partner_id.phone", "partner_id.mobile")
    def _compute_contact(self):
        for newcomer in self:
            newcomer.email = newcomer.partner_id.email
            newcomer.phone = newcomer.partner_id.phone
            newcomer.mobile = newcomer.partner_id.mobile

    @api.depends("partner_id.phone", "partner_id.mobile")
    def _compute_phone_digits(self):
        for newcomer in self:
            newcomer.phone_digits = " ".join(
                filter(None, map(phone_key, (newcomer.phone, newcomer.mobile)))
            )

    @api.depends("partner_id.user_ids")
    def _compute_user_id(self):
        for newcomer in self:
            newcomer.user_id = newcomer.partner_id.user_ids[:1]

    @api.depends_context("uid")
    @api.depends(
        "sensitive_ids.national_number",
        "sensitive_ids.birthdate",
        "sensitive_ids.gender",
        "sensitive_ids.residence_status",
    )
    def _compute_sensitive(self):
        readable = {
            record.newcomer_id.id: record.sudo()
            for record in self._get_readable_sensitive()
        }
        Sensitive = self.env["level2work.newcomer.sensitive"].sudo()
        is_coach = self.env.user.has_group(SENSITIVE_GROUPS)
        for newcomer in self:
            data = readable.get(newcomer._origin.id, Sensitive)
            newcomer.can_access_sensitive = bool(data) or (
                is_coach and not newcomer._origin
            )
            for name in SENSITIVE_FIELDS:
                newcomer[name] = data[name]
            # Shown as people write it; stored as 11 digits.
            newcomer.national_number = data._format_national_number(
                data.national_number
            )

    def _search_national_number(self, operator, value):
        Sensitive = self.env["level2work.newcomer.sensitive"]
        if operator in ("=", "!=") and value:
            value = Sensitive._normalize_national_number(value)
        return [("sensitive_ids", "any", [("national_number", operator, value)])]

    @api.depends(
        "diploma_ids.isced_level",
        "diploma_ids.recognised_isced_level",
    )
    def _compute_highest_isced_level(self):
        for newcomer in self:
            levels = newcomer.diploma_ids.mapped("effective_isced_level")
            newcomer.highest_isced_level = max(levels, default=False)

    @api.depends(
        "language_skill_ids.language_id.code",
        "language_skill_ids.level",
        "language_skill_ids.date",
    )
    def _compute_dutch_level(self):
        for newcomer in self:
            dutch = newcomer.language_skill_ids.filtered(
                lambda s: s.language_id.code == "nl"
            ).sorted(lambda s: (s.date or fields.Date.to_date("1900-01-01"), s.id))
            newcomer.dutch_level = dutch[-1:].level or False

    @api.depends("aspiration_ids.skill_level", "highest_isced_level")
    def _compute_aspiration_below_level(self):
        for newcomer in self:
            below = newcomer._get_aspirations_below_level()
            newcomer.aspiration_below_level = bool(below) and (
                below == newcomer.aspiration_ids
            )

    @api.depends_context("lang")
    @api.depends(
        "aspiration_ids.name", "aspiration_ids.skill_level", "highest_isced_level"
    )
    def _compute_aspiration_below_level_names(self):
        for newcomer in self:
            newcomer.aspiration_below_level_names = ", ".join(
                newcomer._get_aspirations_below_level().mapped("name")
            )

    def _get_aspirations_below_level(self):
        """The aspirations of this newcomer below the level of their
        education, by the level rule."""
        self.ensure_one()
        return self.aspiration_ids.filtered(
            lambda occupation: (
                occupation._get_level_fit(self.highest_isced_level) == BELOW_LEVEL
            )
        )

    @api.depends("arrival_date")
    def _compute_eligible_until(self):
        for newcomer in self:
            newcomer.eligible_until = newcomer.arrival_date and (
                newcomer.arrival_date + relativedelta(years=ELIGIBILITY_YEARS)
            )

    @api.depends(
        "country_of_origin_id",
        "eligible_until",
        "highest_isced_level",
        "eligibility_exception",
    )
    def _compute_eligibility_state(self):
        today = fields.Date.context_today(self)
        eu_countries = self.env.ref("base.europe").country_ids
        for newcomer in self:
            criteria = newcomer._get_eligibility_criteria(today, eu_countries)
            met = {criterion[0] for criterion in criteria}
            if newcomer.eligibility_exception or met == {True}:
                state = "eligible"
            elif False in met:
                state = "not_eligible"
            else:
                state = "to_check"
            newcomer.eligibility_state = state
            newcomer.is_eligible = state == "eligible"

    @api.depends_context("lang")
    @api.depends(
        "country_of_origin_id",
        "eligible_until",
        "highest_isced_level",
        "eligibility_exception",
        "eligibility_exception_reason",
    )
    def _compute_eligibility_explanation(self):
        today = fields.Date.context_today(self)
        eu_countries = self.env.ref("base.europe").country_ids
        for newcomer in self:
            criteria = newcomer._get_eligibility_criteria(today, eu_countries)
            lines = [CRITERION_MARKS[met] + text for met, text, _missing in criteria]
            if newcomer.eligibility_exception:
                lines.append(
                    self.env._(
                        "Exception granted by %(user)s on %(date)s: %(reason)s",
                        user=newcomer.eligibility_exception_user_id.name,
                        date=format_date(self.env, newcomer.eligibility_exception_date),
                        reason=newcomer.eligibility_exception_reason,
                    )
                )
            newcomer.eligibility_explanation = "\n".join(lines)
            newcomer.eligibility_missing = ", ".join(
                missing for met, _text, missing in criteria if met is None
            )

    def _get_eligibility_criteria(self, today, eu_countries):
        """Return ``[(met, explanation, missing)]``, one per criterion of the
        ESF project: origin outside the EU, at most 5 years of residence, a
        higher-education diploma of ISCED 6 or more. ``met`` is None while
        what the criterion needs is not recorded, and ``missing`` then names
        it. The one rule behind ``eligibility_state`` and ``is_eligible``."""
        self.ensure_one()
        country = self.country_of_origin_id
        if not country:
            origin = (
                None,
                self.env._(
                    "Origin outside the EU: the country of origin is not recorded."
                ),
                self.env._("country of origin"),
            )
        elif country in eu_countries:
            origin = (
                False,
                self.env._(
                    "Origin outside the EU: %(country)s is a member of the EU.",
                    country=country.name,
                ),
                "",
            )
        else:
            origin = (
                True,
                self.env._(
                    "Origin outside the EU: %(country)s is outside the EU.",
                    country=country.name,
                ),
                "",
            )

        if not self.arrival_date:
            residence = (
                None,
                self.env._(
                    "At most 5 years in Belgium: the arrival date is not recorded."
                ),
                self.env._("arrival date"),
            )
        elif today <= self.eligible_until:
            residence = (
                True,
                self.env._(
                    "At most 5 years in Belgium: arrived on %(arrival)s, eligible "
                    "until %(until)s.",
                    arrival=format_date(self.env, self.arrival_date),
                    until=format_date(self.env, self.eligible_until),
                ),
                "",
            )
        else:
            residence = (
                False,
                self.env._(
                    "At most 5 years in Belgium: arrived on %(arrival)s, the 5 years "
                    "ended on %(until)s.",
                    arrival=format_date(self.env, self.arrival_date),
                    until=format_date(self.env, self.eligible_until),
                ),
                "",
            )

        levels = dict(
            self._fields["highest_isced_level"]._description_selection(self.env)
        )
        level = self.highest_isced_level
        if not level:
            diploma = (
                None,
                self.env._(
                    "Higher-education diploma (ISCED 6 or higher): "
                    "no diploma is recorded."
                ),
                self.env._("diploma"),
            )
        elif level >= MIN_ELIGIBLE_ISCED:
            diploma = (
                True,
                self.env._(
                    "Higher-education diploma (ISCED 6 or higher): the highest level "
                    "is %(level)s.",
                    level=levels[level],
                ),
                "",
            )
        else:
            diploma = (
                False,
                self.env._(
                    "Higher-education diploma (ISCED 6 or higher): the highest level "
                    "is only %(level)s.",
                    level=levels[level],
                ),
                "",
            )
        return [origin, residence, diploma]

    def _compute_pathway_count(self):
        counts = dict(
            self.env["level2work.pathway"]._read_group(
                [("newcomer_id", "in", self.ids)], ["newcomer_id"], ["__count"]
            )
        )
        for newcomer in self:
            newcomer.pathway_count = counts.get(newcomer, 0)

    @api.model_create_multi
    def create(self, vals_list):
        sensitive_list = []
        for vals in vals_list:
            sensitive_list.append(
                {key: vals.pop(key) for key in SENSITIVE_FIELDS if key in vals}
            )
        newcomers = super().create(vals_list)
        for newcomer, sensitive in zip(newcomers, sensitive_list, strict=True):
            newcomer._ensure_sensitive()
            if sensitive:
                newcomer._write_sensitive(sensitive)
        return newcomers

    def write(self, vals):
        """Only the fields given are written, the contact fields onto the
        partner (by the partner owner mixin) and the sensitive ones onto the
        sensitive-data record."""
        if "coach_id" in vals and not self.env.su:
            self._check_coach_change(vals["coach_id"])
        vals = dict(vals)
        sensitive = {key: vals.pop(key) for key in SENSITIVE_FIELDS if key in vals}
        result = super().write(vals)
        if sensitive:
            self._write_sensitive(sensitive)
        return result

    def _check_coach_change(self, coach_id):
        """The coach reads the newcomer's sensitive data: a newcomer is handed
        over by their coach or a manager, not taken by a colleague."""
        if self.env.user.has_group("level2work_pathway.group_level2work_manager"):
            return
        for newcomer in self:
            if newcomer.coach_id.id not in (False, self.env.uid, coach_id):
                raise UserError(
                    self.env._(
                        "%(name)s is coached by %(coach)s: only they or a manager "
                        "hand the newcomer over to another coach.",
                        name=newcomer.name,
                        coach=newcomer.coach_id.name,
                    )
                )

    def _write_sensitive(self, values):
        """Write through the sensitive-data record, with the current user's
        rights: its record rules refuse anyone but the coach or a manager."""
        values = {name: value or False for name, value in values.items()}
        for newcomer in self:
            newcomer._ensure_sensitive().with_env(self.env).write(values)
        # Show what was stored (normalised, completed), not what was typed.
        self.invalidate_recordset(SENSITIVE_FIELDS)

    def action_open_pathways(self):
        action = related_action(
            self, "level2work_pathway.pathway_action", "newcomer_id"
        )
        if self.pathway_count == 1:
            action.update(views=[(False, "form")], res_id=self.pathway_ids.id)
        return action

    def action_grant_eligibility_exception(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Eligibility exception"),
            "res_model": "level2work.eligibility.exception.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_newcomer_id": self.id},
        }

    def action_revoke_eligibility_exception(self):
        self.check_access("write")
        self._check_manager()
        # Only this code writes the exception, once the manager is checked.
        self.sudo().write(dict.fromkeys(EXCEPTION_FIELDS, False))

    def _check_manager(self):
        if not self.env.user.has_group("level2work_pathway.group_level2work_manager"):
            raise UserError(self.env._("This is for level2work managers only."))

    @api.model
    def _cron_refresh_eligibility(self):
        """Eligibility depends on today's date: refresh the newcomers whose
        five years ended since the last run."""
        today = fields.Date.context_today(self)
        expired = self.search(
            [("is_eligible", "=", True), ("eligible_until", "<", today)]
        )
        expired._compute_eligibility_state()

    def action_anonymize(self):
        """Erase the personal data of these newcomers (right to erasure)."""
        self._check_manager()
        self._anonymize("request")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The personal data was erased."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _get_personal_records(self):
        """Every record that holds personal data of these newcomers, as a
        list of recordsets. Other addons add theirs."""
        pathways = self.with_context(active_test=False).pathway_ids
        return [
            self,
            self.sudo().sensitive_ids,
            self.diploma_ids,
            self.language_skill_ids,
            self.note_ids,
            self.consent_ids,
            pathways,
            pathways.contact_ids,
            pathways.training_ids,
        ]

    def _anonymize(self, reason):
        """Erase what identifies each newcomer: contact data, national
        number, birthdate, residence status, free text, messages, attachments
        and portal access. Kept for anonymous reporting: lab, country of
        origin, gender, diploma levels, languages, dates, stages, trainings
        and outcomes."""
        Erasure = self.env["level2work.erasure"].sudo()
        # No tracking: it would log the erased values in new messages.
        newcomers = self.sudo().with_context(tracking_disable=True, mail_notrack=True)
        for newcomer in newcomers.filtered(lambda n: not n.is_anonymized):
            reference = self.env._("Newcomer N-%(id)s", id=newcomer.id)
            partner = newcomer.partner_id
            sensitive = newcomer.sensitive_ids
            number = sensitive.national_number
            # What identifies the person where others wrote about them.
            mentions = [
                partner.name,
                partner.email,
                partner.phone,
                partner.mobile,
                number,
                sensitive._format_national_number(number),
            ]
            records = [r.sudo() for r in newcomer._get_personal_records() if r]
            messages, attachments = newcomer._erase_messages_and_attachments(
                [partner, *records]
            )
            newcomer.note_ids.unlink()
            # Kept as proof, but no longer in force for anyone.
            newcomer.consent_ids.filtered("is_valid").action_withdraw()
            records = [r.exists() for r in records]
            for record in records:
                erase_free_text(record, self.env._("(erased)"))
            newcomer.sensitive_ids.write(
                {
                    "national_number": False,
                    "birthdate": False,
                    "residence_status": False,
                }
            )
            email = partner.email
            erase_mentions(self.env, mentions, self.env._("(erased)"))
            newcomer._erase_partner(partner, reference)
            # Outgoing e-mails to the person, the notice of the login change
            # the erasure itself causes included.
            newcomer.env["mail.mail"].search(
                [
                    "|",
                    ("recipient_ids", "in", partner.ids),
                    ("email_to", "ilike", escape_psql(email or "\0")),
                ]
            ).unlink()
            newcomer.with_context(active_test=False).pathway_ids.write(
                {"active": False}
            )
            newcomer.write({"is_anonymized": True, "active": False})
            Erasure.create(
                {
                    "newcomer_id": newcomer.id,
                    "reference": reference,
                    "reason": reason,
                    "record_count": sum(len(r) for r in records),
                    "message_count": messages,
                    "attachment_count": attachments,
                }
            )
        # Recompute what follows the erased values (the name on the newcomer)
        # now, without tracking: a later flush would log the old values.
        newcomers.env.flush_all()

    def _erase_messages_and_attachments(self, records):
        """Delete the messages, activities, followers and attachments of
        ``records``, and the messages the person wrote anywhere."""
        Message = self.env["mail.message"].sudo()
        messages = Message.search([("author_id", "=", self.partner_id.id)])
        attachments = self.env["ir.attachment"].sudo()
        for record in records:
            domain = [("res_model", "=", record._name), ("res_id", "in", record.ids)]
            messages |= Message.search(
                [("model", "=", record._name), ("res_id", "in", record.ids)]
            )
            attachments |= attachments.search(domain)
            self.env["mail.activity"].sudo().search(domain).unlink()
            self.env["mail.followers"].sudo().search(domain).unlink()
        attachments |= messages.attachment_ids
        counts = (len(messages), len(attachments))
        messages.unlink()
        attachments.unlink()
        return counts

    def _erase_partner(self, partner, reference):
        # Archiving a partner checks for active users in the current context.
        partner = partner.sudo().with_context(active_test=True)
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", partner.id)])
        )
        for user in users:
            user.write(
                {
                    "login": f"erased-{self.id}-{user.id}",
                    "signature": False,
                    "active": False,
                }
            )
        partner.invalidate_recordset(["user_ids"])
        erase_free_text(
            partner | partner.child_ids,
            reference,
            name=reference,
            image_1920=False,
            country_id=False,
            state_id=False,
            active=False,
        )

    @api.model
    def _cron_anonymize_expired(self, batch_size=100):
        """Anonymise the newcomers whose pathways were all closed longer ago
        than the retention period, a batch at a time."""
        months = self.env["level2work.erasure"]._get_retention_months()
        limit = fields.Date.context_today(self) - relativedelta(months=max(months, 1))
        expired = self.with_context(active_test=False).search(
            [
                ("is_anonymized", "=", False),
                ("pathway_ids", "!=", False),
                (
                    "pathway_ids",
                    "not any",
                    [
                        "|",
                        "|",
                        ("is_closed", "=", False),
                        ("date_end", "=", False),
                        ("date_end", ">=", limit),
                    ],
                ),
            ]
        )
        batch = expired[:batch_size]
        batch._anonymize("retention")
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(expired) - len(batch)
        )
        return len(batch)

    def _get_personal_data(self):
        """The personal data of this newcomer, for the person themself: a
        list of ``(section title, [ {label: value} ])``, readable as a page
        and as JSON. Other addons add their sections."""
        self.ensure_one()
        newcomer = self.sudo()

        def row(record, names):
            return self._personal_data_rows(record, names)[0]

        pathways = newcomer.with_context(active_test=False).pathway_ids
        return [
            (
                self.env._("Profile"),
                [
                    row(
                        newcomer,
                        [
                            "name",
                            "email",
                            "phone",
                            "mobile",
                            "country_of_origin_id",
                            "arrival_date",
                            "lab_id",
                            "coach_id",
                            "eligibility_state",
                            "eligible_until",
                            "dutch_level",
                            "highest_isced_level",
                            *SENSITIVE_FIELDS,
                        ],
                    )
                ],
            ),
            (
                self.env._("Diplomas"),
                [
                    row(
                        diploma,
                        [
                            "name",
                            "isced_level",
                            "field_of_study",
                            "field_of_education_id",
                            "institution",
                            "country_id",
                            "year",
                            "recognition_state",
                            "recognition_request_date",
                            "recognition_date",
                            "recognised_isced_level",
                            "naric_reference",
                            "attachment_ids",
                        ],
                    )
                    for diploma in newcomer.diploma_ids
                ],
            ),
            (
                self.env._("Languages"),
                [
                    row(
                        skill,
                        ["language_id", "level", "is_native", "assessment", "date"],
                    )
                    for skill in newcomer.language_skill_ids
                ],
            ),
            (
                self.env._("Aspirations"),
                [
                    {self.env._("Occupation"): o.display_name}
                    for o in newcomer.aspiration_ids
                ],
            ),
            (
                self.env._("Pathways"),
                [
                    row(
                        p,
                        [
                            "stage_id",
                            "coach_id",
                            "date_start",
                            "date_end",
                            "outcome",
                            "target_occupation_ids",
                            "plan_short_term",
                            "plan_long_term",
                        ],
                    )
                    for p in pathways
                ],
            ),
            (
                self.env._("Contact moments and appointments"),
                [
                    row(
                        c,
                        [
                            "date",
                            "kind",
                            "summary",
                            "location",
                            "duration",
                            "user_id",
                            "is_done",
                            "note",
                        ],
                    )
                    for c in pathways.contact_ids
                ],
            ),
            (
                self.env._("Trainings"),
                [
                    row(
                        t,
                        [
                            "name",
                            "kind",
                            "provider_id",
                            "date_start",
                            "date_end",
                            "hours",
                            "target_level",
                            "reached_level",
                            "result",
                            "note",
                        ],
                    )
                    for t in pathways.training_ids
                ],
            ),
            (
                self.env._("Notes"),
                [
                    row(note, ["create_date", "author_id", "body"])
                    for note in newcomer.note_ids.filtered(
                        lambda n: not n.is_confidential
                    )
                ],
            ),
            (
                self.env._("Consents"),
                [
                    row(
                        c,
                        [
                            "purpose",
                            "recipient_partner_id",
                            "legal_basis",
                            "date_given",
                            "date_expiry",
                            "date_withdrawn",
                            "channel",
                            "text_version",
                        ],
                    )
                    for c in newcomer.consent_ids
                ],
            ),
        ]

    def _personal_data_rows(self, records, names):
        """One row per record of ``records`` for :meth:`_get_personal_data`:
        ``{label: value}`` for the fields ``names``, labelled and written in
        the reader's language."""
        return [
            {
                record._fields[name].get_description(self.env)["string"]: _plain(
                    record, name
                )
                for name in names
            }
            for record in records
        ]

    def _get_readable_sensitive(self):
        """The sensitive-data records of these newcomers that the current
        user may read, as the record rules of that model decide."""
        Sensitive = self.env["level2work.newcomer.sensitive"]
        if not self.ids or not Sensitive.has_access("read"):
            return Sensitive
        return Sensitive.search([("newcomer_id", "in", self.ids)])

    def _ensure_sensitive(self):
        """Every newcomer has one sensitive-data record; make it if missing."""
        self.ensure_one()
        Sensitive = self.env["level2work.newcomer.sensitive"].sudo()
        return Sensitive.search([("newcomer_id", "=", self.id)]) or Sensitive.create(
            {"newcomer_id": self.id}
        )

    def _reminder_domain_eligibility_ending(self, rule, today):
        return [
            ("eligible_until", ">=", today),
            ("eligible_until", "<=", today + timedelta(days=rule.days)),
            ("pathway_ids", "any", [("is_closed", "=", False)]),
        ]

    def _reminder_key(self, rule):
        if rule.kind == "eligibility_ending":
            return str(self.eligible_until)
        return super()._reminder_key(rule)

    def _reminder_note(self, rule):
        if rule.kind == "eligibility_ending":
            return self.env._(
                "Eligible for the project until %(date)s.",
                date=format_date(self.env, self.eligible_until),
            )
        return super()._reminder_note(rule)


def _plain(record, name):
    """A field value as plain JSON-friendly text, the way a person reads it."""
    field = record._fields[name]
    value = record[name]
    if field.type in ("many2one", "many2many", "one2many"):
        return ", ".join(value.mapped("display_name"))
    if field.type == "selection":
        return (
            dict(field._description_selection(record.env)).get(value, "")
            if value
            else ""
        )
    if field.type == "html":
        return html2plaintext(value or "")
    if field.type == "boolean":
        return bool(value)
    if field.type == "datetime":
        return (
            fields.Datetime.context_timestamp(record, value).strftime("%Y-%m-%d %H:%M")
            if value
            else ""
        )
    if field.type == "date":
        return value.isoformat() if value else ""
    return value if value not in (False, None) else ""
