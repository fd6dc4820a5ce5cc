from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EmployerCase


@tagged("post_install", "-at_install")
class TestWorkplaceLearning(EmployerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.amina = cls.create_candidate("Amina Haddad")
        cls.pathway = cls.amina.pathway_ids
        cls.tutor = cls.env["res.partner"].create(
            {"name": "Tom Tutor", "parent_id": cls.employer.id}
        )

    def create_learning(self, **values):
        vals = {
            "pathway_id": self.pathway.id,
            "employer_id": self.employer.id,
            "instrument": "ibo",
            "occupation_id": self.isco_civil.id,
            "tutor_id": self.tutor.id,
            "date_start": "2026-09-01",
            "date_end": "2026-11-30",
            "learning_goals": "Belgian building codes; site meetings in Dutch.",
        }
        vals.update(values)
        return self.env["level2work.workplace.learning"].create(vals)

    def test_learning_moves_the_pathway_to_workplace_learning(self):
        learning = self.create_learning()
        self.assertEqual(self.pathway.stage_id, self.stage_workplace)
        self.assertEqual(learning.level_fit, "at_level")
        self.assertEqual(self.pathway.workplace_learning_count, 1)

    def test_internship_below_level_is_flagged(self):
        learning = self.create_learning(occupation_id=self.isco_labourers.id)
        self.assertEqual(learning.level_fit, "below_level")

    def test_dates_and_outcome(self):
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self.create_learning(date_end="2026-08-01")
        learning = self.create_learning()
        learning.action_start()
        with self.assertRaisesRegex(ValidationError, "hired or not"):
            learning.action_complete()
        learning.outcome = "hired"
        learning.action_complete()
        self.assertEqual(learning.state, "completed")
        action = learning.action_create_placement()
        self.assertEqual(action["context"]["default_date_start"], "2026-12-01")

    def test_one_evaluation_of_each_kind(self):
        learning = self.create_learning()
        Evaluation = self.env["level2work.workplace.learning.evaluation"]
        Evaluation.create(
            {"learning_id": learning.id, "kind": "midway", "date": "2026-10-15"}
        )
        self.assertTrue(learning.midway_evaluation_id)
        self.assertFalse(learning.final_evaluation_id)
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            Evaluation.create(
                {"learning_id": learning.id, "kind": "midway", "date": "2026-10-20"}
            )
        with self.assertRaisesRegex(
            ValidationError, "before the workplace learning starts"
        ):
            Evaluation.create(
                {"learning_id": learning.id, "kind": "final", "date": "2026-08-01"}
            )

    def test_learner_name_shown_to_the_employer(self):
        learning = self.create_learning()
        as_employer = learning.with_user(self.employer_user)
        self.assertEqual(
            as_employer.learner_name, self.amina._get_candidate_reference(self.employer)
        )
        self.assertIn("Candidate C-", as_employer.display_name)
        self.give_disclosure_consent(self.amina)
        self.assertEqual(
            learning.with_user(self.employer_user).learner_name, "Amina Haddad"
        )
