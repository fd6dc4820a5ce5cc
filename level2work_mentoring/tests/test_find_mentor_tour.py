from odoo.tests import HttpCase, tagged

from .common import MentoringCase


@tagged("post_install", "-at_install")
class TestFindMentorTour(HttpCase, MentoringCase):
    def test_find_a_mentor_propose_and_start_in_the_browser(self):
        self.coach.lang = "en_US"
        mentor = self.create_mentor(
            "Nadia Vervaet",
            occupation_ids=[(6, 0, self.isco_engineers.ids)],
            language_ids=[(6, 0, self.english.ids)],
        )
        pathway = self.create_pathway()
        self.start_tour(
            f"/odoo/action-level2work_pathway.pathway_action/{pathway.id}",
            "level2work_mentoring_find_mentor_tour",
            login=self.coach.login,
        )
        mentorship = pathway.mentorship_ids
        self.assertEqual(mentorship.mentor_id, mentor)
        self.assertEqual(mentorship.state, "active")
        self.assertEqual(mentorship.cohort_id, self.cohort)
        self.assertTrue(mentorship.mentee_consent_given)
