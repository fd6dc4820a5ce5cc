from odoo import fields, models

from .related_action import related_action

PROVINCE_SELECTION = [
    ("antwerpen", "Antwerp"),
    ("limburg", "Limburg"),
    ("oost_vlaanderen", "East Flanders"),
    ("vlaams_brabant", "Flemish Brabant"),
    ("west_vlaanderen", "West Flanders"),
    ("brussel", "Brussels"),
]


class Level2workLab(models.Model):
    _name = "level2work.lab"
    _description = "Project lab"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    province = fields.Selection(PROVINCE_SELECTION, required=True)
    user_ids = fields.Many2many(
        "res.users",
        "level2work_lab_res_users_rel",
        "lab_id",
        "user_id",
        string="Staff",
        domain=[("share", "=", False)],
        help="Partner staff working in this lab. They see the newcomers and "
        "pathways of the lab.",
    )
    organisation_ids = fields.Many2many(
        "res.partner",
        string="Partner organisations",
        domain=[("is_company", "=", True)],
    )
    newcomer_ids = fields.One2many("level2work.newcomer", "lab_id")
    newcomer_count = fields.Integer(compute="_compute_newcomer_count")
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "A lab with this name already exists."),
    ]

    def _compute_newcomer_count(self):
        counts = dict(
            self.env["level2work.newcomer"]._read_group(
                [("lab_id", "in", self.ids)], ["lab_id"], ["__count"]
            )
        )
        for lab in self:
            lab.newcomer_count = counts.get(lab, 0)

    def action_open_newcomers(self):
        return related_action(self, "level2work_pathway.newcomer_action", "lab_id")
