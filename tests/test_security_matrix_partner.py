"""No level2work model writes through to someone else's contact, over real
JSON-RPC (DESIGN.md, "Who sees what", last bullet); part of the security
matrix.

A newcomer and a mentor own their contact: it is made with them (or an
existing one is taken over only when it has no user, is no company, is no
other newcomer's or mentor's contact and the caller may edit it
themself), it is never replaced, and the contact data written on them goes
as superuser only onto a contact they own. Every other contact a record
points to is one the caller may read.

Besides the world of ``security_fixtures``, a newcomer and a mentor whose
contact is the administrator's and a mentor whose contact is the employer's
HR contact (with a portal login), as data made before contacts were owned,
or by a superuser, could be.
"""

from odoo.tests import HttpCase
from odoo.tools import mute_logger

from .security_fixtures import SecurityWorld
from .test_security_matrix import ACCESS_ERROR, SPECS, RpcMixin

BELOW_MANAGER = ("newcomer", "employer", "mentor", "staff_other", "staff", "coach")
ATTACKER_EMAIL = "attacker@example.org"
# What an attacker would change on a contact: its login's e-mail address
# (password resets are mailed there), its name, its company (a portal user
# sees what their company sees).
CONTACT_FIELDS = ("name", "email", "phone", "mobile", "function", "parent_id")
# What identifies the newcomer of the other lab.
OTHER_MARKERS = ("Kovalchuk", "olena.kovalchuk@example.org")
LINK_MIXIN = "level2work.partner.link.mixin"
OWNER_MIXIN = "level2work.partner.owner.mixin"
ADDON_PREFIX = "level2work."
# A photo of one pixel, in base64.
PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
    "hKmMIQAAAABJRU5ErkJggg=="
)


class TestPartnerOwnership(RpcMixin, SecurityWorld, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        w = cls.world
        w["admin_partner"] = cls.env.ref("base.partner_admin")
        w["hr_partner"] = cls.users["employer"].partner_id
        # Made as superuser, which these rules trust: what data made before
        # contacts were owned could hold.
        w["newcomer_on_admin"] = cls.env["level2work.newcomer"].create(
            {
                "partner_id": w["admin_partner"].id,
                "lab_id": w["lab"].id,
                "coach_id": cls.users["coach"].id,
            }
        )
        Mentor = cls.env["level2work.mentor"]
        w["mentor_on_admin"] = Mentor.create(
            {"partner_id": w["admin_partner"].id, "lab_id": w["lab"].id}
        )
        w["mentor_on_hr"] = Mentor.create(
            {"partner_id": w["hr_partner"].id, "lab_id": w["lab"].id}
        )
        w["company"] = cls.users["mentor"].partner_id.parent_id
        w["company_new"] = cls.env["res.partner"].create(
            {"name": "SecM New Company", "is_company": True}
        )
        cls.env.flush_all()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _contact(self, partner):
        """The fields of ``partner`` an attacker would change, as stored."""
        self.env.invalidate_all()
        partner = partner.sudo().with_context(active_test=False)
        values = {name: partner[name] for name in CONTACT_FIELDS}
        values["parent_id"] = values["parent_id"].id
        values["image"] = partner.image_1920
        values["owners"] = sorted(
            (model, record.id)
            for model in ("level2work.newcomer", "level2work.mentor")
            for record in self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", partner.id)])
        )
        return values

    def _create_then_write(self, model, values, changes):
        """Create a record, then write ``changes`` on it if that worked:
        ``(first answer, first error)``."""
        created, error = self.try_kw(model, "create", [values])
        if created:
            self.try_kw(model, "write", [[created], changes])
        return created, error

    def _write_then_write(self, record, values, changes):
        """Write ``values`` on ``record``, then ``changes`` if that worked."""
        result, error = self.try_kw(record._name, "write", [record.ids, values])
        if not error:
            self.try_kw(record._name, "write", [record.ids, changes])
        return result, error

    def _attempt(self, partners, attack):
        """Run ``attack()`` (which returns the first answer and error) in a
        savepoint; return that error, and the contacts ``partners`` before
        and after."""
        before = [self._contact(partner) for partner in partners]
        savepoint = self.cr.savepoint(flush=True)
        try:
            with mute_logger("odoo.http", "odoo.models"):
                _result, error = attack()
            self.env.flush_all()
            after = [self._contact(partner) for partner in partners]
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all(flush=False)
        return error, before, after

    def _partner_links(self):
        """``[(model, field)]``: every field of a level2work model by which a
        caller may point the record to a contact."""
        links = []
        for name in sorted(self.env.registry):
            Model = self.env[name]
            if not name.startswith(ADDON_PREFIX) or Model._abstract:
                continue
            for field in Model._fields.values():
                writable = not field.readonly or (field.store and not field.compute)
                if (
                    field.type == "many2one"
                    and field.comodel_name == "res.partner"
                    and writable
                ):
                    links.append((name, field.name))
        return links

    # ------------------------------------------------------------------
    # Nobody below manager changes the administrator's contact
    # ------------------------------------------------------------------

    def _admin_attacks(self):
        w = self.world
        admin, lab = w["admin_partner"].id, w["lab"].id
        grab = {"email": ATTACKER_EMAIL, "name": "Attacker"}
        return {
            "create a newcomer on the contact, with an e-mail": lambda: self.try_kw(
                "level2work.newcomer",
                "create",
                [{"partner_id": admin, "lab_id": lab, "email": ATTACKER_EMAIL}],
            ),
            "create a newcomer on the contact, then write its e-mail": (
                lambda: self._create_then_write(
                    "level2work.newcomer", {"partner_id": admin, "lab_id": lab}, grab
                )
            ),
            "create a mentor on the contact, with an e-mail and a company": (
                lambda: self.try_kw(
                    "level2work.mentor",
                    "create",
                    [
                        {
                            "partner_id": admin,
                            "lab_id": lab,
                            "email": ATTACKER_EMAIL,
                            "company_partner_id": w["employer_other"].id,
                        }
                    ],
                )
            ),
            "create a mentor on the contact, then write its e-mail and photo": (
                lambda: self._create_then_write(
                    "level2work.mentor",
                    {"partner_id": admin, "lab_id": lab},
                    dict(grab, image_1920=PIXEL, function="Attacker"),
                )
            ),
            "point the lab's newcomer to the contact, then write the e-mail": (
                lambda: self._write_then_write(
                    w["newcomer"], {"partner_id": admin}, grab
                )
            ),
            "point the lab's mentor to the contact, then write the e-mail": (
                lambda: self._write_then_write(w["mentor"], {"partner_id": admin}, grab)
            ),
            "write the e-mail of a newcomer already on the contact": (
                lambda: self.try_kw(
                    "level2work.newcomer",
                    "write",
                    [w["newcomer_on_admin"].ids, dict(grab, phone="0470 00 00 00")],
                )
            ),
            "write the e-mail of a mentor already on the contact": (
                lambda: self.try_kw(
                    "level2work.mentor",
                    "write",
                    [w["mentor_on_admin"].ids, dict(grab, image_1920=PIXEL)],
                )
            ),
            "put a mentor already on the contact under a company": (
                lambda: self.try_kw(
                    "level2work.mentor",
                    "write",
                    [
                        w["mentor_on_admin"].ids,
                        {"company_partner_id": w["employer_other"].id},
                    ],
                )
            ),
            "link the lab's newcomer to the contact from the contact": (
                lambda: self.try_kw(
                    "res.partner",
                    "write",
                    [[admin], {"level2work_newcomer_ids": [(4, w["newcomer"].id)]}],
                )
            ),
        }

    def test_no_role_below_manager_changes_the_administrators_contact(self):
        """A partner-staff user set the administrator's e-mail through a
        newcomer, and a password reset for ``admin`` went to them. No role
        below manager changes the administrator's contact through any
        level2work model, nor makes it a newcomer's or a mentor's."""
        w = self.world
        partners = (w["admin_partner"], w["newcomer_partner"], w["mentor"].partner_id)
        for role in BELOW_MANAGER:
            self.log_in(role)
            for what, attack in self._admin_attacks().items():
                with self.subTest(role=role, attack=what):
                    error, before, after = self._attempt(partners, attack)
                    self.assertEqual(before, after, f"{role}: {what} changed a contact")
                    self.assertTrue(error, f"{role}: {what} was answered")

    def test_no_role_below_manager_moves_a_portal_contact_under_a_company(self):
        """A portal user sees what their company sees: the employer's HR
        contact moved under another employer would see its vacancies and
        disclosed candidates, and so would a mentor put under an employer.
        No role below manager moves a contact with a login that way."""
        w = self.world
        other = w["employer_other"].id
        attacks = {
            "create a mentor on the HR contact, under another employer": (
                lambda: self.try_kw(
                    "level2work.mentor",
                    "create",
                    [
                        {
                            "partner_id": w["hr_partner"].id,
                            "lab_id": w["lab"].id,
                            "company_partner_id": other,
                        }
                    ],
                )
            ),
            "put a mentor already on the HR contact under another employer": (
                lambda: self.try_kw(
                    "level2work.mentor",
                    "write",
                    [w["mentor_on_hr"].ids, {"company_partner_id": other}],
                )
            ),
            "put the lab's mentor, who has a login, under an employer": (
                lambda: self.try_kw(
                    "level2work.mentor",
                    "write",
                    [w["mentor"].ids, {"company_partner_id": other}],
                )
            ),
        }
        partners = (w["hr_partner"], w["mentor"].partner_id)
        for role in BELOW_MANAGER:
            self.log_in(role)
            for what, attack in attacks.items():
                with self.subTest(role=role, attack=what):
                    error, before, after = self._attempt(partners, attack)
                    self.assertEqual(before, after, f"{role}: {what} changed a contact")
                    self.assertTrue(error, f"{role}: {what} was answered")

    def test_contact_rights_do_not_take_over_someone_elses_contact(self):
        """Staff who may edit contacts still cannot make a newcomer or mentor
        of a contact with a login (the administrator's, a portal user's), of
        a company, or of another newcomer's or mentor's contact."""
        w = self.world
        self.users["staff"].groups_id += self.env.ref("base.group_partner_manager")
        self.log_in("staff")
        contacts = {
            "the administrator's": w["admin_partner"],
            "the employer's HR contact": w["hr_partner"],
            "a company": w["company"],
            "the lab's newcomer's": w["newcomer_partner"],
            "the lab's mentor's": w["mentor_twin"].partner_id,
        }
        for model in ("level2work.newcomer", "level2work.mentor"):
            for what, partner in contacts.items():
                with self.subTest(model=model, contact=what):
                    error, before, after = self._attempt(
                        [partner],
                        lambda model=model, partner=partner: self.try_kw(
                            model,
                            "create",
                            [{"partner_id": partner.id, "lab_id": w["lab"].id}],
                        ),
                    )
                    self.assertEqual(before, after)
                    self.assertEqual(
                        getattr(error, "name", None), "odoo.exceptions.UserError"
                    )

    # ------------------------------------------------------------------
    # Staff of a lab cannot bind their records to another lab's newcomer
    # ------------------------------------------------------------------

    def _assert_not_bound(self, role, model, field, call, target):
        """``call()`` (an RPC answer and error) is refused and leaves no record
        of ``model`` pointing to ``target`` by ``field``; whatever the role
        reads back names nobody of the other lab."""
        Model = self.env[model].sudo().with_context(active_test=False)
        domain = [(field, "=", target.id)]
        self.env.invalidate_all()
        before = Model.search_count(domain)
        savepoint = self.cr.savepoint(flush=True)
        try:
            with mute_logger("odoo.http", "odoo.models"):
                result, error = call()
                shown = ""
                if result and isinstance(result, int):
                    shown = str(self.read_everything(model, result)[0])
            self.env.invalidate_all()
            after = Model.search_count(domain)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all(flush=False)
        leaked = [marker for marker in OTHER_MARKERS if marker in shown]
        self.assertEqual(
            before, after, f"{role}: {model}.{field} points to the other lab's newcomer"
        )
        self.assertFalse(leaked, f"{role}: {model}.{field} shows {leaked}")
        self.assertTrue(error, f"{role}: {model}.{field} was answered")

    def _create_values(self, model, field, target):
        values = dict(SPECS[model].create(self))
        owners = self.env.registry.descendants([OWNER_MIXIN], "_inherit")
        if field != "partner_id" and model in owners:
            # Check the field itself, not the take-over of another contact.
            values.pop("partner_id", None)
            values["name"] = "SecM Bound"
        values[field] = target.id
        return values

    def test_staff_cannot_bind_their_records_to_another_labs_newcomer(self):
        """Every field by which a record points to a contact: staff of the
        lab cannot create or change a record so that it points to the
        contact of another lab's newcomer, and so read their name, e-mail
        and photo."""
        w = self.world
        target = w["newcomer_other"].partner_id
        links = self._partner_links()
        self.assertIn(("level2work.newcomer", "partner_id"), links)
        self.assertIn(("level2work.mentor", "company_partner_id"), links)
        for role in ("staff", "coach"):
            self.role = role
            self.log_in(role)
            for model, field in links:
                with self.subTest(role=role, model=model, field=field, op="create"):
                    self._assert_not_bound(
                        role,
                        model,
                        field,
                        lambda model=model, field=field: self.try_kw(
                            model,
                            "create",
                            [self._create_values(model, field, target)],
                        ),
                        target,
                    )
                record = self.world[SPECS[model].record]
                with self.subTest(role=role, model=model, field=field, op="write"):
                    self._assert_not_bound(
                        role,
                        model,
                        field,
                        lambda record=record, field=field: self.try_kw(
                            record._name, "write", [record.ids, {field: target.id}]
                        ),
                        target,
                    )

    def test_staff_of_another_lab_cannot_bind_their_records_to_the_newcomer(self):
        """Likewise from the other side: staff of another lab, on records of
        their own lab, with the contact of the lab's newcomer N."""
        w = self.world
        target = w["newcomer_partner"]
        self.log_in("staff_other")
        other_lab = w["lab_other"].id
        calls = {
            ("level2work.newcomer", "partner_id"): {
                "partner_id": target.id,
                "lab_id": other_lab,
            },
            ("level2work.newcomer", "referral_organisation_id"): {
                "name": "SecM Bound",
                "lab_id": other_lab,
                "referral_organisation_id": target.id,
            },
            ("level2work.mentor", "partner_id"): {
                "partner_id": target.id,
                "lab_id": other_lab,
            },
        }
        for (model, field), values in calls.items():
            with self.subTest(model=model, field=field):
                self._assert_not_bound(
                    "staff_other",
                    model,
                    field,
                    lambda model=model, values=values: self.try_kw(
                        model, "create", [values]
                    ),
                    target,
                )
        session = w["session_other_lab"]
        with self.subTest(model=session._name, field="facilitator_id"):
            _result, error = self.try_kw(
                session._name, "write", [session.ids, {"facilitator_id": target.id}]
            )
            self.assertEqual(getattr(error, "name", None), ACCESS_ERROR)
            self.env.invalidate_all()
            self.assertFalse(session.facilitator_id)

    # ------------------------------------------------------------------
    # What staff do every day still works
    # ------------------------------------------------------------------

    def test_staff_register_and_edit_their_own_newcomers_and_mentors(self):
        """Staff without the right to edit contacts register a newcomer or a
        mentor with a name and an e-mail, which makes their own contact, and
        edit it afterwards, the mentor's company included while the mentor
        has no login; the portal mentor's and portal newcomer's phone too."""
        w = self.world
        for role in ("staff", "coach"):
            self.log_in(role)
            with self.subTest(role=role, model="level2work.newcomer"):
                newcomer_id = self.call_kw(
                    "level2work.newcomer",
                    "create",
                    [
                        {
                            "name": f"SecM Own {role}",
                            "email": f"own.{role}@example.org",
                            "lab_id": w["lab"].id,
                        }
                    ],
                )
                newcomer = self.env["level2work.newcomer"].browse(newcomer_id)
                partner = newcomer.partner_id
                self.assertNotIn(partner, (w["admin_partner"], w["newcomer_partner"]))
                self.assertEqual(partner.email, f"own.{role}@example.org")
                self.call_kw(
                    "level2work.newcomer",
                    "write",
                    [[newcomer_id], {"email": f"new.{role}@example.org"}],
                )
                self.env.invalidate_all()
                self.assertEqual(partner.email, f"new.{role}@example.org")
                self.assertEqual(newcomer.partner_id, partner)
            with self.subTest(role=role, model="level2work.mentor"):
                mentor_id = self.call_kw(
                    "level2work.mentor",
                    "create",
                    [
                        {
                            "name": f"SecM Mentor {role}",
                            "email": f"mentor.{role}@example.org",
                            "company_partner_id": w["company"].id,
                            "lab_id": w["lab"].id,
                        }
                    ],
                )
                partner = self.env["level2work.mentor"].browse(mentor_id).partner_id
                self.assertEqual(partner.parent_id, w["company"])
                self.call_kw(
                    "level2work.mentor",
                    "write",
                    [
                        [mentor_id],
                        {
                            "company_partner_id": w["company_new"].id,
                            "function": "Engineer",
                        },
                    ],
                )
                self.env.invalidate_all()
                self.assertEqual(partner.parent_id, w["company_new"])
                self.assertEqual(partner.function, "Engineer")
            with self.subTest(role=role, record="portal users"):
                self.call_kw(
                    "level2work.mentor",
                    "write",
                    [w["mentor"].ids, {"phone": "+32 470 00 00 02"}],
                )
                self.call_kw(
                    "level2work.newcomer",
                    "write",
                    [w["newcomer"].ids, {"phone": "+32 470 00 00 01"}],
                )
                self.env.invalidate_all()
                self.assertEqual(w["mentor"].partner_id.phone, "+32 470 00 00 02")
                self.assertEqual(w["newcomer_partner"].phone, "+32 470 00 00 01")

    @mute_logger("odoo.http")
    def test_staff_do_not_change_the_email_of_a_contact_with_a_login(self):
        """A password reset goes to a login's e-mail: staff who may edit a
        portal mentor or newcomer do not change that address (the person does,
        on the portal); a newcomer without a login keeps an editable e-mail."""
        w = self.world
        for role in ("staff", "coach"):
            self.log_in(role)
            for model, record in (
                ("level2work.mentor", w["mentor"]),
                ("level2work.newcomer", w["newcomer"]),
            ):
                with self.subTest(role=role, model=model):
                    before = record.partner_id.email
                    _result, error = self.try_kw(
                        model, "write", [record.ids, {"email": ATTACKER_EMAIL}]
                    )
                    self.env.invalidate_all()
                    self.assertEqual(error and error.name, ACCESS_ERROR)
                    self.assertEqual(record.partner_id.email, before)

    # ------------------------------------------------------------------
    # Guards: a new contact field or contact owner comes with the rules
    # ------------------------------------------------------------------

    def test_every_contact_field_follows_the_rules(self):
        """Every field of a level2work model that points to a contact is
        checked (the link mixin), a newcomer and a mentor own their contact
        (the owner mixin), and the world has a record of each such model to
        try the field on."""
        Registry = self.env.registry
        linked = Registry.descendants([LINK_MIXIN], "_inherit")
        owners = Registry.descendants([OWNER_MIXIN], "_inherit")
        self.assertLessEqual({"level2work.newcomer", "level2work.mentor"}, set(owners))
        for model, field in self._partner_links():
            with self.subTest(model=model, field=field):
                self.assertIn(model, linked, f"{model}.{field} is not checked")
                self.assertIn(model, SPECS, f"{model} has no record in the world")
