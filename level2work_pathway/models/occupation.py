from odoo import api, fields, models

from .level_rule import level_fit

# ISCO-08 skill level per major group; sub-major groups that differ from
# their major group are listed by their own code.
SKILL_LEVEL_BY_CODE = {
    "01": 4,
    "02": 2,
    "03": 1,
    "1": 4,
    "14": 3,
    "2": 4,
    "3": 3,
    "4": 2,
    "5": 2,
    "6": 2,
    "7": 2,
    "8": 2,
    "9": 1,
}


def skill_level_of_code(code):
    """ISCO-08 skill level (1-4) of an occupation code, 0 when unknown."""
    code = code or ""
    return SKILL_LEVEL_BY_CODE.get(code[:2]) or SKILL_LEVEL_BY_CODE.get(code[:1], 0)


class Level2workOccupation(models.Model):
    _name = "level2work.occupation"
    _description = "Occupation (ISCO-08 / ESCO)"
    _parent_store = True
    _order = "code, name"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    parent_id = fields.Many2one(
        "level2work.occupation",
        string="Broader group",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "level2work.occupation", "parent_id", string="Narrower groups"
    )
    depth = fields.Selection(
        [
            ("1", "Major group"),
            ("2", "Sub-major group"),
            ("3", "Minor group"),
            ("4", "Unit group"),
            ("5", "ESCO occupation"),
        ],
        compute="_compute_depth",
        store=True,
        recursive=True,
    )
    skill_level = fields.Integer(
        compute="_compute_skill_level",
        store=True,
        aggregator=False,
        help="ISCO-08 skill level (1 elementary to 4 professional), derived "
        "from the major group. 0 when the group spans several levels.",
    )
    esco_uri = fields.Char(string="ESCO URI", index="btree_not_null")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Each occupation code can exist only once."),
    ]

    @api.depends("parent_id.depth")
    def _compute_depth(self):
        for occupation in self:
            parent_depth = int(occupation.parent_id.depth or 0)
            occupation.depth = str(min(parent_depth + 1, 5))

    @api.depends("code")
    def _compute_skill_level(self):
        for occupation in self:
            occupation.skill_level = skill_level_of_code(occupation.code)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for occupation in self:
            occupation.display_name = (
                f"{occupation.code} {occupation.name}"
                if occupation.code
                else occupation.name
            )

    def _get_level_fit(self, isced_level):
        """Level fit of this occupation for a person whose highest diploma is
        ``isced_level``: one of the keys of ``LEVEL_FIT_SELECTION``."""
        self.ensure_one()
        return level_fit(isced_level, self.skill_level)
