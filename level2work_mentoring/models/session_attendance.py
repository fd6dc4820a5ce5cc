from odoo import api, fields, models
from odoo.exceptions import ValidationError

INTERNAL = "level2work_pathway.group_level2work_user"
ATTENDANCE_STATE_SELECTION = [
    ("registered", "Registered"),
    ("attended", "Attended"),
    ("absent", "Absent"),
    ("excused", "Excused"),
]


class Level2workSessionAttendance(models.Model):
    """A newcomer on the list of a group session, and whether they came."""

    _name = "level2work.session.attendance"
    _description = "Session attendance"
    _inherit = ["level2work.owned.mixin"]
    _owner_fields = ("newcomer_id",)
    _order = "session_date desc, session_id, id"
    _rec_name = "newcomer_id"

    session_id = fields.Many2one(
        "level2work.session", required=True, index=True, ondelete="cascade"
    )
    newcomer_id = fields.Many2one(
        "level2work.newcomer", required=True, index=True, ondelete="cascade"
    )
    state = fields.Selection(
        ATTENDANCE_STATE_SELECTION,
        string="Attendance",
        required=True,
        default="registered",
    )
    note = fields.Char(groups=INTERNAL)
    topic = fields.Selection(related="session_id.topic", store=True)
    session_date = fields.Datetime(
        string="Date", related="session_id.date_begin", store=True
    )
    cohort_id = fields.Many2one(
        related="session_id.cohort_id", store=True, index=True, groups=INTERNAL
    )
    lab_id = fields.Many2one(
        related="session_id.lab_id", store=True, index=True, groups=INTERNAL
    )

    _sql_constraints = [
        (
            "newcomer_unique",
            "UNIQUE(session_id, newcomer_id)",
            "This newcomer is already on the list of this session.",
        ),
    ]

    @api.constrains("state", "session_id")
    def _check_state(self):
        now = fields.Datetime.now()
        for attendance in self:
            if attendance.state != "registered" and attendance.session_date > now:
                raise ValidationError(
                    self.env._(
                        "The session %(session)s has not started yet: attendance "
                        "is taken once it has.",
                        session=attendance.session_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        attendances._mark_contact_reminders_done()
        return attendances

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "attended":
            self._mark_contact_reminders_done()
        return result

    def _mark_contact_reminders_done(self):
        """A group session attended is a contact with the newcomer: the
        coach's reminders asking for one are done."""
        # Sudo: whoever takes the attendance may not read the newcomer's
        # pathways; only their ids are read, to close their reminders.
        attended = self.sudo().filtered(lambda a: a.state == "attended")
        self.env["level2work.reminder.rule"]._mark_reminders_done(
            attended.newcomer_id.pathway_ids, "no_contact"
        )

    def action_mark_attended(self):
        return self.write({"state": "attended"})

    def action_mark_absent(self):
        return self.write({"state": "absent"})

    def action_mark_excused(self):
        return self.write({"state": "excused"})
