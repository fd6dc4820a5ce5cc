from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LANGUAGES, Level2workCase, assert_translations_complete


@tagged("post_install", "-at_install")
class TestTranslations(Level2workCase):
    """Caseworkers work in Dutch and French: what they read comes from the
    addon's nl.po and fr.po."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activate_languages()

    def in_lang(self, code):
        return self.env(context=dict(self.env.context, lang=code))

    def test_languages_active(self):
        active = self.env["res.lang"].search([("code", "in", LANGUAGES)])
        self.assertEqual(set(active.mapped("code")), set(LANGUAGES))

    def test_isco_groups_official_names(self):
        group = self.env.ref("level2work_pathway.isco_2")
        self.assertEqual(
            group.with_env(self.in_lang("nl_BE")).name,
            "Intellectuele, wetenschappelijke en artistieke beroepen",
        )
        self.assertEqual(
            group.with_env(self.in_lang("fr_BE")).name,
            "Professions intellectuelles et scientifiques",
        )
        self.assertEqual(group.name, "Professionals")
        self.assertEqual(
            self.isco_engineers.with_env(self.in_lang("fr_BE")).name,
            "Spécialistes des sciences techniques",
        )

    def test_stage_names(self):
        intake = self.stage_intake
        self.assertEqual(intake.with_env(self.in_lang("fr_BE")).name, "Accueil")
        self.assertEqual(intake.with_env(self.in_lang("nl_BE")).name, "Intake")
        self.assertEqual(
            self.stage_workplace.with_env(self.in_lang("nl_BE")).name, "Werkplekleren"
        )
        self.assertEqual(
            self.stage_placement.with_env(self.in_lang("nl_BE")).name, "Plaatsing"
        )

    def test_labels_and_views(self):
        env_fr = self.in_lang("fr_BE")
        states = dict(
            self.env["level2work.diploma"]
            ._fields["recognition_state"]
            ._description_selection(env_fr)
        )
        self.assertEqual(states["level_recognised"], "Équivalence de niveau")
        env_nl = self.in_lang("nl_BE")
        field = self.env["level2work.newcomer"]._fields["national_number"]
        self.assertEqual(field.get_description(env_nl)["string"], "Rijksregisternummer")
        form = env_nl.ref("level2work_pathway.newcomer_view_form")
        self.assertIn("Persoonsgegevens wissen", form.arch_db)

    def test_eligibility_explanation_in_dutch(self):
        newcomer = (
            self.env["level2work.newcomer"]
            .with_env(self.in_lang("nl_BE"))
            .create(
                {
                    "name": "Amina Haddad",
                    "lab_id": self.lab_west.id,
                    "country_of_origin_id": self.syria.id,
                    "arrival_date": "2024-03-01",
                }
            )
        )
        explanation = newcomer.eligibility_explanation
        self.assertIn("✔ Herkomst buiten de EU", explanation)
        self.assertIn("? Diploma hoger onderwijs", explanation)
        self.assertIn("er is geen diploma ingevuld", explanation)
        self.assertEqual(newcomer.eligibility_missing, "diploma")
        self.assertFalse(newcomer.is_eligible)

    def test_gate_message_in_french(self):
        pathway = self.create_pathway(
            newcomer=self.create_newcomer(country_of_origin_id=self.poland.id)
        )
        with self.assertRaises(UserError) as caught:
            pathway.with_env(self.in_lang("fr_BE")).stage_id = self.stage_mentoring
        message = str(caught.exception)
        self.assertIn("Ce déplacement n'est pas encore possible", message)
        self.assertIn("ne peut pas encore entrer dans l'étape Mentorat", message)
        self.assertIn("ne remplit pas les critères d'éligibilité", message)
        to_check = self.create_pathway(
            newcomer=self.create_newcomer(name="Omar Khalil", isced_level=False)
        )
        with self.assertRaises(UserError) as caught:
            to_check.with_env(self.in_lang("fr_BE")).stage_id = self.stage_mentoring
        self.assertIn(
            "l'éligibilité est encore à vérifier ; encore à enregistrer : diplôme.",
            str(caught.exception),
        )

    def test_every_term_translated(self):
        assert_translations_complete(self, "level2work_pathway")
