from odoo import models

from odoo.addons.mail.tools.parser import parse_res_ids


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _check_onchange_access(self, values, field_names, fields_spec):
        """The composer names its documents by a model and a text of ids,
        and shows their names: only for documents the user may read."""
        super()._check_onchange_access(values, field_names, fields_spec)
        context = self.env.context
        model = values.get("model") or context.get("default_model")
        res_ids = (
            values.get("res_ids")
            or context.get("default_res_ids")
            or context.get("default_res_id")
        )
        if not model or model not in self.env or not res_ids:
            return
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        self.env[model].browse(parse_res_ids(res_ids, self.env)).check_access("read")
