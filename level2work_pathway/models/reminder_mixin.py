from odoo import models


class Level2workReminderMixin(models.AbstractModel):
    """What a model watched by reminder rules provides. For each kind it
    supports, a method ``_reminder_domain_<kind>(rule, today)`` returning the
    domain of the records due."""

    _name = "level2work.reminder.mixin"
    _description = "Watched by reminder rules"

    def _reminder_key(self, rule):
        """The occasion a reminder is for: a record gets at most one
        reminder per rule and key. Override per kind so that a new occasion
        (a new stage, a new contact gap) can be reminded again."""
        self.ensure_one()
        return ""

    def _reminder_target(self):
        """``(document, user)``: the record that gets the activity and the
        coach it is assigned to. No user: no reminder."""
        self.ensure_one()
        return self, self.coach_id

    def _reminder_note(self, rule):
        """A sentence about this record added to the activity."""
        return ""
