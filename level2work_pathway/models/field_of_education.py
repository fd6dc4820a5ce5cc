from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEVEL_SELECTION = [
    ("broad", "Broad field"),
    ("narrow", "Narrow field"),
    ("detailed", "Detailed field"),
]
# The level of a field by the length of its ISCED-F code.
LEVEL_BY_CODE_LENGTH = {2: "broad", 3: "narrow", 4: "detailed"}


class Level2workFieldOfEducation(models.Model):
    """A field of education and training of ISCED-F 2013 (UNESCO): eleven
    broad fields (two-digit codes), the narrow fields within them (three
    digits) and the detailed fields within those (four digits). Each code
    starts with the code of the field it belongs to, so that two fields
    share a broad, narrow or detailed field when their codes share two,
    three or four digits: the matching of diplomas with vacancies counts on
    it."""

    _name = "level2work.field.of.education"
    _description = "Field of education (ISCED-F 2013)"
    _parent_store = True
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    parent_id = fields.Many2one(
        "level2work.field.of.education",
        string="Broader field",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "level2work.field.of.education", "parent_id", string="Narrower fields"
    )
    level = fields.Selection(LEVEL_SELECTION, compute="_compute_level", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Each field code can exist only once."),
    ]

    @api.constrains("code", "parent_id")
    def _check_code(self):
        for field in self:
            code = field.code or ""
            parent_code = code[:-1] if len(code) > 2 else False
            if (
                not code.isdigit()
                or len(code) not in LEVEL_BY_CODE_LENGTH
                or (field.parent_id.code or False) != parent_code
            ):
                raise ValidationError(
                    self.env._(
                        "“%(code)s %(name)s” is not an ISCED-F code in its place: "
                        "two digits for a broad field, three for a narrow field "
                        "starting with the code of its broad field, four for a "
                        "detailed field starting with the code of its narrow "
                        "field.",
                        code=code,
                        name=field.name,
                    )
                )

    @api.depends("code")
    def _compute_level(self):
        for field in self:
            field.level = LEVEL_BY_CODE_LENGTH.get(len(field.code or ""))

    @api.depends("code", "name")
    def _compute_display_name(self):
        for field in self:
            field.display_name = (
                f"{field.code} {field.name}" if field.code else field.name
            )
