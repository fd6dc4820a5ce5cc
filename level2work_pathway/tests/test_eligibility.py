from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import Level2workCase


@tagged("post_install", "-at_install")
class TestEligibility(Level2workCase):
    def test_eligible_newcomer_explained(self):
        newcomer = self.create_newcomer()
        self.assertTrue(newcomer.is_eligible)
        self.assertEqual(newcomer.eligible_until, date(2029, 3, 1))
        lines = newcomer.eligibility_explanation.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertTrue(all(line.startswith("✔") for line in lines), lines)
        self.assertIn(self.syria.name, lines[0])

    @freeze_time("2026-03-01")
    def test_last_day_of_five_years(self):
        newcomer = self.create_newcomer(arrival_date="2021-03-01")
        self.assertEqual(newcomer.eligible_until, date(2026, 3, 1))
        self.assertTrue(newcomer.is_eligible)

    @freeze_time("2026-03-02")
    def test_day_after_five_years(self):
        newcomer = self.create_newcomer(arrival_date="2021-03-01")
        self.assertFalse(newcomer.is_eligible)
        self.assertIn("✘ At most 5 years", newcomer.eligibility_explanation)

    def test_five_years_pass_for_a_known_newcomer(self):
        with freeze_time("2026-02-28"):
            newcomer = self.create_newcomer(arrival_date="2021-03-01")
            self.assertTrue(newcomer.is_eligible)
        with freeze_time("2026-03-02"):
            self.env["level2work.newcomer"]._cron_refresh_eligibility()
            self.assertFalse(newcomer.is_eligible)
            self.assertIn("the 5 years ended", newcomer.eligibility_explanation)

    def test_eu_origin_not_eligible(self):
        newcomer = self.create_newcomer(country_of_origin_id=self.poland.id)
        self.assertFalse(newcomer.is_eligible)
        self.assertIn("member of the EU", newcomer.eligibility_explanation)

    def test_unknown_origin_not_eligible(self):
        newcomer = self.create_newcomer(country_of_origin_id=False)
        self.assertFalse(newcomer.is_eligible)
        self.assertIn("not recorded", newcomer.eligibility_explanation)

    def test_short_cycle_diploma_only(self):
        newcomer = self.create_newcomer(isced_level="5")
        self.assertFalse(newcomer.is_eligible)
        self.assertIn("only ISCED 5", newcomer.eligibility_explanation)

    def test_diploma_added_later(self):
        newcomer = self.create_newcomer(isced_level=False)
        self.assertFalse(newcomer.is_eligible)
        self.assertIn("no diploma", newcomer.eligibility_explanation)
        newcomer.diploma_ids = [
            (0, 0, {"name": "Bachelor of Nursing", "isced_level": "6"})
        ]
        self.assertTrue(newcomer.is_eligible)
        self.assertEqual(newcomer.highest_isced_level, "6")

    def test_recognition_at_a_lower_level_counts(self):
        newcomer = self.create_newcomer(isced_level="6")
        newcomer.diploma_ids.write(
            {"recognition_state": "refused", "recognised_isced_level": "5"}
        )
        self.assertEqual(newcomer.highest_isced_level, "5")
        self.assertFalse(newcomer.is_eligible)

    def test_arrival_in_the_future_refused(self):
        with self.assertRaisesRegex(UserError, "future"):
            self.create_newcomer(arrival_date="2099-01-01")

    def test_manager_grants_justified_exception(self):
        newcomer = self.create_newcomer(country_of_origin_id=self.poland.id)
        wizard = Form(
            self.env["level2work.eligibility.exception.wizard"]
            .with_user(self.manager)
            .with_context(default_newcomer_id=newcomer.id)
        )
        wizard.reason = (
            "Roma family from Poland, excluded from the labour market; "
            "approved by the steering group."
        )
        wizard.save().action_confirm()
        self.assertTrue(newcomer.is_eligible)
        self.assertEqual(newcomer.eligibility_exception_user_id, self.manager)
        self.assertIn(
            "Exception granted by Manager Mia", newcomer.eligibility_explanation
        )
        self.assertIn("steering group", newcomer.eligibility_explanation)
        self.assertIn("✘ Origin outside the EU", newcomer.eligibility_explanation)

    def test_exception_needs_a_manager_and_a_reason(self):
        newcomer = self.create_newcomer(country_of_origin_id=self.poland.id)
        Wizard = self.env["level2work.eligibility.exception.wizard"]
        wizard = Wizard.create({"newcomer_id": newcomer.id, "reason": "ok"})
        with self.assertRaisesRegex(UserError, "full sentence"):
            wizard.action_confirm()
        with self.assertRaisesRegex(UserError, "level2work managers only"):
            newcomer.with_user(self.coach).action_revoke_eligibility_exception()
        self.assertFalse(newcomer.is_eligible)

    def test_coach_cannot_write_an_exception_directly(self):
        newcomer = self.create_newcomer(country_of_origin_id=self.poland.id)
        with self.assertRaisesRegex(AccessError, "kept by level2work itself"):
            newcomer.with_user(self.coach).write(
                {
                    "eligibility_exception": True,
                    "eligibility_exception_reason": "I say so, and the manager too.",
                    "eligibility_exception_user_id": self.manager.id,
                }
            )
        self.assertFalse(newcomer.eligibility_exception)
        self.assertFalse(newcomer.is_eligible)
