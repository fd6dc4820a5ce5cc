from odoo import api, models
from odoo.tools import email_normalize

from .newcomer import phone_key


def name_key(name):
    """A name as it may be typed again: case and spaces aside."""
    return " ".join((name or "").split()).casefold()


class Level2workNewcomer(models.Model):
    """Finding a person already registered, in any lab, without the search
    telling more than it must: only equal values count (what someone types
    never works as a pattern, so ``%`` or half an e-mail address finds
    nobody), and staff who may not read the newcomer found learn only the
    lab and whom to ask there."""

    _inherit = "level2work.newcomer"

    @api.model
    def _find_same_person(
        self,
        national_number=False,
        email=False,
        phone=False,
        name=False,
        birthdate=False,
    ):
        """``{newcomer: [reason, ...]}`` of the newcomers of every lab, as
        superuser, that share with the person described a national number
        (normalised, 11 digits), an e-mail address (normalised), a phone
        number (its last 9 digits) or, among the newcomers whose birthdate
        the user may read, the name and birthdate: elsewhere, trying dates
        would find the birthdate out. Reasons are ``national_number``,
        ``email``, ``phone`` and ``name_birthdate``. Tell the user about a
        newcomer found with :meth:`_get_same_person_label`."""
        # sudo: the person may be registered in any lab; the values compared
        # are equal ones, and what the user is told goes through
        # _get_same_person_label.
        Newcomer = self.sudo().with_context(active_test=False)
        matches = {}

        def add(newcomers, reason):
            for newcomer in newcomers:
                matches.setdefault(newcomer, []).append(reason)

        if national_number:
            add(
                Newcomer.search(
                    [("sensitive_ids.national_number", "=", national_number)]
                ),
                "national_number",
            )
        email = email_normalize(email or "")
        if email:
            add(
                Newcomer.search([("partner_id.email_normalized", "=", email)]),
                "email",
            )
        key = phone_key(phone)
        if key:
            add(
                Newcomer.search([("phone_digits", "like", key)]).filtered(
                    lambda newcomer: key in newcomer.phone_digits.split()
                ),
                "phone",
            )
        key = name_key(name)
        Sensitive = self.env(su=False)["level2work.newcomer.sensitive"]
        if key and birthdate and Sensitive.has_access("read"):
            add(
                Sensitive.search([("birthdate", "=", birthdate)])
                .sudo()
                .newcomer_id.filtered(lambda newcomer: name_key(newcomer.name) == key),
                "name_birthdate",
            )
        return matches

    def _get_same_person_label(self):
        """How the current user is told about this newcomer, found again by
        :meth:`_find_same_person`: name and lab for whom may read the
        newcomer; for anyone else only the lab and whom to call there."""
        self.ensure_one()
        # sudo: the lab and the coach's name are what anyone may be told.
        newcomer = self.sudo()
        if self.with_env(self.env(su=False)).has_access("read"):
            return self.env._(
                "%(name)s (%(lab)s)", name=newcomer.name, lab=newcomer.lab_id.name
            )
        if newcomer.coach_id:
            return self.env._(
                "a newcomer of %(lab)s (coach: %(coach)s)",
                lab=newcomer.lab_id.name,
                coach=newcomer.coach_id.name,
            )
        return self.env._(
            "a newcomer of %(lab)s (ask the staff of that lab)",
            lab=newcomer.lab_id.name,
        )
