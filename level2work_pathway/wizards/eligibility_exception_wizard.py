from odoo import fields, models
from odoo.exceptions import UserError


class Level2workEligibilityExceptionWizard(models.TransientModel):
    _name = "level2work.eligibility.exception.wizard"
    _description = "Grant an eligibility exception"

    newcomer_id = fields.Many2one("level2work.newcomer", required=True)
    eligibility_explanation = fields.Text(related="newcomer_id.eligibility_explanation")
    reason = fields.Text(
        required=True,
        help="Why this newcomer takes part although a criterion is not met. "
        "It is shown on the newcomer and kept in its history.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.newcomer_id.check_access("write")
        self.newcomer_id._check_manager()
        if len(self.reason.strip()) < 10:
            raise UserError(
                self.env._("Please justify the exception in a full sentence.")
            )
        # Only this code writes the exception, once the manager is checked:
        # who granted it and when are those of this confirmation.
        self.newcomer_id.sudo().write(
            {
                "eligibility_exception": True,
                "eligibility_exception_reason": self.reason.strip(),
                "eligibility_exception_user_id": self.env.user.id,
                "eligibility_exception_date": fields.Date.context_today(self),
            }
        )
        self.newcomer_id.message_post(
            body=self.env._(
                "Eligibility exception granted: %(reason)s", reason=self.reason.strip()
            ),
            subtype_xmlid="mail.mt_note",
        )
