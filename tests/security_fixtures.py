"""One small level2work world for the security tests of this folder.

Two labs: West Flanders ("the lab") and Antwerp ("another lab"). In the lab:
partner staff, a coach and the newcomer they coach (N, with a portal login),
one record of every model of the three addons around N, an employer (E, with
an HR contact on the portal) and a mentor (M, with a portal login). For
contrast: another newcomer, another employer and another mentor, each with
their own portal login, and their records. Everything is made through the
models' normal ``create`` so that the records are valid.

Users get real passwords (``PASSWORD % login``) and English as language.
"""

import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

GROUP = "level2work_pathway.group_level2work_%s"
PASSWORD = "%s-Pw-2026!"
LOGIN_PREFIX = "secm_"

# The strings that identify the newcomer N. Only N, N's coach, the staff of
# N's lab and managers may ever read them.
N_NAME = "Zainab Qudsiyya"
N_SURNAME = "Qudsiyya"
N_EMAIL = "zainab.qudsiyya@example.org"
N_PHONE = "+32 470 91 82 73"
N_PHONE_DIGITS = "470918273"
N_NATIONAL_NUMBER = "88.11.04-123.33"
N_NATIONAL_DIGITS = "88110412333"
N_MARKERS = (
    N_SURNAME,
    N_EMAIL,
    N_PHONE,
    N_PHONE_DIGITS,
    N_NATIONAL_NUMBER,
    N_NATIONAL_DIGITS,
)

# The roles of the matrix, in the order the tests go through them.
ROLES = (
    "anonymous",
    "newcomer",
    "employer",
    "mentor",
    "staff_other",
    "staff",
    "coach",
    "manager",
)

# A tiny but real PDF, for the diploma upload of the newcomer portal.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def login_of(role):
    return LOGIN_PREFIX + role


def password_of(login):
    return PASSWORD % login


class SecurityWorld:
    """Mixin for an ``HttpCase``: ``cls.world`` holds the records by name,
    ``cls.users`` the user of each role (no entry for anonymous)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                lang="en_US",
                tracking_disable=True,
                mail_notrack=True,
                mail_create_nolog=True,
                no_reset_password=True,
            )
        )
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.default"].set("res.partner", "lang", "en_US")
        cls.today = fields.Date.context_today(cls.env.user)
        cls.world = {}
        cls._make_reference_data()
        cls._make_staff()
        cls._make_newcomers()
        cls._make_mentoring()
        cls._make_employer_side()
        cls._make_admin_records()
        cls._make_wizards()
        cls.env.flush_all()

    # ------------------------------------------------------------------
    # Users
    # ------------------------------------------------------------------

    @classmethod
    def _user(cls, role, groups, **values):
        login = login_of(role)
        values.setdefault("name", f"Security {role}")
        values.setdefault("email", f"{login}@example.org")
        return new_test_user(
            cls.env,
            login,
            groups=groups,
            password=password_of(login),
            lang="en_US",
            **values,
        )

    @classmethod
    def _make_staff(cls):
        lab, other_lab = cls.world["lab"], cls.world["lab_other"]
        cls.users = {
            "staff_other": cls._user("staff_other", GROUP % "user"),
            "staff": cls._user("staff", GROUP % "user"),
            "coach": cls._user("coach", GROUP % "coach"),
            "manager": cls._user("manager", GROUP % "manager"),
        }
        lab.user_ids = cls.users["staff"] | cls.users["coach"]
        other_lab.user_ids = cls.users["staff_other"]

    # ------------------------------------------------------------------
    # Reference data
    # ------------------------------------------------------------------

    @classmethod
    def _make_reference_data(cls):
        env, w = cls.env, cls.world
        Lab = env["level2work.lab"]
        w["lab"] = Lab.create(
            {"name": "SecM West Flanders", "province": "west_vlaanderen"}
        )
        w["lab_other"] = Lab.create({"name": "SecM Antwerp", "province": "antwerpen"})
        w["lab_twin"] = Lab.create({"name": "SecM Limburg", "province": "limburg"})
        w["language"] = env.ref("level2work_pathway.language_fr")
        w["language_twin"] = env["level2work.language"].create(
            {"name": "SecM Language", "code": "x-secm"}
        )
        w["occupation"] = env.ref("level2work_pathway.isco_21")
        w["occupation_twin"] = env["level2work.occupation"].create(
            {"code": "2199", "name": "SecM engineers", "parent_id": w["occupation"].id}
        )
        w["field_of_education"] = env.ref("level2work_pathway.isced_f_0613")
        w["field_of_education_twin"] = env["level2work.field.of.education"].create(
            {
                "code": "0618",
                "name": "SecM ICT field",
                "parent_id": w["field_of_education"].parent_id.id,
            }
        )
        w["stage"] = env.ref("level2work_pathway.stage_intake")
        w["stage_twin"] = env["level2work.pathway.stage"].create(
            {"name": "SecM stage", "sequence": 999}
        )
        w["gate"] = env.ref("level2work_pathway.stage_gate_eligible")
        # Only the gates of level2work_pathway: the fixtures do not follow
        # the group sessions that other gates ask for.
        env["level2work.stage.gate"].search(
            [("kind", "not in", ("eligible", "target_occupation"))]
        ).active = False
        w["reminder_rule"] = env["level2work.reminder.rule"].create(
            {"name": "SecM no contact", "kind": "no_contact", "days": 5}
        )
        w["syria"] = env.ref("base.sy")
        w["dutch"] = env.ref("level2work_pathway.language_nl")

    # ------------------------------------------------------------------
    # Newcomers and their pathways
    # ------------------------------------------------------------------

    @classmethod
    def _newcomer(cls, name, lab, coach=None, **values):
        vals = {
            "name": name,
            "email": values.pop("email", None)
            or f"{name.lower().replace(' ', '.')}@example.org",
            "lab_id": lab.id,
            "coach_id": coach.id if coach else False,
            "country_of_origin_id": cls.world["syria"].id,
            "arrival_date": cls.today - timedelta(days=400),
            "diploma_ids": [
                (
                    0,
                    0,
                    {
                        "name": "Master of Civil Engineering",
                        "isced_level": "7",
                        "field_of_study": "Civil engineering",
                        "country_id": cls.world["syria"].id,
                    },
                )
            ],
        }
        vals.update(values)
        return cls.env["level2work.newcomer"].create(vals)

    @classmethod
    def _pathway(cls, newcomer, **values):
        vals = {
            "newcomer_id": newcomer.id,
            "target_occupation_ids": [(6, 0, cls.world["occupation"].ids)],
        }
        vals.update(values)
        return cls.env["level2work.pathway"].create(vals)

    @classmethod
    def _make_newcomers(cls):
        env, w, users = cls.env, cls.world, cls.users
        lab, coach = w["lab"], users["coach"]
        w["newcomer"] = newcomer = cls._newcomer(
            N_NAME,
            lab,
            coach,
            email=N_EMAIL,
            phone=N_PHONE,
            language_skill_ids=[
                (0, 0, {"language_id": w["dutch"].id, "level": "B2"}),
            ],
        )
        newcomer.with_user(coach).national_number = N_NATIONAL_NUMBER
        newcomer.with_user(coach).gender = "female"
        w["newcomer_partner"] = newcomer.partner_id
        w["diploma"] = newcomer.diploma_ids
        w["language_skill"] = newcomer.language_skill_ids
        w["sensitive"] = newcomer.sudo().sensitive_ids
        cls.users["newcomer"] = cls._user(
            "newcomer",
            "base.group_portal",
            partner_id=newcomer.partner_id.id,
            name=N_NAME,
            email=N_EMAIL,
        )
        Consent = env["level2work.consent"]
        w["consent"] = Consent.create(
            {
                "newcomer_id": newcomer.id,
                "purpose": "share_blind_profile",
                "date_given": cls.today - timedelta(days=30),
            }
        )
        Note = env["level2work.newcomer.note"]
        w["note"] = Note.with_user(coach).create(
            {"newcomer_id": newcomer.id, "body": "<p>Looks for work in Kortrijk.</p>"}
        )
        w["note_confidential"] = Note.with_user(coach).create(
            {
                "newcomer_id": newcomer.id,
                "body": "<p>Confidential: health situation.</p>",
                "is_confidential": True,
            }
        )
        w["pathway"] = pathway = cls._pathway(newcomer)
        w["pathway_contact"] = env["level2work.pathway.contact"].create(
            {
                "pathway_id": pathway.id,
                "summary": "Intake talk",
                "note": "Talked about the diploma recognition.",
                "date": fields.Datetime.now() - timedelta(days=3),
                "user_id": coach.id,
            }
        )
        w["training"] = env["level2work.training"].create(
            {"pathway_id": pathway.id, "name": "Dutch 3.1", "hours": 40}
        )
        # A newcomer of the lab without pathway (to start one, and to delete
        # a newcomer with nothing attached) and one with a pathway to delete.
        w["newcomer_spare"] = cls._newcomer("Yusuf Spare", lab, coach)
        Consent.create(
            {"newcomer_id": w["newcomer_spare"].id, "purpose": "share_blind_profile"}
        )
        w["newcomer_twin"] = cls._newcomer("Idris Twin", lab, coach)
        w["pathway_twin"] = cls._pathway(cls._newcomer("Samir Twin", lab, coach))
        # Another newcomer, of the other lab, with a portal login.
        w["newcomer_other"] = other = cls._newcomer("Olena Kovalchuk", w["lab_other"])
        w["pathway_other"] = cls._pathway(other)
        w["language_skill_other"] = env["level2work.language.skill"].create(
            {"newcomer_id": other.id, "language_id": w["dutch"].id, "level": "A2"}
        )
        w["consent_other"] = Consent.create(
            {"newcomer_id": other.id, "purpose": "share_blind_profile"}
        )
        cls.users["newcomer_other"] = cls._user(
            "newcomer_other",
            "base.group_portal",
            partner_id=other.partner_id.id,
            name=other.name,
            email=other.email,
        )

    # ------------------------------------------------------------------
    # Mentoring
    # ------------------------------------------------------------------

    @classmethod
    def _make_mentoring(cls):
        env, w, users = cls.env, cls.world, cls.users
        lab = w["lab"]
        Mentor = env["level2work.mentor"]
        company = env["res.partner"].create(
            {"name": "SecM Mentoring Company", "is_company": True}
        )
        users["mentor"] = cls._user(
            "mentor", "base.group_portal", name="Jan Mentorsson", parent_id=company.id
        )
        users["mentor_other"] = cls._user(
            "mentor_other", "base.group_portal", name="Sofie Othermentor"
        )
        mentor_values = {
            "lab_id": lab.id,
            "capacity": 3,
            "date_preparation": cls.today - timedelta(days=90),
            "occupation_ids": [(6, 0, w["occupation"].ids)],
        }
        w["mentor"] = Mentor.create(
            dict(mentor_values, partner_id=users["mentor"].partner_id.id)
        )
        w["mentor_other"] = Mentor.create(
            dict(mentor_values, partner_id=users["mentor_other"].partner_id.id)
        )
        w["mentor_twin"] = Mentor.create(dict(mentor_values, name="Twin Mentor"))
        Cohort = env["level2work.mentoring.cohort"]
        cohort_values = {
            "lab_id": lab.id,
            "date_start": cls.today - timedelta(days=60),
            "date_end": cls.today + timedelta(days=60),
        }
        w["cohort"] = Cohort.create(dict(cohort_values, name="SecM cohort"))
        w["cohort_twin"] = Cohort.create(dict(cohort_values, name="SecM twin cohort"))
        Mentorship = env["level2work.mentorship"]
        w["mentorship"] = mentorship = Mentorship.create(
            {
                "mentor_id": w["mentor"].id,
                "pathway_id": w["pathway"].id,
                "cohort_id": w["cohort"].id,
                "date_start": cls.today - timedelta(days=20),
                "state": "active",
                "goals": "<p>An internship at a design office</p>",
            }
        )
        w["mentorship_other"] = Mentorship.create(
            {
                "mentor_id": w["mentor_other"].id,
                "pathway_id": w["pathway_other"].id,
                "date_start": cls.today - timedelta(days=20),
                "state": "active",
            }
        )
        w["mentorship_moment"] = env["level2work.mentorship.moment"].create(
            {
                "mentorship_id": mentorship.id,
                "date": cls.today - timedelta(days=5),
                "note": "Went through the CV.",
            }
        )
        Introduction = env["level2work.network.introduction"]
        w["network_introduction"] = Introduction.create(
            {
                "mentorship_id": mentorship.id,
                "date": cls.today - timedelta(days=4),
                "contact_name": "Els Vermeulen",
                "organisation": "Design Office Kortrijk",
            }
        )
        w["network_introduction_other"] = Introduction.create(
            {
                "mentorship_id": w["mentorship_other"].id,
                "date": cls.today - timedelta(days=4),
                "contact_name": "Piet Other",
                "organisation": "Other Office",
            }
        )
        w["session"] = session = env["level2work.session"].create(
            {
                "name": "SecM CV workshop",
                "topic": "cv",
                "cohort_id": w["cohort"].id,
                "date_begin": fields.Datetime.now() - timedelta(days=10),
            }
        )
        # A group session of the other lab, which its staff plan.
        w["session_other_lab"] = env["level2work.session"].create(
            {
                "name": "SecM Antwerp session",
                "topic": "networking",
                "lab_id": w["lab_other"].id,
                "date_begin": fields.Datetime.now() + timedelta(days=10),
            }
        )
        w["session_attendance_other_lab"] = env["level2work.session.attendance"].create(
            {
                "session_id": w["session_other_lab"].id,
                "newcomer_id": w["newcomer_other"].id,
            }
        )
        w["session_attendance"] = env["level2work.session.attendance"].create(
            {
                "session_id": session.id,
                "newcomer_id": w["newcomer"].id,
                "state": "attended",
            }
        )

    # ------------------------------------------------------------------
    # Employers
    # ------------------------------------------------------------------

    @classmethod
    def _employer(cls, name, hr_role, hr_name):
        Partner = cls.env["res.partner"].with_context(default_lang="en_US")
        employer = Partner.create(
            {
                "name": name,
                "is_company": True,
                "is_level2work_employer": True,
                "level2work_sector": "engineering",
                "level2work_lab_id": cls.world["lab"].id,
                "level2work_account_manager_id": cls.users["staff"].id,
                "city": "Kortrijk",
            }
        )
        cls.users[hr_role] = cls._user(
            hr_role, "base.group_portal", name=hr_name, parent_id=employer.id
        )
        return employer

    @classmethod
    def _vacancy(cls, employer, name):
        return cls.env["level2work.vacancy"].create(
            {
                "name": name,
                "employer_id": employer.id,
                "occupation_id": cls.world["occupation"].id,
                "required_isced_level": "6",
                "required_dutch_level": "B1",
                "province": "west_vlaanderen",
                "state": "published",
            }
        )

    @classmethod
    def _make_employer_side(cls):
        env, w = cls.env, cls.world
        w["employer"] = employer = cls._employer(
            "SecM Bouw NV", "employer", "Hanne Hrcontact"
        )
        w["employer_other"] = other = cls._employer(
            "SecM Zorg VZW", "employer_other", "Olivier Otherhr"
        )
        w["vacancy"] = vacancy = cls._vacancy(employer, "SecM Structural engineer")
        w["vacancy_other"] = cls._vacancy(other, "SecM Clinical engineer")
        # A vacancy the staff of the other lab follow up.
        w["vacancy_other_lab"] = cls._vacancy(other, "SecM Antwerp engineer")
        w["vacancy_other_lab"].write(
            {"lab_id": w["lab_other"].id, "user_id": cls.users["staff_other"].id}
        )
        Proposal = env["level2work.candidate.proposal"]
        w["candidate_proposal"] = Proposal.create(
            {
                "vacancy_id": vacancy.id,
                "newcomer_id": w["newcomer"].id,
                "experience_summary": "Eight years of bridge design.",
            }
        )
        w["candidate_proposal_other_lab"] = Proposal.create(
            {
                "vacancy_id": w["vacancy_other_lab"].id,
                "newcomer_id": w["newcomer_other"].id,
            }
        )
        w["candidate_proposal_other"] = Proposal.create(
            {
                "vacancy_id": w["vacancy_other"].id,
                "newcomer_id": w["newcomer_other"].id,
            }
        )
        Learning = env["level2work.workplace.learning"]
        learning_values = {
            "instrument": "ibo",
            "date_start": cls.today - timedelta(days=30),
            "date_end": cls.today + timedelta(days=60),
            "learning_goals": "Belgian building codes.",
            "state": "running",
        }
        w["workplace_learning"] = learning = Learning.create(
            dict(
                learning_values,
                pathway_id=w["pathway"].id,
                employer_id=employer.id,
            )
        )
        w["workplace_learning_other"] = Learning.create(
            dict(
                learning_values,
                pathway_id=w["pathway_other"].id,
                employer_id=other.id,
            )
        )
        w["workplace_learning_evaluation"] = env[
            "level2work.workplace.learning.evaluation"
        ].create(
            {
                "learning_id": learning.id,
                "kind": "midway",
                "filled_by_role": "employer",
                "filled_by_id": cls.users["employer"].partner_id.id,
                "rating_goals": "3",
                "strengths": "Precise.",
            }
        )
        Placement = env["level2work.placement"]
        placement_values = {
            "occupation_id": w["occupation"].id,
            "date_start": cls.today - timedelta(days=40),
            "job_title": "Junior engineer",
        }
        w["placement"] = placement = Placement.create(
            dict(
                placement_values,
                pathway_id=w["pathway"].id,
                employer_id=employer.id,
                vacancy_id=vacancy.id,
            )
        )
        w["placement_other"] = Placement.create(
            dict(
                placement_values,
                pathway_id=w["pathway_other"].id,
                employer_id=other.id,
            )
        )
        w["placement_follow_up"] = env["level2work.placement.follow.up"].create(
            {"placement_id": placement.id, "milestone": "1", "remarks": "Going well."}
        )

    # ------------------------------------------------------------------
    # Logs
    # ------------------------------------------------------------------

    @classmethod
    def _make_admin_records(cls):
        env, w = cls.env, cls.world
        w["reminder"] = env["level2work.reminder"].create(
            {
                "rule_id": w["reminder_rule"].id,
                "res_model": "level2work.pathway",
                "res_id": w["pathway"].id,
                "key": "secm",
            }
        )
        w["erasure"] = env["level2work.erasure"].create(
            {
                "newcomer_id": w["newcomer"].id,
                "reference": "SECM-ERASURE",
                "reason": "request",
                "record_count": 1,
            }
        )

    # ------------------------------------------------------------------
    # Wizards (transient records), made by the manager
    # ------------------------------------------------------------------

    @classmethod
    def _make_wizards(cls):
        env, w = cls.env(user=cls.users["manager"]), cls.world
        w["intake_wizard"] = env["level2work.intake.wizard"].create(
            cls.wizard_values("level2work.intake.wizard")
        )
        for model in (
            "level2work.eligibility.exception.wizard",
            "level2work.occupation.import.wizard",
            "level2work.mentor.match",
            "level2work.vacancy.match",
            "level2work.proposal.consent.wizard",
            "level2work.pathway.propose.wizard",
        ):
            w[model] = env[model].create(cls.wizard_values(model))
        w["level2work.mentor.match.line"] = env["level2work.mentor.match.line"].create(
            cls.wizard_values("level2work.mentor.match.line")
        )
        w["level2work.vacancy.match.line"] = env[
            "level2work.vacancy.match.line"
        ].create(cls.wizard_values("level2work.vacancy.match.line"))
        for model in (
            "level2work.intake.wizard.diploma",
            "level2work.intake.wizard.language",
        ):
            w[model] = env[model].create(cls.wizard_values(model))

    @classmethod
    def wizard_values(cls, model):
        """Values of a wizard record about the world's newcomer N."""
        w = cls.world
        values = {
            "level2work.intake.wizard": lambda: {
                "name": "Fatima Intakeperson",
                "email": "fatima.intake@example.org",
                "lab_id": w["lab"].id,
                "coach_id": cls.users["coach"].id,
            },
            "level2work.intake.wizard.diploma": lambda: {
                "wizard_id": w["intake_wizard"].id,
                "name": "Master of Pharmacy",
                "isced_level": "7",
            },
            "level2work.intake.wizard.language": lambda: {
                "wizard_id": w["intake_wizard"].id,
                "language_id": w["language"].id,
                "level": "B1",
            },
            "level2work.eligibility.exception.wizard": lambda: {
                "newcomer_id": w["newcomer"].id,
                "reason": "Arrived six years ago but only just got her diploma.",
            },
            "level2work.occupation.import.wizard": lambda: {
                "data_file": base64.b64encode(b"conceptUri,code\n").decode(),
                "file_name": "ISCOGroups_en.csv",
            },
            "level2work.mentor.match": lambda: {"pathway_id": w["pathway"].id},
            "level2work.mentor.match.line": lambda: {
                "wizard_id": w["level2work.mentor.match"].id,
                "mentor_id": w["mentor"].id,
            },
            "level2work.vacancy.match": lambda: {"vacancy_id": w["vacancy"].id},
            "level2work.vacancy.match.line": lambda: {
                "match_id": w["level2work.vacancy.match"].id,
                "newcomer_id": w["newcomer"].id,
                "score": 80,
            },
            "level2work.proposal.consent.wizard": lambda: {
                "proposal_id": w["candidate_proposal"].id
            },
            "level2work.pathway.propose.wizard": lambda: {
                "pathway_id": w["pathway"].id,
                "vacancy_id": w["vacancy_other"].id,
            },
        }
        return values[model]()
