"""The security matrix, field by field, over real JSON-RPC.

``test_security_matrix`` decides who may read, search, create, change and
delete each model. This part of the matrix decides what of a record a role
may write and read, with the same world (``security_fixtures``) and the
same calls (``/web/dataset/call_kw`` with each role's own session):

- computed fields and the bookkeeping fields a model declares
  ``code_only`` are written by the code that owns them: every role that may
  create or change a model is refused each of them, in ``create`` and in
  ``write``, and from defaults in the context. The fields are taken from the
  registry, so that a new one is covered the day it arrives;
- a file is linked to a record only by someone who may read it, and only
  while it belongs to no other record; the newcomer portal offers for
  download only the files of the diploma;
- portal users read no internal message of a record, whatever its type;
- of each model a portal role reads, only the fields its pages show are
  readable: ``PORTAL_FIELDS`` lists them, and a new field readable on the
  portal fails the test until it is restricted or listed there;
- staff read the followers of the records of their labs only.
"""

import base64

from odoo import fields, http
from odoo.tests import HttpCase
from odoo.tools import mute_logger

from .security_fixtures import PDF, SecurityWorld
from .test_security_matrix import (
    ACCESS_ERROR,
    ADDONS,
    POLICY,
    ROLES,
    SPECS,
    RpcMixin,
    model_of,
)

PORTAL_ROLES = ("newcomer", "employer", "mentor")
DIPLOMA = "level2work.diploma"

# What each portal role may read of the models of the addons: the fields its
# portal pages show (the newcomer's data export included), those the portal
# searches and sorts on, and what Odoo needs to name and archive a record.
# Odoo's own fields (id, names, who and when, chatter) are left out.
PORTAL_FIELDS = {
    "level2work.newcomer": {
        "partner_id",
        "name",
        "email",
        "phone",
        "mobile",
        "image_128",
        "user_id",
        "lab_id",
        "coach_id",
        "country_of_origin_id",
        "arrival_date",
        "diploma_ids",
        "language_skill_ids",
        "aspiration_ids",
        "highest_isced_level",
        "dutch_level",
        "is_eligible",
        "eligible_until",
        "pathway_ids",
        "consent_ids",
        "attendance_ids",
        "active",
    },
    "level2work.newcomer.sensitive": {
        "newcomer_id",
        "national_number",
        "birthdate",
        "gender",
        "residence_status",
    },
    "level2work.diploma": {
        "newcomer_id",
        "name",
        "isced_level",
        "field_of_study",
        "field_of_education_id",
        "institution",
        "country_id",
        "year",
        "recognition_state",
        "recognition_request_date",
        "recognition_date",
        "recognised_isced_level",
        "effective_isced_level",
        "naric_reference",
    },
    "level2work.language.skill": {
        "newcomer_id",
        "language_id",
        "level",
        "is_native",
        "assessment",
        "date",
    },
    "level2work.consent": {
        "newcomer_id",
        "purpose",
        "recipient_partner_id",
        "legal_basis",
        "date_given",
        "date_expiry",
        "date_withdrawn",
        "channel",
        "text_version",
        "is_valid",
    },
    "level2work.pathway": {
        "newcomer_id",
        "stage_id",
        "coach_id",
        "date_start",
        "date_end",
        "outcome",
        "target_occupation_ids",
        "plan_short_term",
        "plan_long_term",
        "contact_ids",
        "training_ids",
        # The order of pathways.
        "priority",
        "date_last_stage_update",
        "active",
    },
    "level2work.pathway.contact": {
        "pathway_id",
        "newcomer_id",
        "date",
        "kind",
        "summary",
        "location",
        "duration",
        "user_id",
        "is_done",
        "note",
    },
    "level2work.training": {
        "pathway_id",
        "newcomer_id",
        "name",
        "kind",
        "provider_id",
        "date_start",
        "date_end",
        "hours",
        "target_level",
        "reached_level",
        "result",
        "note",
    },
    "level2work.session": {
        "name",
        "topic",
        "cohort_id",
        "date_begin",
        "location",
        "active",
    },
    "level2work.session.attendance": {
        "session_id",
        "newcomer_id",
        "state",
        "topic",
        "session_date",
    },
    "level2work.mentorship": {
        "mentor_id",
        "cohort_id",
        "state",
        "date_start",
        "date_end",
        "moment_ids",
        "moment_count",
        "introduction_ids",
        "introduction_count",
    },
    "level2work.mentorship.moment": {
        "mentorship_id",
        "date",
        "duration",
        "kind",
        "note",
    },
    "level2work.network.introduction": {
        "mentorship_id",
        "date",
        "contact_name",
        "organisation",
        "outcome",
        "note",
    },
    "level2work.vacancy": {
        "name",
        "employer_id",
        "user_id",
        "occupation_id",
        "required_isced_level",
        "field_of_study",
        "field_of_education_id",
        "required_dutch_level",
        "language_ids",
        "language_level",
        "skills",
        "description",
        "location",
        "province",
        "kind",
        "instrument",
        "positions",
        "deadline",
        "state",
        "proposal_ids",
        "proposal_count",
        # The order of vacancies.
        "date_published",
        "active",
    },
    "level2work.candidate.proposal": {
        "vacancy_id",
        "employer_id",
        "coach_id",
        "state",
        "score",
        "interest_message",
        "identity_disclosed",
        "has_blind_profile_consent",
        "candidate_reference",
        "candidate_name",
        "candidate_email",
        "candidate_phone",
        "profile_isced_level",
        "profile_field_of_study",
        "profile_diplomas",
        "profile_dutch_level",
        "profile_languages",
        "profile_occupations",
        "profile_experience_summary",
        "active",
    },
    "level2work.workplace.learning": {
        "employer_id",
        "coach_id",
        "learner_name",
        "instrument",
        "occupation_id",
        "tutor_id",
        "date_start",
        "date_end",
        "hours_per_week",
        "learning_goals",
        "state",
        "evaluation_ids",
        "midway_evaluation_id",
        "final_evaluation_id",
        "active",
    },
    "level2work.workplace.learning.evaluation": {
        "learning_id",
        "employer_id",
        "kind",
        "date",
        "filled_by_role",
        "rating_goals",
        "rating_skills",
        "rating_dutch",
        "rating_attitude",
        "goals_comment",
        "strengths",
        "improvements",
        "would_hire",
    },
    "level2work.placement": {
        "employer_id",
        "coach_id",
        "employee_name",
        "vacancy_id",
        "occupation_id",
        "job_title",
        "contract_type",
        "date_start",
        "date_end",
        "hours_per_week",
        "next_follow_up_date",
        "active",
    },
}


def is_addon_field(field):
    """A field the level2work addons declare (Odoo's own columns aside)."""
    return not field.automatic and (field._module or "").startswith(ADDONS)


def is_code_written(field):
    """Only the code writes it: computed without an inverse and not left
    editable, or declared ``code_only``."""
    return getattr(field, "code_only", False) or (
        bool(field.compute) and not field.inverse and field.readonly
    )


def allowed(role, key, letter):
    return letter in POLICY[key][ROLES.index(role)]


class TestSecurityMatrixFields(RpcMixin, SecurityWorld, HttpCase):
    def _call(self, model, method, args, kwargs=None):
        """A call that must succeed, whatever it answers (nothing, maybe)."""
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _refused(self, model, method, args, kwargs=None):
        """The error of a call that must be refused (None when it was not)."""
        with mute_logger("odoo.http", "odoo.models"):
            _result, error = self.try_kw(model, method, args, kwargs)
        return error

    # ------------------------------------------------------------------
    # Fields only the code writes
    # ------------------------------------------------------------------

    def _sample(self, field):
        """A value of the type of ``field``, to try to write."""
        kind = field.type
        if kind == "boolean":
            return True
        if kind in ("integer", "float", "monetary"):
            return 7
        if kind in ("char", "text", "html"):
            return "SecF"
        if kind == "selection":
            return (field.get_values(self.env) or [False])[-1]
        if kind == "date":
            return fields.Date.to_string(fields.Date.today())
        if kind == "datetime":
            return fields.Datetime.to_string(fields.Datetime.now())
        if kind == "many2one":
            return self.env[field.comodel_name].sudo().search([], limit=1).id
        if kind in ("many2many", "one2many"):
            return [(6, 0, [])]
        if kind in ("binary", "image"):
            return base64.b64encode(PDF).decode()
        return False

    def _code_written(self):
        """``{policy key: {field name: sample value}}`` of every model of the
        addons, from the registry."""
        result = {}
        for key in POLICY:
            model = model_of(key)
            if model.startswith("res.") or key in result:
                continue
            Model = self.env[model]
            result[key] = {
                name: self._sample(field)
                for name, field in Model._fields.items()
                if is_addon_field(field) and is_code_written(field)
            }
        return result

    def test_code_written_fields_are_refused_to_every_role(self):
        """Each role that may create or change a model is refused every
        field of it that only the code writes, in create and in write."""
        code_written = self._code_written()
        self.assertIn("is_eligible", code_written["level2work.newcomer"])
        self.assertIn(
            "eligibility_exception_user_id", code_written["level2work.newcomer"]
        )
        problems = []
        for role in ROLES[1:]:
            self.role = role
            self.log_in(role)
            for key, samples in code_written.items():
                model, spec = model_of(key), SPECS[key]
                creates, writes = allowed(role, key, "C"), allowed(role, key, "W")
                if not samples or not (creates or writes):
                    continue
                savepoint = self.cr.savepoint(flush=True)
                try:
                    create_values = creates and spec.create(self)
                    self.env.flush_all()
                    record = self.world[spec.record]
                    for name, value in samples.items():
                        label = self.env[model]._fields[name].string
                        calls = []
                        if creates:
                            calls.append(
                                ("create", [dict(create_values, **{name: value})])
                            )
                        if writes:
                            calls.append(("write", [record.ids, {name: value}]))
                        for method, args in calls:
                            error = self._refused(model, method, args)
                            if (
                                error is None
                                or error.name != ACCESS_ERROR
                                or label not in error.message
                            ):
                                problems.append(
                                    f"{model}.{name} × {role} × {method}: {error}"
                                )
                finally:
                    savepoint.close(rollback=True)
                    self.env.invalidate_all(flush=False)
        self.assertFalse(problems, "\n".join(problems))

    def test_code_written_fields_are_not_copied(self):
        """A duplicate is made from the caller's values: a field only the
        code writes is not copied, so that duplicating a record works and
        takes nothing of it along."""
        copied = [
            f"{model}.{name}"
            for model in {model_of(key) for key in SPECS}
            if not model.startswith("res.")
            for name, field in self.env[model]._fields.items()
            if is_addon_field(field) and is_code_written(field) and field.copy
        ]
        self.assertFalse(copied, "fields only the code writes, copied by copy()")

    def test_context_defaults_set_no_code_written_field(self):
        """Defaults passed in the context are no way round: the recorder of
        a consent is who recorded it, a new newcomer has no exception, no
        diploma level and is not anonymised."""
        w = self.world
        self.log_in("coach")
        other = self.users["manager"].id
        consent_id = self.call_kw(
            "level2work.consent",
            "create",
            [{"newcomer_id": w["newcomer"].id, "purpose": "process"}],
            {"context": {"default_recorded_by_id": other}},
        )
        consent = self.env["level2work.consent"].browse(consent_id)
        self.assertEqual(consent.recorded_by_id, self.users["coach"])
        newcomer_id = self.call_kw(
            "level2work.newcomer",
            "create",
            [{"name": "SecF Defaulted", "lab_id": w["lab"].id}],
            {
                "context": {
                    "default_eligibility_exception": True,
                    "default_eligibility_exception_user_id": other,
                    "default_highest_isced_level": "8",
                    "default_is_anonymized": True,
                }
            },
        )
        newcomer = self.env["level2work.newcomer"].browse(newcomer_id)
        self.assertFalse(newcomer.eligibility_exception)
        self.assertFalse(newcomer.eligibility_exception_user_id)
        self.assertFalse(newcomer.highest_isced_level)
        self.assertFalse(newcomer.is_anonymized)

    def test_eligibility_exception_is_granted_by_a_manager_through_the_wizard(self):
        """The exception, its author and its date are those of the manager
        who confirms the wizard; staff cannot revoke it."""
        w = self.world
        spare = w["newcomer_spare"]
        self.log_in("manager")
        wizard = self.call_kw(
            "level2work.eligibility.exception.wizard",
            "create",
            [
                {
                    "newcomer_id": spare.id,
                    "reason": "Diploma recognised only last month.",
                }
            ],
        )
        self._call(
            "level2work.eligibility.exception.wizard", "action_confirm", [[wizard]]
        )
        self.env.invalidate_all()
        self.assertTrue(spare.eligibility_exception)
        self.assertEqual(spare.eligibility_exception_user_id, self.users["manager"])
        self.assertEqual(spare.eligibility_exception_date, fields.Date.today())
        self.log_in("coach")
        error = self._refused(
            "level2work.newcomer", "action_revoke_eligibility_exception", [spare.ids]
        )
        self.assertEqual(error.name, "odoo.exceptions.UserError")
        self.env.invalidate_all()
        self.assertTrue(spare.eligibility_exception)
        self.log_in("manager")
        self._call(
            "level2work.newcomer", "action_revoke_eligibility_exception", [spare.ids]
        )
        self.env.invalidate_all()
        self.assertFalse(spare.eligibility_exception)
        self.assertFalse(spare.eligibility_exception_user_id)

    def test_erasure_still_erases(self):
        """A manager's erasure marks the newcomer anonymised and leaves its
        trace; nobody writes the mark themself."""
        twin = self.world["newcomer_twin"]
        self.log_in("manager")
        error = self._refused(
            "level2work.newcomer", "write", [twin.ids, {"is_anonymized": True}]
        )
        self.assertEqual(error.name, ACCESS_ERROR)
        self._call("level2work.newcomer", "action_anonymize", [twin.ids])
        self.env.invalidate_all()
        self.assertTrue(twin.is_anonymized)
        self.assertTrue(
            self.env["level2work.erasure"].search([("newcomer_id", "=", twin.id)])
        )

    # ------------------------------------------------------------------
    # Files
    # ------------------------------------------------------------------

    def _file(self, name, **values):
        return self.env["ir.attachment"].create(dict(values, name=name, raw=PDF))

    def test_staff_link_only_files_they_may_read_and_that_belong_nowhere(self):
        """Every member of staff who may change a diploma is refused a file
        of another record, another person's file and the file of a field,
        in write and in create; a file of their own is linked and then
        belongs to the diploma."""
        w = self.world
        diploma, diploma_other = w["diploma"], w["newcomer_other"].diploma_ids
        of_diploma_other = self._file(
            "secf-other-lab.pdf", res_model=DIPLOMA, res_id=diploma_other.id
        )
        of_diploma = self._file("secf-lab.pdf", res_model=DIPLOMA, res_id=diploma.id)
        of_a_partner = self._file(
            "secf-photo.png",
            res_model="res.partner",
            res_id=self.env.ref("base.partner_admin").id,
            res_field="image_1920",
        )
        unbound = self._file("secf-admin.pdf")
        targets = {
            "staff_other": (diploma_other, w["newcomer_other"], of_diploma),
            "staff": (diploma, w["newcomer"], of_diploma_other),
            "coach": (diploma, w["newcomer"], of_diploma_other),
            "manager": (diploma, w["newcomer"], of_diploma_other),
        }
        for role, (target, newcomer, foreign) in targets.items():
            self.log_in(role)
            for attachment in (foreign, of_a_partner, unbound):
                for command in ([(4, attachment.id)], [(6, 0, [attachment.id])]):
                    with self.subTest(role=role, file=attachment.name, via="write"):
                        error = self._refused(
                            DIPLOMA, "write", [target.ids, {"attachment_ids": command}]
                        )
                        self.assertEqual(getattr(error, "name", None), ACCESS_ERROR)
                        self.assertNotIn(attachment, target.attachment_ids)
                with self.subTest(role=role, file=attachment.name, via="create"):
                    error = self._refused(
                        DIPLOMA,
                        "create",
                        [
                            {
                                "newcomer_id": newcomer.id,
                                "name": "SecF Diploma",
                                "isced_level": "6",
                                "attachment_ids": [(6, 0, [attachment.id])],
                            }
                        ],
                    )
                    self.assertEqual(getattr(error, "name", None), ACCESS_ERROR)
            with self.subTest(role=role, file="their own"):
                # As the backend's upload does it for a diploma.
                own = self.call_kw(
                    "ir.attachment",
                    "create",
                    [
                        {
                            "name": f"secf-{role}.pdf",
                            "datas": base64.b64encode(PDF).decode(),
                            "res_model": DIPLOMA,
                            "res_id": 0,
                        }
                    ],
                )
                self._call(
                    DIPLOMA, "write", [target.ids, {"attachment_ids": [(4, own)]}]
                )
                attachment = self.env["ir.attachment"].browse(own)
                self.assertIn(attachment, target.attachment_ids)
                self.assertEqual(
                    (attachment.res_model, attachment.res_id), (DIPLOMA, target.id)
                )

    def test_newcomer_portal_offers_only_the_files_of_the_diploma(self):
        """A file linked to the newcomer's diploma while bound to another
        record gets no download link on /my/pathway; the newcomer's own
        upload does."""
        w = self.world
        foreign = self._file(
            "secf-someone-else.pdf",
            res_model=DIPLOMA,
            res_id=w["newcomer_other"].diploma_ids.id,
        )
        # A link made before files were checked.
        w["diploma"].attachment_ids = [(4, foreign.id)]
        self.log_in("newcomer")
        response = self.url_open(
            f"/my/pathway/diploma/{w['diploma'].id}/upload",
            data={"csrf_token": http.Request.csrf_token(self)},
            files={"document": ("secf-mine.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your document was added", response.text)
        mine = w["diploma"].attachment_ids - foreign
        self.assertIn(f"/web/content/{mine.id}?", response.text)
        self.assertNotIn(f"/web/content/{foreign.id}?", response.text)
        self.assertNotIn(foreign.name, response.text)

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------

    def test_portal_reads_no_internal_message_by_id(self):
        """What code or staff note on a record (a notification, a logged
        note, a note in the chatter) cannot be read by id, nor found, by the
        portal user who reads the record; a message sent to them can."""
        w = self.world
        Message = self.env["mail.message"]
        for role in PORTAL_ROLES:
            self.log_in(role)
            partner = self.users[role].partner_id
            for key in POLICY:
                model, record = model_of(key), w[SPECS[key].record]
                if (
                    model.startswith("res.")
                    or not allowed(role, key, "R")
                    or "message_ids" not in record._fields
                ):
                    continue
                record.message_post(body="SecF note", subtype_xmlid="mail.mt_note")
                record._message_log(body="SecF log")
                record.message_post(
                    body="SecF chatter note",
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
                sent = record.message_post(
                    body="SecF to you",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=partner.ids,
                )
                internal = Message.search(
                    [("model", "=", model), ("res_id", "=", record.id)]
                ).filtered(
                    lambda m: m.is_internal or not m.subtype_id or m.subtype_id.internal
                )
                for message in internal:
                    with self.subTest(role=role, model=model, body=message.body):
                        error = self._refused(
                            "mail.message", "read", [message.ids, ["body"]]
                        )
                        self.assertEqual(getattr(error, "name", None), ACCESS_ERROR)
                with self.subTest(role=role, model=model, search=True):
                    found = self.call_kw(
                        "mail.message",
                        "search_read",
                        [[("model", "=", model), ("res_id", "=", record.id)]],
                        {"fields": ["body"]},
                    )
                    found_ids = {m["id"] for m in found}
                    self.assertFalse(found_ids & set(internal.ids))
                    self.assertIn(sent.id, found_ids)
                    self.call_kw("mail.message", "read", [sent.ids, ["body"]])

    # ------------------------------------------------------------------
    # Fields portal users read
    # ------------------------------------------------------------------

    def test_portal_reads_only_what_its_pages_show(self):
        """Of each model a portal role reads, the fields of the addons it may
        read are those of ``PORTAL_FIELDS``."""
        w = self.world
        for role in PORTAL_ROLES:
            self.log_in(role)
            for key in POLICY:
                model = model_of(key)
                if model.startswith("res.") or not allowed(role, key, "R"):
                    continue
                with self.subTest(role=role, model=model):
                    self.assertIn(model, PORTAL_FIELDS, "a new model on the portal")
                    Model = self.env[model]
                    readable = {
                        name
                        for name in self.call_kw(model, "fields_get", [], {})
                        if is_addon_field(Model._fields[name])
                    }
                    self.assertFalse(
                        sorted(readable - PORTAL_FIELDS[model]),
                        f"{role} reads fields of {model} its portal does not show",
                    )
        # What an employer's pages never show: how a learning ended and why,
        # the follow-up of a placement, why a candidate was declined.
        self.log_in("employer")
        for record, names in (
            (w["workplace_learning"], ["outcome", "outcome_note"]),
            (w["placement"], ["follow_up_count", "next_follow_up", "at_level"]),
            (w["candidate_proposal"], ["decline_reason"]),
        ):
            for name in names:
                with self.subTest(model=record._name, field=name):
                    error = self._refused(record._name, "read", [record.ids, [name]])
                    self.assertEqual(getattr(error, "name", None), ACCESS_ERROR)

    # ------------------------------------------------------------------
    # Followers
    # ------------------------------------------------------------------

    def test_staff_read_followers_of_their_labs_only(self):
        """Staff of another lab find no follower of the lab's records; staff
        of the lab see them, and the coach follows and unfollows in the
        chatter."""
        w = self.world
        coach, newcomer = self.users["coach"].partner_id, w["newcomer"].partner_id
        followed = []
        for key in POLICY:
            model, record = model_of(key), w[SPECS[key].record]
            if model.startswith("res.") or "message_follower_ids" not in record._fields:
                continue
            record.message_subscribe(partner_ids=(coach | newcomer).ids)
            followed.append((key, record))
        self.assertTrue(followed)
        self.log_in("staff_other")
        for key, record in followed:
            if allowed("staff_other", key, "R"):
                continue
            with self.subTest(model=record._name):
                domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
                found = self.call_kw(
                    "mail.followers", "search_read", [domain], {"fields": ["name"]}
                )
                self.assertFalse(found)
                ids = self.env["mail.followers"].search(domain).ids
                error = self._refused("mail.followers", "read", [ids, ["name"]])
                self.assertEqual(getattr(error, "name", None), ACCESS_ERROR)
        pathway = w["pathway"]
        self.log_in("staff")
        found = self.call_kw(
            "mail.followers",
            "search_read",
            [[("res_model", "=", pathway._name), ("res_id", "=", pathway.id)]],
            {"fields": ["partner_id"]},
        )
        self.assertEqual({f["partner_id"][0] for f in found}, {coach.id, newcomer.id})
        self.log_in("coach")
        self._call(pathway._name, "message_unsubscribe", [pathway.ids, coach.ids])
        self.assertNotIn(coach, pathway.message_partner_ids)
        self._call(
            pathway._name,
            "message_subscribe",
            [pathway.ids],
            {"partner_ids": coach.ids},
        )
        self.assertIn(coach, pathway.message_partner_ids)
        store = self.call_kw(pathway._name, "message_get_followers", [pathway.ids])
        self.assertIn(newcomer.id, [f["partner_id"] for f in store["mail.followers"]])
