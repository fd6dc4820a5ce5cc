import base64
import csv
import io

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import file_open

from .common import Level2workCase


@tagged("post_install", "-at_install")
class TestOccupationImport(Level2workCase):
    """The ESCO importer on small files in the layout of the official ESCO
    v1.2 CSV downloads (tests/data; the URIs and ESCO codes of the
    occupations there are made up for the tests)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_BE")
        cls.Occupation = cls.env["level2work.occupation"].with_context(
            active_test=False
        )

    @staticmethod
    def _fixture(file_name):
        with file_open(f"level2work_pathway/tests/data/{file_name}", "rb") as file:
            return file.read()

    def _import(self, file_name, kind, language="en", content=None, user=None):
        """Run the importer as a manager; return the notification's message."""
        if content is None:
            content = self._fixture(file_name)
        wizard = (
            self.env["level2work.occupation.import.wizard"]
            .with_user(user or self.manager)
            .create(
                {
                    "data_file": base64.b64encode(content),
                    "file_name": file_name,
                    "kind": kind,
                    "language": language,
                }
            )
        )
        action = wizard.action_import()
        self.assertEqual(action["tag"], "display_notification")
        return action["params"]["message"]

    def _import_english(self):
        self._import("ISCOGroups_en.csv", "isco_group")
        self._import("occupations_en.csv", "occupation")

    def _get(self, code):
        occupation = self.Occupation.search([("code", "=", code)])
        self.assertEqual(len(occupation), 1, f"one occupation {code}")
        return occupation

    def test_isco_groups_build_the_hierarchy_from_their_codes(self):
        message = self._import("ISCOGroups_en.csv", "isco_group")
        # 264, 2641, 2642, 2643, 962, 9621 are new; 2, 26, 9, 96 ship with
        # the app and get their ESCO URI and description.
        self.assertIn("6 created, 4 updated, 0 unchanged, 1 skipped", message)
        self.assertIn(
            "its broader group 351 is neither in the file nor loaded", message
        )
        group = self._get("2643")
        self.assertEqual(group.name, "Translators, interpreters and other linguists")
        self.assertEqual(group.depth, "4")
        self.assertEqual(group.skill_level, 4)
        self.assertEqual(group.esco_uri, "http://data.europa.eu/esco/isco/C2643")
        self.assertIn('Tasks include "translating"', group.description)
        self.assertEqual(group.parent_id, self._get("264"))
        self.assertEqual(group.parent_id.depth, "3")
        self.assertEqual(
            group.parent_id.parent_id, self.env.ref("level2work_pathway.isco_26")
        )
        self.assertEqual(self._get("9621").parent_id.parent_id.code, "96")
        self.assertFalse(self.Occupation.search([("code", "=", "3512")]))

    def test_esco_occupations_go_under_their_unit_group(self):
        self._import("ISCOGroups_en.csv", "isco_group")
        message = self._import("occupations_en.csv", "occupation")
        self.assertIn("5 created, 0 updated, 0 unchanged, 1 skipped", message)
        self.assertIn("ISCO unit group “3512” is not loaded", message)
        translator = self._get("2643.6")
        self.assertEqual(translator.name, "translator")
        self.assertEqual(translator.parent_id, self._get("2643"))
        self.assertEqual(translator.depth, "5")
        self.assertEqual(translator.skill_level, 4)
        self.assertTrue(translator.esco_uri.startswith("http://data.europa.eu/esco/"))
        courier = self._get("9621.1")
        self.assertEqual((courier.depth, courier.skill_level), ("5", 1))
        self.assertEqual(
            courier._get_level_fit("7"), "below_level", "the level rule sees it"
        )
        # An occupation without an ESCO code gets one from its group and URI.
        lexicographer = self.Occupation.search([("name", "=", "lexicographer")])
        self.assertRegex(lexicographer.code, r"^2643\.[0-9a-f]{8}$")
        self.assertEqual(lexicographer.parent_id.code, "2643")

    def test_dutch_files_translate_what_is_loaded(self):
        self._import_english()
        self._import("ISCOGroups_nl.csv", "isco_group", "nl")
        message = self._import("occupations_nl.csv", "occupation", "nl")
        self.assertIn("0 created, 5 updated", message)
        translator = self._get("2643.6")
        dutch = translator.with_context(lang="nl_BE")
        self.assertEqual(dutch.name, "vertaler")
        self.assertTrue(dutch.description.startswith("Vertalers zetten"))
        self.assertEqual(translator.with_context(lang="en_US").name, "translator")
        self.assertEqual(
            self._get("2643").with_context(lang="nl_BE").name,
            "Vertalers, tolken en andere taalkundigen",
        )
        self.assertEqual(
            self._get("264").with_context(lang="en_US").name,
            "Authors, journalists and linguists",
        )
        self.assertEqual(self.Occupation.search_count([("code", "=like", "2643%")]), 4)
        self.assertIn(
            "0 created, 0 updated, 5 unchanged",
            self._import("occupations_nl.csv", "occupation", "nl"),
        )

    def test_reimport_updates_without_duplicates(self):
        self._import_english()
        self._import("occupations_nl.csv", "occupation", "nl")
        count = self.Occupation.search_count([])
        self.assertIn(
            "0 created, 0 updated, 10 unchanged, 1 skipped",
            self._import("ISCOGroups_en.csv", "isco_group"),
        )
        renamed = self._fixture("occupations_en.csv").replace(
            b",translator,", b",translator (written texts),"
        )
        message = self._import("occupations_en.csv", "occupation", content=renamed)
        self.assertIn("0 created, 1 updated, 4 unchanged, 1 skipped", message)
        self.assertEqual(self.Occupation.search_count([]), count)
        translator = self._get("2643.6")
        self.assertEqual(translator.name, "translator (written texts)")
        self.assertEqual(
            translator.with_context(lang="nl_BE").name,
            "vertaler",
            "an English import keeps the translations",
        )

    def test_semicolons_and_windows_encoding_are_read(self):
        self._import("ISCOGroups_en.csv", "isco_group")
        text = self._fixture("occupations_en.csv").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        rows[1][3] = "traductrice littéraire"
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=";").writerows(rows)
        content = buffer.getvalue().encode("cp1252")
        message = self._import("export.csv", "occupation", content=content)
        self.assertIn("5 created", message)
        self.assertEqual(self._get("2643.6").name, "traductrice littéraire")

    def test_missing_columns_are_named(self):
        content = (
            b"conceptType,conceptUri,preferredLabel\nOccupation,http://x,translator\n"
        )
        with self.assertRaisesRegex(UserError, "misses the column\\(s\\) iscoGroup"):
            self._import("occupations_en.csv", "occupation", content=content)

    def test_files_that_are_not_csv_are_refused(self):
        cases = {
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR": "not a CSV file but a PNG image",
            b"PK\x03\x04\x14\x00\x06\x00": "spreadsheet",
            b"\x00\x01\x02binary\x00": "not a CSV text file",
            b"\xef\xbb\xbf\r\n": "is empty",
            b"conceptType,conceptUri,iscoGroup,preferredLabel\n": "no rows to import",
        }
        for content, message in cases.items():
            with (
                self.subTest(content=content),
                self.assertRaisesRegex(UserError, message),
            ):
                self._import("upload.csv", "occupation", content=content)

    def test_wrong_content_or_language_is_refused(self):
        occupations = self._fixture("occupations_en.csv")
        with self.assertRaisesRegex(UserError, "holds concepts of type Occupation"):
            self._import("upload.csv", "isco_group", content=occupations)
        with self.assertRaisesRegex(UserError, "in the language “nl”, but you chose"):
            self._import("ISCOGroups_nl.csv", "isco_group", "en")

    def test_nothing_is_imported_half(self):
        count = self.Occupation.search_count([])
        with self.assertRaisesRegex(UserError, "import the ISCO groups first"):
            self._import("occupations_en.csv", "occupation")
        with self.assertRaisesRegex(UserError, "import the English file"):
            self._import("occupations_nl.csv", "occupation", "nl")
        self.assertEqual(self.Occupation.search_count([]), count)

    def test_thousands_of_rows_in_few_queries(self):
        self._import("ISCOGroups_en.csv", "isco_group")
        header = self._fixture("occupations_en.csv").decode("utf-8-sig").split("\n")[0]
        lines = [header] + [
            f"Occupation,http://data.europa.eu/esco/occupation/test-{n},2643,"
            f"linguist {n},,,released,,,,,,Works with language {n}.,2643.9.{n}"
            for n in range(1500)
        ]
        content = "\n".join(lines).encode()
        queries = self.env.cr.sql_log_count
        message = self._import("occupations_en.csv", "occupation", content=content)
        self.assertIn("1500 created", message)
        self.assertLess(self.env.cr.sql_log_count - queries, 150, "no query per row")

    def test_only_managers_import(self):
        with self.assertRaises(AccessError):
            self._import("ISCOGroups_en.csv", "isco_group", user=self.coach)

    def test_file_name_suggests_content_and_language(self):
        wizard = self.env["level2work.occupation.import.wizard"].new(
            {"file_name": "occupations_fr.csv"}
        )
        wizard._onchange_file_name()
        self.assertEqual((wizard.kind, wizard.language), ("occupation", "fr"))
