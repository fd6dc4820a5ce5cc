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

    def test_missing_data_is_to_check_with_what_is_missing(self):
        """A person whose data is not recorded yet is not refused: their
        eligibility is to check, and says what to record."""
        newcomer = self.create_newcomer(arrival_date=False, isced_level=False)
        self.assertEqual(newcomer.eligibility_state, "to_check")
        self.assertFalse(newcomer.is_eligible)
        self.assertEqual(newcomer.eligibility_missing, "arrival date, diploma")
        lines = newcomer.eligibility_explanation.splitlines()
        self.assertTrue(lines[0].startswith("✔ Origin outside the EU"), lines)
        self.assertTrue(lines[1].startswith("? At most 5 years"), lines)
        self.assertTrue(lines[2].startswith("? Higher-education diploma"), lines)
        newcomer.arrival_date = "2024-03-01"
        newcomer.diploma_ids = [
            (0, 0, {"name": "Bachelor of Nursing", "isced_level": "6"})
        ]
        self.assertEqual(newcomer.eligibility_state, "eligible")
        self.assertTrue(newcomer.is_eligible)
        self.assertFalse(newcomer.eligibility_missing)
        self.assertEqual(
            self.env["level2work.newcomer"].search(
                [("eligibility_state", "=", "eligible"), ("id", "=", newcomer.id)]
            ),
            newcomer,
            "stored, for the filters",
        )

    def test_a_criterion_failed_is_not_eligible_whatever_is_missing(self):
        newcomer = self.create_newcomer(
            country_of_origin_id=self.poland.id, arrival_date=False
        )
        self.assertEqual(newcomer.eligibility_state, "not_eligible")
        self.assertFalse(newcomer.is_eligible)

    def test_unknown_origin_is_to_check(self):
        newcomer = self.create_newcomer(country_of_origin_id=False)
        self.assertEqual(newcomer.eligibility_state, "to_check")
        self.assertEqual(newcomer.eligibility_missing, "country of origin")

    def test_exception_makes_eligible_what_failed(self):
        newcomer = self.create_newcomer(country_of_origin_id=self.poland.id)
        self.env["level2work.eligibility.exception.wizard"].with_user(
            self.manager
        ).create(
            {
                "newcomer_id": newcomer.id,
                "reason": "Approved by the steering group for a pilot.",
            }
        ).action_confirm()
        self.assertEqual(newcomer.eligibility_state, "eligible")

    def test_a_card_to_check_says_what_to_record_to_move_on(self):
        newcomer = self.create_newcomer(arrival_date=False)
        pathway = self.create_pathway(newcomer)
        self.assertEqual(pathway.eligibility_state, "to_check")
        self.assertEqual(pathway.eligibility_missing, "arrival date")
        with self.assertRaisesRegex(
            UserError,
            "Amina Haddad cannot enter Dutch and career orientation: the "
            "eligibility is still to check; still to record: arrival date.",
        ):
            pathway.stage_id = self.stage_language
        newcomer.arrival_date = "2024-03-01"
        self.assertEqual(pathway.eligibility_state, "eligible")
        pathway.stage_id = self.stage_language
        self.assertEqual(pathway.stage_id, self.stage_language)

    def test_a_card_not_eligible_says_so(self):
        pathway = self.create_pathway(
            self.create_newcomer(country_of_origin_id=self.poland.id)
        )
        self.assertEqual(pathway.eligibility_state, "not_eligible")
        with self.assertRaisesRegex(UserError, "does not meet the eligibility"):
            pathway.stage_id = self.stage_language
