"""Search domains and look-ups are no oracle, over real JSON-RPC.

Part of the security matrix (see ``test_security_matrix``). A user who may
read a record may search it with a domain; the answer must not say yes or
no about what the user may not read. For every model of the three addons,
taken from the registry, and every role that reads the record of it that
the matrix tries (``SPECS``), ``search_count`` of that record with one more
condition on hidden data must be refused (an AccessError) or find nothing,
as it would without that data:

- the body of an internal note in the record's chatter (``message_ids``,
  ``website_message_ids``) and the note of an activity on it
  (``activity_ids``);
- the sensitive data of the newcomer N (national number, birthdate), along
  every relation that leads from the model to a newcomer;
- any field of a group the role is not in (those are always refused).

Where the role may read the hidden data itself, the same search finds it:
the probes are real, and the web client keeps its filters.

The intake's duplicate check compares equal values only: ``%``, ``_``,
partial e-mail addresses or phone numbers find nobody, nor does trying
birthdates; staff of another lab learn only the lab and whom to call, the
same as from a refused national number.
"""

from datetime import date, timedelta

from odoo.tests import HttpCase
from odoo.tools import mute_logger

from .security_fixtures import (
    GROUP,
    N_EMAIL,
    N_MARKERS,
    N_NAME,
    N_NATIONAL_NUMBER,
    N_PHONE,
    N_PHONE_DIGITS,
    ROLES,
    SecurityWorld,
)
from .test_security_matrix import ADDONS, SPECS, RpcMixin

ACCESS_ERROR = "odoo.exceptions.AccessError"
# Words only the hidden texts contain.
NOTE_WORD = "Zebrafinch"
NOTE = f"<p>{NOTE_WORD}: the asylum interview went badly.</p>"
ACTIVITY_WORD = "Quillwort"
ACTIVITY_NOTE = f"<p>{ACTIVITY_WORD}: ask about the mental health follow-up.</p>"
# Encoded in N's national number, and so filled in as N's birthdate.
N_BIRTHDATE = date(1988, 11, 4)
SECM_LAB = "SecM West Flanders"
SECM_COACH = "Security coach"


class TestSecurityMatrixSearch(RpcMixin, SecurityWorld, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records, cls.models_without_record = cls._addon_records()
        coach = cls.users["coach"]
        cls.notes, cls.activities = {}, {}
        for name, record in cls.records.items():
            record = record.sudo()
            if "message_ids" in record._fields:
                cls.notes[name] = record.message_post(
                    body=NOTE,
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                    author_id=coach.partner_id.id,
                )
            if "activity_ids" in record._fields:
                cls.activities[name] = record.with_context(
                    mail_activity_quick_update=True
                ).activity_schedule(
                    "mail.mail_activity_data_todo", note=ACTIVITY_NOTE, user_id=coach.id
                )
        # A coach of the other lab, with a newcomer of their own.
        cls.users["coach_other"] = cls._user("coach_other", GROUP % "coach")
        cls.world["lab_other"].user_ids += cls.users["coach_other"]
        cls.world["newcomer_other"].coach_id = cls.users["coach_other"]
        cls.env.flush_all()

    @classmethod
    def _addon_records(cls):
        """``({model name: record}, [model name])``: every model the addons
        declare, from the registry, with the record of the world the matrix
        tries; and the models the matrix has no row for."""
        records, missing = {}, []
        for name in sorted(cls.env.registry):
            Model = cls.env[name]
            if Model._abstract or Model._original_module not in ADDONS:
                continue
            spec = SPECS.get(name)
            if spec is None:
                missing.append(name)
            else:
                records[name] = cls.world[spec.record]
        return records, missing

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _count(self, model, record, condition):
        """``(count, None)`` of ``record`` under ``condition``, or
        ``(None, Refused)``."""
        with mute_logger("odoo.http", "odoo.models", "odoo.osv.expression"):
            return self.try_kw(
                model,
                "search_count",
                [[("id", "=", record.id), condition]],
                {"context": {"active_test": False}},
            )

    def _reads(self, model, record):
        """Whether the current user finds ``record`` at all."""
        count, _error = self._count(model, record, ("id", "!=", False))
        return count == 1

    def _newcomer_paths(self, model):
        """The paths from ``model`` to a newcomer: itself, its many2one
        fields to newcomers, and those of the records it points to."""
        Model = self.env[model]
        paths = [""] if model == "level2work.newcomer" else []
        for name, field in Model._fields.items():
            if field.type != "many2one":
                continue
            if field.comodel_name == "level2work.newcomer":
                paths.append(f"{name}.")
                continue
            comodel = self.env[field.comodel_name]
            if comodel._original_module not in ADDONS:
                continue
            paths.extend(
                f"{name}.{sub}."
                for sub, subfield in comodel._fields.items()
                if subfield.type == "many2one"
                and subfield.comodel_name == "level2work.newcomer"
            )
        return paths

    def _probes(self, model):
        """``[(condition, hidden_from_the_role)]`` for ``model``: the
        visibility of each hidden datum is what the role itself reads."""
        note = self.notes.get(model)
        activity = self.activities.get(model)
        probes = []
        if note:
            hidden = not self._reads("mail.message", note)
            probes += [
                (("message_ids.body", "ilike", NOTE_WORD), hidden),
                (("message_ids", "any", [("body", "ilike", NOTE_WORD)]), hidden),
                (("website_message_ids.body", "ilike", NOTE_WORD), hidden),
            ]
        if activity:
            hidden = not self._reads("mail.activity", activity)
            probes.append((("activity_ids.note", "ilike", ACTIVITY_WORD), hidden))
        paths = self._newcomer_paths(model)
        if paths:
            sensitive = self.world["sensitive"]
            hidden = not self._reads(sensitive._name, sensitive)
            for path in paths:
                probes += [
                    ((f"{path}national_number", "=", N_NATIONAL_NUMBER), hidden),
                    (
                        (f"{path}sensitive_ids.birthdate", "=", str(N_BIRTHDATE)),
                        hidden,
                    ),
                    (
                        (f"{path}sensitive_ids.national_number", "=like", "8811%"),
                        hidden,
                    ),
                ]
        return probes

    def _truth(self, model, record, condition):
        """The answer without any access rule: what a leak would tell."""
        Model = self.env[model].sudo().with_context(active_test=False)
        return Model.search_count([("id", "=", record.id), condition])

    def _run_role(self, role):
        self.assertFalse(
            self.models_without_record,
            "models without a row in the security matrix: add one",
        )
        self.log_in(role)
        user = self.users[role]
        tried = leaks_tried = 0
        for model, record in self.records.items():
            if not self._reads(model, record):
                continue
            tried += 1
            for condition, hidden in self._probes(model):
                truth = self._truth(model, record, condition)
                leaks_tried += hidden and truth
                with self.subTest(model=model, role=role, condition=condition):
                    count, error = self._count(model, record, condition)
                    if error:
                        self.assertEqual(error.name, ACCESS_ERROR, error)
                    elif hidden:
                        self.assertEqual(count, 0, "the search tells hidden data")
                    else:
                        self.assertEqual(count, truth, "what the role reads is found")
            Model = self.env[model].with_user(user)
            for name, field in Model._fields.items():
                if field.is_accessible(Model.env):
                    continue
                with self.subTest(model=model, role=role, field=name):
                    count, error = self._count(model, record, (name, "!=", False))
                    self.assertEqual(
                        getattr(error, "name", None),
                        ACCESS_ERROR,
                        f"a field of a group {role} is not in is searched: {count}",
                    )
        self.assertTrue(tried, f"{role} reads no record at all")
        return leaks_tried

    # ------------------------------------------------------------------
    # Every model × every role that reads its record
    # ------------------------------------------------------------------

    def test_search_newcomer(self):
        self.assertTrue(self._run_role("newcomer"), "no probe a leak would fail")

    def test_search_employer(self):
        self.assertTrue(self._run_role("employer"), "no probe a leak would fail")

    def test_search_mentor(self):
        self.assertTrue(self._run_role("mentor"), "no probe a leak would fail")

    def test_search_staff_other(self):
        self.assertTrue(self._run_role("staff_other"), "no probe a leak would fail")

    def test_search_staff(self):
        self.assertTrue(self._run_role("staff"), "no probe a leak would fail")

    def test_search_coach(self):
        self._run_role("coach")

    def test_search_manager(self):
        self._run_role("manager")

    def test_web_client_filters_still_work(self):
        """The filters of the search views and the chatter keep working for
        staff: the coach finds their own activities and the notes on every
        record that has them, and the filters on what concerns the user
        (messages waiting for them or bounced, records they follow) answer
        without an error."""
        self.log_in("coach")
        found = [
            ("activity_user_id", "=", self.users["coach"].id),
            ("my_activity_date_deadline", "!=", False),
            ("activity_ids.note", "ilike", ACTIVITY_WORD),
            ("message_ids.body", "ilike", NOTE_WORD),
        ]
        answered = [
            ("message_needaction", "=", True),
            ("message_has_error", "=", True),
            ("message_is_follower", "=", True),
        ]
        tried = 0
        for model, record in self.records.items():
            if model not in self.activities or not self._reads(model, record):
                continue
            tried += 1
            for condition in found + answered:
                with self.subTest(model=model, condition=condition):
                    count, error = self._count(model, record, condition)
                    self.assertIsNone(error)
                    if condition in found:
                        self.assertEqual(count, 1)
        self.assertTrue(tried)

    def test_every_role_but_anonymous_is_tried(self):
        tried = {
            name.removeprefix("test_search_")
            for name in dir(self)
            if name.startswith("test_search_")
        }
        self.assertEqual(tried, set(ROLES) - {"anonymous"})

    # ------------------------------------------------------------------
    # The intake's duplicate check
    # ------------------------------------------------------------------

    def _duplicate_check(self, **values):
        """What the intake wizard shows the current user for ``values``:
        ``(ids of the newcomers it links to, the summary)``."""
        w = self.world
        vals = {
            "name": "Fatima Intakeperson",
            "lab_id": w["lab_other"].id,
            "coach_id": self.users["coach"].id,
        }
        vals.update(values)
        wizard = self.call_kw("level2work.intake.wizard", "create", [vals])
        [shown] = self.call_kw(
            "level2work.intake.wizard",
            "read",
            [[wizard], ["duplicate_ids", "duplicate_summary"]],
        )
        return shown["duplicate_ids"], shown["duplicate_summary"] or ""

    def test_duplicate_check_takes_no_pattern(self):
        email_user, email_domain = N_EMAIL.split("@")
        attempts = [
            {"email": "%"},
            {"email": "_%"},
            {"email": f"%@{email_domain}"},
            {"email": f"{email_user[:3]}%"},
            {"email": f"{email_user[:-1]}_@{email_domain}"},
            {"email": N_EMAIL[:-1]},
            {"name": "%", "birthdate": str(N_BIRTHDATE)},
            {"name": "_" * len(N_NAME), "birthdate": str(N_BIRTHDATE)},
            {"phone": N_PHONE_DIGITS[1:]},
            {"phone": "%"},
            {"national_number": "%"},
            {"national_number": "8811%"},
        ]
        for role in ("staff_other", "staff", "coach"):
            self.log_in(role)
            for values in attempts:
                with self.subTest(role=role, **values):
                    self.assertEqual(self._duplicate_check(**values), ([], ""))

    def test_duplicate_check_birthdate_not_found_by_trying(self):
        """Name and birthdate count only where the user may read the
        birthdate: N's coach finds N, staff of N's lab and of another lab
        find nothing whatever date they try."""
        dates = [N_BIRTHDATE + timedelta(days=offset) for offset in range(-2, 3)]
        for role in ("staff_other", "staff"):
            self.log_in(role)
            for birthdate in dates:
                with self.subTest(role=role, birthdate=birthdate):
                    found = self._duplicate_check(name=N_NAME, birthdate=str(birthdate))
                    self.assertEqual(found, ([], ""))
        self.log_in("coach")
        ids, summary = self._duplicate_check(name=N_NAME, birthdate=str(N_BIRTHDATE))
        self.assertEqual(ids, self.world["newcomer"].ids)
        self.assertIn("same name and birthdate", summary)

    def _assert_only_lab_and_coach(self, text):
        self.assertIn(SECM_LAB, text)
        self.assertIn(SECM_COACH, text)
        leaked = [m for m in (N_NAME, *N_MARKERS, str(N_BIRTHDATE)) if m in text]
        self.assertFalse(leaked, f"staff of another lab are told {leaked}: {text}")

    def test_duplicate_check_across_labs_tells_lab_and_coach(self):
        self.log_in("staff_other")
        for values in (
            {"email": N_EMAIL.upper()},
            {"phone": N_PHONE},
            {"national_number": N_NATIONAL_NUMBER},
        ):
            with self.subTest(**values):
                ids, summary = self._duplicate_check(**values)
                self.assertEqual(ids, [], "a link to a newcomer they cannot open")
                self._assert_only_lab_and_coach(summary)
        # The same through the form, as the web client asks while typing.
        result = self.call_kw(
            "level2work.intake.wizard",
            "onchange",
            [
                [],
                {
                    "name": "Fatima Intakeperson",
                    "email": N_EMAIL,
                    "lab_id": self.world["lab_other"].id,
                    "coach_id": self.users["coach"].id,
                },
                ["email"],
                {"email": {}, "duplicate_ids": {}, "duplicate_summary": {}},
            ],
        )
        self.assertFalse(result["value"].get("duplicate_ids"), result)
        self._assert_only_lab_and_coach(result["value"]["duplicate_summary"])
        wizard = self.call_kw(
            "level2work.intake.wizard",
            "create",
            [
                {
                    "name": "Fatima Intakeperson",
                    "national_number": N_NATIONAL_NUMBER,
                    "lab_id": self.world["lab_other"].id,
                    "coach_id": self.users["coach"].id,
                    "confirm_new_person": True,
                }
            ],
        )
        with mute_logger("odoo.http"):
            _result, error = self.try_kw(
                "level2work.intake.wizard", "action_create", [[wizard]]
            )
        self.assertEqual(error.name, "odoo.exceptions.UserError", error)
        self._assert_only_lab_and_coach(error.message)

    def test_duplicate_check_in_the_lab_names_the_newcomer(self):
        self.log_in("staff")
        ids, summary = self._duplicate_check(email=N_EMAIL)
        self.assertEqual(ids, self.world["newcomer"].ids)
        self.assertIn(N_NAME, summary)
        self.assertIn("same e-mail address", summary)

    def test_national_number_taken_in_another_lab_tells_lab_and_coach(self):
        """A coach of another lab who types N's national number for their
        own newcomer is refused with a message, not a database error, that
        says no more than the duplicate check."""
        self.log_in("coach_other")
        other = self.world["newcomer_other"]
        with mute_logger("odoo.http", "odoo.sql_db"):
            _result, error = self.try_kw(
                "level2work.newcomer",
                "write",
                [other.ids, {"national_number": N_NATIONAL_NUMBER}],
            )
        self.assertEqual(error.name, "odoo.exceptions.ValidationError", error)
        self._assert_only_lab_and_coach(
            error.message.replace(
                # The number typed is echoed, formatted as people write it.
                N_NATIONAL_NUMBER,
                "",
            )
        )
        self.assertFalse(other.sudo().sensitive_ids.national_number)
