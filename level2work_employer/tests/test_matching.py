from odoo.exceptions import UserError
from odoo.tests import tagged

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
        # Mechanical engineering (the same broad field as civil engineering),
        # Dutch A2, no English, aims for labourers and targets 2144.
        cls.chen = cls.create_candidate(
            "Chen Wei",
            isced_level="6",
            field="Mechanical engineering",
            field_code="0715",
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

    def rank(self, user=None, vacancy=None, **kwargs):
        """The ranking as ``user`` sees it; by default as the coach of the
        newcomers of these tests, who sees no other newcomer of the
        database."""
        vacancy = vacancy or self.vacancy
        return vacancy.with_user(user or self.coach)._rank_candidates(**kwargs)

    def points(self, row):
        return {key: got for key, got, _most, _sentence in row["reasons"]}

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
        # Farah loses only the province.
        self.assertEqual(scores[self.farah.id], 92)
        # Bilal: the sub-major group (10 of 30), Dutch one level short (7 of 12).
        self.assertEqual(scores[self.bilal.id], 100 - 20 - 5)
        # Chen: minor group (18), broad field (5), Dutch two short (3), no
        # English (0).
        self.assertEqual(scores[self.chen.id], 18 + 5 + 10 + 15 + 3 + 0 + 8)

    def test_reasons_per_criterion(self):
        rows = {row["newcomer_id"]: row for row in self.rank()}
        amina = rows[self.amina.id]["explanation"]
        self.assertEqual(amina.splitlines()[0], "What fits:")
        self.assertIn("- Occupation: aims for 2142 Civil engineers.", amina)
        self.assertIn("- Level: the job is at the level of their education.", amina)
        self.assertIn(
            "- Field of study: Civil engineering (0732 Building and civil "
            "engineering), the field asked.",
            amina,
        )
        self.assertIn("- Other languages: speaks English at B2 or better.", amina)
        self.assertEqual(len(amina.splitlines()), 8, "a title, one line a criterion")

        bilal = rows[self.bilal.id]
        self.assertIn(
            "in the same sub-major group as 2142 Civil engineers", bilal["explanation"]
        )
        self.assertEqual(self.points(bilal)["occupation"], 10)

        chen = rows[self.chen.id]
        self.assertIn(
            "Field of study: Mechanical engineering (0715 Mechanics and metal "
            "trades), in the same broad field as the 0732 Building and civil "
            "engineering asked.",
            chen["explanation"],
        )
        self.assertIn(
            "in the same minor group", chen["explanation"], "targets 2144, not 2142"
        )
        self.assertIn(
            "Other languages: does not speak English at B2.", chen["explanation"]
        )

        farah = rows[self.farah.id]
        self.assertIn("the job is in West Flanders", farah["explanation"])
        self.assertEqual(self.points(farah)["province"], 0)

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

    def test_unknown_dutch_level_gives_no_dutch_points(self):
        gita = self.create_candidate("Gita Rahmani", dutch=None)
        (row,) = self.rank(newcomers=gita)
        self.assertEqual(self.points(row)["dutch"], 0)
        self.assertIn("Dutch level unknown, vacancy asks B2.", row["explanation"])

    def test_below_level_job_scores_no_level_points(self):
        warehouse = self.create_vacancy(
            name="Warehouse worker",
            occupation_id=self.isco_labourers.id,
            required_isced_level=False,
            field_of_study=False,
            field_of_education_id=False,
            language_ids=False,
        )
        rows = {row["newcomer_id"]: row for row in self.rank(vacancy=warehouse)}
        self.assertEqual(rows[self.amina.id]["level_fit"], "below_level")
        self.assertEqual(self.points(rows[self.amina.id])["level"], 0)
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
        self.assertIn("To work on", lines[1].reasons)
        self.assertIn("7/12", lines[1].reasons)
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

    def test_a_candidate_is_named_in_the_breadcrumb(self):
        action = self.vacancy.with_user(self.staff).action_find_candidates()
        line = (
            self.env["level2work.vacancy.match.line"]
            .with_user(self.staff)
            .search(action["domain"], limit=1)
        )
        self.assertEqual(line.display_name, "Amina Haddad for Structural engineer")

    def test_find_candidates_needs_published_vacancy(self):
        draft = self.create_vacancy(state="draft")
        with self.assertRaisesRegex(UserError, "Publish"):
            draft.action_find_candidates()

    def test_propose_from_pathway(self):
        """*Propose to a vacancy* ranks the published vacancies for the
        newcomer; Propose on a row asks for the experience summary."""
        pathway = self.bilal.pathway_ids
        action = pathway.with_user(self.coach).action_propose_to_vacancy()
        self.assertEqual(action["name"], "Vacancies for Bilal Rahimi")
        lines = (
            self.env["level2work.vacancy.match.line"]
            .with_user(self.coach)
            .search(action["domain"])
        )
        line = lines.filtered(lambda line: line.vacancy_id == self.vacancy)
        self.assertEqual(line.score, 75)
        self.assertIn("in the same sub-major group", line.reasons)
        wizard_action = line.action_propose()
        wizard = (
            self.env["level2work.pathway.propose.wizard"]
            .with_user(self.coach)
            .with_context(**wizard_action["context"])
            .create({"experience_summary": "Six years of bridge design."})
        )
        self.assertEqual(wizard.vacancy_id, self.vacancy)
        self.assertEqual(wizard.score, 75)
        proposal = self.env["level2work.candidate.proposal"].browse(
            wizard.action_confirm()["res_id"]
        )
        self.assertEqual(proposal.newcomer_id, self.bilal)
        self.assertEqual(proposal.score, 75)
        self.assertEqual(
            proposal.profile_experience_summary, "Six years of bridge design."
        )
        self.assertEqual(pathway.proposal_count, 1)
        # Ranked again, the vacancy is offered no more for Bilal.
        action = pathway.with_user(self.coach).action_propose_to_vacancy()
        lines = self.env["level2work.vacancy.match.line"].search(action["domain"])
        self.assertNotIn(self.vacancy, lines.vacancy_id)

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


@tagged("post_install", "-at_install")
class TestMatchingCriteria(EmployerCase):
    """What each criterion weighs: occupation and field of study decide, Dutch,
    other languages and province only refine; fields of study compared by
    their ISCED-F fields; both directions of the ranking give the same
    scores; what the employer reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        isco_ict = cls.env.ref("level2work_pathway.isco_25")
        cls.isco_developers = cls.get_occupation(
            "2512",
            "Software developers",
            cls.get_occupation(
                "251", "Software and applications developers and analysts", isco_ict
            ),
        )
        cls.isco_doctors = cls.get_occupation(
            "2211",
            "Generalist medical practitioners",
            cls.get_occupation("221", "Medical doctors", cls.isco_health),
        )
        cls.data_engineer = cls.create_vacancy(
            name="Data engineer",
            occupation_id=isco_ict.id,
            required_isced_level="7",
            field_of_study="Computer science",
            field_of_education_id=cls.env.ref("level2work_pathway.isced_f_061").id,
            required_dutch_level="B1",
            language_level="C1",
        )
        # Data engineers: a master, and a bachelor whose Dutch and English
        # are short.
        cls.rania = cls.create_candidate(
            "Rania Al-Masri",
            field="Computer science",
            field_code="0613",
            dutch="A2",
            english="C1",
            aspirations=cls.isco_developers,
        )
        cls.arjun = cls.create_candidate(
            "Arjun Mehta",
            isced_level="6",
            field="Computer science",
            field_code="0613",
            dutch="A2",
            english="B2",
            aspirations=cls.isco_developers,
        )
        # A general practitioner with all the Dutch and English asked, in the
        # province of the job.
        cls.noor = cls.create_candidate(
            "Noor Hassan",
            field="Medicine",
            field_code="0912",
            dutch="B1",
            english="C1",
            aspirations=cls.isco_doctors,
        )

    def rank(self, vacancy, **kwargs):
        rows = vacancy.with_user(self.coach)._rank_candidates(**kwargs)
        return {row["newcomer_id"]: row for row in rows}

    def points(self, row):
        return {key: got for key, got, _most, _sentence in row["reasons"]}

    def test_a_general_practitioner_ranks_below_the_data_engineers(self):
        rows = self.rank(self.data_engineer)
        ranked = list(rows)
        self.assertLess(ranked.index(self.rania.id), ranked.index(self.noor.id))
        self.assertLess(ranked.index(self.arjun.id), ranked.index(self.noor.id))
        noor = rows[self.noor.id]
        # Neither her occupation nor her field fits: her Dutch, English and
        # province, all as asked, add nothing.
        self.assertFalse(noor["fits"])
        self.assertEqual(
            self.points(noor),
            {
                "occupation": 0,
                "field": 0,
                "diploma": 10,
                "level": 15,
                "dutch": 12,
                "languages": 5,
                "province": 8,
            },
        )
        self.assertEqual(noor["score"], 25)
        # Computer science lies within the ICT field the vacancy asks.
        self.assertIn(
            "Field of study: Computer science (0613 Software and applications "
            "development and analysis), in the 061 Information and Communication "
            "Technologies (ICTs) asked.",
            rows[self.rania.id]["explanation"],
        )
        self.assertEqual(rows[self.arjun.id]["score"], 30 + 20 + 4 + 15 + 7 + 0 + 8)
        self.assertIn(
            "far from 25 Information and communications technology professionals.",
            noor["explanation"],
        )

    def test_fields_of_study_compared_by_isced_f(self):
        developer = self.create_vacancy(
            name="Junior software developer",
            occupation_id=self.isco_developers.id,
            field_of_study="Software engineering",
            field_of_education_id=self.env.ref("level2work_pathway.isced_f_0613").id,
        )
        databases = self.create_candidate(
            "Dmytro Shevchenko", field="Information systems", field_code="0612"
        )
        unclassified = self.create_candidate(
            "Valentina Gómez", field="Computer science", field_code=False
        )
        rows = self.rank(developer)
        # Software engineering ~ computer science: the same detailed field.
        rania = rows[self.rania.id]
        self.assertEqual(self.points(rania)["field"], 20)
        self.assertIn(
            "Field of study: Computer science (0613 Software and applications "
            "development and analysis), the field asked.",
            rania["explanation"].split("What the coach")[0],
        )
        # The same narrow field (ICT), the same broad field, none.
        self.assertEqual(self.points(rows[databases.id])["field"], 12)
        self.assertIn("in the same narrow field as", rows[databases.id]["explanation"])
        self.assertEqual(self.points(rows[self.noor.id])["field"], 0)
        # A diploma whose field is not classified: the words are not compared.
        self.assertEqual(self.points(rows[unclassified.id])["field"], 0)
        self.assertIn(
            "Field of study: no diploma classified in a field of education yet",
            rows[unclassified.id]["explanation"],
        )

    def test_vacancies_ranked_for_a_newcomer_with_the_same_scores(self):
        """The other direction: the published vacancies ranked for one
        newcomer, by the same criteria, give each pair the score and the
        reasons of the ranking of candidates."""
        draft = self.create_vacancy(name="Draft job", state="draft")
        proposed = self.create_vacancy(name="Proposed already")
        self.propose(self.rania, vacancy=proposed)
        Vacancy = self.env["level2work.vacancy"].with_user(self.coach)
        rows = Vacancy._rank_vacancies(self.rania)
        ours = [
            row
            for row in rows
            if row["vacancy_id"] in (self.vacancy | self.data_engineer).ids
        ]
        self.assertEqual(
            [row["vacancy_id"] for row in ours],
            [self.data_engineer.id, self.vacancy.id],
        )
        found = {row["vacancy_id"] for row in rows}
        self.assertNotIn(draft.id, found, "only published vacancies")
        self.assertNotIn(proposed.id, found, "not those she is proposed for")
        for row in ours:
            vacancy = Vacancy.browse(row["vacancy_id"])
            (other_way,) = vacancy._rank_candidates(newcomers=self.rania)
            with self.subTest(vacancy=vacancy.name):
                self.assertEqual(row["score"], other_way["score"])
                self.assertEqual(row["reasons"], other_way["reasons"])

    def test_the_employer_reads_what_fits_and_what_to_work_on(self):
        """No list of crosses: what fits, then what the coach will work on,
        and no points."""
        proposal = self.propose(self.arjun, vacancy=self.data_engineer)
        text = proposal.score_explanation
        fits, to_work_on = text.split(
            "What the coach will work on with the candidate:\n"
        )
        self.assertTrue(fits.startswith("What fits:\n"))
        self.assertIn("- Occupation: aims for 2512 Software developers", fits)
        self.assertIn("- Dutch A2, vacancy asks B1: one level short.", to_work_on)
        self.assertIn("- Other languages: does not speak English at C1.", to_work_on)
        self.assertIn("- Diploma: ISCED 6 - bachelor, below", to_work_on)
        for mark in ("✘", "✔", "/10", "/30"):
            self.assertNotIn(mark, text)
