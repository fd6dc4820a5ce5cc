from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.level2work_pathway.models.related_action import related_action

USER_GROUP = "level2work_pathway.group_level2work_user"


class Level2workPathway(models.Model):
    _inherit = "level2work.pathway"

    proposal_ids = fields.One2many(
        "level2work.candidate.proposal",
        "pathway_id",
        string="Proposals",
        groups=USER_GROUP,
    )
    proposal_count = fields.Integer(
        compute="_compute_employer_counts",
        string="Number of proposals",
        groups=USER_GROUP,
    )
    workplace_learning_ids = fields.One2many(
        "level2work.workplace.learning",
        "pathway_id",
        string="Workplace learning",
        groups=USER_GROUP,
    )
    workplace_learning_count = fields.Integer(
        compute="_compute_employer_counts",
        string="Number of workplace learnings",
        groups=USER_GROUP,
    )
    placement_ids = fields.One2many(
        "level2work.placement",
        "pathway_id",
        string="Placements",
        groups=USER_GROUP,
    )
    placement_count = fields.Integer(
        compute="_compute_employer_counts",
        string="Number of placements",
        groups=USER_GROUP,
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

    def _gate_failing_placement(self):
        # Whether a placement exists, whoever may read it.
        return self.filtered(lambda p: not p.sudo().placement_ids)

    def _employer_advance_to(self, stage, record):
        """Move the open pathways that are not that far yet into ``stage``,
        for ``record`` (the workplace learning or placement that says they
        are there). What happened at the employer is recorded in any case: a
        pathway that a stage gate holds back keeps its stage, and its coach
        gets an activity with the gate's reasons."""
        behind = self.filtered(
            lambda p: not p.is_closed and p.stage_id.sequence < stage.sequence
        )
        for pathway in behind:
            try:
                with self.env.cr.savepoint():
                    pathway.write({"stage_id": stage.id})
            except UserError as error:
                pathway.invalidate_recordset()
                pathway._notify_held_back(stage, record, error.args[0])

    def _notify_held_back(self, stage, record, reasons):
        self.ensure_one()
        coach = self.coach_id
        env = self.with_context(lang=coach.lang or self.env.lang).env
        note = env._(
            "%(record)s is recorded, but the pathway stays in %(current)s: %(reasons)s",
            record=record.display_name,
            current=self.stage_id.with_env(env).name,
            reasons=reasons,
        )
        self.message_post(body=note, subtype_xmlid="mail.mt_note")
        if coach:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=env._(
                    "Move the pathway into %(stage)s", stage=stage.with_env(env).name
                ),
                note=note,
                user_id=coach.id,
            )

    def action_open_proposals(self):
        return related_action(
            self,
            "level2work_employer.candidate_proposal_action",
            "pathway_id",
            search_default_open=0,
        )

    def action_open_workplace_learnings(self):
        return related_action(
            self, "level2work_employer.workplace_learning_action", "pathway_id"
        )

    def action_open_placements(self):
        return related_action(
            self, "level2work_employer.placement_action", "pathway_id"
        )

    def action_propose_to_vacancy(self):
        """Rank the published vacancies for the newcomer, best first, each
        with a button to propose them."""
        self.ensure_one()
        match = self.env["level2work.vacancy.match"].create({"pathway_id": self.id})
        return match._action_open_lines()
