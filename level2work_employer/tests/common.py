from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.level2work_pathway.tests.common import Level2workCase


class EmployerCase(Level2workCase):
    """Two employers with an HR contact on the portal each, a published
    vacancy for civil engineers and helpers for newcomers with languages,
    proposals, workplace learning and placements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The reasons of a score are written in the employer's language.
        cls.env["res.lang"]._activate_lang("en_US")
        Partner = cls.env["res.partner"].with_context(default_lang="en_US")
        cls.employer = Partner.create(
            {
                "name": "Bouwbedrijf Leie (test)",
                "is_company": True,
                "is_level2work_employer": True,
                "level2work_sector": "engineering",
                "level2work_lab_id": cls.lab_west.id,
                "level2work_account_manager_id": cls.staff.id,
                "city": "Kortrijk",
            }
        )
        cls.employer_hr = Partner.create(
            {
                "name": "Hanne Hoste",
                "parent_id": cls.employer.id,
                "email": "hanne.hoste@leie.example.com",
            }
        )
        cls.employer_user = new_test_user(
            cls.env,
            "l2w_employer",
            groups="base.group_portal",
            partner_id=cls.employer_hr.id,
        )
        cls.other_employer = Partner.create(
            {
                "name": "Zorggroep Brugge (test)",
                "is_company": True,
                "is_level2work_employer": True,
                "level2work_sector": "healthcare",
                "level2work_lab_id": cls.lab_west.id,
            }
        )
        cls.other_hr = Partner.create(
            {
                "name": "Olivier Opsomer",
                "parent_id": cls.other_employer.id,
                "email": "olivier@zorggroep.example.com",
            }
        )
        cls.other_employer_user = new_test_user(
            cls.env,
            "l2w_other_employer",
            groups="base.group_portal",
            partner_id=cls.other_hr.id,
        )
        cls.french = cls.env.ref("level2work_pathway.language_fr")
        cls.isco_engineering = cls.get_occupation(
            "214",
            "Engineering professionals (excluding electrotechnology)",
            cls.isco_engineers,
        )
        cls.isco_civil = cls.get_occupation(
            "2142", "Civil engineers", cls.isco_engineering
        )
        cls.isco_mechanical = cls.get_occupation(
            "2144", "Mechanical engineers", cls.isco_engineering
        )
        cls.vacancy = cls.create_vacancy()
        # Only the gates of level2work_pathway and this addon's own: other
        # addons may add gates (e.g. group sessions before workplace
        # learning) that these tests do not set up.
        cls.env["level2work.stage.gate"].search(
            [("kind", "not in", ("eligible", "target_occupation", "placement"))]
        ).active = False

    @classmethod
    def get_occupation(cls, code, name, parent):
        """The occupation of ``code``, made when the database has none."""
        Occupation = cls.env["level2work.occupation"].with_context(active_test=False)
        return Occupation.search([("code", "=", code)]) or Occupation.create(
            {"code": code, "name": name, "parent_id": parent.id}
        )

    @classmethod
    def create_vacancy(cls, **values):
        vals = {
            "name": "Structural engineer",
            "employer_id": cls.employer.id,
            "occupation_id": cls.isco_civil.id,
            "required_isced_level": "6",
            "field_of_study": "Civil engineering",
            "field_of_education_id": cls.env.ref("level2work_pathway.isced_f_0732").id,
            "required_dutch_level": "B2",
            "language_ids": [(6, 0, cls.english.ids)],
            "language_level": "B2",
            "location": "Kortrijk",
            "province": "west_vlaanderen",
            "positions": 1,
            "state": "published",
        }
        vals.update(values)
        return cls.env["level2work.vacancy"].create(vals)

    @classmethod
    def create_candidate(
        cls,
        name,
        isced_level="7",
        field="Civil engineering",
        field_code="0732",
        dutch="B2",
        english=None,
        aspirations=None,
        targets=None,
        **values,
    ):
        """An eligible newcomer with an open pathway, a diploma in ``field``
        (of the ISCED-F field of ``field_code``), Dutch (and English) at the
        levels given, who consents to share a blind profile with employers."""
        skills = [
            (0, 0, {"language_id": cls.arabic.id, "level": "C2", "is_native": True})
        ]
        if dutch:
            skills.append((0, 0, {"language_id": cls.dutch.id, "level": dutch}))
        if english:
            skills.append((0, 0, {"language_id": cls.english.id, "level": english}))
        newcomer = cls.create_newcomer(
            name=name,
            isced_level=isced_level,
            language_skill_ids=skills,
            aspiration_ids=[(6, 0, (aspirations or cls.occupation).ids)],
            **values,
        )
        if isced_level:
            newcomer.diploma_ids.write(
                {
                    "field_of_study": field,
                    "field_of_education_id": field_code
                    and cls.env.ref(f"level2work_pathway.isced_f_{field_code}").id,
                }
            )
        cls.create_pathway(
            newcomer,
            target_occupation_ids=[(6, 0, (targets or cls.isco_engineers).ids)],
        )
        cls.give_blind_profile_consent(newcomer)
        return newcomer

    @classmethod
    def propose(cls, newcomer, vacancy=None, **values):
        """Propose ``newcomer`` as a coach does: once they consent to share a
        blind profile."""
        if not newcomer._is_blind_profile_shared():
            cls.give_blind_profile_consent(newcomer)
        vals = {"vacancy_id": (vacancy or cls.vacancy).id, "newcomer_id": newcomer.id}
        vals.update(values)
        return cls.env["level2work.candidate.proposal"].create(vals)

    @classmethod
    def give_blind_profile_consent(cls, newcomer):
        return cls.env["level2work.consent"].create(
            {
                "newcomer_id": newcomer.id,
                "purpose": "share_blind_profile",
                "date_given": cls.yesterday(),
            }
        )

    @classmethod
    def give_disclosure_consent(cls, newcomer, employer=None):
        return cls.env["level2work.consent"].create(
            {
                "newcomer_id": newcomer.id,
                "purpose": "disclose_identity",
                "recipient_partner_id": (employer or cls.employer).id,
                "date_given": cls.yesterday(),
            }
        )

    @staticmethod
    def yesterday():
        """A consent given yesterday is in force today in every time zone
        (one given "today" in Brussels is not yet at 23:30 UTC)."""
        return fields.Date.today() - timedelta(days=1)
