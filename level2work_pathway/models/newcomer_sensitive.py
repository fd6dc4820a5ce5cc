from stdnum import exceptions as stdnum_exceptions
from stdnum.be import bis, nn

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

GENDER_SELECTION = [
    ("female", "Female"),
    ("male", "Male"),
    ("other", "Other"),
]

RESIDENCE_STATUS_SELECTION = [
    ("refugee", "Recognised refugee"),
    ("subsidiary_protection", "Subsidiary protection"),
    ("temporary_protection", "Temporary protection"),
    ("asylum_seeker", "Applicant for international protection"),
    ("family_reunification", "Family reunification"),
    ("single_permit", "Single permit (work and residence)"),
    ("eu_blue_card", "EU Blue Card"),
    ("student", "Student"),
    ("other", "Other"),
]


class Level2workNewcomerSensitive(models.Model):
    """Sensitive personal data of a newcomer, kept apart so that record rules
    decide, record by record, who reads it: the newcomer's own coach,
    managers, and the newcomer. The newcomer model shows these values through
    computed fields that respect those rules."""

    _name = "level2work.newcomer.sensitive"
    _description = "Sensitive personal data of a newcomer"
    _inherit = ["level2work.owned.mixin"]
    _rec_name = "newcomer_id"

    newcomer_id = fields.Many2one(
        "level2work.newcomer", required=True, index=True, ondelete="cascade"
    )
    national_number = fields.Char(
        help="Belgian national register (INSZ/NISS) or BIS number, stored as 11 digits."
    )
    birthdate = fields.Date()
    gender = fields.Selection(GENDER_SELECTION)
    residence_status = fields.Selection(RESIDENCE_STATUS_SELECTION)

    _sql_constraints = [
        (
            "newcomer_unique",
            "UNIQUE(newcomer_id)",
            "A newcomer has one record of sensitive data.",
        ),
        (
            "national_number_unique",
            "UNIQUE(national_number)",
            "This national number is already registered for another newcomer.",
        ),
    ]

    @api.constrains("national_number", "birthdate")
    def _check_national_number(self):
        today = fields.Date.context_today(self)
        for record in self:
            if record.birthdate and record.birthdate > today:
                raise ValidationError(
                    self.env._("A birthdate cannot lie in the future.")
                )
            if not record.national_number:
                continue
            # Raises a ValidationError naming the problem.
            self._normalize_national_number(record.national_number)
            encoded = self._national_number_birthdate(record.national_number)
            if record.birthdate and encoded and encoded != record.birthdate:
                raise ValidationError(
                    self.env._(
                        "The national number %(number)s belongs to someone born on "
                        "%(encoded)s, but the birthdate given is %(birthdate)s.",
                        number=self._format_national_number(record.national_number),
                        encoded=format_date(self.env, encoded),
                        birthdate=format_date(self.env, record.birthdate),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._normalize_vals(vals)
        records = super().create(vals_list)
        records._fill_birthdate()
        return records

    def write(self, vals):
        self._normalize_vals(vals)
        result = super().write(vals)
        self._fill_birthdate()
        return result

    def _normalize_vals(self, vals):
        """Normalise a national number about to be written, and refuse one
        that belongs to someone else (before the database would), telling
        no more of them than the intake's duplicate check does."""
        if not vals.get("national_number"):
            return
        number = self._normalize_national_number(vals["national_number"])
        # sudo: the number is unique over every lab; of the newcomer who has
        # it the user is told what _get_same_person_label allows.
        other = self.sudo().search(
            [("national_number", "=", number), ("id", "not in", self.ids)], limit=1
        )
        if other:
            raise ValidationError(
                self.env._(
                    "The national number %(number)s is already registered, for "
                    "%(who)s.",
                    number=self._format_national_number(number),
                    who=other.newcomer_id._get_same_person_label(),
                )
            )
        vals["national_number"] = number

    def _fill_birthdate(self):
        """Where no birthdate is known, take the one the number encodes."""
        for record in self.filtered(lambda r: r.national_number and not r.birthdate):
            birthdate = self._national_number_birthdate(record.national_number)
            if birthdate:
                record.birthdate = birthdate

    @api.model
    def _normalize_national_number(self, value):
        """Return the 11 digits of a Belgian national register or BIS number
        typed with or without dots, dashes and spaces; raise a ValidationError
        that names the problem otherwise."""
        number = nn.compact(value or "")
        if not number.isdigit():
            raise ValidationError(
                self.env._(
                    "The national number “%(value)s” may only contain digits, "
                    "dots, dashes and spaces.",
                    value=value,
                )
            )
        if len(number) != 11:
            raise ValidationError(
                self.env._(
                    "A national number has 11 digits; “%(value)s” has %(count)s.",
                    value=value,
                    count=len(number),
                )
            )
        is_bis = int(number[2:4]) >= 20
        try:
            (bis if is_bis else nn).validate(number)
        except stdnum_exceptions.InvalidChecksum as error:
            raise ValidationError(
                self.env._(
                    "The check digits of the national number “%(value)s” do not "
                    "match: please check it for a typing error.",
                    value=value,
                )
            ) from error
        except stdnum_exceptions.ValidationError as error:
            raise ValidationError(
                self.env._(
                    "The national number “%(value)s” does not encode a valid "
                    "birth month (01-12, or 21-32 and 41-52 for a BIS number).",
                    value=value,
                )
            ) from error
        return number

    @api.model
    def _national_number_birthdate(self, number):
        """The birthdate a valid number encodes, or None when it encodes an
        incomplete date."""
        return nn.get_birth_date(number)

    @api.model
    def _format_national_number(self, number):
        return nn.format(number) if number else ""
