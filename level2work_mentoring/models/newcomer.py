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
