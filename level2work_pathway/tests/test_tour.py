from odoo.tests import HttpCase, tagged

from .common import Level2workCase


@tagged("post_install", "-at_install")
class TestIntakeTour(HttpCase, Level2workCase):
    def test_intake_to_kanban_in_the_browser(self):
        self.coach.lang = "en_US"
        self.start_tour("/odoo", "level2work_intake_tour", login=self.coach.login)
        newcomer = self.env["level2work.newcomer"].search(
            [("name", "=", "Tesfaye Bekele")]
        )
        self.assertEqual(newcomer.coach_id, self.coach)
        self.assertEqual(newcomer.sudo().sensitive_ids.national_number, "85073003328")
        pathway = newcomer.pathway_ids
        self.assertEqual(pathway.stage_id, self.stage_intake)
        self.assertEqual(
            len(pathway.contact_ids), 2, "the intake and the logged contact"
        )
