import re
from contextlib import contextmanager

import polib

from odoo.tests import TransactionCase, new_test_user
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

# National numbers with valid check digits (one per person in the fixtures).
NN_AMINA = "85.07.30-033.28"  # born 30 July 1985
NN_YUSUF = "17.07.30-033.84"  # born 30 July 2017, second-century rule
BIS_NUMBER = "98.47.28-997.65"  # a BIS number, born 28 July 1998

LANGUAGES = ("nl_BE", "fr_BE")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%s")


def assert_translations_complete(case, module):
    """Every term of ``module`` (its code, views and data, as Odoo's export
    reads them) has a translation with the same placeholders in the module's
    ``nl.po`` and ``fr.po``; and no file of it fails to be read."""
    with case.assertNoLogs("odoo.tools.translate", "ERROR"):
        terms = {
            source
            for term_module, _type, _name, _id, source, _value, _comments in (
                TranslationModuleReader(case.env.cr, modules=[module])
            )
            if term_module == module
        }
    case.assertGreater(len(terms), 100)
    for language in ("nl", "fr"):
        po = polib.pofile(file_path(f"{module}/i18n/{language}.po"))
        case.assertEqual(po.metadata.get("Language"), language)
        case.assertTrue(po.metadata.get("Plural-Forms"))
        translated = {
            entry.msgid: entry.msgstr
            for entry in po
            if not entry.obsolete and entry.msgstr.strip()
        }
        case.assertEqual(
            sorted(terms - translated.keys()),
            [],
            f"untranslated in {module}/i18n/{language}.po",
        )
        for term in terms:
            case.assertEqual(
                sorted(PLACEHOLDER.findall(term)),
                sorted(PLACEHOLDER.findall(translated[term])),
                f"placeholders differ in {language}.po: {term!r}",
            )


class Level2workCase(TransactionCase):
    """Two labs with their staff, coaches and a manager, and helpers to make
    newcomers and pathways. Shared by the tests of every level2work addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context, lang="en_US", tracking_disable=True, mail_notrack=True
            )
        )
        cls.lab_west = cls.env["level2work.lab"].create(
            {"name": "Lab West Flanders (test)", "province": "west_vlaanderen"}
        )
        cls.lab_antwerp = cls.env["level2work.lab"].create(
            {"name": "Lab Antwerp (test)", "province": "antwerpen"}
        )
        group = "level2work_pathway.group_level2work_"
        cls.manager = new_test_user(
            cls.env,
            "l2w_manager",
            groups=group + "manager",
            name="Manager Mia",
            lang="en_US",
        )
        cls.coach = new_test_user(
            cls.env,
            "l2w_coach",
            groups=group + "coach",
            name="Coach Koen",
            lang="en_US",
        )
        cls.coach_other = new_test_user(
            cls.env,
            "l2w_coach_other",
            groups=group + "coach",
            name="Coach Sofie",
            lang="en_US",
        )
        cls.staff = new_test_user(
            cls.env, "l2w_staff", groups=group + "user", name="Desk Dirk", lang="en_US"
        )
        cls.staff_antwerp = new_test_user(
            cls.env,
            "l2w_staff_antwerp",
            groups=group + "user",
            name="Desk Anna",
            lang="en_US",
        )
        cls.lab_west.user_ids = cls.coach | cls.coach_other | cls.staff
        cls.lab_antwerp.user_ids = cls.staff_antwerp
        cls.syria = cls.env.ref("base.sy")
        cls.poland = cls.env.ref("base.pl")
        cls.stage_intake = cls.env.ref("level2work_pathway.stage_intake")
        cls.stage_language = cls.env.ref(
            "level2work_pathway.stage_language_orientation"
        )
        cls.stage_mentoring = cls.env.ref("level2work_pathway.stage_mentoring")
        cls.stage_workplace = cls.env.ref("level2work_pathway.stage_workplace_learning")
        cls.stage_placement = cls.env.ref("level2work_pathway.stage_placement")
        cls.stage_follow_up = cls.env.ref("level2work_pathway.stage_follow_up")
        cls.stage_closed = cls.env.ref("level2work_pathway.stage_closed")
        cls.occupation = cls.env["level2work.occupation"]
        cls.isco_professionals = cls.env.ref("level2work_pathway.isco_2")
        cls.isco_engineers = cls.env.ref("level2work_pathway.isco_21")
        cls.isco_health = cls.env.ref("level2work_pathway.isco_22")
        cls.isco_technicians = cls.env.ref("level2work_pathway.isco_31")
        cls.isco_clerks = cls.env.ref("level2work_pathway.isco_41")
        cls.isco_labourers = cls.env.ref("level2work_pathway.isco_93")
        cls.isco_cleaners = cls.env.ref("level2work_pathway.isco_91")
        cls.dutch = cls.env.ref("level2work_pathway.language_nl")
        cls.english = cls.env.ref("level2work_pathway.language_en")
        cls.arabic = cls.env.ref("level2work_pathway.language_ar")

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        """Like Odoo's assertRaises, roll back what the failing call did (plain
        unittest assertRaisesRegex does not), then check the message."""
        if args or kwargs:
            return super().assertRaisesRegex(
                expected_exception, expected_regex, *args, **kwargs
            )
        return self._assert_raises_regex(expected_exception, expected_regex)

    @contextmanager
    def _assert_raises_regex(self, expected_exception, expected_regex):
        with self.assertRaises(expected_exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), expected_regex)

    @classmethod
    def activate_languages(cls, modules=("level2work_pathway",)):
        """Dutch and French active, with the translations of ``modules``."""
        Lang = cls.env["res.lang"].with_context(active_test=False)
        for code in LANGUAGES:
            if not Lang.search([("code", "=", code), ("active", "=", True)]):
                Lang._activate_lang(code)
                cls.env["ir.module.module"]._load_module_terms(
                    list(modules), [code], overwrite=True
                )

    @classmethod
    def create_newcomer(cls, name="Amina Haddad", isced_level="7", **values):
        """An eligible newcomer of the West Flanders lab coached by ``coach``,
        unless ``values`` say otherwise."""
        diploma = {
            "name": "Master of Civil Engineering",
            "isced_level": isced_level,
            "field_of_study": "Civil engineering",
            "country_id": cls.syria.id,
        }
        vals = {
            "name": name,
            "email": f"{name.lower().replace(' ', '.')}@example.com",
            "lab_id": cls.lab_west.id,
            "coach_id": cls.coach.id,
            "country_of_origin_id": cls.syria.id,
            "arrival_date": "2024-03-01",
            "diploma_ids": [(0, 0, diploma)] if isced_level else [],
        }
        vals.update(values)
        return cls.env["level2work.newcomer"].create(vals)

    @classmethod
    def log_contact(cls, pathway, summary="Phone call about the plan", **values):
        """A contact of the coach with the newcomer of ``pathway`` that took
        place now."""
        vals = {"pathway_id": pathway.id, "summary": summary}
        vals.update(values)
        return cls.env["level2work.pathway.contact"].create(vals)

    @classmethod
    def create_pathway(cls, newcomer=None, **values):
        """An open pathway with a target occupation at level, so that it can
        pass the gates of every stage."""
        newcomer = newcomer or cls.create_newcomer()
        vals = {
            "newcomer_id": newcomer.id,
            "target_occupation_ids": [(6, 0, cls.isco_engineers.ids)],
        }
        vals.update(values)
        return cls.env["level2work.pathway"].create(vals)
