from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import EmployerCase


@tagged("post_install", "-at_install")
class TestPlacement(EmployerCase):
    """Placements: at level by the level rule, the pathway moving to the
    placement stage through its gates, follow-ups."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.amina = cls.create_candidate("Amina Haddad", aspirations=cls.isco_civil)
        cls.pathway = cls.amina.pathway_ids

    def create_placement(self, pathway=None, occupation=None, **values):
        vals = {
            "pathway_id": (pathway or self.pathway).id,
            "employer_id": self.employer.id,
            "vacancy_id": self.vacancy.id,
            "occupation_id": (occupation or self.isco_civil).id,
            "date_start": "2026-10-01",
            "contract_type": "permanent",
            "hours_per_week": 38,
        }
        vals.update(values)
        return self.env["level2work.placement"].create(vals)

    def test_at_level_table(self):
        """The occupation's ISCO skill level against the newcomer's ISCED
        level, by the level rule of level2work_pathway."""
        occupations = {
            4: self.isco_civil,  # professionals
            3: self.isco_technicians,
            2: self.isco_clerks,
            1: self.isco_labourers,  # elementary occupations
        }
        placements = {
            skill: self.create_placement(occupation=occupation)
            for skill, occupation in occupations.items()
        }
        expected = {
            # ISCED: {skill level: level fit}
            "8": {4: "at_level", 3: "near_level", 2: "below_level", 1: "below_level"},
            "7": {4: "at_level", 3: "near_level", 2: "below_level", 1: "below_level"},
            "6": {4: "at_level", 3: "near_level", 2: "below_level", 1: "below_level"},
            "5": {4: "at_level", 3: "at_level", 2: "near_level", 1: "below_level"},
        }
        for isced, fits in expected.items():
            self.amina.diploma_ids.isced_level = isced
            for skill, fit in fits.items():
                placement = placements[skill]
                with self.subTest(isced=isced, skill=skill):
                    self.assertEqual(placement.level_fit, fit)
                    self.assertEqual(placement.at_level, fit == "at_level")
                    self.assertEqual(
                        placement.at_level_rate, 100 if fit == "at_level" else 0
                    )

    def test_at_level_share(self):
        self.create_placement(occupation=self.isco_civil)
        self.create_placement(occupation=self.isco_clerks)
        self.create_placement(occupation=self.isco_engineers)
        self.create_placement(occupation=self.isco_labourers)
        groups = self.env["level2work.placement"]._read_group(
            [("pathway_id", "=", self.pathway.id)], [], ["at_level_rate:avg"]
        )
        self.assertEqual(groups[0][0], 50.0)

    def test_placement_moves_the_pathway_to_placement(self):
        self.assertEqual(self.pathway.stage_id, self.stage_intake)
        placement = self.create_placement()
        self.assertEqual(self.pathway.stage_id, self.stage_placement)
        self.assertIn("at level", placement.message_ids[0].body)
        self.assertEqual(self.pathway.placement_count, 1)

    def test_placement_does_not_move_a_pathway_back(self):
        self.create_placement(date_end="2026-10-31")
        self.pathway.stage_id = self.stage_follow_up
        self.create_placement(date_start="2026-11-01")
        self.assertEqual(self.pathway.stage_id, self.stage_follow_up)

    def test_placement_and_follow_up_ask_for_the_placement(self):
        """A pathway in Placement or Follow-up has its placement: the card
        cannot be moved there before it is recorded, so that the kanban, the
        placements and their report count the same people."""
        for stage in (self.stage_placement, self.stage_follow_up):
            with (
                self.subTest(stage=stage.name),
                self.assertRaisesRegex(UserError, "record the placement first"),
            ):
                self.pathway.with_user(self.coach).stage_id = stage
        self.assertEqual(self.pathway.stage_id, self.stage_intake)
        with self.assertRaisesRegex(UserError, "record the placement first"):
            self.create_pathway(
                self.create_newcomer(name="Chen Wei"), stage_id=self.stage_placement.id
            )
        self.create_placement()
        self.assertEqual(self.pathway.stage_id, self.stage_placement)
        self.pathway.with_user(self.coach).stage_id = self.stage_follow_up
        self.assertEqual(self.pathway.stage_id, self.stage_follow_up)

    def test_an_archived_placement_does_not_count(self):
        placement = self.create_placement()
        self.pathway.stage_id = self.stage_intake
        placement.active = False
        with self.assertRaisesRegex(UserError, "record the placement first"):
            self.pathway.stage_id = self.stage_placement

    def test_report_opens_on_this_years_placements_per_lab_with_counts(self):
        """*Reporting > Placements at level* opens on a pivot of the
        placements that started this year, a row per lab and a column per
        level, counted."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "level2work_employer.placement_action_report"
        )
        self.assertEqual(action["view_mode"].split(",")[0], "pivot")
        self.assertEqual(action["context"], "{'search_default_date_start': 1}")
        Placement = self.env["level2work.placement"]
        search = etree.fromstring(Placement.get_view(view_type="search")["arch"])
        (start,) = search.xpath("//filter[@name='date_start']")
        self.assertEqual(start.get("default_period"), "year")
        pivot = etree.fromstring(Placement.get_view(view_type="pivot")["arch"])
        self.assertEqual(pivot.get("display_quantity"), "1")
        self.assertEqual(
            [(f.get("name"), f.get("type")) for f in pivot.iter("field")],
            [("lab_id", "row"), ("level_fit", "col"), ("at_level_rate", "measure")],
        )

    def test_pathway_analysis_counts_every_pathway(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "level2work_pathway.pathway_action_report"
        )
        self.assertEqual(action["context"], "{}")

    def test_a_gate_holds_the_pathway_back_not_the_placement(self):
        """A hire is a fact: it is recorded even where a stage gate keeps the
        pathway in its stage, and the coach hears why."""
        newcomer = self.create_candidate("Bilal Rahimi")
        pathway = newcomer.pathway_ids
        pathway.target_occupation_ids = False
        placement = self.create_placement(pathway=pathway)
        self.assertTrue(placement.exists())
        self.assertEqual(pathway.stage_id, self.stage_intake)
        activity = pathway.activity_ids.filtered(
            lambda a: a.summary == "Move the pathway into Placement"
        )
        self.assertEqual(activity.user_id, pathway.coach_id)
        self.assertIn("choose at least one target occupation", str(activity.note))
        self.assertIn("stays in Intake", pathway.message_ids[:1].body)

    def test_dates(self):
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self.create_placement(date_end="2026-09-01")

    def test_follow_ups(self):
        placement = self.create_placement(date_start="2026-01-10")
        self.assertEqual(placement.next_follow_up, "1")
        self.assertEqual(str(placement.next_follow_up_date), "2026-02-10")
        action = placement.action_record_follow_up()
        self.assertEqual(action["context"]["default_milestone"], "1")
        self.env["level2work.placement.follow.up"].create(
            {"placement_id": placement.id, "milestone": "1", "remarks": "Going well."}
        )
        self.assertEqual(placement.next_follow_up, "3")
        self.assertEqual(str(placement.next_follow_up_date), "2026-04-10")
        self.assertEqual(placement.follow_up_count, 1)

    def test_record_placement_from_hired_proposal(self):
        proposal = self.propose(self.amina)
        self.give_disclosure_consent(self.amina)
        proposal.write({"state": "interview"})
        action = proposal.action_hire()
        placement = (
            self.env["level2work.placement"]
            .with_context(**action["context"])
            .create({"date_start": "2026-11-01"})
        )
        self.assertEqual(placement.vacancy_id, self.vacancy)
        self.assertEqual(placement.proposal_id, proposal)
        self.assertEqual(placement.employer_id, self.employer)
        self.assertEqual(placement.job_title, "Structural engineer")
        self.assertTrue(placement.at_level)
