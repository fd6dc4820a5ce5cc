"""The activities a stage's plan gave know their step, so that they close
when the pathway leaves the stage; the Dutch course step is done once a
Dutch course is recorded (the plans are data a manager may have changed:
only what is empty is filled in)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute(
        """
        UPDATE mail_activity activity
           SET plan_template_id = step.id
          FROM mail_activity_plan_template step
          JOIN mail_activity_plan plan ON plan.id = step.plan_id
         WHERE activity.res_model = 'level2work.pathway'
           AND plan.res_model = 'level2work.pathway'
           AND activity.plan_template_id IS NULL
           AND activity.activity_type_id = step.activity_type_id
           AND activity.summary = step.summary
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    step = env.ref(
        "level2work_pathway.activity_plan_language_orientation_step_1",
        raise_if_not_found=False,
    )
    if step and not step.fulfilled_by:
        step.fulfilled_by = "dutch_course_enrolled"
