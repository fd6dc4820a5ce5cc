from odoo.tests import HttpCase, tagged

from .common import EmployerCase


@tagged("post_install", "-at_install")
class TestFindCandidatesTour(HttpCase, EmployerCase):
    def test_staff_find_candidates_and_propose_in_the_browser(self):
        vacancy = self.create_vacancy(name="Bridge engineer")
        amina = self.create_candidate(
            "Amina Haddad", english="C1", aspirations=self.isco_civil
        )
        self.create_candidate("Bilal Rahimi", dutch="B1", english="B2")
        self.start_tour(
            "/odoo",
            "level2work_employer_find_candidates_tour",
            login=self.staff.login,
        )
        proposal = vacancy.proposal_ids
        self.assertEqual(proposal.newcomer_id, amina)
        self.assertEqual(proposal.score, 100)
        self.assertIn("What fits:", proposal.score_explanation)
