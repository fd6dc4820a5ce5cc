from odoo import fields, models


class Level2workStageGate(models.Model):
    """A condition a pathway must meet to enter a stage.

    Each ``kind`` is checked by the pathway method ``_gate_failing_<kind>``,
    which returns the pathways that do not meet it. Other addons add kinds
    with ``selection_add`` and their method on ``level2work.pathway``; a
    manager switches a gate off by archiving it."""

    _name = "level2work.stage.gate"
    _description = "Stage gate"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("eligible", "The newcomer is eligible"),
            ("target_occupation", "A target occupation is chosen"),
        ],
        required=True,
    )
    stage_ids = fields.Many2many(
        "level2work.pathway.stage",
        "level2work_stage_gate_stage_rel",
        "gate_id",
        "stage_id",
        string="Guards stages",
        help="A pathway can only enter these stages when the gate holds.",
    )
    message = fields.Text(
        required=True,
        translate=True,
        help="Shown to the person moving a pathway when the gate does not hold.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("kind_unique", "UNIQUE(kind)", "There is already a gate of this kind."),
    ]
