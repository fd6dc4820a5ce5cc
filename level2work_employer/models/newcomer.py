from odoo import models
from odoo.tools import hmac

from .candidate_proposal import OPEN_STATES


class Level2workNewcomer(models.Model):
    _inherit = "level2work.newcomer"

    def _get_candidate_reference(self, employer):
        """How ``employer`` knows this newcomer until they consent to disclose
        their identity: a reference that says nothing about the person, and
        another one for each employer, so that employers cannot put together
        what each of them knows of one person."""
        self.ensure_one()
        digest = hmac(
            self.env(su=True),
            "level2work-candidate",
            (self.id, employer.commercial_partner_id.id),
        )
        return self.env._("Candidate C-%(code)s", code=digest[:6].upper())

    def _is_identity_disclosed_to(self, employer):
        """Whether this newcomer consents today to disclose their identity to
        ``employer`` (a res.partner, matched on its commercial entity)."""
        self.ensure_one()
        return bool(employer) and self.env["level2work.consent"]._is_given(
            self, "disclose_identity", employer
        )

    def _is_blind_profile_shared(self):
        """Whether this newcomer consents today to share a profile without
        their identity with employers: without it, nobody proposes them and
        no employer sees their profile."""
        self.ensure_one()
        return self.env["level2work.consent"]._is_given(self, "share_blind_profile")

    def _get_label_for(self, employer):
        """The newcomer's name for project staff and for an employer they
        consented to disclose their identity to; the candidate reference for
        anyone else (employer portal users above all)."""
        self.ensure_one()
        newcomer = self.sudo()
        if self.env.user._is_internal() or newcomer._is_identity_disclosed_to(employer):
            return newcomer.name
        return newcomer._get_candidate_reference(employer)

    def _get_employer_records(self):
        """The proposals, workplace learning and placements of these
        newcomers, archived ones included, as superuser."""
        domain = [("newcomer_id", "in", self.ids)]
        return tuple(
            self.env[model].sudo().with_context(active_test=False).search(domain)
            for model in (
                "level2work.candidate.proposal",
                "level2work.workplace.learning",
                "level2work.placement",
            )
        )

    def _get_personal_records(self):
        """Proposals (experience summary, reasons of the score, the
        employer's message, the chatter), workplace learning (goals, notes on
        the outcome) and its evaluations (comments), placements (job title)
        and their follow-ups (remarks), and what the wizards and the
        candidate ranking left of the person. States, outcomes, scores,
        ratings, dates, hours, instruments, occupations and the level fit
        stay for reporting. Vacancies are the employer's, not the person's:
        they are left alone."""
        proposals, learnings, placements = self._get_employer_records()
        pathways = self.sudo().with_context(active_test=False).pathway_ids
        return [
            *super()._get_personal_records(),
            proposals,
            learnings,
            learnings.evaluation_ids,
            placements,
            placements.follow_up_ids,
            self.env["level2work.proposal.consent.wizard"]
            .sudo()
            .search([("proposal_id", "in", proposals.ids)]),
            self.env["level2work.pathway.propose.wizard"]
            .sudo()
            .search([("pathway_id", "in", pathways.ids)]),
            self.env["level2work.vacancy.match.line"]
            .sudo()
            .search([("newcomer_id", "in", self.ids)]),
        ]

    def _anonymize(self, reason):
        """What is still under way for the person ends first: open proposals
        are declined (the candidate withdrew), planned and running workplace
        learning is cancelled. Placements stay as they are. Then the
        erasure."""
        proposals, learnings, _placements = self.filtered(
            lambda n: not n.is_anonymized
        )._get_employer_records()
        proposals.filtered(lambda p: p.state in OPEN_STATES).with_context(
            tracking_disable=True
        ).write({"state": "declined", "decline_reason": "candidate"})
        learnings.filtered(lambda w: w.state in ("planned", "running")).with_context(
            tracking_disable=True
        ).write({"state": "cancelled"})
        return super()._anonymize(reason)

    def _get_personal_data(self):
        self.ensure_one()
        proposals, learnings, placements = self._get_employer_records()
        rows = self._personal_data_rows
        return [
            *super()._get_personal_data(),
            (
                self.env._("Proposals to employers"),
                rows(
                    proposals,
                    [
                        "vacancy_id",
                        "employer_id",
                        "date_proposed",
                        "state",
                        "identity_disclosed",
                        "score",
                        "score_explanation",
                        "experience_summary",
                    ],
                ),
            ),
            (
                self.env._("Workplace learning"),
                rows(
                    learnings,
                    [
                        "employer_id",
                        "instrument",
                        "occupation_id",
                        "tutor_id",
                        "date_start",
                        "date_end",
                        "hours_per_week",
                        "learning_goals",
                        "state",
                        "outcome",
                    ],
                ),
            ),
            (
                self.env._("Evaluations of workplace learning"),
                rows(
                    learnings.evaluation_ids,
                    [
                        "learning_id",
                        "kind",
                        "date",
                        "filled_by_role",
                        "rating_goals",
                        "rating_skills",
                        "rating_dutch",
                        "rating_attitude",
                        "goals_comment",
                        "strengths",
                        "improvements",
                        "would_hire",
                    ],
                ),
            ),
            (
                self.env._("Placements"),
                rows(
                    placements,
                    [
                        "employer_id",
                        "occupation_id",
                        "job_title",
                        "contract_type",
                        "date_start",
                        "date_end",
                        "hours_per_week",
                        "at_level",
                    ],
                ),
            ),
            (
                self.env._("Placement follow-ups"),
                rows(
                    placements.follow_up_ids,
                    ["placement_id", "milestone", "date", "still_employed", "remarks"],
                ),
            ),
        ]
