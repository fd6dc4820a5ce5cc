from odoo import api, fields, models

MAX_MOMENT_HOURS = 12

MOMENT_KIND_SELECTION = [
    ("one_to_one", "One to one"),
    ("group", "Group"),
]


class Level2workMentorshipMoment(models.Model):
    """A contact moment between a mentor and their mentee that took place,
    logged by the mentor on the portal or by staff."""

    _name = "level2work.mentorship.moment"
    _description = "Mentorship contact moment"
    _inherit = ["level2work.mentorship.log.mixin"]
    _log_checked_fields = ("mentorship_id", "date", "note", "duration")

    duration = fields.Float(string="Duration (hours)", default=1.0)
    kind = fields.Selection(MOMENT_KIND_SELECTION, required=True, default="one_to_one")
    note = fields.Text(help="A few words on what was discussed.")

    @api.model_create_multi
    def create(self, vals_list):
        moments = super().create(vals_list)
        # Mentor and mentee met: the reminders asking for contact are done,
        # the coach's too. Sudo: the mentor who logs it may not read the
        # pathway; only its id is read, to close its reminders.
        Rule = self.env["level2work.reminder.rule"]
        Rule._mark_reminders_done(moments.mentorship_id, "mentorship_no_contact")
        Rule._mark_reminders_done(moments.mentorship_id.sudo().pathway_id, "no_contact")
        return moments

    def _get_log_errors(self):
        errors = super()._get_log_errors()
        if not 0 <= self.duration <= MAX_MOMENT_HOURS:
            errors["duration"] = self.env._(
                "A contact moment lasts from 0 to %(hours)s hours (%(minutes)s "
                "minutes).",
                hours=MAX_MOMENT_HOURS,
                minutes=MAX_MOMENT_HOURS * 60,
            )
        return errors

    @api.depends("mentor_id.name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for moment in self:
            moment.display_name = self.env._(
                "%(mentor)s: %(kind)s",
                mentor=moment.sudo().mentor_id.name or "",
                kind=kinds.get(moment.kind, "").lower(),
            )
