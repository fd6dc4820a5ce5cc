"""pytest setup for the repository-level tests.

Odoo gives test classes their default tags only when they live in an addon
(``odoo.addons.<addon>.tests``); ``BaseCase.setUpClass`` needs them. The tests
here cross the addons, so they get the tags of a post-install test: they run
on a database where every level2work addon is installed.
"""

from odoo.tests.common import BaseCase


def pytest_collection_modifyitems(items):
    for item in items:
        cls = getattr(item, "cls", None)
        if cls is None or not issubclass(cls, BaseCase):
            continue
        if cls.__module__.startswith("odoo.addons."):
            continue
        if getattr(cls, "test_tags", None) is None:
            cls.test_tags = {"standard", "post_install"}
        cls.test_module = cls.__module__.split(".")[0]
        cls.test_class = cls.__name__
        cls.test_sequence = getattr(cls, "test_sequence", 0)
