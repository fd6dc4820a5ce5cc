from odoo import api, fields, models

MAX_NAME_LENGTH = 128

INTRODUCTION_OUTCOME_SELECTION = [
    ("pending", "Waiting for an answer"),
    ("meeting", "Informational meeting"),
    ("interview", "Job interview"),
    ("internship", "Internship"),
    ("job", "Job"),
    ("no_follow_up", "No follow-up"),
]


class Level2workNetworkIntroduction(models.Model):
    """A person of the mentor's network to whom the mentor introduced their
    mentee, and what came of it."""

    _name = "level2work.network.introduction"
    _description = "Network introduction"
    _inherit = ["level2work.mentorship.log.mixin"]
    _rec_name = "contact_name"
    _log_checked_fields = (
        "mentorship_id",
        "date",
        "note",
        "contact_name",
        "organisation",
    )
    # The contact and the organisation are the mentor's network, not the
    # mentee: an erasure of the mentee keeps them (and clears the notes).
    _erasure_keep_fields = ("contact_name", "organisation")

    contact_name = fields.Char(string="Contact", required=True)
    organisation = fields.Char(required=True)
    outcome = fields.Selection(
        INTRODUCTION_OUTCOME_SELECTION, required=True, default="pending"
    )

    def _get_log_errors(self):
        errors = super()._get_log_errors()
        for name in ("contact_name", "organisation"):
            if len(self[name] or "") > MAX_NAME_LENGTH:
                errors[name] = self.env._(
                    "A name has at most %(max)s characters.", max=MAX_NAME_LENGTH
                )
        return errors

    @api.depends("contact_name", "organisation")
    def _compute_display_name(self):
        for introduction in self:
            introduction.display_name = self.env._(
                "%(contact)s (%(organisation)s)",
                contact=introduction.contact_name or "",
                organisation=introduction.organisation or "",
            )
