from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

# Mixins whose fields describe a record's chatter and activities.
MAIL_MIXINS = ("mail.thread", "mail.activity.mixin")
# Of those fields, the ones a portal user may filter on: what concerns
# themself (following, messages waiting for them, their own bounced
# e-mails) and the messages, which mail.message narrows to those they read.
PORTAL_MAIL_FIELDS = frozenset(
    (
        "message_ids",
        "website_message_ids",
        "message_is_follower",
        "message_needaction",
        "message_has_error",
    )
)


class Base(models.AbstractModel):
    """A search on a level2work model answers only from what the user may
    read. Odoo checks the groups of the stored fields of a domain, and the
    access rules of the records a relation leads to, except where a field
    joins its records directly (``auto_join``: the messages and activities
    of a record). Without this guard a user who may read a record, but not
    the internal notes on it, finds out what they say letter by letter with
    ``message_ids.body ilike …``; likewise for a non-stored field of a group
    they lack. Here every field of a domain must be readable by the user,
    and a condition through an ``auto_join`` field is asked of the records
    of that field the user may read."""

    _inherit = "base"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su and self._is_level2work_model():
            domain = self._guard_search_domain(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _guard_search_domain(self, domain):
        """``domain`` with every condition checked and made to go only
        through what the user may read; raise an AccessError on a field
        they may not search."""
        return [
            self._guard_search_condition(*item)
            if isinstance(item, (list, tuple))
            and len(item) == 3
            and isinstance(item[0], str)
            else item
            for item in domain
        ]

    @api.model
    def _guard_search_condition(self, path, operator, value):
        name, _dot, rest = path.partition(".")
        field = self._fields.get(name)
        if field is None:
            # Odoo refuses an unknown field itself.
            return (path, operator, value)
        self._check_search_field(field)
        if not field.relational or not (rest or operator in ("any", "not any")):
            return (path, operator, value)
        if rest:
            operator, value = "any", [(rest, operator, value)]
        if not isinstance(value, (list, tuple)):
            # A query the code built, not a domain.
            return (name, operator, value)
        comodel = self.env[field.comodel_name]
        if field.type == "many2one":
            comodel = comodel.with_context(active_test=False)
        else:
            comodel = comodel.with_context(**field.context)
        if not comodel._is_level2work_model():
            # A level2work comodel guards its own search when Odoo runs it.
            value = comodel._guard_search_domain(value)
        if field.store and field.auto_join:
            # Odoo joins these records without their access rules: ask the
            # comodel for the ones the user may read (mail.message leaves
            # out internal notes for portal users, mail.activity those of
            # records the user may not edit).
            if field.type != "many2one":
                value = expression.AND([value, field.get_domain_list(self)])
            value = [("id", "in", comodel._search(value))]
        return (name, operator, value)

    @api.model
    def _check_search_field(self, field):
        refused = not field.is_accessible(self.env) or (
            self.env.user.share
            and field.name not in PORTAL_MAIL_FIELDS
            and any(field.name in self.env[mixin]._fields for mixin in MAIL_MIXINS)
        )
        if refused:
            raise AccessError(
                self.env._(
                    "You cannot search %(model)s on “%(field)s”: you may not read it.",
                    model=self.env["ir.model"]._get(self._name).name,
                    field=field._description_string(self.env),
                )
            )
