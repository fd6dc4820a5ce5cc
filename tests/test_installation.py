"""The three level2work addons are installed together and bring their groups."""

from odoo.tests import TransactionCase

LEVEL2WORK_ADDONS = (
    "level2work_pathway",
    "level2work_mentoring",
    "level2work_employer",
)
ROLES = ("user", "coach", "manager")


class TestInstallation(TransactionCase):
    def test_addons_installed(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", LEVEL2WORK_ADDONS)]
        )
        self.assertEqual(
            {module.name: module.state for module in modules},
            dict.fromkeys(LEVEL2WORK_ADDONS, "installed"),
        )

    def test_groups_exist(self):
        groups = {}
        for role in ROLES:
            xmlid = f"level2work_pathway.group_level2work_{role}"
            groups[role] = self.env.ref(xmlid, raise_if_not_found=False)
            self.assertTrue(groups[role], f"{xmlid} is missing")
            self.assertEqual(groups[role]._name, "res.groups")
        # a coach is a user of level2work too
        self.assertIn(groups["user"], groups["coach"].trans_implied_ids)

    def test_languages_loaded(self):
        languages = self.env["res.lang"].search([("active", "=", True)])
        self.assertLessEqual({"en_US", "nl_BE", "fr_BE"}, set(languages.mapped("code")))
