from odoo import api, fields, models


class Level2workPathwayProposeWizard(models.TransientModel):
    """Propose the newcomer of a pathway for a published vacancy."""

    _name = "level2work.pathway.propose.wizard"
    _description = "Propose to a vacancy"

    pathway_id = fields.Many2one(
        "level2work.pathway", required=True, ondelete="cascade"
    )
    newcomer_id = fields.Many2one(related="pathway_id.newcomer_id")
    vacancy_id = fields.Many2one(
        "level2work.vacancy",
        required=True,
        domain="[('state', '=', 'published'), "
        "('proposal_ids', 'not any', [('newcomer_id', '=', newcomer_id)])]",
    )
    score = fields.Integer(compute="_compute_score")
    score_explanation = fields.Text(string="Why", compute="_compute_score")
    experience_summary = fields.Text(
        help="What the employer may read about the candidate's experience: no "
        "names or details that identify the person.",
        string="Experience summary",
    )

    @api.depends("vacancy_id", "newcomer_id")
    def _compute_score(self):
        Proposal = self.env["level2work.candidate.proposal"]
        for wizard in self:
            values = (
                Proposal._prepare_score_values(
                    wizard.vacancy_id, wizard.newcomer_id, lang=self.env.lang
                )
                if wizard.vacancy_id and wizard.newcomer_id
                else {"score": 0, "score_explanation": False}
            )
            wizard.score = values["score"]
            wizard.score_explanation = values["score_explanation"]

    def action_confirm(self):
        self.ensure_one()
        proposal = self.env["level2work.candidate.proposal"].create(
            {
                "vacancy_id": self.vacancy_id.id,
                "newcomer_id": self.newcomer_id.id,
                "pathway_id": self.pathway_id.id,
                "experience_summary": self.experience_summary,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "level2work.candidate.proposal",
            "res_id": proposal.id,
            "view_mode": "form",
            "target": "current",
        }
