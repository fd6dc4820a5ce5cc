from collections import Counter
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class Level2workReminderRule(models.Model):
    """When coaches get an activity, as data a manager can change.

    Each ``kind`` names a condition implemented on the model it watches (see
    ``level2work.reminder.mixin``): ``_reminder_domain_<kind>(rule, today)``
    returns the records that are due. Other addons add kinds with
    ``selection_add`` and extend ``_get_kind_models``."""

    _name = "level2work.reminder.rule"
    _description = "Reminder rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("no_contact", "No contact for longer than the stage allows"),
            ("stage_overdue", "Stage takes longer than planned"),
            ("recognition_waiting", "Diploma recognition waiting"),
            ("eligibility_ending", "Eligibility ending"),
        ],
        required=True,
    )
    res_model = fields.Char(string="Watches", compute="_compute_res_model", store=True)
    days = fields.Integer(
        help="The number of days in the condition: a grace period after the "
        "limit for contact and stage rules, the waiting time for recognitions, "
        "how far ahead for ending periods.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        required=True,
        default=lambda self: self.env.ref("mail.mail_activity_data_todo"),
    )
    summary = fields.Char(
        translate=True, help="Summary of the activity; the rule's name if empty."
    )
    note = fields.Text(translate=True, help="Instructions added to the activity.")
    deadline_days = fields.Integer(
        string="Due after (days)",
        help="The activity is due this many days after it is created.",
    )
    description = fields.Text(translate=True)
    reminder_ids = fields.One2many(
        "level2work.reminder", "rule_id", string="Reminders given"
    )
    reminder_count = fields.Integer(compute="_compute_reminder_count")
    active = fields.Boolean(default=True)

    @api.model
    def _get_kind_models(self):
        """Which model each kind of rule watches."""
        return {
            "no_contact": "level2work.pathway",
            "stage_overdue": "level2work.pathway",
            "recognition_waiting": "level2work.diploma",
            "eligibility_ending": "level2work.newcomer",
        }

    @api.depends("kind")
    def _compute_res_model(self):
        models_by_kind = self._get_kind_models()
        for rule in self:
            rule.res_model = models_by_kind.get(rule.kind)

    def _compute_reminder_count(self):
        counts = dict(
            self.env["level2work.reminder"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.reminder_count = counts.get(rule, 0)

    def action_open_reminders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "level2work_pathway.reminder_action"
        )
        action["domain"] = [("rule_id", "=", self.id)]
        return action

    def action_send_now(self):
        """Give now the reminders that are due, for the selected rules or, when
        none is selected, for every rule: for a manager who changed a rule.
        Switched-off rules give none."""
        if not self.env.user.has_group("level2work_pathway.group_level2work_manager"):
            raise UserError(self.env._("This is for level2work managers only."))
        rules = (self or self.search([("active", "=", True)])).filtered("active")
        given = self.env["level2work.reminder"]
        # Reminders go to the coaches of every lab, also the labs this manager
        # does not see: the rules decide who is reminded, as in the daily job.
        while batch := rules.sudo()._send_due_reminders():
            given |= batch
        counts = Counter(reminder.rule_id.id for reminder in given)
        per_rule = [
            self.env._("%(rule)s: %(count)s", rule=rule.name, count=counts[rule.id])
            for rule in rules
            if counts[rule.id]
        ]
        if given:
            message = self.env._(
                "Reminders given: %(count)s (%(rules)s). Rules checked: %(checked)s.",
                count=len(given),
                rules=", ".join(per_rule),
                checked=len(rules),
            )
        else:
            message = self.env._(
                "No reminder was due. Rules checked: %(checked)s.", checked=len(rules)
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if given else "info",
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _get_due(self, today):
        """``[(record, key)]`` for the records this rule wants a reminder for
        that did not get one yet for the same key."""
        self.ensure_one()
        Model = self.env[self.res_model]
        records = Model.search(
            getattr(Model, f"_reminder_domain_{self.kind}")(self, today)
        )
        sent = {
            (res_id, key)
            for res_id, key in self.env["level2work.reminder"]
            .search_fetch(
                [("rule_id", "=", self.id), ("res_id", "in", records.ids)],
                ["res_id", "key"],
            )
            .mapped(lambda r: (r.res_id, r.key))
        }
        due = []
        for record in records:
            key = record._reminder_key(self)
            if (record.id, key) not in sent and record._reminder_target()[1]:
                due.append((record, key))
        return due

    def _remind(self, record, key, today):
        """Give the coach an activity for ``record`` and remember it."""
        self.ensure_one()
        document, user = record._reminder_target()
        # In the coach's language, whoever runs the job.
        rule = self.with_context(lang=user.lang)
        record = record.with_context(lang=user.lang)
        note = "\n".join(filter(None, [record._reminder_note(rule), rule.note]))
        activity = document.activity_schedule(
            activity_type_id=self.activity_type_id.id,
            summary=rule.summary or rule.name,
            note=note,
            user_id=user.id,
            date_deadline=today + timedelta(days=self.deadline_days),
        )
        return self.env["level2work.reminder"].create(
            {
                "rule_id": self.id,
                "res_model": record._name,
                "res_id": record.id,
                "key": key,
                "activity_id": activity.id,
            }
        )

    @api.model
    def _mark_reminders_done(self, records, kind, key=None):
        """Mark done the activities that reminders of ``kind`` gave for
        ``records`` (for occasion ``key`` when given): what they asked for
        has happened."""
        if not records:
            return
        domain = [
            ("rule_id.kind", "=", kind),
            ("res_model", "=", records._name),
            ("res_id", "in", records.ids),
            ("activity_id", "!=", False),
        ]
        if key is not None:
            domain.append(("key", "=", key))
        reminders = self.env["level2work.reminder"].sudo().search(domain)
        activities = reminders.activity_id.exists()
        if activities:
            activities.action_feedback(
                feedback=self.env._("Done: recorded in level2work.")
            )

    @api.model
    def _cron_send_reminders(self, batch_size=500):
        """The one scheduled job of all reminders, for every rule that is on.
        Each call gives at most ``batch_size`` reminders and reports what is
        left, so that the scheduler calls it again until everything is done.
        Returns the number given."""
        rules = self.search([("active", "=", True)])
        return len(rules._send_due_reminders(batch_size))

    def _send_due_reminders(self, batch_size=500):
        """Give at most ``batch_size`` of the reminders these rules want;
        reminders already given are never given twice. Returns those given."""
        today = fields.Date.context_today(self)
        due = [
            (rule, record, key) for rule in self for record, key in rule._get_due(today)
        ]
        batch = due[:batch_size]
        reminders = self.env["level2work.reminder"]
        for rule, record, key in batch:
            reminders |= rule._remind(record, key, today)
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(due) - len(batch)
        )
        return reminders
