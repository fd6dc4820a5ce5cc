from odoo import api, models
from odoo.exceptions import AccessError

PARTNER_LINK = ("many2one", "res.partner")


class Level2workPartnerLinkMixin(models.AbstractModel):
    """A record that points to contacts (``res.partner`` many2one fields).

    Reading a record shows the name of every contact it points to, whoever
    may read that contact: linking a contact one may not see (another lab's
    newcomer, say) would show their name. So a contact is linked only by
    someone who may read it."""

    _name = "level2work.partner.link.mixin"
    _description = "Links only to contacts the user may read"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_partner_links(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_partner_links(vals)
        return super().write(vals)

    @api.model
    def _check_partner_links(self, vals):
        """Refuse ``vals`` when a contact field in them points to a contact
        the current user may not read."""
        if self.env.su:
            return
        ids = set()
        for name, value in vals.items():
            field = self._fields.get(name)
            if value and field and (field.type, field.comodel_name) == PARTNER_LINK:
                ids.add(value.id if isinstance(value, models.BaseModel) else value)
        partners = self.env["res.partner"].browse(ids).exists()
        if partners and not partners.has_access("read"):
            # Without the contact's name: the user may not know it.
            raise AccessError(
                self.env._("You cannot link a contact that you may not see.")
            )
