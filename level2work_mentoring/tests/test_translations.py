from odoo.tests import TransactionCase, tagged

from odoo.addons.level2work_pathway.tests.common import assert_translations_complete


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """Coaches, mentors and employers read the addon in Dutch or French."""

    def test_every_term_translated(self):
        assert_translations_complete(self, "level2work_mentoring")
