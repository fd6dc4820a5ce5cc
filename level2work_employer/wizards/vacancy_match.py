from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.level2work_pathway.models.level_rule import LEVEL_FIT_SELECTION

# How many candidates "Find candidates" shows.
MATCH_LIMIT = 50


class Level2workVacancyMatch(models.TransientModel):
    """One run of the matching for a vacancy: its lines are the ranking."""

    _name = "level2work.vacancy.match"
    _description = "Candidates for a vacancy"

    vacancy_id = fields.Many2one(
        "level2work.vacancy", required=True, ondelete="cascade"
    )
    line_ids = fields.One2many("level2work.vacancy.match.line", "match_id")

    @api.model_create_multi
    def create(self, vals_list):
        matches = super().create(vals_list)
        for match in matches:
            rows = match.vacancy_id._rank_candidates(limit=MATCH_LIMIT)
            self.env["level2work.vacancy.match.line"].create(
                [
                    match._prepare_line_values(rank, row)
                    for rank, row in enumerate(rows, 1)
                ]
            )
        return matches

    def _prepare_line_values(self, rank, row):
        return {
            "match_id": self.id,
            "rank": rank,
            "newcomer_id": row["newcomer_id"],
            "score": row["score"],
            "explanation": row["explanation"],
            "level_fit": row["level_fit"],
            "dutch_gap": row["dutch_gap"] or 0,
            "dutch_comparison": self.vacancy_id._describe_dutch_gap(row["dutch_level"]),
        }

    def _action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "level2work_employer.vacancy_match_line_action"
        )
        action["name"] = self.env._(
            "Candidates for %(vacancy)s", vacancy=self.vacancy_id.display_name
        )
        action["domain"] = [("match_id", "=", self.id)]
        return action


class Level2workVacancyMatchLine(models.TransientModel):
    _name = "level2work.vacancy.match.line"
    _description = "Candidate for a vacancy"
    _order = "rank"

    match_id = fields.Many2one(
        "level2work.vacancy.match", required=True, ondelete="cascade"
    )
    vacancy_id = fields.Many2one(related="match_id.vacancy_id")
    rank = fields.Integer(readonly=True)
    newcomer_id = fields.Many2one(
        "level2work.newcomer", readonly=True, ondelete="cascade"
    )
    pathway_id = fields.Many2one("level2work.pathway", compute="_compute_pathway_id")
    coach_id = fields.Many2one(related="newcomer_id.coach_id")
    lab_id = fields.Many2one(related="newcomer_id.lab_id")
    highest_isced_level = fields.Selection(
        related="newcomer_id.highest_isced_level", string="Highest diploma level"
    )
    dutch_level = fields.Selection(
        related="newcomer_id.dutch_level", string="Dutch level"
    )
    score = fields.Integer(readonly=True)
    explanation = fields.Text(string="Why", readonly=True)
    level_fit = fields.Selection(LEVEL_FIT_SELECTION, readonly=True, string="Level")
    dutch_gap = fields.Integer(
        readonly=True,
        help="CEFR levels of Dutch short of the level asked.",
        string="Dutch levels short",
    )
    dutch_comparison = fields.Char(string="Dutch", readonly=True)
    proposal_id = fields.Many2one("level2work.candidate.proposal", readonly=True)

    @api.depends("newcomer_id")
    def _compute_pathway_id(self):
        for line in self:
            line.pathway_id = line.newcomer_id.pathway_ids.filtered(
                lambda p: not p.is_closed
            )[:1]

    def action_propose(self):
        """One click: propose this candidate for the vacancy."""
        for line in self:
            if line.proposal_id:
                raise UserError(
                    self.env._(
                        "%(name)s is already proposed for this vacancy.",
                        name=line.newcomer_id.name,
                    )
                )
            line.proposal_id = self.env["level2work.candidate.proposal"].create(
                line._prepare_proposal_values()
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Proposed to %(employer)s: %(names)s.",
                    employer=self.vacancy_id.employer_id.name,
                    names=", ".join(self.newcomer_id.mapped("name")),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _prepare_proposal_values(self):
        self.ensure_one()
        return {
            "vacancy_id": self.vacancy_id.id,
            "newcomer_id": self.newcomer_id.id,
            "pathway_id": self.pathway_id.id,
        }

    def action_open_newcomer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "level2work.pathway"
            if self.pathway_id
            else "level2work.newcomer",
            "res_id": self.pathway_id.id or self.newcomer_id.id,
            "view_mode": "form",
            "target": "current",
        }
