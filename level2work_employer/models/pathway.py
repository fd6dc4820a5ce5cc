from odoo import fields, models
from odoo.exceptions import UserError


class Level2workPathway(models.Model):
    _inherit = "level2work.pathway"

    proposal_ids = fields.One2many(
        "level2work.candidate.proposal", "pathway_id", string="Proposals"
    )
    proposal_count = fields.Integer(
        compute="_compute_employer_counts", string="Number of proposals"
    )
    workplace_learning_ids = fields.One2many(
        "level2work.workplace.learning",
        "pathway_id",
        string="Workplace learning",
    )
    workplace_learning_count = fields.Integer(
        compute="_compute_employer_counts", string="Number of workplace learnings"
    )
    placement_ids = fields.One2many(
        "level2work.placement", "pathway_id", string="Placements"
    )
    placement_count = fields.Integer(
        compute="_compute_employer_counts", string="Number of placements"
    )

    def _compute_employer_counts(self):
        counts = {}
        for model in (
            "level2work.candidate.proposal",
            "level2work.workplace.learning",
            "level2work.placement",
        ):
            counts[model] = dict(
                self.env[model]._read_group(
                    [("pathway_id", "in", self.ids)], ["pathway_id"], ["__count"]
                )
            )
        for pathway in self:
            pathway.proposal_count = counts["level2work.candidate.proposal"].get(
                pathway, 0
            )
            pathway.workplace_learning_count = counts[
                "level2work.workplace.learning"
            ].get(pathway, 0)
            pathway.placement_count = counts["level2work.placement"].get(pathway, 0)

    def _employer_advance_to(self, stage):
        """Move the open pathways that are not that far yet into ``stage``,
        through the stage gates: a gate that refuses raises its message and
        nothing is saved.

        With the context key ``level2work_stage_move_optional`` (demo data,
        imports of past placements), a pathway a gate holds back keeps its
        stage instead."""
        behind = self.filtered(
            lambda p: not p.is_closed and p.stage_id.sequence < stage.sequence
        )
        if not behind:
            return
        if not self.env.context.get("level2work_stage_move_optional"):
            behind.write({"stage_id": stage.id})
            return
        for pathway in behind:
            try:
                with self.env.cr.savepoint():
                    pathway.write({"stage_id": stage.id})
            except UserError:
                pathway.invalidate_recordset()

    def _employer_action(self, xmlid, extra_context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("pathway_id", "=", self.id)]
        action["context"] = {"default_pathway_id": self.id, **(extra_context or {})}
        return action

    def action_open_proposals(self):
        return self._employer_action(
            "level2work_employer.candidate_proposal_action",
            {"search_default_open": 0},
        )

    def action_open_workplace_learnings(self):
        return self._employer_action("level2work_employer.workplace_learning_action")

    def action_open_placements(self):
        return self._employer_action("level2work_employer.placement_action")

    def action_propose_to_vacancy(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Propose to a vacancy"),
            "res_model": "level2work.pathway.propose.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pathway_id": self.id},
        }
