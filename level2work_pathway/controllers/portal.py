from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import content_disposition, request
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.misc import limited_field_access_token

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_form import clean_text

DOCUMENT_MIMETYPES = {"application/pdf", "image/jpeg", "image/png"}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


class Level2workPathwayPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "newcomer_pathway_count" in counters:
            values["newcomer_pathway_count"] = len(self._get_own_newcomer().pathway_ids)
        return values

    def _get_own_newcomer(self):
        """The newcomer the logged-in portal user is, read through their own
        record rule, as sudo for rendering; empty for anyone else."""
        Newcomer = request.env["level2work.newcomer"]
        if not Newcomer.has_access("read"):
            return Newcomer
        newcomer = Newcomer.search(
            [("partner_id", "=", request.env.user.partner_id.id)], limit=1
        )
        return newcomer.sudo()

    def _get_own_newcomer_or_404(self):
        newcomer = self._get_own_newcomer()
        if not newcomer:
            raise NotFound()
        return newcomer

    def _pathway_page_messages(self):
        """The messages /my/pathway shows, by kind (``error``, ``success``)
        and code. The address of the page carries a code, never the text: a
        link cannot make the page say something of its own."""
        env = request.env
        return {
            "error": {
                "document_missing": env._("Choose a file to upload."),
                "document_empty": env._("The file is empty."),
                "document_too_large": env._("The file is larger than 10 MB."),
                "document_type": env._("Upload a PDF, JPEG or PNG file."),
            },
            "success": {
                "document_added": env._("Your document was added."),
                "consent_withdrawn": env._("Your consent was withdrawn."),
            },
        }

    def _redirect_to_pathway(self, anchor, **codes):
        """Back to /my/pathway at ``anchor``, with the message of each code
        (``error="document_type"``) shown on top."""
        return request.redirect(f"/my/pathway?{http.url_encode(codes)}#{anchor}")

    def _document_url(self, attachment):
        """The address at which the newcomer downloads a document of their
        diploma: the portal grants no read access on attachments, so the
        address carries a token of this attachment's content, which expires
        after some weeks (the page makes a new one each time it is shown)."""
        token = limited_field_access_token(attachment, "raw")
        return f"/web/content/{attachment.id}?" + http.url_encode(
            {"download": "true", "access_token": token}
        )

    def _prepare_pathway_page_values(self, newcomer, **kwargs):
        now = fields.Datetime.now()
        messages = self._pathway_page_messages()
        pathway = (
            newcomer.pathway_ids.filtered(lambda p: not p.is_closed)[:1]
            or (newcomer.pathway_ids[:1])
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "newcomer_pathway",
                "newcomer": newcomer,
                "pathway": pathway,
                "appointments": pathway.contact_ids.filtered(
                    lambda c: not c.is_done and c.date >= now
                ).sorted("date"),
                "consents": newcomer.consent_ids.sorted(
                    lambda c: (not c.is_valid, c.date_given), reverse=False
                ),
                "document_urls": {
                    attachment.id: self._document_url(attachment)
                    for diploma in newcomer.diploma_ids
                    for attachment in diploma._get_documents()
                },
                "error": messages["error"].get(kwargs.get("error")),
                "success": messages["success"].get(kwargs.get("success")),
            }
        )
        return values

    @http.route("/my/pathway", type="http", auth="user", website=True)
    def portal_my_pathway(self, **kwargs):
        newcomer = self._get_own_newcomer_or_404()
        return request.render(
            "level2work_pathway.portal_my_pathway",
            self._prepare_pathway_page_values(newcomer, **kwargs),
        )

    @http.route(
        "/my/pathway/diploma/<int:diploma_id>/upload",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_pathway_diploma_upload(self, diploma_id, document=None, **kwargs):
        newcomer = self._get_own_newcomer_or_404()
        diploma = newcomer.diploma_ids.filtered(lambda d: d.id == diploma_id)
        if not diploma:
            raise NotFound()
        error = self._check_document(document)
        if error:
            return self._redirect_to_pathway("diplomas", error=error)
        content = document.read()
        attachment = (
            request.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self._document_name(document.filename),
                    "raw": content,
                    "res_model": diploma._name,
                    "res_id": diploma.id,
                }
            )
        )
        diploma.attachment_ids = [(4, attachment.id)]
        newcomer.message_post(
            body=request.env._(
                "%(name)s added the document %(file)s to the diploma %(diploma)s.",
                name=newcomer.name,
                file=attachment.name,
                diploma=diploma.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self._redirect_to_pathway("diplomas", success="document_added")

    def _document_name(self, filename):
        """The file name as it is kept: its last part, without control
        characters, at most 128 characters."""
        name = clean_text(filename).replace("\\", "/").rsplit("/", 1)[-1]
        return name[-128:] or "document"

    def _check_document(self, document):
        """The code of what is wrong with an uploaded document (see
        ``_pathway_page_messages``), or None."""
        if not document or not getattr(document, "filename", None):
            return "document_missing"
        content = document.read()
        document.seek(0)
        if not content:
            return "document_empty"
        if len(content) > DOCUMENT_MAX_BYTES:
            return "document_too_large"
        if guess_mimetype(content) not in DOCUMENT_MIMETYPES:
            return "document_type"
        return None

    @http.route(
        "/my/pathway/consent/<int:consent_id>/withdraw",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_pathway_consent_withdraw(self, consent_id, **kwargs):
        newcomer = self._get_own_newcomer_or_404()
        consent = newcomer.consent_ids.filtered(lambda c: c.id == consent_id)
        if not consent:
            raise NotFound()
        consent._withdraw()._notify_withdrawn_by_newcomer()
        return self._redirect_to_pathway("consents", success="consent_withdrawn")

    @http.route("/my/pathway/data", type="http", auth="user", website=True)
    def portal_my_pathway_data(self, **kwargs):
        """Everything the project holds about the person, as a page to read
        or print."""
        newcomer = self._get_own_newcomer_or_404()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "newcomer_pathway_data",
                "newcomer": newcomer,
                "sections": newcomer._get_personal_data(),
                "generated_on": fields.Datetime.now(),
            }
        )
        return request.render("level2work_pathway.portal_my_pathway_data", values)

    @http.route("/my/pathway/data.json", type="http", auth="user")
    def portal_my_pathway_data_json(self, **kwargs):
        """The same, machine-readable."""
        newcomer = self._get_own_newcomer_or_404()
        data = {
            "generated_on": fields.Datetime.now().isoformat(),
            "sections": dict(newcomer._get_personal_data()),
        }
        return request.make_json_response(
            data,
            headers=[
                ("Content-Disposition", content_disposition("my-level2work-data.json"))
            ],
        )
