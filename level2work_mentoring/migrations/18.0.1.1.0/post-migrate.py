"""The mentor's contact moments and the group sessions attended count as
contacts of the pathways that exist already; the "Propose a mentor" step is
done once a mentorship is proposed (only when the manager left it empty)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Pathway = env["level2work.pathway"].with_context(active_test=False)
    pathways = Pathway.search([])
    for name in ("last_contact_date", "contact_deadline"):
        env.add_to_compute(Pathway._fields[name], pathways)
    pathways.flush_recordset()
    step = env.ref(
        "level2work_pathway.activity_plan_mentoring_step_1", raise_if_not_found=False
    )
    if step and not step.fulfilled_by:
        step.fulfilled_by = "mentorship_proposed"
