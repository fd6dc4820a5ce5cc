from odoo import models
from odoo.exceptions import UserError


class Level2workOwnedMixin(models.AbstractModel):
    """A record that belongs to one newcomer (or one of their pathways) for
    good. Record rules check a record before it is written, not the values
    written, so moving it to someone else would let a user attach data to a
    person they may not see; the fields named in ``_owner_fields`` are
    therefore fixed once the record exists."""

    _name = "level2work.owned.mixin"
    _description = "Belongs to one newcomer"
    _owner_fields = ("newcomer_id",)

    def write(self, vals):
        for name in self._owner_fields:
            if name in vals and any(record[name].id != vals[name] for record in self):
                raise UserError(
                    self.env._(
                        "%(what)s belongs to one newcomer and cannot be moved to "
                        "another; create a new one there instead.",
                        what=self.env["ir.model"]._get(self._name).name,
                    )
                )
        return super().write(vals)
