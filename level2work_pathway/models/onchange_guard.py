from collections import defaultdict

from odoo import models
from odoo.fields import Command

# The models whose forms are guarded: every model that an addon with this
# prefix declares (the three level2work addons, and any later one).
ADDON_PREFIX = "level2work_"
X2MANY_ID_COMMANDS = (Command.UPDATE, Command.DELETE, Command.UNLINK, Command.LINK)
REFERENCE_TYPES = (
    "many2one",
    "one2many",
    "many2many",
    "reference",
    "many2one_reference",
)


def _record_id(value):
    """The id of an existing record that ``value`` names, or None (new
    records, virtual ids, empty values)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


class Base(models.AbstractModel):
    """``onchange`` answers only what the caller may see of level2work.

    Odoo builds the record of an ``onchange`` from whatever the caller sends
    and computes its related and stored computed fields as superuser,
    checking no access right: any user could read the name, contact data or
    pathway of a record by passing its id. The forms of the level2work
    models therefore first check that the caller may create a record of the
    model (a new record) or change ``self``, and may read every record that
    the values and the ``default_*`` keys of the context name. Any other
    form (a user's, an activity's) checks the level2work records and the
    contacts it names."""

    _inherit = "base"

    def onchange(self, values, field_names, fields_spec):
        if not self.env.su:
            self._check_onchange_access(values, field_names, fields_spec)
        return super().onchange(values, field_names, fields_spec)

    def _is_level2work_model(self):
        """Whether an addon of level2work declares this model: the one test
        the guards on onchange, searches and writes share."""
        return (self._original_module or "").startswith(ADDON_PREFIX)

    def _is_onchange_guarded_reference(self, model):
        """Whether the records of ``model`` that a form names are checked:
        on a level2work form every record; on any other form (a user, an
        activity) the records of level2work and contacts, which newcomers'
        contacts are."""
        return (
            self._is_level2work_model()
            or model in ("res.partner", "mail.message")
            or self.env[model]._is_level2work_model()
        )

    def _check_onchange_access(self, values, field_names, fields_spec):
        """Raise AccessError unless the caller may fill this form with
        ``values``. Fields that only the server computes are no input of the
        caller: when their value names a record the caller cannot read (the
        client sends back what an earlier answer computed), they are taken
        out of ``values`` and the onchange computes them again."""
        if self._is_level2work_model():
            self.check_access("write" if self else "create")
        found = {"models": {self._name}, "ids": []}
        self._collect_onchange_references(values, found, fixed=field_names)
        # Every new record of the form takes its defaults from the context,
        # and its lines from the context the specification gives them.
        contexts = [self.env.context]
        self._collect_spec_models(fields_spec, found["models"], contexts)
        for context in contexts:
            self._collect_default_references(context, found)
        found["ids"] = [
            reference
            for reference in found["ids"]
            if self._is_onchange_guarded_reference(reference[0])
        ]
        ids_by_model = defaultdict(set)
        for model, record_id, _container in found["ids"]:
            ids_by_model[model].add(record_id)
        forbidden = {}
        for model, ids in ids_by_model.items():
            records = self.env[model].browse(ids).exists()
            forbidden[model] = set((records - records._filtered_access("read")).ids)
        for model, record_id, container in found["ids"]:
            if record_id not in forbidden[model]:
                continue
            if container is None:
                self.env[model].browse(record_id).check_access("read")
            else:
                container[0].pop(container[1], None)

    def _collect_default_references(self, context, found):
        """Add to ``found`` the records that the ``default_*`` keys of
        ``context`` name, for every model of ``found["models"]``."""
        for key, value in context.items():
            name = key.removeprefix("default_")
            if name == key or not value:
                continue
            for model in sorted(found["models"]):
                field = self.env[model]._fields.get(name)
                if field is not None and field.type in REFERENCE_TYPES:
                    self.env[model]._collect_onchange_references(
                        {name: value}, found, fixed=(name,)
                    )

    def _collect_onchange_references(self, values, found, container=None, fixed=()):
        """Add to ``found`` what ``values`` (values of a record of this model,
        in the format of ``onchange``) refer to: in ``found["models"]`` the
        models of the records built from them, in ``found["ids"]`` a
        ``(model, id, container)`` for every existing record they name.
        ``container`` is ``(values dict, field name)`` of the outermost field
        that only the server computes holding the id, or None for what the
        caller sets (and for the fields named in ``fixed``)."""
        for name, value in values.items():
            field = self._fields.get(name)
            if field is None or not value:
                continue
            holder = container
            if holder is None and field.compute and field.readonly:
                holder = None if name in fixed else (values, name)
            if field.type == "reference" and isinstance(value, str):
                model, _sep, record_id = value.partition(",")
                self._add_onchange_reference(found, model, record_id, holder)
            elif field.type == "many2one_reference":
                model = self._get_onchange_reference_model(field, values)
                self._add_onchange_reference(found, model, value, holder)
            elif field.type == "many2one":
                self._collect_many2one_reference(field, value, found, holder)
            elif field.type in ("one2many", "many2many") and isinstance(
                value, (list, tuple)
            ):
                for command in value:
                    self._collect_x2many_reference(field, command, found, holder)

    def _get_onchange_reference_model(self, field, values):
        """The model of the record that the many2one_reference ``field``
        names: from its model field, or from the ``ir.model`` record that
        model field follows (an activity's ``res_model_id``)."""
        names = [field.model_field]
        model_field = self._fields[field.model_field]
        if model_field.related:
            names.append(model_field.related.split(".")[0])
        for name in names:
            value = values.get(name) or self.env.context.get(f"default_{name}")
            if isinstance(value, dict):
                value = value.get("id")
            if name != field.model_field and isinstance(value, int):
                # sudo: only the technical name of a model, to check the id.
                value = self.env["ir.model"].sudo().browse(value).exists().model
            if value:
                return value
        return self[:1][field.model_field]

    def _collect_many2one_reference(self, field, value, found, holder):
        comodel = self.env[field.comodel_name]
        if isinstance(value, dict):
            # the values of a record being edited (a line's parent record)
            found["models"].add(comodel._name)
            comodel._collect_onchange_references(value, found, holder)
            value = value.get("id")
        elif isinstance(value, (list, tuple)):
            value = value[0] if value else None
        self._add_onchange_reference(found, comodel._name, value, holder)

    def _collect_x2many_reference(self, field, command, found, holder):
        comodel = self.env[field.comodel_name]
        found["models"].add(comodel._name)
        if isinstance(command, dict):
            comodel._collect_onchange_references(command, found, holder)
            return
        if not isinstance(command, (list, tuple)):
            self._add_onchange_reference(found, comodel._name, command, holder)
            return
        if not command:
            return
        if command[0] in X2MANY_ID_COMMANDS and len(command) > 1:
            self._add_onchange_reference(found, comodel._name, command[1], holder)
        if command[0] == Command.SET and len(command) > 2:
            for record_id in command[2] or ():
                self._add_onchange_reference(found, comodel._name, record_id, holder)
        if (
            command[0] in (Command.CREATE, Command.UPDATE)
            and len(command) > 2
            and isinstance(command[2], dict)
        ):
            comodel._collect_onchange_references(command[2], found, holder)

    def _add_onchange_reference(self, found, model, value, holder):
        record_id = _record_id(value)
        if record_id and model in self.env:
            found["ids"].append((model, record_id, holder))

    def _collect_spec_models(self, fields_spec, result, contexts):
        """Add to ``result`` the models of the related records that
        ``fields_spec`` (as ``onchange`` and ``web_read`` take it) shows, and
        to ``contexts`` the contexts it gives them."""
        for name, spec in (fields_spec or {}).items():
            field = self._fields.get(name)
            if field is None or not field.relational or not isinstance(spec, dict):
                continue
            result.add(field.comodel_name)
            if isinstance(spec.get("context"), dict):
                contexts.append(spec["context"])
            if spec.get("fields"):
                self.env[field.comodel_name]._collect_spec_models(
                    spec["fields"], result, contexts
                )
