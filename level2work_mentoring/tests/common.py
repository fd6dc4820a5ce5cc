from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.level2work_pathway.tests.common import Level2workCase


class MentoringCase(Level2workCase):
    """Two portal mentors of the West Flanders lab (Jan, who has a portal
    login ``l2w_mentor``, and Sofie, ``l2w_mentor_other``), a running cohort,
    and helpers for mentorships, sessions and consents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mentorship = cls.env["level2work.mentorship"]
        cls.Mentor = cls.env["level2work.mentor"]
        cls.today = fields.Date.context_today(cls.env["level2work.mentorship"])
        cls.company = cls.env["res.partner"].create(
            {"name": "Leiedal Engineering NV", "is_company": True, "city": "Kortrijk"}
        )
        cls.mentor_user = new_test_user(
            cls.env, "l2w_mentor", groups="base.group_portal", name="Jan Vandenberghe"
        )
        cls.mentor_user_other = new_test_user(
            cls.env,
            "l2w_mentor_other",
            groups="base.group_portal",
            name="Sofie Dewitte",
        )
        cls.mentor_user.partner_id.parent_id = cls.company
        cls.mentor = cls.create_mentor(
            partner=cls.mentor_user.partner_id,
            occupation_ids=[(6, 0, cls.isco_engineers.ids)],
            language_ids=[(6, 0, (cls.dutch | cls.english).ids)],
            capacity=2,
        )
        cls.mentor_other = cls.create_mentor(
            partner=cls.mentor_user_other.partner_id,
            occupation_ids=[(6, 0, cls.isco_health.ids)],
        )
        cls.cohort = cls.env["level2work.mentoring.cohort"].create(
            {
                "name": "Mentoring West Flanders (test)",
                "lab_id": cls.lab_west.id,
                "date_start": cls.today - timedelta(days=30),
                "date_end": cls.today + timedelta(days=90),
            }
        )

    @classmethod
    def create_mentor(cls, name=None, partner=None, **values):
        vals = {
            "lab_id": cls.lab_west.id,
            "capacity": 1,
            "date_preparation": cls.today - timedelta(days=60),
        }
        if partner:
            vals["partner_id"] = partner.id
        else:
            vals["name"] = name
        vals.update(values)
        return cls.env["level2work.mentor"].create(vals)

    @classmethod
    def create_mentorship(cls, pathway=None, mentor=None, **values):
        vals = {
            "pathway_id": (pathway or cls.create_pathway()).id,
            "mentor_id": (mentor or cls.mentor).id,
            "cohort_id": cls.cohort.id,
            "date_start": cls.today - timedelta(days=20),
        }
        vals.update(values)
        return cls.env["level2work.mentorship"].create(vals)

    @classmethod
    def create_session(cls, topic, days=-10, **values):
        """A session of the test cohort, ``days`` from now."""
        vals = {
            "name": f"Session {topic}",
            "topic": topic,
            "cohort_id": cls.cohort.id,
            "date_begin": fields.Datetime.now() + timedelta(days=days),
        }
        vals.update(values)
        return cls.env["level2work.session"].create(vals)

    @classmethod
    def attend(cls, newcomer, *topics, state="attended"):
        return cls.env["level2work.session.attendance"].create(
            [
                {
                    "session_id": cls.create_session(topic).id,
                    "newcomer_id": newcomer.id,
                    "state": state,
                }
                for topic in topics
            ]
        )

    @classmethod
    def give_consent(cls, newcomer, partner, **values):
        vals = {
            "newcomer_id": newcomer.id,
            "purpose": "share_with_mentor",
            "recipient_partner_id": partner.id,
            "date_given": cls.today - timedelta(days=21),
        }
        vals.update(values)
        return cls.env["level2work.consent"].create(vals)

    @staticmethod
    def english_pages(env):
        """Portal pages in English, whatever the languages of the database:
        the tests read their sentences."""
        env["res.lang"]._activate_lang("en_US")
        env["ir.default"].set("res.partner", "lang", "en_US")
        env["res.users"].search([("login", "like", "l2w_%")]).lang = "en_US"
