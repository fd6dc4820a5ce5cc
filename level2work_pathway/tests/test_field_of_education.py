from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import Level2workCase


@tagged("post_install", "-at_install")
class TestFieldOfEducation(Level2workCase):
    """ISCED-F 2013 comes with the app: broad, narrow and detailed fields
    whose codes say where they belong, named in English, Dutch and French."""

    def field(self, code):
        return self.env.ref(f"level2work_pathway.isced_f_{code}")

    def test_the_classification_is_loaded(self):
        Field = self.env["level2work.field.of.education"]
        broad = Field.search([("level", "=", "broad")])
        self.assertEqual(
            broad.mapped("code"),
            ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10"],
        )
        narrow = Field.search([("level", "=", "narrow")])
        self.assertGreaterEqual(len(narrow), 40)
        self.assertTrue(all(f.parent_id.level == "broad" for f in narrow))
        software = self.field("0613")
        self.assertEqual(software.level, "detailed")
        self.assertEqual(software.parent_id, self.field("061"))
        self.assertEqual(software.parent_id.parent_id, self.field("06"))
        self.assertEqual(
            software.display_name,
            "0613 Software and applications development and analysis",
        )
        self.assertEqual(Field.name_search("0613")[0][0], software.id)

    def test_a_code_must_sit_under_its_broader_field(self):
        Field = self.env["level2work.field.of.education"]
        for values in (
            {"code": "0618", "parent_id": self.field("073").id},
            {"code": "06130", "parent_id": self.field("0613").id},
            {"code": "069", "parent_id": False},
            {"code": "6a"},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                Field.create({"name": "Wrong", **values})

    def test_names_in_dutch_and_french(self):
        self.activate_languages()
        software = self.field("0613")
        names = {
            lang: software.with_context(lang=lang).name for lang in ("nl_BE", "fr_BE")
        }
        self.assertEqual(
            names,
            {
                "nl_BE": "Ontwikkeling en analyse van software en toepassingen",
                "fr_BE": "Développement et analyse de logiciels et d'applications",
            },
        )
        self.assertEqual(self.field("023").with_context(lang="nl_BE").name, "Talen")

    def test_a_diploma_keeps_its_own_wording_and_its_field(self):
        newcomer = self.create_newcomer()
        diploma = newcomer.diploma_ids
        diploma.write(
            {
                "field_of_study": "Structural engineering",
                "field_of_education_id": self.field("0732").id,
            }
        )
        self.assertEqual(diploma.field_of_study, "Structural engineering")
        self.assertEqual(
            diploma.field_of_education_id.display_name,
            "0732 Building and civil engineering",
        )
