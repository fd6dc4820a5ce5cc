from odoo import api, fields, models

# Stored text fields that hold no personal data and are kept on erasure.
KEEP_FIELDS = {"text_version"}


def erase_free_text(records, placeholder, **overrides):
    """Clear every stored text field a person typed into on ``records``;
    required ones get ``placeholder``. Computed fields follow their sources.
    A model keeps the text fields named in its ``_erasure_keep_fields``
    (text that is not about the person, e.g. someone else's name), besides
    those of ``KEEP_FIELDS``. ``overrides`` are written in the same go."""
    keep = KEEP_FIELDS | set(getattr(records, "_erasure_keep_fields", ()))
    values = {
        name: placeholder if field.required else False
        for name, field in records._fields.items()
        if field.type in ("char", "text", "html")
        and field.store
        and not field.compute
        and not field.related
        and not field.automatic
        and name not in keep
    }
    values.update(overrides)
    if records and values:
        records.write(values)


class Level2workErasure(models.Model):
    """What was erased, when, why and by whom: the trace an erasure leaves,
    with no personal data in it."""

    _name = "level2work.erasure"
    _description = "Erasure of personal data"
    _order = "create_date desc, id desc"
    _rec_name = "reference"

    newcomer_id = fields.Many2one(
        "level2work.newcomer", index=True, ondelete="set null", readonly=True
    )
    reference = fields.Char(required=True, readonly=True)
    reason = fields.Selection(
        [
            ("request", "Request of the person"),
            ("retention", "Retention period ended"),
        ],
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    record_count = fields.Integer(string="Records anonymised", readonly=True)
    message_count = fields.Integer(string="Messages deleted", readonly=True)
    attachment_count = fields.Integer(string="Attachments deleted", readonly=True)

    @api.model
    def _get_retention_months(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("level2work_pathway.retention_months", 60)
        )
