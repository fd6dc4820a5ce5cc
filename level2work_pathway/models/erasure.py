import re

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools.sql import escape_psql

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


# Where people write about a person on records that are not the person's:
# the texts the erasure searches for what identifies them.
MENTION_FIELDS = {
    "mail.message": ("body", "subject"),
    "mail.mail": ("body_html",),
    "mail.activity": ("summary", "note"),
}


def erase_mentions(env, terms, placeholder):
    """Replace ``terms`` (a person's name, e-mail address, phone numbers,
    national number) with ``placeholder`` wherever a message, an e-mail or an
    activity of any record mentions them; drop the notifications and Odoo's
    portal-access lines that carry them. What others wrote stays, without
    the person in it."""
    terms = sorted({term for term in terms if term and len(term) >= 4}, key=len)
    if not terms:
        return
    pattern = re.compile("|".join(map(re.escape, reversed(terms))), re.IGNORECASE)
    for model, names in MENTION_FIELDS.items():
        Model = env[model].sudo().with_context(active_test=False)
        domain = expression.OR(
            [[(name, "ilike", escape_psql(term))] for name in names for term in terms]
        )
        for record in Model.search(domain):
            record.write(
                {
                    name: pattern.sub(placeholder, record[name])
                    for name in names
                    if record[name] and pattern.search(record[name])
                }
            )
    for model, name in (("bus.bus", "message"), ("portal.wizard.user", "email")):
        env[model].sudo().search(
            expression.OR([[(name, "ilike", escape_psql(term))] for term in terms])
        ).unlink()


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
