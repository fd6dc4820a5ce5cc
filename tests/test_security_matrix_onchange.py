"""``onchange`` of every model of the three addons, by every role, over
JSON-RPC: no form answers with data of a record the caller cannot read.

Odoo computes the record of an ``onchange`` as superuser from whatever ids
the caller sends. For every model that the addons declare (taken from the
registry: a new model is tried without anyone adding it here) and every role
of ``security_fixtures``, the records of the test world that the role cannot
read ("foreign" records) are put in the form, the way an attacker would:

- each relational field in turn set to a foreign record: refused
  (AccessError), for a role that may create a record of the model at all;
- the same as ``default_*`` keys of the context, as lines of the model's
  x2many fields and as the values of a parent record (a many2one given as a
  dict, the way the web client sends the parent of a line);
- the fields that only the server computes set to foreign records in a first
  call (the values the web client sends back): answered without them;
- an existing record the role may not change: refused;
- a role that may not create a record of the model: refused outright.

Whatever is answered must not show the strings that identify a person the
role may not see (N, or the newcomer of the other lab). The role's own forms
still answer: a new record of every model the role may create, and a change
of the world's record of every model the role may change.
"""

import json

from odoo.tests import HttpCase
from odoo.tools import mute_logger

from .security_fixtures import (
    N_MARKERS,
    N_NAME,
    N_NATIONAL_DIGITS,
    N_NATIONAL_NUMBER,
    SecurityWorld,
)
from .test_security_matrix import ADDONS, SPECS, RpcMixin

ACCESS_ERROR = "odoo.exceptions.AccessError"
SESSION_EXPIRED = "odoo.http.SessionExpiredException"
# The newcomer of the other lab, whom only the staff of that lab (and
# managers) may see.
OTHER_MARKERS = ("Kovalchuk", "olena.kovalchuk@example.org")
N_IDENTITY = tuple(
    m for m in (N_NAME, *N_MARKERS) if m not in (N_NATIONAL_NUMBER, N_NATIONAL_DIGITS)
)


class TestSecurityMatrixOnchange(RpcMixin, SecurityWorld, HttpCase):
    """Every model of the three addons × every role × ``onchange``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        w = cls.world
        cls.guarded_models = sorted(
            name
            for name, Model in cls.registry.items()
            if not Model._abstract and (Model._original_module or "") in ADDONS
        )
        # What could be put in a form: the records of the world, with the
        # contacts of its newcomers and the users of the roles.
        newcomers = [
            record for record in w.values() if record._name == "level2work.newcomer"
        ]
        cls.candidates = [
            *w.values(),
            *(newcomer.partner_id for newcomer in newcomers),
            *cls.users.values(),
        ]
        # The markers that name a person, by the record one must read to see
        # them.
        cls.markers_of = {
            w["newcomer"]: N_IDENTITY,
            w["sensitive"]: (N_NATIONAL_NUMBER, N_NATIONAL_DIGITS),
            w["newcomer_other"]: OTHER_MARKERS,
        }

    # ------------------------------------------------------------------
    # What a role may not see
    # ------------------------------------------------------------------

    def _can(self, user, records, operation):
        return bool(user) and records.with_user(user).has_access(operation)

    def _hidden_markers(self, user):
        return tuple(
            marker
            for record, markers in self.markers_of.items()
            if not self._can(user, record, "read")
            for marker in markers
        )

    def _foreign(self, user):
        """``{model: record}``: per model, the first record of the world that
        ``user`` cannot read (N's records come first in the world)."""
        foreign = {}
        for record in self.candidates:
            if record._name not in foreign and not self._can(user, record, "read"):
                foreign[record._name] = record
        return foreign

    # ------------------------------------------------------------------
    # Building forms
    # ------------------------------------------------------------------

    def _spec(self, model, user):
        """The fields of a form showing every field ``user`` may read, with
        the name of every related record; x2many fields only of the models
        ``user`` reads (a form with the others is refused whatever it
        holds)."""
        Model = self.env[model].with_user(user) if user else self.env[model]
        spec = {}
        for name in Model.fields_get(attributes=["type"]):
            field = Model._fields.get(name)
            if field is None:
                continue
            if not field.relational:
                spec[name] = {}
            elif field.type == "many2one" or Model.env[field.comodel_name].has_access(
                "read"
            ):
                spec[name] = {"fields": {"display_name": {}}}
        return spec

    @staticmethod
    def _value(field, record):
        """``record`` as the value of ``field`` in the format of ``onchange``."""
        if field.type == "many2one":
            return record.id
        if field.type == "many2many":
            return [[6, 0, record.ids]]
        return [[4, record.id]]

    def _foreign_values(self, Model, foreign):
        """A foreign record in every relational field of ``Model`` that has
        one."""
        return {
            name: self._value(field, foreign[field.comodel_name])
            for name, field in Model._fields.items()
            if field.relational and field.comodel_name in foreign
        }

    @staticmethod
    def _computed(field):
        return bool(field.compute) and field.readonly

    # ------------------------------------------------------------------
    # Calling and judging
    # ------------------------------------------------------------------

    def _onchange(self, model, ids, values, field_names, spec, context=None):
        with mute_logger("odoo.http", "odoo.models"):
            return self.try_kw(
                model,
                "onchange",
                [ids, values, field_names, spec],
                {"context": context or {}},
            )

    def _judge(self, what, answer, refused_only=False):
        """A problem with ``answer`` (of ``_onchange``), or None."""
        result, error = answer
        if error is not None:
            if self.role == "anonymous":
                expected = (SESSION_EXPIRED,)
            elif refused_only:
                expected = (ACCESS_ERROR,)
            else:
                expected = None
            if expected and error.name not in expected:
                return f"{what}: refused with {error}, expected {expected[0]}"
            shown = error.message
        else:
            shown = json.dumps(result)
        leaked = [marker for marker in self.hidden if marker in shown]
        if leaked:
            return f"{what}: shows {leaked}"
        if refused_only and error is None:
            return f"{what}: answered, expected an AccessError"
        return None

    # ------------------------------------------------------------------
    # One model
    # ------------------------------------------------------------------

    def _probe_model(self, model, user, foreign):
        Model = self.env[model]
        spec = self._spec(model, user)
        may_create = self._can(user, Model, "create")
        values = self._foreign_values(Model, foreign)
        problems = []
        if not may_create:
            problems.append(
                self._judge(
                    "a new record, as one who may not create one",
                    self._onchange(model, [], values, [], spec),
                    refused_only=True,
                )
            )
        else:
            problems += self._probe_fields(model, values, spec)
            problems += self._probe_context(model, values, spec)
            problems += self._probe_nested(model, foreign, spec)
            problems += self._probe_computed(model, values, spec)
        problems.append(self._probe_existing(model, user, values, spec))
        return [problem for problem in problems if problem]

    def _groups(self, Model, names):
        """``{(comodel, type): [field names]}`` of the fields among ``names``
        that the addons declare: the guard follows the fields of a group the
        same way in every model."""
        groups = {}
        for name in names:
            field = Model._fields[name]
            group = (field.comodel_name, field.type)
            if field._module in ADDONS and not field.automatic:
                groups.setdefault(group, []).append(name)
        return groups

    def _probe_fields(self, model, values, spec):
        """All fields set to foreign records at once, then, the first time
        the role meets a group of fields (see ``_groups``), that group
        alone."""
        Model = self.env[model]
        calls = {"every field set to a foreign record": list(values)}
        for group, names in self._groups(Model, values).items():
            if ("field", *group) not in self.tried:
                self.tried.add(("field", *group))
                calls[f"{', '.join(names)} set to a foreign record"] = names
        return [
            self._judge(
                what,
                self._onchange(
                    model, [], {name: values[name] for name in names}, names, spec
                ),
                refused_only=True,
            )
            for what, names in calls.items()
            if names
        ]

    def _probe_context(self, model, values, spec):
        Model = self.env[model]
        context = {
            f"default_{name}": value
            for name, value in values.items()
            if not self._computed(Model._fields[name])
        }
        if not context:
            return []
        return [
            self._judge(
                "default_* keys of foreign records",
                self._onchange(model, [], {}, [], spec, context),
                refused_only=True,
            )
        ]

    def _probe_nested(self, model, foreign, spec):
        """A line of each x2many field, and a parent record given as a dict
        for each many2one field, holding foreign records; a new line taking
        them as defaults from the context of its field in the specification
        (one field of each group towards a model of the addons, once for the
        role)."""
        Model = self.env[model]
        relational = [name for name, field in Model._fields.items() if field.relational]
        calls = {}
        for (comodel, kind), names in self._groups(Model, relational).items():
            if comodel not in self.guarded_models or (
                ("nested", comodel, kind) in self.tried
            ):
                continue
            self.tried.add(("nested", comodel, kind))
            Comodel, name = self.env[comodel], names[0]
            inner = {
                field: value
                for field, value in self._foreign_values(Comodel, foreign).items()
                if not self._computed(Comodel._fields[field])
            }
            if not inner:
                continue
            if kind == "many2one":
                calls[f"{name} holding foreign records"] = ({name: inner}, spec, [name])
                continue
            calls[f"a line of {name} holding foreign records"] = (
                {name: [[0, "virtual_1", inner]]},
                spec,
                [name],
            )
            line_spec = {
                "context": {f"default_{field}": v for field, v in inner.items()},
                "fields": {field: {"fields": {"display_name": {}}} for field in inner},
            }
            # in a first call, as the web client opens a form with a line
            calls[f"a line of {name} with foreign defaults"] = (
                {name: [[0, "virtual_1", {}]]},
                dict(spec, **{name: line_spec}),
                [],
            )
        return [
            self._judge(
                what,
                self._onchange(model, [], values, names, form),
                refused_only=True,
            )
            for what, (values, form, names) in calls.items()
        ]

    def _probe_computed(self, model, values, spec):
        """The first call of a form with the fields that only the server
        computes holding foreign records, as the web client sends back
        values: answered, without them."""
        Model = self.env[model]
        computed = {
            name: value
            for name, value in values.items()
            if self._computed(Model._fields[name])
        }
        if not computed:
            return []
        return [
            self._judge(
                "computed fields set to foreign records",
                self._onchange(model, [], computed, [], spec),
            )
        ]

    def _probe_existing(self, model, user, values, spec):
        """The world's record of the model, with foreign records in its
        fields, when the role may not change it: refused."""
        key = SPECS[model].record if model in SPECS else None
        record = self.world.get(key)
        if not record or self._can(user, record, "write"):
            return None
        return self._judge(
            f"the existing {key}",
            self._onchange(model, record.ids, values, list(values), spec),
            refused_only=True,
        )

    # ------------------------------------------------------------------
    # Legitimate forms
    # ------------------------------------------------------------------

    def _own_forms(self, user):
        """The role's own forms: a new record of every model it may create,
        and a change of the world's record of every model it may change."""
        problems = []
        for model in self.guarded_models:
            Model = self.env[model]
            spec = self._spec(model, user)
            if self._can(user, Model, "create"):
                _result, error = self._onchange(model, [], {}, [], spec)
                if error and error.name == ACCESS_ERROR:
                    problems.append(f"{model}: a new form is refused: {error}")
            record = self.world.get(SPECS[model].record) if model in SPECS else None
            if record and self._can(user, record, "write"):
                name, value = SPECS[model].write
                if isinstance(value, str) and value in self.world:
                    value = self.world[value].id
                _result, error = self._onchange(
                    model, record.ids, {name: value}, [name], spec
                )
                if error and error.name == ACCESS_ERROR:
                    problems.append(f"{model}: changing {name} is refused: {error}")
        return problems

    # ------------------------------------------------------------------
    # The matrix, one role at a time
    # ------------------------------------------------------------------

    def _run_role(self, role):
        self.role = role
        self.log_in(role)
        user = self.users.get(role)
        self.hidden = self._hidden_markers(user)
        self.tried = set()
        foreign = self._foreign(user)
        problems = []
        for model in self.guarded_models:
            problems += [
                f"{model} × {role}: {problem}"
                for problem in self._probe_model(model, user, foreign)
            ]
        if user:
            problems += [f"{role}: {problem}" for problem in self._own_forms(user)]
        self.assertFalse(problems, "\n".join(problems))

    def test_onchange_anonymous(self):
        self._run_role("anonymous")

    def test_onchange_newcomer(self):
        self._run_role("newcomer")

    def test_onchange_employer(self):
        self._run_role("employer")

    def test_onchange_mentor(self):
        self._run_role("mentor")

    def test_onchange_staff_other(self):
        self._run_role("staff_other")

    def test_onchange_staff(self):
        self._run_role("staff")

    def test_onchange_coach(self):
        self._run_role("coach")

    def test_onchange_manager(self):
        self._run_role("manager")

    def test_core_forms_show_no_newcomer(self):
        """A user's, an activity's or the mail composer's form is no way
        round the guard: it names N's contact, N's record or a message on it
        only for whoever may read them, however the record is named."""
        w = self.world
        newcomer = w["newcomer"]
        model_id = self.env["ir.model"]._get_id("level2work.newcomer")
        message = newcomer.message_post(body="SecM note", subtype_xmlid="mail.mt_note")
        activity = {"res_name": {}, "res_model": {}, "res_id": {}}
        composer = {"record_name": {}, "subject": {}, "model": {}, "res_ids": {}}
        # (model, values, changed fields, spec, context)
        probes = [
            ("res.users", {"partner_id": w["newcomer_partner"].id}, ["partner_id"]),
            (
                "mail.activity",
                {"res_model": "level2work.newcomer", "res_id": newcomer.id},
                ["res_id"],
                activity,
            ),
            (
                "mail.activity",
                {"res_model_id": model_id, "res_id": newcomer.id},
                ["res_id"],
                activity,
            ),
            (
                "mail.activity",
                {},
                [],
                activity,
                {"default_res_model_id": model_id, "default_res_id": newcomer.id},
            ),
            (
                "mail.compose.message",
                {"parent_id": message.id},
                ["parent_id"],
                composer,
            ),
            (
                "mail.compose.message",
                {},
                [],
                composer,
                {
                    "default_model": "level2work.newcomer",
                    "default_res_ids": newcomer.ids,
                    "default_composition_mode": "comment",
                },
            ),
        ]
        problems = []
        for role in ("employer", "mentor", "staff_other"):
            self.role = role
            self.log_in(role)
            self.hidden = self._hidden_markers(self.users[role])
            for model, values, names, *more in probes:
                spec = more[0] if more else {"partner_id": {"fields": {}}}
                context = more[1] if len(more) > 1 else None
                answer = self._onchange(model, [], values, names, spec, context)
                problem = self._judge(f"{model} {values or context} × {role}", answer)
                if problem:
                    problems.append(problem)
        self.assertFalse(problems, "\n".join(problems))

    # ------------------------------------------------------------------
    # What the web client sends still answers
    # ------------------------------------------------------------------

    def test_coach_fills_forms_about_their_newcomer(self):
        """A coach's forms about their own newcomer answer as before: a
        contact of the pathway shows the newcomer, whether the pathway is
        chosen, sent as the parent of a line (a dict, as the web client
        does) or given by the context."""
        w = self.world
        self.role = "coach"
        self.log_in("coach")
        user = self.users["coach"]
        spec = self._spec("level2work.pathway.contact", user)
        result = self.call_kw(
            "level2work.pathway.contact",
            "onchange",
            [[], {"pathway_id": w["pathway"].id}, ["pathway_id"], spec],
        )
        self.assertEqual(result["value"]["newcomer_id"]["display_name"], N_NAME)
        result = self.call_kw(
            "level2work.pathway.contact",
            "onchange",
            [
                [],
                {"pathway_id": {"id": w["pathway"].id, "priority": "1"}},
                ["pathway_id"],
                spec,
            ],
        )
        self.assertEqual(result["value"]["newcomer_id"]["display_name"], N_NAME)
        result = self.call_kw(
            "level2work.pathway.contact",
            "onchange",
            [[], {}, [], spec],
            {"context": {"default_pathway_id": w["pathway"].id}},
        )
        self.assertEqual(result["value"]["newcomer_id"]["display_name"], N_NAME)

    def test_guard_covers_every_model(self):
        """The probes above go through every model the addons declare."""
        self.assertGreater(len(self.guarded_models), 30)
        self.assertTrue(
            {
                "level2work.newcomer",
                "level2work.intake.wizard",
                "level2work.mentor.match.line",
            }
            <= set(self.guarded_models)
        )
