from odoo import fields, models


class Level2workPathwayStage(models.Model):
    _name = "level2work.pathway.stage"
    _description = "Pathway stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    fold = fields.Boolean(string="Folded in kanban")
    is_closing = fields.Boolean(
        string="Closes the pathway",
        help="Pathways in this stage are finished: their end date is set and "
        "no more reminders are sent for them.",
    )
    activity_plan_id = fields.Many2one(
        "mail.activity.plan",
        string="Activity plan",
        domain=[("res_model", "=", "level2work.pathway")],
        help="Launched when a pathway enters this stage; its activities go to "
        "the pathway's coach unless a step names someone else.",
    )
    max_days_without_contact = fields.Integer(
        help="The coach is reminded when a pathway in this stage had no contact "
        "moment for longer than this. 0: no limit.",
    )
    planned_days = fields.Integer(
        string="Planned duration (days)",
        help="The coach is reminded when a pathway stays in this stage longer "
        "than this. 0: no limit.",
    )
    gate_ids = fields.Many2many(
        "level2work.stage.gate",
        "level2work_stage_gate_stage_rel",
        "stage_id",
        "gate_id",
        string="Gates",
        help="Conditions a pathway must meet to enter this stage.",
    )
