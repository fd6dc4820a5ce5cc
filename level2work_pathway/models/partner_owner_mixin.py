from odoo import api, models
from odoo.exceptions import AccessError, UserError

OWNER_MIXIN = "level2work.partner.owner.mixin"
# What staff may change on a contact that has a login: not its e-mail (where
# a password reset goes) nor its company (what its portal user sees).
LOGIN_FREE_FIELDS = frozenset(("name", "phone", "mobile", "function", "image_1920"))


class Level2workPartnerOwnerMixin(models.AbstractModel):
    """A record that owns its contact, ``partner_id`` (a newcomer, a mentor;
    the model declares the field and lists in ``_partner_fields`` its fields
    kept on the contact).

    Staff edit the contact data of their newcomers and mentors without the
    right to edit contacts in general, so the record writes that data onto
    its contact as superuser. That is safe only for a contact that is the
    record's own, hence:

    - the contact is made with the record. An existing contact given instead
      is taken over only when it has no user (archived ones included), is no
      company, is no other newcomer's or mentor's contact, and the user may
      edit it with their own rights;
    - ``partner_id`` never changes afterwards;
    - contact data goes as superuser only onto a contact the record still
      owns: no company, no internal user, no other newcomer or mentor on it
      (the person's own portal login is theirs). It goes with the user's own
      rights onto any other contact.
    - The e-mail and the company (``parent_id``) of a contact are set as
      superuser only while the contact has no login at all: a password reset
      goes to that e-mail, and a portal user sees what their company sees (an
      employer's vacancies and candidates). On a contact with a login, they
      are for the person themself (their portal account) or whoever may edit
      contacts. The company must moreover be one that the user may see.
    """

    _name = OWNER_MIXIN
    _inherit = ["level2work.partner.link.mixin"]
    _description = "Owns its contact"
    # The record's fields kept on its contact: {record field: contact field}.
    _partner_fields = {}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["partner_id"] = self._prepare_owned_partner(vals).id
        return super().create(vals_list)

    def write(self, vals):
        if "partner_id" in vals and any(
            record.partner_id.id != vals["partner_id"] for record in self
        ):
            raise UserError(
                self.env._(
                    "%(what)s keeps its own contact: it cannot be replaced by "
                    "another one. Change the name, e-mail or phone here instead.",
                    what=self._get_owner_label(),
                )
            )
        vals = dict(vals)
        values = self._take_partner_values(vals)
        result = super().write(vals)
        if values:
            self._write_owned_partner(values)
        return result

    @api.model
    def _get_owner_label(self):
        return self.env["ir.model"]._get(self._name).name

    @api.model
    def _take_partner_values(self, vals):
        """Take the contact data out of ``vals``, with the contact's field
        names, after checking the contacts it links to (the company) as any
        other link."""
        self._check_partner_links(
            {name: vals[name] for name in self._partner_fields if name in vals}
        )
        values = {
            contact_field: vals.pop(name)
            for name, contact_field in self._partner_fields.items()
            if name in vals
        }
        if not self.env.su:
            self._check_partner_values(values)
        return values

    @api.model
    def _check_partner_values(self, values):
        """The company a contact is put under must be a company."""
        parent = self.env["res.partner"].browse(values.get("parent_id"))
        if parent and not parent.is_company:
            raise UserError(
                self.env._(
                    "%(contact)s is not a company: choose the company the person "
                    "works for.",
                    contact=parent.display_name,
                )
            )

    @api.model
    def _prepare_owned_partner(self, vals):
        """The contact of a new record: the one given in ``vals`` when it may
        be taken over, updated with the contact data given, with the user's
        own rights; otherwise a new contact made from that data."""
        values = self._take_partner_values(vals)
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        if partner:
            self._check_partner_takeover(partner)
            if values:
                partner.write(values)
            return partner
        if not values.get("name"):
            raise UserError(
                self.env._(
                    "%(what)s: give a name, the contact is made with it.",
                    what=self._get_owner_label(),
                )
            )
        # sudo: staff register people without the right to create contacts in
        # general; this new contact belongs to the new record alone.
        return partner.sudo().create(dict(values, type="contact"))

    @api.model
    def _check_partner_takeover(self, partner):
        """Refuse ``partner`` as the contact of a new record unless it has no
        user, is no company, is no one else's contact and the current user
        may edit it with their own rights."""
        if self.env.su:
            return
        self._check_partner_links({"partner_id": partner.id})
        what = self._get_owner_label()
        if not partner.has_access("write"):
            raise AccessError(
                self.env._(
                    "%(what)s: you may not edit the contact %(contact)s yourself, "
                    "so it cannot be taken over. Leave the contact empty to make "
                    "a new one.",
                    what=what,
                    contact=partner.display_name,
                )
            )
        if partner.is_company:
            message = self.env._(
                "%(what)s: %(contact)s is a company, not a person's own contact. "
                "Leave the contact empty to make a new one.",
                what=what,
                contact=partner.display_name,
            )
        elif self._get_partner_users(partner):
            message = self.env._(
                "%(what)s: %(contact)s has a login of its own and cannot be "
                "taken over. Leave the contact empty to make a new one.",
                what=what,
                contact=partner.display_name,
            )
        elif self._has_other_partner_owner(partner):
            message = self.env._(
                "%(what)s: %(contact)s is already the contact of a newcomer or a "
                "mentor. Leave the contact empty to make a new one.",
                what=what,
                contact=partner.display_name,
            )
        else:
            return
        raise UserError(message)

    def _write_owned_partner(self, values):
        """Write ``values`` onto the contacts of these records: as superuser
        onto a contact the record owns, with the user's own rights onto any
        other."""
        if self.env.su:
            self.partner_id.write(values)
            return
        self.check_access("write")
        for record in self:
            partner = record.partner_id
            if record._owns_partner(values):
                # sudo: the user may edit this record, and its contact is its
                # own (see _owns_partner).
                partner = partner.sudo()
            elif not partner.has_access("write"):
                raise AccessError(
                    self.env._(
                        "The contact %(contact)s has a login or belongs to "
                        "someone else: its e-mail and company are changed by the "
                        "person on the portal, or by someone who may edit "
                        "contacts.",
                        contact=partner.display_name,
                    )
                )
            partner.write(values)

    def _owns_partner(self, values):
        """Whether this record owns its contact, to write ``values`` onto it
        as superuser: no company, no internal user, no other newcomer or
        mentor on it, and no login at all to change its e-mail or company."""
        self.ensure_one()
        partner = self.partner_id
        users = self._get_partner_users(partner)
        if partner.is_company or not all(users.mapped("share")):
            return False
        if users and not LOGIN_FREE_FIELDS.issuperset(values):
            return False
        return not self._has_other_partner_owner(partner)

    @api.model
    def _get_partner_users(self, partner):
        """The users of ``partner``, archived ones included."""
        # sudo: only whether the contact has a login, and of which kind.
        return (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", partner.id)])
        )

    def _has_other_partner_owner(self, partner):
        """Whether ``partner`` is the contact of a newcomer or mentor (of any
        model that owns its contact) other than ``self``."""
        for model in self.env.registry.descendants([OWNER_MIXIN], "_inherit"):
            Owner = self.env[model]
            if Owner._abstract:
                continue
            domain = [("partner_id", "=", partner.id)]
            if model == self._name:
                domain.append(("id", "not in", self.ids))
            # sudo: a yes or no across labs, about a contact that the user may
            # edit or whose record they may edit.
            if (
                Owner.sudo()
                .with_context(active_test=False)
                .search_count(domain, limit=1)
            ):
                return True
        return False
