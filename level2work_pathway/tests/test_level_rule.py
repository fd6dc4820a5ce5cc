from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..models.level_rule import (
    AT_LEVEL,
    BELOW_LEVEL,
    NEAR_LEVEL,
    level_fit,
    level_fit_sql,
)
from ..models.occupation import skill_level_of_code

# (highest ISCED level, ISCO skill level) -> fit, as DESIGN.md states the rule
LEVEL_RULE_TABLE = {
    ("6", 4): AT_LEVEL,
    ("7", 4): AT_LEVEL,
    ("8", 4): AT_LEVEL,
    ("6", 3): NEAR_LEVEL,
    ("8", 3): NEAR_LEVEL,
    ("6", 2): BELOW_LEVEL,
    ("7", 1): BELOW_LEVEL,
    ("5", 3): AT_LEVEL,
    ("5", 4): AT_LEVEL,
    ("5", 2): NEAR_LEVEL,
    ("5", 1): BELOW_LEVEL,
    (False, 1): AT_LEVEL,
    ("7", 0): AT_LEVEL,
}


@tagged("post_install", "-at_install")
class TestLevelRule(TransactionCase):
    def test_table(self):
        for (isced, skill), expected in LEVEL_RULE_TABLE.items():
            with self.subTest(isced=isced, skill=skill):
                self.assertEqual(level_fit(isced, skill), expected)

    def test_sql_agrees_with_python(self):
        for isced in (None, "5", "6", "7", "8"):
            for skill in (None, 0, 1, 2, 3, 4):
                self.env.cr.execute(
                    SQL(
                        "SELECT %s",
                        level_fit_sql(
                            SQL("%s::varchar", isced), SQL("%s::integer", skill)
                        ),
                    )
                )
                with self.subTest(isced=isced, skill=skill):
                    self.assertEqual(
                        self.env.cr.fetchone()[0], level_fit(isced, skill or 0)
                    )

    def test_skill_level_by_major_group(self):
        expected = {
            "1": 4,
            "11": 4,
            "14": 3,
            "2": 4,
            "2142": 4,
            "3": 3,
            "4": 2,
            "8": 2,
            "9": 1,
            "9112": 1,
            "01": 4,
            "02": 2,
            "03": 1,
            "0": 0,
        }
        for code, skill in expected.items():
            with self.subTest(code=code):
                self.assertEqual(skill_level_of_code(code), skill)

    def test_shipped_occupations(self):
        Occupation = self.env["level2work.occupation"]
        self.assertEqual(Occupation.search_count([("depth", "=", "1")]) >= 10, True)
        self.assertEqual(Occupation.search_count([("depth", "=", "2")]) >= 43, True)
        engineers = self.env.ref("level2work_pathway.isco_21")
        self.assertEqual(engineers.skill_level, 4)
        self.assertEqual(engineers.parent_id, self.env.ref("level2work_pathway.isco_2"))
        self.assertEqual(engineers._get_level_fit("7"), AT_LEVEL)
        labourers = self.env.ref("level2work_pathway.isco_93")
        self.assertEqual(labourers._get_level_fit("7"), BELOW_LEVEL)
