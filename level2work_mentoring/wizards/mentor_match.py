from odoo import api, fields, models


class Level2workMentorMatch(models.TransientModel):
    """The mentors ranked for one pathway, each with its score and reasons;
    the coach proposes a mentorship from a row in one click."""

    _name = "level2work.mentor.match"
    _description = "Find a mentor"

    pathway_id = fields.Many2one("level2work.pathway", required=True, readonly=True)
    newcomer_id = fields.Many2one(related="pathway_id.newcomer_id")
    target_occupation_ids = fields.Many2many(related="pathway_id.target_occupation_ids")
    lab_id = fields.Many2one(related="pathway_id.lab_id")
    line_ids = fields.One2many(
        "level2work.mentor.match.line", "wizard_id", readonly=True
    )

    @api.depends("newcomer_id.name")
    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = self.env._(
                "Find a mentor for %(newcomer)s", newcomer=wizard.newcomer_id.name
            )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard._rank()
        return wizards

    def _rank(self):
        self.ensure_one()
        Mentor = self.env["level2work.mentor"]
        ranking = Mentor._get_match_candidates(self.pathway_id)._match_pathway(
            self.pathway_id
        )
        # The ranking's own results: only this code writes them, on the
        # user's own wizard.
        self.sudo().line_ids = [
            fields.Command.create(
                {
                    "rank": rank,
                    "mentor_id": entry["mentor"].id,
                    "score": entry["score"],
                    "max_score": entry["max_score"],
                    "is_full": entry["is_full"],
                    "reasons": Mentor._format_match_reasons(entry["reasons"]),
                }
            )
            for rank, entry in enumerate(ranking, start=1)
        ]


class Level2workMentorMatchLine(models.TransientModel):
    _name = "level2work.mentor.match.line"
    _description = "Mentor in a ranking"
    _order = "rank"

    wizard_id = fields.Many2one(
        "level2work.mentor.match", required=True, ondelete="cascade"
    )
    rank = fields.Integer()
    mentor_id = fields.Many2one("level2work.mentor", required=True, readonly=True)
    company_partner_id = fields.Many2one(related="mentor_id.company_partner_id")
    lab_id = fields.Many2one(related="mentor_id.lab_id")
    occupation_ids = fields.Many2many(related="mentor_id.occupation_ids")
    language_ids = fields.Many2many(related="mentor_id.language_ids")
    score = fields.Integer(readonly=True, copy=False, code_only=True)
    max_score = fields.Integer(readonly=True, copy=False, code_only=True)
    is_full = fields.Boolean(string="Full", readonly=True, copy=False, code_only=True)
    reasons = fields.Html(readonly=True, sanitize=False, copy=False, code_only=True)

    def action_propose(self):
        """Propose a mentorship of the pathway with this mentor, and open it."""
        self.ensure_one()
        mentorship = self.env["level2work.mentorship"]._propose(
            self.wizard_id.pathway_id, self.mentor_id, score=self.score
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "level2work.mentorship",
            "res_id": mentorship.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
