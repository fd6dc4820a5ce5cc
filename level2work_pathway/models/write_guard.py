from odoo import api, models, tools
from odoo.exceptions import AccessError
from odoo.fields import Command

from .onchange_guard import ADDON_PREFIX


def is_code_written(field):
    """Whether only the code writes ``field``: a computed field without an
    inverse that is not left editable (``readonly=False``), related fields
    included, or a field declared ``code_only=True``. Odoo's own columns
    (id, display name, who and when created or changed) are left to Odoo."""
    if field.automatic:
        return False
    if getattr(field, "code_only", False):
        return True
    return bool(field.compute) and not field.inverse and field.readonly


def linked_ids(commands):
    """The ids an x2many value links: plain ids, LINK and SET commands."""
    ids = set()
    for command in commands or ():
        if isinstance(command, int):
            ids.add(command)
        elif command[0] == Command.LINK:
            ids.add(command[1])
        elif command[0] == Command.SET:
            ids.update(command[2])
    return ids


class Base(models.AbstractModel):
    """What a caller may write on the models of the level2work addons (and
    into the fields they add to other models).

    Computed fields and the bookkeeping fields a model declares with
    ``code_only=True`` (who recorded something, an exception a manager
    granted, an erasure) are written by the code that owns them, never taken
    from a caller's values in ``create`` or ``write``, nor from defaults a
    caller puts in the context. That code writes them as superuser
    (``sudo()``), after its own checks: the superuser flag of the
    environment cannot come from outside (a context key could, over RPC).

    A file (``ir.attachment``) is linked to a record only by someone who may
    read it, and only while it belongs to no other record: a file of its
    own, not bound to a record yet, or one bound to this record already. A
    file of one's own is then bound to the record it was linked to."""

    # One job per file, like the other extensions of base in this addon.
    _inherit = "base"  # pylint: disable=consider-merging-classes-inherited

    def _valid_field_parameter(self, field, name):
        return name == "code_only" or super()._valid_field_parameter(field, name)

    @api.model
    @tools.ormcache()
    def _get_level2work_guarded_fields(self):
        """``(code-written field names, attachment field names)`` of this
        model among the fields the level2work addons give it."""
        own = self._is_level2work_model()
        fields = [
            (name, field)
            for name, field in self._fields.items()
            if own or (field._module or "").startswith(ADDON_PREFIX)
        ]
        return (
            frozenset(name for name, field in fields if is_code_written(field)),
            frozenset(
                name
                for name, field in fields
                if field.type in ("many2many", "one2many")
                and field.comodel_name == "ir.attachment"
                and not field.compute
            ),
        )

    @api.model
    def default_get(self, fields_list):
        """A field only the code writes takes its model's own default, never
        one from the context or from the user's defaults."""
        code_written = self._get_level2work_guarded_fields()[0]
        if code_written.isdisjoint(fields_list):
            return super().default_get(fields_list)
        defaults = super().default_get(
            [name for name in fields_list if name not in code_written]
        )
        for name in code_written.intersection(fields_list):
            field = self._fields[name]
            if field.default:
                value = field.convert_to_cache(
                    field.default(self), self, validate=False
                )
                defaults[name] = field.convert_to_write(value, self)
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su or not any(self._get_level2work_guarded_fields()):
            return super().create(vals_list)
        for vals in vals_list:
            self._check_level2work_values(vals)
        records = super().create(vals_list)
        for record, vals in zip(records, vals_list, strict=True):
            record._bind_level2work_attachments(vals)
        return records

    def write(self, vals):
        if self.env.su or not any(self._get_level2work_guarded_fields()):
            return super().write(vals)
        self._check_level2work_values(vals)
        result = super().write(vals)
        if len(self) == 1:
            self._bind_level2work_attachments(vals)
        return result

    def _check_level2work_values(self, vals):
        """Refuse ``vals`` (of a ``write`` on these records, or a ``create``
        when there are none) when they name a field only the code writes, or
        link a file the caller may not link here."""
        code_written, attachment_fields = self._get_level2work_guarded_fields()
        for name in code_written.intersection(vals):
            raise AccessError(
                self.env._(
                    "%(model)s: “%(field)s” is kept by level2work itself and cannot "
                    "be written directly.",
                    model=self.env["ir.model"]._get(self._name).name,
                    field=self._fields[name].get_description(self.env)["string"],
                )
            )
        for name in attachment_fields.intersection(vals):
            self._check_level2work_attachments(name, linked_ids(vals[name]))

    def _check_level2work_attachments(self, name, attachment_ids):
        """Refuse to link to these records (or to the record being created,
        when there are none) files the user may not read, or that belong to
        another record or to someone else."""
        Attachment = self.env["ir.attachment"]
        for record in self or [self]:
            new = attachment_ids - set(record[name].ids)
            # The files the user may read, by Odoo's own check of files.
            readable = Attachment._filter_attachment_access(
                Attachment.browse(new).exists().ids
            )
            if len(readable) != len(new) or any(
                not record._is_own_or_bound_attachment(attachment)
                for attachment in readable
            ):
                raise AccessError(
                    self.env._(
                        "%(model)s: only a file you may read, and that belongs to "
                        "no other record, can be added to “%(field)s”.",
                        model=self.env["ir.model"]._get(self._name).name,
                        field=self._fields[name].get_description(self.env)["string"],
                    )
                )

    def _is_own_or_bound_attachment(self, attachment):
        """Whether ``attachment`` is bound to this record (nothing, for a
        record being created), or is the user's own and bound to no record
        yet."""
        if attachment.res_field:
            return False
        if attachment.res_id:
            return attachment.res_model == self._name and attachment.res_id == self.id
        return attachment.res_model in (False, self._name) and (
            attachment.create_uid == self.env.user
        )

    def _bind_level2work_attachments(self, vals):
        """Bind to this record the files of the user's own that ``vals``
        linked to it while they were bound to no record."""
        self.ensure_one()
        for name in self._get_level2work_guarded_fields()[1].intersection(vals):
            # As superuser to see where each file is bound; bound with the
            # user's rights.
            unbound = self.sudo()[name].filtered(
                lambda a: not a.res_id and a.create_uid == self.env.user
            )
            unbound.sudo(False).write({"res_model": self._name, "res_id": self.id})
