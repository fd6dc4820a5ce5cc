from odoo import fields, models


class Level2workLanguage(models.Model):
    _name = "level2work.language"
    _description = "Language"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="ISO 639 code (two letters where one exists)."
    )
    sequence = fields.Integer(default=100)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Each language code can exist only once."),
    ]
