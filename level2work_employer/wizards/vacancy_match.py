from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.level2work_pathway.models.level_rule import LEVEL_FIT_SELECTION

# How many candidates, or vacancies, a ranking shows.
MATCH_LIMIT = 50


class Level2workVacancyMatch(models.TransientModel):
    """One run of the matching, in either direction: the candidates ranked
    for a vacancy (*Find candidates*), or the published vacancies ranked for
    the newcomer of a pathway (*Propose to a vacancy*). Its lines are the
    ranking."""

    _name = "level2work.vacancy.match"
    _description = "Candidates for a vacancy"

    vacancy_id = fields.Many2one("level2work.vacancy", ondelete="cascade")
    pathway_id = fields.Many2one("level2work.pathway", ondelete="cascade")
    line_ids = fields.One2many("level2work.vacancy.match.line", "match_id")

    @api.constrains("vacancy_id", "pathway_id")
    def _check_direction(self):
        for match in self:
            if bool(match.vacancy_id) == bool(match.pathway_id):
                raise ValidationError(
                    self.env._(
                        "Rank either the candidates of a vacancy or the "
                        "vacancies of a pathway."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        matches = super().create(vals_list)
        for match in matches:
            self.env["level2work.vacancy.match.line"].create(
                [
                    match._prepare_line_values(rank, row)
                    for rank, row in enumerate(match._rank(), 1)
                ]
            )
        return matches

    def _rank(self):
        self.ensure_one()
        if self.vacancy_id:
            return self.vacancy_id._rank_candidates(limit=MATCH_LIMIT)
        return self.env["level2work.vacancy"]._rank_vacancies(
            self.pathway_id.newcomer_id, limit=MATCH_LIMIT
        )

    def _prepare_line_values(self, rank, row):
        vacancy = self.env["level2work.vacancy"].browse(row["vacancy_id"])
        return {
            "match_id": self.id,
            "rank": rank,
            "vacancy_id": vacancy.id,
            "newcomer_id": row["newcomer_id"],
            "score": row["score"],
            "reasons": vacancy._format_match_html(row),
            "level_fit": row["level_fit"],
            "dutch_gap": row["dutch_gap"] or 0,
            "dutch_comparison": vacancy._describe_dutch_gap(row["dutch_level"]),
        }

    def _action_open_lines(self):
        self.ensure_one()
        if self.vacancy_id:
            xmlid = "level2work_employer.vacancy_match_line_action"
            name = self.env._(
                "Candidates for %(vacancy)s", vacancy=self.vacancy_id.display_name
            )
        else:
            xmlid = "level2work_employer.vacancy_match_line_action_vacancies"
            name = self.env._(
                "Vacancies for %(newcomer)s",
                newcomer=self.pathway_id.newcomer_id.display_name,
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["name"] = name
        action["domain"] = [("match_id", "=", self.id)]
        return action


class Level2workVacancyMatchLine(models.TransientModel):
    _name = "level2work.vacancy.match.line"
    _description = "Candidate for a vacancy"
    _order = "rank"

    match_id = fields.Many2one(
        "level2work.vacancy.match", required=True, ondelete="cascade"
    )
    vacancy_id = fields.Many2one("level2work.vacancy", readonly=True)
    employer_id = fields.Many2one(related="vacancy_id.employer_id")
    location = fields.Char(related="vacancy_id.location")
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
    reasons = fields.Html(string="Why", readonly=True, sanitize=False)
    level_fit = fields.Selection(LEVEL_FIT_SELECTION, readonly=True, string="Level")
    dutch_gap = fields.Integer(
        readonly=True,
        help="CEFR levels of Dutch short of the level asked.",
        string="Dutch levels short",
    )
    dutch_comparison = fields.Char(string="Dutch", readonly=True)
    proposal_id = fields.Many2one("level2work.candidate.proposal", readonly=True)

    @api.depends("match_id.pathway_id", "newcomer_id")
    def _compute_pathway_id(self):
        for line in self:
            line.pathway_id = (
                line.match_id.pathway_id
                or (
                    line.newcomer_id.pathway_ids.filtered(lambda p: not p.is_closed)[:1]
                )
            )

    @api.depends("newcomer_id", "vacancy_id")
    @api.depends_context("uid")
    def _compute_display_name(self):
        for line in self:
            vacancy = line.vacancy_id
            line.display_name = self.env._(
                "%(candidate)s for %(vacancy)s",
                candidate=line.newcomer_id._get_label_for(vacancy.employer_id)
                if line.newcomer_id
                else "",
                vacancy=vacancy.name or "",
            )

    def action_propose(self):
        """From the candidates of a vacancy: propose them in one click. From
        the vacancies of a pathway: open the proposal, for the experience
        summary the employer will read."""
        if self.match_id.pathway_id:
            self.ensure_one()
            return self._action_open_propose_wizard()
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

    def _action_open_propose_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Propose to %(vacancy)s", vacancy=self.vacancy_id.name),
            "res_model": "level2work.pathway.propose.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_pathway_id": self.pathway_id.id,
                "default_vacancy_id": self.vacancy_id.id,
            },
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

    def action_open_vacancy(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "level2work.vacancy",
            "res_id": self.vacancy_id.id,
            "view_mode": "form",
            "target": "current",
        }
