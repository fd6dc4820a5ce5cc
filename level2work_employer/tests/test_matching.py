from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import EmployerCase


@tagged("post_install", "-at_install")
class TestMatching(EmployerCase):
    """The ranking of newcomers for a vacancy: order, reasons, the Dutch gap,
    who is left out, and turning a match into a proposal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Fits in every way: civil engineering master, aims for civil engineers.
        cls.amina = cls.create_candidate(
            "Amina Haddad", dutch="B2", english="C1", aspirations=cls.isco_civil
        )
        # Same field, Dutch one level short, targets the sub-major group 21.
        cls.bilal = cls.create_candidate("Bilal Rahimi", dutch="B1", english="B2")
        # A related field (engineering), Dutch A2, no English, aims for labourers.
        cls.chen = cls.create_candidate(
            "Chen Wei",
            isced_level="6",
            field="Mechanical engineering",
            dutch="A2",
            aspirations=cls.isco_labourers,
            targets=cls.isco_mechanical,
        )
        # Would fit, but is not eligible any more (arrived over 5 years ago).
        cls.dara = cls.create_candidate("Dara Karimi", arrival_date="2015-01-10")
        # Would fit, but the pathway is closed.
        cls.emre = cls.create_candidate("Emre Yilmaz")
        cls.emre.pathway_ids.write(
            {"stage_id": cls.stage_closed.id, "outcome": "other"}
        )
        # Fits, but follows the Antwerp lab.
        cls.farah = cls.create_candidate(
            "Farah Nasser",
            aspirations=cls.isco_civil,
            english="C1",
            lab_id=cls.lab_antwerp.id,
        )

    def rank(self, user=None, **kwargs):
        """The ranking as ``user`` sees it; by default as the coach of the
        newcomers of these tests, who sees no other newcomer of the
        database."""
        return self.vacancy.with_user(user or self.coach)._rank_candidates(**kwargs)

    def test_ranking_order_and_scores(self):
        rows = self.rank()
        ranked = [row["newcomer_id"] for row in rows]
        self.assertEqual(
            ranked,
            [self.amina.id, self.farah.id, self.bilal.id, self.chen.id],
            "best fit first; not eligible and closed pathways left out",
        )
        scores = {row["newcomer_id"]: row["score"] for row in rows}
        self.assertEqual(scores[self.amina.id], 100)
        # Farah loses only the province points.
        self.assertEqual(scores[self.farah.id], 85)
        # Bilal: sub-major group (12 of 25), Dutch one level short (12 of 20).
        self.assertEqual(scores[self.bilal.id], 100 - 13 - 8)
        self.assertLess(scores[self.chen.id], scores[self.bilal.id])

    def test_reasons_per_criterion(self):
        rows = {row["newcomer_id"]: row for row in self.rank()}
        amina = rows[self.amina.id]["explanation"]
        self.assertIn("Occupation: aims for 2142 Civil engineers.", amina)
        self.assertIn("Level: the job is at the level of their education.", amina)
        self.assertIn("Field of study: Civil engineering matches", amina)
        self.assertIn("Other languages: speaks English at B2 or better.", amina)
        self.assertEqual(len(amina.splitlines()), 7, "one line per criterion")

        bilal = rows[self.bilal.id]["explanation"]
        self.assertIn("in the same sub-major group as 2142 Civil engineers", bilal)
        self.assertIn("(12/25)", bilal)

        chen = rows[self.chen.id]["explanation"]
        self.assertIn("Field of study: Mechanical engineering is related to", chen)
        self.assertIn(
            "in the same minor group", chen, "targets 2144, the vacancy is 2142"
        )
        self.assertIn("Other languages: does not speak English at B2.", chen)

        farah = rows[self.farah.id]["explanation"]
        self.assertIn("the job is in West Flanders", farah)
        self.assertIn("(0/15)", farah)

    def test_dutch_gap(self):
        rows = {row["newcomer_id"]: row for row in self.rank()}
        self.assertEqual(rows[self.amina.id]["dutch_gap"], 0)
        self.assertEqual(rows[self.bilal.id]["dutch_gap"], 1)
        self.assertEqual(rows[self.chen.id]["dutch_gap"], 2)
        self.assertIn(
            "Dutch B1, vacancy asks B2: one level short.",
            rows[self.bilal.id]["explanation"],
        )
        self.assertIn(
            "Dutch A2, vacancy asks B2: two levels short.",
            rows[self.chen.id]["explanation"],
        )
        self.assertIn(
            "Dutch B2, vacancy asks B2: meets it.", rows[self.amina.id]["explanation"]
        )
        self.assertEqual(
            self.vacancy._describe_dutch_gap("A1"),
            "Dutch A1, vacancy asks B2: 3 levels short.",
        )

    def test_below_level_job_scores_no_level_points(self):
        warehouse = self.create_vacancy(
            name="Warehouse worker",
            occupation_id=self.isco_labourers.id,
            required_isced_level=False,
            field_of_study=False,
            language_ids=False,
        )
        rows = {
            row["newcomer_id"]: row
            for row in warehouse.with_user(self.coach)._rank_candidates()
        }
        self.assertEqual(rows[self.amina.id]["level_fit"], "below_level")
        self.assertEqual(rows[self.amina.id]["level_points"], 0)
        self.assertIn(
            "Level: the job is below the level of their education.",
            rows[self.amina.id]["explanation"],
        )

    def test_already_proposed_left_out(self):
        self.propose(self.amina)
        ranked = [row["newcomer_id"] for row in self.rank()]
        self.assertNotIn(self.amina.id, ranked)
        self.assertEqual(ranked[0], self.farah.id)

    def test_newcomer_working_at_level_left_out(self):
        Placement = self.env["level2work.placement"]
        placement = Placement.create(
            {
                "pathway_id": self.amina.pathway_ids.id,
                "employer_id": self.other_employer.id,
                "occupation_id": self.isco_engineers.id,
                "date_start": "2026-01-05",
            }
        )
        self.assertTrue(placement.at_level)
        self.assertNotIn(self.amina.id, [row["newcomer_id"] for row in self.rank()])
        # A job below level does not stop the search for one at level.
        placement.write({"date_end": "2026-02-01"})
        Placement.create(
            {
                "pathway_id": self.amina.pathway_ids.id,
                "employer_id": self.other_employer.id,
                "occupation_id": self.isco_labourers.id,
                "date_start": "2026-02-02",
            }
        )
        self.assertIn(self.amina.id, [row["newcomer_id"] for row in self.rank()])

    def test_staff_rank_only_newcomers_of_their_labs(self):
        ranked = [row["newcomer_id"] for row in self.rank(user=self.staff)]
        self.assertNotIn(self.farah.id, ranked, "Farah follows the Antwerp lab")
        self.assertEqual(ranked, [self.amina.id, self.bilal.id, self.chen.id])
        antwerp = [row["newcomer_id"] for row in self.rank(user=self.staff_antwerp)]
        self.assertEqual(antwerp, [self.farah.id])

    def test_limit(self):
        self.assertEqual(len(self.rank(limit=2)), 2)

    def test_find_candidates_and_propose_in_one_click(self):
        # Desk staff of the West Flanders lab: Farah (Antwerp) is not theirs.
        action = self.vacancy.with_user(self.staff).action_find_candidates()
        lines = self.env["level2work.vacancy.match.line"].search(action["domain"])
        self.assertEqual(
            lines.newcomer_id.ids, [self.amina.id, self.bilal.id, self.chen.id]
        )
        self.assertEqual(lines[0].newcomer_id, self.amina)
        self.assertEqual(
            lines[1].dutch_comparison, "Dutch B1, vacancy asks B2: one level short."
        )
        lines[0].with_user(self.staff).action_propose()
        proposal = lines[0].proposal_id
        self.assertEqual(proposal.newcomer_id, self.amina)
        self.assertEqual(proposal.vacancy_id, self.vacancy)
        self.assertEqual(proposal.state, "suggested")
        self.assertEqual(proposal.score, 100)
        self.assertIn("Civil engineers", proposal.score_explanation)
        self.assertEqual(proposal.pathway_id, self.amina.pathway_ids)
        with self.assertRaises(UserError):
            lines[0].with_user(self.staff).action_propose()

    def test_find_candidates_needs_published_vacancy(self):
        draft = self.create_vacancy(state="draft")
        with self.assertRaisesRegex(UserError, "Publish"):
            draft.action_find_candidates()

    def test_propose_from_pathway(self):
        pathway = self.bilal.pathway_ids
        wizard = (
            self.env["level2work.pathway.propose.wizard"]
            .with_user(self.coach)
            .create(
                {
                    "pathway_id": pathway.id,
                    "vacancy_id": self.vacancy.id,
                    "experience_summary": "Six years of bridge design.",
                }
            )
        )
        self.assertEqual(wizard.score, 79)
        action = wizard.action_confirm()
        proposal = self.env["level2work.candidate.proposal"].browse(action["res_id"])
        self.assertEqual(proposal.newcomer_id, self.bilal)
        self.assertEqual(proposal.score, 79)
        self.assertEqual(
            proposal.profile_experience_summary, "Six years of bridge design."
        )
        self.assertEqual(pathway.proposal_count, 1)
        # The wizard offers the vacancy no more for Bilal, still for others.
        Vacancy = self.env["level2work.vacancy"]
        domain = wizard._fields["vacancy_id"].domain
        for newcomer, offered in ((self.bilal, False), (self.amina, True)):
            found = Vacancy.search(safe_eval(domain, {"newcomer_id": newcomer.id}))
            self.assertEqual(self.vacancy in found, offered, newcomer.name)

    def test_proposing_needs_the_consent_to_share_a_blind_profile(self):
        # Gita fits the vacancy but never agreed to share a profile: from the
        # ranking, from her pathway or directly, she cannot be proposed.
        gita = self.create_newcomer(
            name="Gita Rahmani", aspiration_ids=[(6, 0, self.isco_civil.ids)]
        )
        self.create_pathway(gita)
        refused = "Gita Rahmani has not consented to share a blind profile"
        Proposal = self.env["level2work.candidate.proposal"].with_user(self.coach)
        with self.assertRaisesRegex(UserError, refused):
            Proposal.create({"vacancy_id": self.vacancy.id, "newcomer_id": gita.id})
        action = self.vacancy.with_user(self.coach).action_find_candidates()
        line = (
            self.env["level2work.vacancy.match.line"]
            .with_user(self.coach)
            .search([*action["domain"], ("newcomer_id", "=", gita.id)])
        )
        with self.assertRaisesRegex(UserError, refused):
            line.action_propose()
        wizard = (
            self.env["level2work.pathway.propose.wizard"]
            .with_user(self.coach)
            .create({"pathway_id": gita.pathway_ids.id, "vacancy_id": self.vacancy.id})
        )
        with self.assertRaisesRegex(UserError, "record that consent on the newcomer"):
            wizard.action_confirm()
        self.assertFalse(Proposal.search([("newcomer_id", "=", gita.id)]))
        # Once the coach recorded her consent, she is proposed.
        self.give_blind_profile_consent(gita)
        wizard.action_confirm()
        self.assertEqual(
            Proposal.search([("newcomer_id", "=", gita.id)]).state, "suggested"
        )

    def test_proposal_needs_published_vacancy(self):
        draft = self.create_vacancy(state="draft")
        with self.assertRaisesRegex(UserError, "not published"):
            self.propose(self.amina, vacancy=draft)
