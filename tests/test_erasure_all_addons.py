"""The right to erasure and the right of access hold across the three addons.

One newcomer has data everywhere: a pathway with contact moments, notes (one
confidential), consents, a mentorship with contact moments, an introduction
and a group session, a proposal with the employer's message in its chatter,
workplace learning with an evaluation, a placement with a follow-up,
attachments and a portal login. After ``action_anonymize()`` no column of
the database holds their name, e-mail, phone or national number, while what
ESF reporting counts stays.
"""

from datetime import timedelta

from lxml import html

from odoo import fields
from odoo.tests import HttpCase, new_test_user

from odoo.addons.level2work_employer.tests.common import EmployerCase
from odoo.addons.level2work_mentoring.tests.common import MentoringCase
from odoo.addons.level2work_pathway.tests.test_privacy import find_everywhere

NAME = "Soraya Kheirandish"
SURNAME = "Kheirandish"
EMAIL = "soraya.kheirandish@example.org"
PHONE = "+32 472 91 83 64"
NATIONAL_NUMBER = "88041223421"
NEEDLES = [
    NAME,
    SURNAME,
    EMAIL,
    PHONE,
    "472 91 83 64",
    "472918364",
    NATIONAL_NUMBER,
    "88.04.12-234.21",
]
OTHER_NAME = "Bahram Ostovari"


class PersonEverywhereCase(EmployerCase, MentoringCase):
    """One newcomer with data in the pathway, mentoring and employer addons;
    chatter tracking on, as in production."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=False, mail_notrack=False)
        )
        cls.newcomer = cls.create_newcomer(
            name=NAME,
            email=EMAIL,
            phone=PHONE,
            national_number=NATIONAL_NUMBER,
            residence_status="refugee",
            gender="female",
        )
        cls.person_data(cls.newcomer)

    @classmethod
    def person_data(cls, newcomer):
        """Data of ``newcomer`` in every addon, free text naming them."""
        name = newcomer.name
        env = cls.env
        today = fields.Date.context_today(newcomer)
        pathway = cls.create_pathway(
            newcomer, plan_short_term=f"<p>{name} starts Dutch 3</p>"
        )
        cls.log_contact(pathway)
        pathway.contact_ids.note = f"Met {name} at the desk"
        Note = env["level2work.newcomer.note"]
        Note.create({"newcomer_id": newcomer.id, "body": f"<p>{name} moved</p>"})
        Note.create(
            {
                "newcomer_id": newcomer.id,
                "body": f"<p>{name} sleeps badly since the flight</p>",
                "is_confidential": True,
            }
        )
        newcomer.message_post(body=f"Phoned {name}")
        # Mentoring
        cls.give_consent(newcomer, cls.mentor.partner_id)
        mentorship = cls.create_mentorship(
            pathway,
            goals=f"<p>{name} wants a job in bridge design</p>",
            outcome_note=f"{name} found a job",
        )
        mentorship.action_activate()
        env["level2work.mentorship.moment"].create(
            [
                {
                    "mentorship_id": mentorship.id,
                    "date": today - timedelta(days=days),
                    "duration": 1.5,
                    "note": f"Went over the CV of {name}",
                }
                for days in (10, 3)
            ]
        )
        env["level2work.network.introduction"].create(
            {
                "mentorship_id": mentorship.id,
                "date": today - timedelta(days=2),
                "contact_name": "Pieter Vanhoutte",
                "organisation": "Stad Kortrijk",
                "outcome": "interview",
                "note": f"Pieter will call {name}",
            }
        )
        mentorship.message_post(body=f"{name} and Jan met in Kortrijk")
        attendance = cls.attend(newcomer, "cv")
        attendance.note = f"{name} came with her daughter"
        # Employer
        cls.give_disclosure_consent(newcomer)
        proposal = cls.propose(
            newcomer, experience_summary=f"{name}: ten years of bridge design"
        )
        proposal.sudo()._mark_interested(
            cls.employer_hr, message=f"We would like to meet {name} on Monday."
        )
        proposal.action_introduce()
        learning = env["level2work.workplace.learning"].create(
            {
                "pathway_id": pathway.id,
                "employer_id": cls.employer.id,
                "instrument": "internship",
                "occupation_id": cls.isco_civil.id,
                "date_start": today - timedelta(days=60),
                "date_end": today - timedelta(days=5),
                "hours_per_week": 38,
                "learning_goals": f"{name} learns the Eurocodes",
            }
        )
        env["level2work.workplace.learning.evaluation"].create(
            {
                "learning_id": learning.id,
                "kind": "final",
                "date": today - timedelta(days=5),
                "filled_by_role": "employer",
                "rating_goals": "4",
                "rating_skills": "4",
                "rating_dutch": "3",
                "rating_attitude": "4",
                "strengths": f"{name} is precise",
                "would_hire": "yes",
            }
        )
        learning.write({"state": "completed", "outcome": "hired"})
        proposal.action_interview()
        proposal.action_hire()
        placement = env["level2work.placement"].create(
            {
                "pathway_id": pathway.id,
                "employer_id": cls.employer.id,
                "vacancy_id": cls.vacancy.id,
                "proposal_id": proposal.id,
                "occupation_id": cls.isco_civil.id,
                "job_title": "Structural engineer",
                "date_start": today - timedelta(days=4),
                "hours_per_week": 38,
            }
        )
        env["level2work.placement.follow.up"].create(
            {
                "placement_id": placement.id,
                "milestone": "1",
                "date": today,
                "remarks": f"{name} is happy; call {newcomer.phone}",
            }
        )
        mentorship.write({"outcome": "job"})
        mentorship.action_complete()
        for record in (proposal, mentorship, placement, learning):
            env["ir.attachment"].create(
                {
                    "name": f"{name} {record._description}.pdf",
                    "raw": f"%PDF-1.4 {name}".encode(),
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        return pathway


class TestErasureAllAddons(PersonEverywhereCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.users"].create(
            {
                "name": NAME,
                "login": EMAIL,
                "partner_id": cls.newcomer.partner_id.id,
                "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
                "lang": "en_US",
            }
        )
        # What a coach left open in a wizard, and a ranking of candidates.
        pathway = cls.newcomer.pathway_ids
        env["level2work.pathway.propose.wizard"].create(
            {
                "pathway_id": pathway.id,
                "vacancy_id": cls.create_vacancy(name="Bridge inspector").id,
                "experience_summary": f"{NAME} inspected bridges in Tabriz",
            }
        )
        env["level2work.mentor.match"].create({"pathway_id": pathway.id})

    def anonymize(self):
        self.newcomer.with_user(self.manager).action_anonymize()
        # Run what the commit would run (tracking values are written then).
        self.env.cr.flush()

    def test_nothing_of_the_person_is_left_anywhere(self):
        self.env.cr.flush()
        found = find_everywhere(self.env, NEEDLES)
        for table in (
            "level2work_mentorship",
            "level2work_mentorship_moment",
            "level2work_network_introduction",
            "level2work_session_attendance",
            "level2work_candidate_proposal",
            "level2work_workplace_learning",
            "level2work_workplace_learning_evaluation",
            "level2work_placement_follow_up",
            "level2work_pathway_propose_wizard",
            "mail_message",
            "mail_activity",
            "ir_attachment",
            "res_users",
        ):
            with self.subTest(table=table):
                self.assertIn(table, {t for t, _column in found}, "found before")
        self.anonymize()
        self.assertEqual(find_everywhere(self.env, NEEDLES), {})

    def test_counts_for_reporting_stay(self):
        self.anonymize()
        newcomer = self.newcomer.with_context(active_test=False)
        pathway = newcomer.pathway_ids
        mentorship = pathway.mentorship_ids
        self.assertEqual(len(mentorship), 1)
        self.assertEqual(
            (mentorship.state, mentorship.outcome, mentorship.mentor_id),
            ("completed", "job", self.mentor),
        )
        self.assertFalse(mentorship.goals)
        self.assertFalse(mentorship.outcome_note)
        self.assertEqual(mentorship.moment_count, 2)
        self.assertEqual(sum(mentorship.moment_ids.mapped("duration")), 3.0)
        self.assertFalse(any(mentorship.moment_ids.mapped("note")))
        introduction = mentorship.introduction_ids
        self.assertEqual(
            (introduction.contact_name, introduction.organisation),
            ("Pieter Vanhoutte", "Stad Kortrijk"),
            "the mentor's network is not the person's data",
        )
        self.assertEqual(introduction.outcome, "interview")
        self.assertFalse(introduction.note)
        attendance = newcomer.attendance_ids
        self.assertEqual((attendance.topic, attendance.state), ("cv", "attended"))
        self.assertFalse(attendance.note)

        proposal = self.env["level2work.candidate.proposal"].search(
            [("newcomer_id", "=", newcomer.id)]
        )
        self.assertEqual(proposal.state, "hired")
        self.assertTrue(proposal.score)
        self.assertFalse(proposal.experience_summary)
        self.assertFalse(proposal.interest_message)
        self.assertFalse(proposal.score_explanation)
        learning = pathway.workplace_learning_ids
        self.assertEqual(
            (learning.instrument, learning.hours_per_week, learning.outcome),
            ("internship", 38, "hired"),
        )
        self.assertEqual(learning.level_fit, "at_level")
        self.assertFalse(learning.learning_goals)
        evaluation = learning.evaluation_ids
        self.assertEqual((evaluation.rating_goals, evaluation.would_hire), ("4", "yes"))
        self.assertFalse(evaluation.strengths)
        placement = pathway.placement_ids
        self.assertEqual(len(placement), 1)
        self.assertTrue(placement.at_level)
        self.assertEqual(placement.occupation_id, self.isco_civil)
        self.assertFalse(placement.job_title)
        follow_up = placement.follow_up_ids
        self.assertTrue(follow_up.still_employed and follow_up.at_level)
        self.assertFalse(follow_up.remarks)
        # What the employer reads now: the reference, nothing more.
        self.assertNotIn(SURNAME, proposal.with_user(self.employer_user).display_name)
        erasure = self.env["level2work.erasure"].search(
            [("newcomer_id", "=", newcomer.id)]
        )
        self.assertGreater(erasure.record_count, 10)
        self.assertGreaterEqual(erasure.attachment_count, 4)


class TestDataExportAllAddons(HttpCase, PersonEverywhereCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person_user = new_test_user(
            cls.env,
            "l2w_soraya",
            groups="base.group_portal",
            partner_id=cls.newcomer.partner_id.id,
            lang="en_US",
        )
        # Someone else with data in every addon: none of it may show.
        cls.other = cls.create_newcomer(name=OTHER_NAME)
        cls.mentor.capacity = 2
        cls.vacancy.positions = 2
        cls.vacancy.state = "published"
        cls.person_data(cls.other)

    def test_json_export_has_every_addon_and_only_the_person(self):
        self.authenticate("l2w_soraya", "l2w_soraya")
        response = self.url_open("/my/pathway/data.json")
        self.assertEqual(response.status_code, 200)
        sections = response.json()["sections"]
        mentorship = sections["Mentorships"]
        self.assertEqual(len(mentorship), 1)
        self.assertEqual(mentorship[0]["Mentor"], "Jan Vandenberghe")
        self.assertEqual(mentorship[0]["Outcome"], "Job")
        self.assertEqual(mentorship[0]["Goals"], f"{NAME} wants a job in bridge design")
        self.assertEqual(len(sections["Contact moments with the mentor"]), 2)
        introduction = sections["Introductions into the mentor's network"][0]
        self.assertEqual(introduction["Organisation"], "Stad Kortrijk")
        self.assertEqual(sections["Group sessions"][0]["Attendance"], "Attended")
        proposal = sections["Proposals to employers"][0]
        self.assertEqual(proposal["Vacancy"], "Structural engineer")
        self.assertEqual(proposal["Employer"], "Bouwbedrijf Leie (test)")
        self.assertEqual(proposal["Status"], "Hired")
        self.assertIs(proposal["Identity disclosed"], True)
        self.assertEqual(sections["Workplace learning"][0]["Instrument"], "Internship")
        evaluation = sections["Evaluations of workplace learning"][0]
        self.assertEqual(evaluation["Strengths"], f"{NAME} is precise")
        placement = sections["Placements"][0]
        self.assertIs(placement["At level"], True)
        self.assertEqual(sections["Placement follow-ups"][0]["After"], "1 month")
        self.assertNotIn(OTHER_NAME, response.text)
        self.assertNotIn("ostovari", response.text.lower())

    def test_data_page_shows_the_sections(self):
        self.authenticate("l2w_soraya", "l2w_soraya")
        response = self.url_open("/my/pathway/data")
        self.assertEqual(response.status_code, 200)
        for title in ("Mentorships", "Proposals to employers", "Placements"):
            self.assertIn(title, response.text)
        self.assertIn("Stad Kortrijk", response.text)
        self.assertNotIn(OTHER_NAME, response.text)

    def test_markup_typed_anywhere_is_inert_on_the_data_page(self):
        script = '<script>alert("l2w")</script>'
        image = '<img src="x" onerror="alert(1)">'
        mentorship = self.newcomer.pathway_ids.mentorship_ids
        mentorship.moment_ids[:1].note = f"CV {script}"
        mentorship.goals = f"<p>Bridges {image}</p>"
        proposal = self.env["level2work.candidate.proposal"].search(
            [("newcomer_id", "=", self.newcomer.id)]
        )
        proposal.experience_summary = f"Design {image}"
        self.authenticate("l2w_soraya", "l2w_soraya")
        response = self.url_open("/my/pathway/data")
        self.assertEqual(response.status_code, 200)
        tree = html.fromstring(response.text)
        self.assertFalse(tree.xpath("//script[contains(., 'l2w')]"))
        self.assertFalse(tree.xpath("//*[@onerror='alert(1)']"))
        self.assertFalse(tree.xpath("//img[@src='x']"))
        text = tree.text_content()
        self.assertIn(f"CV {script}", text)
        self.assertIn(f"Design {image}", text)
