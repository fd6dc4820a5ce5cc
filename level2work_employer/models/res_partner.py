from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.level2work_pathway.models.related_action import related_action

USER_GROUP = "level2work_pathway.group_level2work_user"
MANAGER_GROUP = "level2work_pathway.group_level2work_manager"
# Whoever sets these decides which staff see the employer's learners and
# placements: only managers, and staff for an employer of their own lab.
EMPLOYER_FIELDS = {
    "is_level2work_employer",
    "level2work_lab_id",
    "level2work_account_manager_id",
}

SECTOR_SELECTION = [
    ("engineering", "Engineering and industry"),
    ("healthcare", "Healthcare"),
    ("logistics", "Logistics and transport"),
    ("it", "IT"),
    ("construction", "Construction"),
    ("education", "Education"),
    ("finance", "Finance"),
    ("public_sector", "Public sector"),
    ("hospitality", "Hospitality"),
    ("retail", "Retail"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_level2work_employer = fields.Boolean(
        index="btree_not_null",
        help="A company that offers vacancies or workplace learning to "
        "newcomers of the project. Its contacts with a portal login see its "
        "vacancies, candidates, learners and placements.",
        string="level2work employer",
    )
    level2work_sector = fields.Selection(SECTOR_SELECTION, string="Sector")
    level2work_lab_id = fields.Many2one(
        "level2work.lab",
        string="Lab",
        help="The project lab that works with this employer.",
    )
    level2work_account_manager_id = fields.Many2one(
        "res.users",
        string="Account manager",
        domain=[("share", "=", False)],
        help="The project's contact person for this employer: reviews the "
        "vacancies it posts and coaches it along.",
    )
    level2work_vacancy_ids = fields.One2many(
        "level2work.vacancy", "employer_id", string="Vacancies", groups=USER_GROUP
    )
    level2work_vacancy_count = fields.Integer(
        string="Number of vacancies",
        compute="_compute_level2work_counts",
        groups=USER_GROUP,
    )
    level2work_learning_count = fields.Integer(
        string="Number of learners",
        compute="_compute_level2work_counts",
        groups=USER_GROUP,
    )
    level2work_placement_count = fields.Integer(
        string="Number of placements",
        compute="_compute_level2work_counts",
        groups=USER_GROUP,
    )

    @api.constrains("is_level2work_employer", "is_company")
    def _check_level2work_employer(self):
        for partner in self:
            if partner.is_level2work_employer and not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a person: only a company can be a level2work "
                        "employer. Flag the company it works for instead.",
                        name=partner.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(EMPLOYER_FIELDS & vals.keys() for vals in vals_list):
            partners._check_level2work_employer_rights()
        return partners

    def write(self, vals):
        if EMPLOYER_FIELDS & vals.keys():
            self._check_level2work_employer_rights()
        result = super().write(vals)
        if EMPLOYER_FIELDS & vals.keys():
            self._check_level2work_employer_rights()
        return result

    def _check_level2work_employer_rights(self):
        """Only managers, and staff for an employer of their own lab (before
        and after the change), decide how an employer works with the
        project."""
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        labs = self.env.user.level2work_lab_ids
        for partner in self.filtered(
            lambda p: p.is_level2work_employer or p.level2work_account_manager_id
        ):
            if not self.env.user.has_group(USER_GROUP) or (
                partner.level2work_lab_id not in labs
            ):
                raise AccessError(
                    self.env._(
                        "Only a level2work manager or the staff of its lab may change "
                        "how %(employer)s works with the project.",
                        employer=partner.display_name,
                    )
                )

    def _compute_level2work_counts(self):
        employers = self.filtered("is_level2work_employer")
        counts = {}
        for model in (
            "level2work.vacancy",
            "level2work.workplace.learning",
            "level2work.placement",
        ):
            counts[model] = (
                dict(
                    self.env[model]._read_group(
                        [("employer_id", "in", employers.ids)],
                        ["employer_id"],
                        ["__count"],
                    )
                )
                if employers
                else {}
            )
        for partner in self:
            partner.level2work_vacancy_count = counts["level2work.vacancy"].get(
                partner, 0
            )
            partner.level2work_learning_count = counts[
                "level2work.workplace.learning"
            ].get(partner, 0)
            partner.level2work_placement_count = counts["level2work.placement"].get(
                partner, 0
            )

    def action_open_level2work_vacancies(self):
        return related_action(self, "level2work_employer.vacancy_action", "employer_id")

    def action_open_level2work_learnings(self):
        return related_action(
            self, "level2work_employer.workplace_learning_action", "employer_id"
        )

    def action_open_level2work_placements(self):
        return related_action(
            self, "level2work_employer.placement_action", "employer_id"
        )

    def action_level2work_portal_access(self):
        """Open Odoo's portal access wizard on the employer's contacts, so that
        their HR people get a login to the employer portal."""
        self.ensure_one()
        contacts = self.child_ids.filtered(lambda c: c.type == "contact")
        wizard = self.env["portal.wizard"].create(
            {"partner_ids": [(6, 0, (contacts or self).ids)]}
        )
        return wizard._action_open_modal()

    def _get_level2work_employer(self):
        """The level2work employer this partner belongs to (its commercial
        entity), or an empty recordset."""
        self.ensure_one()
        commercial = self.sudo().commercial_partner_id
        return commercial if commercial.is_level2work_employer else self.browse()
