from odoo import fields, models


class Level2workNewcomerNote(models.Model):
    """A note about a newcomer. A confidential note is read only by the
    newcomer's coach and managers: record rules hold it back everywhere else
    (lists, forms, exports, reports, RPC); it is never posted in the
    chatter."""

    _name = "level2work.newcomer.note"
    _description = "Note about a newcomer"
    _inherit = ["level2work.owned.mixin"]
    _order = "create_date desc, id desc"
    _rec_name = "create_date"

    newcomer_id = fields.Many2one(
        "level2work.newcomer", required=True, index=True, ondelete="cascade"
    )
    body = fields.Html(string="Note", required=True, sanitize_style=True)
    is_confidential = fields.Boolean(
        string="Confidential",
        help="Only the newcomer's coach and managers can read a confidential note.",
    )
    author_id = fields.Many2one(
        "res.users",
        string="Written by",
        required=True,
        readonly=True,
        copy=False,
        code_only=True,
        default=lambda self: self.env.user,
    )
