import base64
import re

from odoo import http
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common import Level2workCase

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@tagged("post_install", "-at_install")
class TestNewcomerPortal(HttpCase, Level2workCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.amina = cls.create_newcomer(national_number="85.07.30-033.28")
        cls.pathway = cls.create_pathway(
            cls.amina,
            plan_short_term="<p>Dutch course at the Huis van het Nederlands</p>",
        )
        cls.omar = cls.create_newcomer(name="Omar Khalil")
        cls.create_pathway(cls.omar)
        portal = cls.env.ref("base.group_portal")
        cls.amina_user = cls.env["res.users"].create(
            {
                "name": cls.amina.name,
                "login": "amina",
                "password": "amina-pass",
                "partner_id": cls.amina.partner_id.id,
                "groups_id": [(6, 0, portal.ids)],
                "lang": "en_US",
            }
        )
        cls.omar_user = cls.env["res.users"].create(
            {
                "name": cls.omar.name,
                "login": "omar",
                "password": "omar-pass",
                "partner_id": cls.omar.partner_id.id,
                "groups_id": [(6, 0, portal.ids)],
                "lang": "en_US",
            }
        )
        cls.consent = cls.env["level2work.consent"].create(
            {"newcomer_id": cls.amina.id, "purpose": "share_blind_profile"}
        )

    def test_newcomer_sees_own_pathway(self):
        self.authenticate("amina", "amina-pass")
        response = self.url_open("/my/pathway")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Amina Haddad", response.text)
        self.assertIn("Huis van het Nederlands", response.text)
        self.assertIn("Master of Civil Engineering", response.text)
        self.assertNotIn("Omar Khalil", response.text)
        self.assertNotIn("85073003328", response.text)
        self.assertNotIn("85.07.30-033.28", response.text)

    def test_home_links_the_pathway_for_newcomers_only(self):
        self.authenticate("amina", "amina-pass")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["newcomer_pathway_count"]}
        )
        # The portal page shows the entry when the count is not 0.
        self.assertEqual(counters, {"newcomer_pathway_count": 1})
        self.assertIn("/my/pathway", self.url_open("/my/home").text)
        employer = self.env["res.users"].create(
            {
                "name": "HR of a company",
                "login": "employer_hr",
                "password": "employer-pass",
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        self.authenticate(employer.login, "employer-pass")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["newcomer_pathway_count"]}
        )
        self.assertEqual(counters, {"newcomer_pathway_count": 0})
        self.assertEqual(self.url_open("/my/pathway").status_code, 404)

    def test_upload_diploma_document(self):
        self.authenticate("amina", "amina-pass")
        diploma = self.amina.diploma_ids
        response = self.url_open(
            f"/my/pathway/diploma/{diploma.id}/upload",
            data={"csrf_token": Request.csrf_token(self)},
            files={"document": ("diploma.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your document was added", response.text)
        self.assertEqual(diploma.attachment_ids.name, "diploma.pdf")
        self.assertEqual(base64.b64decode(diploma.attachment_ids.datas), PDF)

    def test_upload_keeps_only_the_file_name(self):
        self.authenticate("amina", "amina-pass")
        diploma = self.amina.diploma_ids
        self.url_open(
            f"/my/pathway/diploma/{diploma.id}/upload",
            data={"csrf_token": Request.csrf_token(self)},
            files={"document": ("..\\..\\etc/passwd.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(diploma.attachment_ids.name, "passwd.pdf")

    def test_upload_refuses_wrong_type(self):
        self.authenticate("amina", "amina-pass")
        diploma = self.amina.diploma_ids
        response = self.url_open(
            f"/my/pathway/diploma/{diploma.id}/upload",
            data={"csrf_token": Request.csrf_token(self)},
            files={
                "document": ("evil.html", b"<script>alert(1)</script>", "text/html")
            },
        )
        self.assertIn("Upload a PDF, JPEG or PNG file", response.text)
        self.assertFalse(diploma.attachment_ids)

    def test_another_newcomers_diploma_by_id(self):
        self.authenticate("omar", "omar-pass")
        diploma = self.amina.diploma_ids
        response = self.url_open(
            f"/my/pathway/diploma/{diploma.id}/upload",
            data={"csrf_token": Request.csrf_token(self)},
            files={"document": ("x.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(diploma.attachment_ids)

    def test_another_newcomer_by_rpc(self):
        self.authenticate("omar", "omar-pass")
        response = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "level2work.newcomer",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": ["name"]},
            },
        )
        self.assertEqual([r["name"] for r in response], ["Omar Khalil"])
        with self.assertRaises(Exception) as caught:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "level2work.newcomer",
                    "method": "read",
                    "args": [[self.amina.id], ["name"]],
                    "kwargs": {},
                },
            )
        self.assertIn("AccessError", str(caught.exception))

    def test_withdraw_consent(self):
        self.authenticate("amina", "amina-pass")
        self.assertTrue(self.consent.is_valid)
        page = self.url_open("/my/pathway")
        self.assertIn(f"/my/pathway/consent/{self.consent.id}/withdraw", page.text)
        response = self.url_open(
            f"/my/pathway/consent/{self.consent.id}/withdraw",
            data={"csrf_token": Request.csrf_token(self)},
        )
        self.assertIn("Your consent was withdrawn", response.text)
        self.consent.invalidate_recordset()
        self.assertFalse(self.consent.is_valid)
        self.assertTrue(self.consent.date_withdrawn)
        # The coach hears of it, once, however often the form is sent.
        self.url_open(
            f"/my/pathway/consent/{self.consent.id}/withdraw",
            data={"csrf_token": Request.csrf_token(self)},
        )
        notes = self.consent.message_ids.filtered(
            lambda m: "Withdrawn by the newcomer" in str(m.body)
        )
        self.assertEqual(len(notes), 1)
        activity = self.consent.newcomer_id.activity_ids.filtered(
            lambda a: a.summary.startswith("Consent withdrawn")
        )
        self.assertEqual(activity.user_id, self.coach)

    def test_withdraw_someone_elses_consent(self):
        self.authenticate("omar", "omar-pass")
        response = self.url_open(
            f"/my/pathway/consent/{self.consent.id}/withdraw",
            data={"csrf_token": Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)
        self.consent.invalidate_recordset()
        self.assertTrue(self.consent.is_valid)

    def _upload(self, login, newcomer, content):
        """Upload ``content`` to the diploma of ``newcomer`` as ``login``, and
        return the address of the document as the portal page links it."""
        self.authenticate(login, f"{login}-pass")
        diploma = newcomer.diploma_ids
        page = self.url_open(
            f"/my/pathway/diploma/{diploma.id}/upload",
            data={"csrf_token": Request.csrf_token(self)},
            files={"document": ("diploma.pdf", content, "application/pdf")},
        )
        links = re.findall(r'href="(/web/content/[^"]+)"', page.text)
        self.assertEqual(len(links), 1)
        return diploma.attachment_ids, links[0].replace("&amp;", "&")

    def test_download_own_diploma_document(self):
        _attachment, link = self._upload("amina", self.amina, PDF)
        response = self.url_open(link)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn("diploma.pdf", response.headers["Content-Disposition"])

    def test_download_another_newcomers_diploma_document(self):
        amina_document, _link = self._upload("amina", self.amina, PDF)
        omar_pdf = PDF.replace(b"1 0 obj", b"2 0 obj")
        _omar_document, omar_link = self._upload("omar", self.omar, omar_pdf)
        # Omar's own token, and no token, on Amina's document.
        omar_token = re.search(r"access_token=([^&]+)", omar_link)[1]
        for link in (
            f"/web/content/{amina_document.id}?download=true",
            f"/web/content/{amina_document.id}?download=true&access_token={omar_token}",
        ):
            with self.subTest(link=link):
                response = self.url_open(link)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(PDF, response.content)
        # Nor anonymously without a token.
        self.authenticate(None, None)
        response = self.url_open(f"/web/content/{amina_document.id}?download=true")
        self.assertNotIn(PDF, response.content)

    def test_page_does_not_show_text_from_the_address(self):
        self.authenticate("amina", "amina-pass")
        phishing = "Your account is blocked. Call +32 470 12 34 56"
        for parameter in ("error", "success", "message"):
            with self.subTest(parameter=parameter):
                response = self.url_open(
                    "/my/pathway?" + http.url_encode({parameter: phishing})
                )
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("Your account is blocked", response.text)
                self.assertNotIn("+32 470 12 34 56", response.text)

    def test_page_shows_the_message_of_a_known_code(self):
        self.authenticate("amina", "amina-pass")
        response = self.url_open("/my/pathway?error=document_type")
        self.assertIn("Upload a PDF, JPEG or PNG file.", response.text)
        response = self.url_open("/my/pathway?success=consent_withdrawn")
        self.assertIn("Your consent was withdrawn.", response.text)
