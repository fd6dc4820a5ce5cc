from odoo import fields, models


class Level2workNewcomer(models.Model):
    _inherit = "level2work.newcomer"

    attendance_ids = fields.One2many(
        "level2work.session.attendance", "newcomer_id", string="Group sessions"
    )

    def _get_upcoming_session_attendances(self):
        """This newcomer's places on group sessions still to come, soonest
        first (shown on the newcomer's portal page)."""
        self.ensure_one()
        now = fields.Datetime.now()
        return self.attendance_ids.filtered(
            lambda a: a.session_id.active and a.session_date >= now
        ).sorted("session_date")

    def _get_mentoring_records(self):
        """The mentorships of these newcomers (of every pathway, archived
        ones included) and their session attendances, as superuser."""
        newcomers = self.sudo().with_context(active_test=False)
        mentorships = (
            self.env["level2work.mentorship"]
            .sudo()
            .search([("newcomer_id", "in", newcomers.ids)])
        )
        attendances = (
            self.env["level2work.session.attendance"]
            .sudo()
            .search([("newcomer_id", "in", newcomers.ids)])
        )
        return mentorships, attendances

    def _get_personal_records(self):
        """Mentorships (goals, notes on the outcome and the cancellation, the
        chatter), their contact moments and network introductions (notes),
        session attendances (notes) and the mentor rankings made for the
        person's pathways. The mentor, the cohort, states, outcomes, dates
        and durations stay for reporting; so do the contact and the
        organisation of an introduction, which are the mentor's network, not
        the person (see ``_erasure_keep_fields`` there)."""
        mentorships, attendances = self._get_mentoring_records()
        pathways = self.sudo().with_context(active_test=False).pathway_ids
        rankings = (
            self.env["level2work.mentor.match"]
            .sudo()
            .search([("pathway_id", "in", pathways.ids)])
        )
        return [
            *super()._get_personal_records(),
            mentorships,
            mentorships.moment_ids,
            mentorships.introduction_ids,
            attendances,
            rankings,
            rankings.line_ids,
        ]

    def _anonymize(self, reason):
        """What is still under way for the person ends first: proposed and
        active mentorships are cancelled, places on sessions to come are
        given up. Then the erasure."""
        mentorships, attendances = self.filtered(
            lambda n: not n.is_anonymized
        )._get_mentoring_records()
        mentorships.filtered(lambda m: m.state in ("proposed", "active")).with_context(
            tracking_disable=True
        ).write({"state": "cancelled", "date_closed": fields.Date.context_today(self)})
        now = fields.Datetime.now()
        attendances.filtered(
            lambda a: a.state == "registered" and a.session_date > now
        ).unlink()
        return super()._anonymize(reason)

    def _get_personal_data(self):
        self.ensure_one()
        mentorships, attendances = self._get_mentoring_records()
        rows = self._personal_data_rows
        return [
            *super()._get_personal_data(),
            (
                self.env._("Mentorships"),
                rows(
                    mentorships,
                    [
                        "mentor_id",
                        "cohort_id",
                        "state",
                        "date_start",
                        "date_end",
                        "goals",
                        "outcome",
                    ],
                ),
            ),
            (
                self.env._("Contact moments with the mentor"),
                rows(
                    mentorships.moment_ids,
                    ["mentor_id", "date", "duration", "kind", "note"],
                ),
            ),
            (
                self.env._("Introductions into the mentor's network"),
                rows(
                    mentorships.introduction_ids,
                    [
                        "mentor_id",
                        "date",
                        "contact_name",
                        "organisation",
                        "outcome",
                        "note",
                    ],
                ),
            ),
            (
                self.env._("Group sessions"),
                rows(
                    attendances,
                    ["session_id", "topic", "session_date", "state"],
                ),
            ),
        ]
