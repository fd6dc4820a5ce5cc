from odoo import models


class Level2workNewcomer(models.Model):
    _inherit = "level2work.newcomer"

    def _get_candidate_reference(self):
        """How employers know this newcomer until they consent to disclose
        their identity: a reference that says nothing about the person."""
        self.ensure_one()
        return self.env._("Candidate C-%(number)s", number=str(self.id).zfill(4))

    def _is_identity_disclosed_to(self, employer):
        """Whether this newcomer consents today to disclose their identity to
        ``employer`` (a res.partner, matched on its commercial entity)."""
        self.ensure_one()
        return bool(employer) and self.env["level2work.consent"]._is_given(
            self, "disclose_identity", employer
        )

    def _get_label_for(self, employer):
        """The newcomer's name for project staff and for an employer they
        consented to disclose their identity to; the candidate reference for
        anyone else (employer portal users above all)."""
        self.ensure_one()
        newcomer = self.sudo()
        if self.env.user._is_internal() or newcomer._is_identity_disclosed_to(employer):
            return newcomer.name
        return newcomer._get_candidate_reference()
