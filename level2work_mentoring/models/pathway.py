from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.level2work_pathway.models.related_action import related_action

INTERNAL = "level2work_pathway.group_level2work_user"


class Level2workPathway(models.Model):
    _inherit = "level2work.pathway"

    mentorship_ids = fields.One2many(
        "level2work.mentorship", "pathway_id", string="Mentorships", groups=INTERNAL
    )
    mentorship_count = fields.Integer(
        compute="_compute_mentoring_counts", groups=INTERNAL
    )
    current_mentorship_id = fields.Many2one(
        "level2work.mentorship",
        string="Current mentorship",
        compute="_compute_current_mentorship_id",
        groups=INTERNAL,
        help="The active mentorship, or else the latest proposed one.",
    )
    session_attendance_ids = fields.One2many(
        related="newcomer_id.attendance_ids", string="Group sessions", groups=INTERNAL
    )
    attended_session_count = fields.Integer(
        string="Sessions attended", compute="_compute_mentoring_counts", groups=INTERNAL
    )
    introduction_count = fields.Integer(
        string="Introductions", compute="_compute_mentoring_counts", groups=INTERNAL
    )
    last_contact_source = fields.Selection(
        selection_add=[("mentor", "Mentor"), ("session", "Group session")],
        ondelete={"mentor": "set null", "session": "set null"},
    )

    @api.depends("mentorship_ids.state", "newcomer_id.attendance_ids.state")
    def _compute_mentoring_counts(self):
        mentorships = dict(
            self.env["level2work.mentorship"]._read_group(
                [("pathway_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["pathway_id"],
                ["__count"],
            )
        )
        attended = dict(
            self.env["level2work.session.attendance"]._read_group(
                [
                    ("newcomer_id", "in", self.newcomer_id.ids),
                    ("state", "=", "attended"),
                ],
                ["newcomer_id"],
                ["__count"],
            )
        )
        introductions = dict(
            self.env["level2work.network.introduction"]._read_group(
                [("mentorship_id.pathway_id", "in", self.ids)],
                ["mentorship_id"],
                ["__count"],
            )
        )
        for pathway in self:
            pathway.mentorship_count = mentorships.get(pathway, 0)
            pathway.attended_session_count = attended.get(pathway.newcomer_id, 0)
            pathway.introduction_count = sum(
                count
                for mentorship, count in introductions.items()
                if mentorship.pathway_id == pathway
            )

    @api.depends(
        "mentorship_ids.moment_ids.date",
        "mentorship_ids.mentor_id.name",
        "date_start",
        "newcomer_id.attendance_ids.state",
        "newcomer_id.attendance_ids.session_date",
        "newcomer_id.attendance_ids.session_id.name",
    )
    def _compute_last_contact(self):
        return super()._compute_last_contact()

    def _get_contacts(self):
        """Also the mentor's contact moments and the group sessions attended
        since the pathway started."""
        contacts = super()._get_contacts()
        for mentorship in self.mentorship_ids:
            contacts += [
                (moment.date, "mentor", mentorship.mentor_id.name)
                for moment in mentorship.moment_ids
            ]
        for attendance in self.newcomer_id.attendance_ids:
            date = self._get_coach_date(attendance.session_date)
            if attendance.state == "attended" and date >= self.date_start:
                contacts.append((date, "session", attendance.session_id.name))
        return contacts

    @api.depends("mentorship_ids.state", "mentorship_ids.date_start")
    def _compute_current_mentorship_id(self):
        for pathway in self:
            mentorships = pathway.mentorship_ids
            pathway.current_mentorship_id = (
                mentorships.filtered(lambda m: m.state == "active")[:1]
                or mentorships.filtered(lambda m: m.state == "proposed")[:1]
            )

    def action_find_mentor(self):
        """Rank the mentors for this pathway in a dialog, with a button per
        mentor to propose a mentorship."""
        self.ensure_one()
        if self.is_closed:
            raise UserError(
                self.env._(
                    "The pathway of %(newcomer)s is closed.",
                    newcomer=self.newcomer_id.name,
                )
            )
        self.check_access("write")
        wizard = self.env["level2work.mentor.match"].create({"pathway_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Find a mentor for %(newcomer)s", newcomer=self.newcomer_id.name
            ),
            "res_model": "level2work.mentor.match",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "context": {"dialog_size": "extra-large"},
        }

    def action_open_mentorships(self):
        action = related_action(
            self, "level2work_mentoring.mentorship_action", "pathway_id"
        )
        if self.mentorship_count == 1:
            mentorship = self.mentorship_ids.filtered(lambda m: m.state != "cancelled")
            action.update(views=[(False, "form")], res_id=mentorship.id)
        return action

    def action_open_attendances(self):
        self.ensure_one()
        return related_action(
            self.newcomer_id,
            "level2work_mentoring.session_attendance_action",
            "newcomer_id",
        )

    def action_open_introductions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "level2work_mentoring.network_introduction_action"
        )
        action["domain"] = [("mentorship_id.pathway_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Stage gate (see level2work.stage.gate)
    # ------------------------------------------------------------------

    @api.model
    def _get_required_session_topics(self):
        """The group sessions a newcomer attends before workplace learning or
        placement."""
        return ("cv", "application_skills")

    def _gate_failing_mentoring_sessions(self):
        required = set(self._get_required_session_topics())
        attended = {}
        for newcomer, topic in (
            self.env["level2work.session.attendance"]
            .sudo()
            ._read_group(
                [
                    ("newcomer_id", "in", self.newcomer_id.ids),
                    ("state", "=", "attended"),
                    ("topic", "in", list(required)),
                ],
                ["newcomer_id", "topic"],
            )
        ):
            attended.setdefault(newcomer.id, set()).add(topic)
        return self.filtered(
            lambda p: not required <= attended.get(p.newcomer_id.id, set())
        )
