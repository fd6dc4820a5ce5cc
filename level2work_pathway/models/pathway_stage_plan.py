from markupsafe import Markup

from odoo import fields, models
from odoo.tools import format_date


class Level2workPathway(models.Model):
    """What the activity plan of a pathway's stage gives the coach: its steps
    when the pathway enters the stage, closed when it leaves the stage or when
    a record fulfils them (see ``fulfilled_by`` on the plan's steps)."""

    _inherit = "level2work.pathway"

    def _launch_stage_plan(self):
        """Schedule the activities of each pathway's stage plan, assigned to
        the pathway's coach unless a step of the plan names someone."""
        today = fields.Date.context_today(self)
        # The plan belongs to the stage: it is launched whoever moves the card,
        # also staff who may not edit the pathway themselves.
        for pathway in self.sudo().filtered("stage_id.activity_plan_id"):
            plan = pathway.stage_id.activity_plan_id
            coach = pathway.coach_id or self.env.user
            # Back in a stage: its steps still open are not given twice.
            open_steps = pathway.activity_ids.plan_template_id
            lines = []
            for template in plan.template_ids - open_steps:
                responsible = (
                    template._determine_responsible(coach, pathway)["responsible"]
                    or coach
                )
                deadline = template._get_date_deadline(today)
                pathway.activity_schedule(
                    activity_type_id=template.activity_type_id.id,
                    summary=template.summary,
                    note=template.note,
                    user_id=responsible.id,
                    date_deadline=deadline,
                    plan_template_id=template.id,
                )
                lines.append(
                    self.env._(
                        "%(activity)s, assigned to %(name)s, due on %(deadline)s",
                        activity=template.summary or template.activity_type_id.name,
                        name=responsible.name,
                        deadline=format_date(self.env, deadline),
                    )
                )
            if not lines:
                continue
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._('The plan "%(plan)s" has been started.', plan=plan.name),
                Markup().join(Markup("<li>%s</li>") % line for line in lines),
            )
            pathway.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _close_stage_steps(self, stage):
        """Close, with a note saying why, the open activities that the plan of
        ``stage`` gave these pathways, which have left it. Activities of
        other plans, reminders and activities scheduled by hand stay."""
        plan = stage.activity_plan_id
        # The plan belongs to the stage: its steps close whoever moves the
        # card, also staff who are not assigned to them.
        for pathway in self.sudo():
            if not plan or pathway.stage_id.activity_plan_id == plan:
                continue
            steps = pathway.activity_ids.filtered(
                lambda activity: activity.plan_template_id.plan_id == plan
            )
            if steps:
                steps.action_feedback(
                    feedback=self.env._(
                        "Closed: the pathway moved to %(stage)s.",
                        stage=pathway.stage_id.name,
                    )
                )

    def _complete_plan_steps(self, fulfilment, feedback):
        """Mark done, with ``feedback``, the open steps of these pathways'
        plans that ``fulfilment`` fulfils (a value of ``fulfilled_by`` of the
        plan's steps): what they asked for was recorded. Addons call it when
        they record what fulfils a step."""
        # The step is done whoever recorded what it asked for, also staff who
        # are not assigned to it.
        steps = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("plan_template_id.fulfilled_by", "=", fulfilment),
                ]
            )
        )
        if steps:
            steps.action_feedback(feedback=feedback)
