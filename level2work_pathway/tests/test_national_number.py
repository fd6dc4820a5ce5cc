from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import BIS_NUMBER, NN_AMINA, NN_YUSUF, Level2workCase


@tagged("post_install", "-at_install")
class TestNationalNumber(Level2workCase):
    def test_formatted_number_is_stored_normalised(self):
        newcomer = self.create_newcomer(national_number=NN_AMINA)
        self.assertEqual(newcomer.sensitive_ids.national_number, "85073003328")
        self.assertEqual(newcomer.national_number, "85.07.30-033.28", "shown formatted")
        self.assertEqual(
            newcomer.birthdate, date(1985, 7, 30), "birthdate taken from the number"
        )

    def test_number_without_separators_is_accepted(self):
        newcomer = self.create_newcomer(national_number="85073003328")
        self.assertEqual(newcomer.sensitive_ids.national_number, "85073003328")

    def test_number_born_after_2000(self):
        newcomer = self.create_newcomer(national_number=NN_YUSUF)
        self.assertEqual(newcomer.birthdate, date(2017, 7, 30))

    def test_bis_number(self):
        newcomer = self.create_newcomer(national_number=BIS_NUMBER)
        self.assertEqual(newcomer.sensitive_ids.national_number, "98472899765")
        self.assertEqual(newcomer.birthdate, date(1998, 7, 28))

    def test_wrong_check_digits_named(self):
        with self.assertRaisesRegex(ValidationError, "check digits"):
            self.create_newcomer(national_number="85.07.30-033.29")

    def test_wrong_length_named(self):
        with self.assertRaisesRegex(ValidationError, "11 digits.*has 9"):
            self.create_newcomer(national_number="85.07.30-033")

    def test_letters_named(self):
        with self.assertRaisesRegex(ValidationError, "only contain digits"):
            self.create_newcomer(national_number="85.07.30-O33.28")

    def test_duplicate_refused(self):
        self.create_newcomer(national_number=NN_AMINA)
        with self.assertRaisesRegex(
            ValidationError, "85.07.30-033.28 is already registered"
        ):
            self.create_newcomer(name="Someone Else", national_number="85073003328")

    def test_duplicate_in_another_lab_names_only_the_lab_and_coach(self):
        """The refusal tells a coach of another lab whom to call, not who
        has the number."""
        self.create_newcomer(national_number=NN_AMINA)
        coach_antwerp = new_test_user(
            self.env,
            "l2w_coach_antwerp",
            groups="level2work_pathway.group_level2work_coach",
            name="Coach Anton",
        )
        self.lab_antwerp.user_ids += coach_antwerp
        mine = self.create_newcomer(
            name="Someone Else", lab_id=self.lab_antwerp.id, coach_id=coach_antwerp.id
        )
        with self.assertRaisesRegex(ValidationError, "already registered") as caught:
            mine.with_user(coach_antwerp).national_number = NN_AMINA
        message = str(caught.exception)
        self.assertIn("Lab West Flanders (test)", message)
        self.assertIn("Coach Koen", message)
        self.assertNotIn("Amina", message)

    def test_birthdate_must_match_the_number(self):
        with self.assertRaisesRegex(ValidationError, "born on"):
            self.create_newcomer(national_number=NN_AMINA, birthdate="1986-01-01")

    def test_matching_birthdate_accepted(self):
        newcomer = self.create_newcomer(
            national_number=NN_AMINA, birthdate="1985-07-30"
        )
        self.assertEqual(newcomer.birthdate, date(1985, 7, 30))

    def test_search_by_formatted_number(self):
        newcomer = self.create_newcomer(national_number=NN_AMINA)
        found = self.env["level2work.newcomer"].search(
            [("national_number", "=", "85 07 30 033 28")]
        )
        self.assertEqual(found, newcomer)
