"""Portal users upload files through the level2work forms only.

The one upload the portal offers is a diploma document on /my/pathway, which
checks the type and the size (see level2work_pathway's tests). Odoo's own
upload routes must take nothing from a newcomer, a mentor or an employer on
the records they may read: no file of any type or size lands on a pathway,
a mentorship or a proposal that way.
"""

from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user
from odoo.tools import mute_logger

from odoo.addons.level2work_employer.tests.common import EmployerCase
from odoo.addons.level2work_mentoring.tests.common import MentoringCase

PAYLOAD = ("cv.exe", b"MZ" + b"\0" * 4096)


class TestPortalUploads(HttpCase, EmployerCase, MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        newcomer = cls.create_candidate("Nour Al-Khatib")
        cls.newcomer_user = new_test_user(
            cls.env,
            "l2w_nour",
            groups="base.group_portal",
            partner_id=newcomer.partner_id.id,
            lang="en_US",
        )
        consent = cls.give_disclosure_consent(newcomer)
        pathway = newcomer.pathway_ids
        mentorship = cls.create_mentorship(pathway, state="active")
        proposal = cls.propose(newcomer)
        today = fields.Date.context_today(proposal)
        learning = cls.env["level2work.workplace.learning"].create(
            {
                "pathway_id": pathway.id,
                "employer_id": cls.employer.id,
                "instrument": "ibo",
                "date_start": today,
                "date_end": today + timedelta(days=30),
            }
        )
        placement = cls.env["level2work.placement"].create(
            {
                "pathway_id": pathway.id,
                "employer_id": cls.employer.id,
                "occupation_id": cls.isco_civil.id,
                "date_start": today,
            }
        )
        cls.readable = {
            "l2w_nour": [newcomer, newcomer.diploma_ids, consent],
            "l2w_mentor": [mentorship],
            "l2w_employer": [cls.vacancy, proposal, learning, placement],
        }

    def test_odoo_upload_routes_take_nothing_from_portal_users(self):
        Attachment = self.env["ir.attachment"]
        for login, records in self.readable.items():
            self.authenticate(login, login)
            for record in records:
                # Each record can be read by its portal user: the portal
                # shows it.
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertTrue(record.with_user(user).has_access("read"))
                with self.subTest(login=login, model=record._name):
                    before = Attachment.search_count([])
                    if "message_ids" in record._fields:  # a chatter to post on
                        with mute_logger("odoo.http"):
                            response = self.url_open(
                                "/mail/attachment/upload",
                                data={
                                    "csrf_token": http.Request.csrf_token(self),
                                    "thread_id": str(record.id),
                                    "thread_model": record._name,
                                },
                                files={"ufile": PAYLOAD},
                            )
                        self.assertEqual(response.status_code, 404)
                    response = self.url_open(
                        "/web/binary/upload_attachment",
                        data={
                            "csrf_token": http.Request.csrf_token(self),
                            "model": record._name,
                            "id": str(record.id),
                        },
                        files={"ufile": PAYLOAD},
                    )
                    self.assertIn("not allowed", response.json()[0]["error"])
                    self.assertEqual(Attachment.search_count([]), before)
