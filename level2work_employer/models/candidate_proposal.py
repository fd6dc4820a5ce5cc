from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.level2work_pathway.models.diploma import ISCED_SELECTION
from odoo.addons.level2work_pathway.models.language_skill import CEFR_SELECTION

USER_GROUP = "level2work_pathway.group_level2work_user"

STATE_SELECTION = [
    ("suggested", "Suggested"),
    ("employer_interested", "Employer interested"),
    ("introduced", "Introduced"),
    ("interview", "Interview"),
    ("hired", "Hired"),
    ("declined", "Declined"),
]
# States in which the employer knows who the candidate is: reaching them
# needs the newcomer's consent to disclose their identity.
IDENTIFIED_STATES = ("introduced", "interview", "hired")
# States before the employer meets the candidate: the employer answers in
# them, and they end when the vacancy closes or is filled.
NOT_INTRODUCED_STATES = ("suggested", "employer_interested")
OPEN_STATES = ("suggested", "employer_interested", "introduced", "interview")


def subtract_working_days(day, count):
    """The date ``count`` working days (Monday to Friday) before ``day``."""
    while count > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


class Level2workCandidateProposal(models.Model):
    """A newcomer proposed to an employer for a vacancy.

    The employer sees a blind profile (the ``profile_*`` fields: diploma
    level and field, Dutch, languages, occupations, the experience summary the
    coach wrote, the reasons of the score) while the newcomer consents to
    share one (``has_blind_profile_consent``), and the newcomer's name and
    contact data only once the newcomer consented to disclose their identity
    to that employer (``identity_disclosed``). Both follow the consents as
    they are today: a withdrawn or expired consent hides them again at once.
    The newcomer itself (``newcomer_id``, ``pathway_id``) and what the
    profile is made of (``experience_summary``, ``score_explanation``) are
    for project staff only."""

    _name = "level2work.candidate.proposal"
    _description = "Candidate proposal"
    _inherit = [
        "level2work.owned.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "level2work.reminder.mixin",
    ]
    _owner_fields = ("newcomer_id", "pathway_id")
    _order = "score desc, id desc"

    vacancy_id = fields.Many2one(
        "level2work.vacancy",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain=[("state", "=", "published")],
    )
    employer_id = fields.Many2one(
        related="vacancy_id.employer_id", store=True, index=True
    )
    vacancy_kind = fields.Selection(
        related="vacancy_id.kind", string="Kind", groups=USER_GROUP
    )
    newcomer_id = fields.Many2one(
        "level2work.newcomer",
        required=True,
        index=True,
        ondelete="cascade",
        groups=USER_GROUP,
    )
    pathway_id = fields.Many2one(
        "level2work.pathway",
        index="btree_not_null",
        ondelete="set null",
        groups=USER_GROUP,
        help="The newcomer's open pathway when they were proposed.",
    )
    coach_id = fields.Many2one(
        "res.users",
        compute="_compute_coach_id",
        store=True,
        index=True,
        help="The newcomer's coach: the employer's contact for this candidate.",
    )
    lab_id = fields.Many2one(
        related="newcomer_id.lab_id", store=True, index=True, groups=USER_GROUP
    )
    # The ranking's score when proposed, and its reasons: set by create().
    score = fields.Integer(
        aggregator="avg",
        help="How well the candidate fits the vacancy, out of 100, when proposed.",
        readonly=True,
        copy=False,
        code_only=True,
    )
    score_explanation = fields.Text(
        help="The score per criterion; shown to the employer.",
        string="Why this candidate",
        groups=USER_GROUP,
        readonly=True,
        copy=False,
        code_only=True,
    )
    state = fields.Selection(
        STATE_SELECTION,
        required=True,
        default="suggested",
        tracking=True,
        group_expand=True,
        copy=False,
        string="Status",
    )
    date_proposed = fields.Date(
        string="Proposed on",
        default=fields.Date.context_today,
        readonly=True,
        groups=USER_GROUP,
    )
    date_interest = fields.Date(
        string="Interest shown on", readonly=True, copy=False, groups=USER_GROUP
    )
    interest_message = fields.Text(
        string="Message of the employer", readonly=True, copy=False, code_only=True
    )
    decline_reason = fields.Selection(
        [
            ("employer", "The employer is not interested"),
            ("candidate", "The candidate withdrew"),
            ("after_interview", "Not chosen after the interview"),
            ("vacancy_closed", "The vacancy closed"),
            ("other", "Other"),
        ],
        tracking=True,
        copy=False,
        string="Reason declined",
        groups=USER_GROUP,
    )
    experience_summary = fields.Text(
        help="What the employer may read about the candidate's experience, as "
        "the coach writes it: no names, places of work that identify the "
        "person, or personal details.",
        string="Experience summary",
        groups=USER_GROUP,
    )
    identity_disclosed = fields.Boolean(
        compute="_compute_identity_disclosed",
        search="_search_identity_disclosed",
        help="The newcomer consents today to disclose their identity to this "
        "employer. Withdrawing the consent hides it again at once.",
        string="Identity disclosed",
    )
    has_blind_profile_consent = fields.Boolean(
        compute="_compute_has_blind_profile_consent",
        string="Consents to a blind profile",
    )
    candidate_reference = fields.Char(
        compute="_compute_profile", string="Candidate reference"
    )
    candidate_name = fields.Char(compute="_compute_profile", string="Name")
    candidate_email = fields.Char(compute="_compute_profile", string="Email")
    candidate_phone = fields.Char(compute="_compute_profile", string="Phone")
    profile_isced_level = fields.Selection(
        ISCED_SELECTION, string="Diploma level", compute="_compute_profile"
    )
    profile_field_of_study = fields.Char(
        string="Field of study", compute="_compute_profile"
    )
    profile_diplomas = fields.Text(string="Diplomas", compute="_compute_profile")
    profile_dutch_level = fields.Selection(
        CEFR_SELECTION, string="Dutch level", compute="_compute_profile"
    )
    profile_languages = fields.Char(string="Languages", compute="_compute_profile")
    profile_occupations = fields.Char(string="Occupations", compute="_compute_profile")
    profile_experience_summary = fields.Text(
        string="Experience", compute="_compute_profile"
    )
    color = fields.Integer(groups=USER_GROUP)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "newcomer_vacancy_unique",
            "UNIQUE(vacancy_id, newcomer_id)",
            "This newcomer is already proposed for this vacancy.",
        ),
    ]

    @api.depends("newcomer_id.coach_id", "pathway_id.coach_id")
    def _compute_coach_id(self):
        for proposal in self:
            sudo = proposal.sudo()
            proposal.coach_id = sudo.pathway_id.coach_id or sudo.newcomer_id.coach_id

    @api.depends(
        "vacancy_id.employer_id",
        "newcomer_id.consent_ids.purpose",
        "newcomer_id.consent_ids.recipient_partner_id",
        "newcomer_id.consent_ids.date_given",
        "newcomer_id.consent_ids.date_expiry",
        "newcomer_id.consent_ids.date_withdrawn",
    )
    def _compute_identity_disclosed(self):
        for proposal in self:
            sudo = proposal.sudo()
            proposal.identity_disclosed = bool(
                sudo.newcomer_id
            ) and sudo.newcomer_id._is_identity_disclosed_to(
                sudo.vacancy_id.employer_id
            )

    def _search_identity_disclosed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on disclosed identities."))
        Consent = self.env["level2work.consent"].sudo()
        consents = Consent.search(Consent._valid_domain("disclose_identity"))
        pairs = {
            (
                consent.newcomer_id.id,
                consent.recipient_partner_id.commercial_partner_id.id,
            )
            for consent in consents
        }
        candidates = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("newcomer_id", "in", [newcomer for newcomer, _employer in pairs])]
            )
        )
        disclosed = candidates.filtered(
            lambda p: (
                (p.newcomer_id.id, p.employer_id.commercial_partner_id.id) in pairs
            )
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", disclosed.ids)]

    @api.depends(
        "newcomer_id.consent_ids.purpose",
        "newcomer_id.consent_ids.date_given",
        "newcomer_id.consent_ids.date_expiry",
        "newcomer_id.consent_ids.date_withdrawn",
    )
    def _compute_has_blind_profile_consent(self):
        for proposal in self:
            newcomer = proposal.sudo().newcomer_id
            proposal.has_blind_profile_consent = (
                bool(newcomer) and newcomer._is_blind_profile_shared()
            )

    @api.depends(
        "identity_disclosed",
        "has_blind_profile_consent",
        "employer_id",
        "experience_summary",
        "newcomer_id.name",
        "newcomer_id.email",
        "newcomer_id.phone",
        "newcomer_id.mobile",
        "newcomer_id.highest_isced_level",
        "newcomer_id.dutch_level",
        "newcomer_id.diploma_ids.field_of_study",
        "newcomer_id.diploma_ids.recognition_state",
        "newcomer_id.language_skill_ids.level",
        "newcomer_id.aspiration_ids",
        "pathway_id.target_occupation_ids",
    )
    @api.depends_context("lang")
    def _compute_profile(self):
        for proposal in self:
            newcomer = proposal.sudo().newcomer_id
            shared = proposal.has_blind_profile_consent
            profile = shared and proposal._get_blind_profile(newcomer)
            disclosed = proposal.identity_disclosed
            proposal.candidate_reference = (
                newcomer._get_candidate_reference(proposal.employer_id)
                if newcomer
                else False
            )
            proposal.candidate_name = (disclosed and newcomer.name) or False
            proposal.candidate_email = (disclosed and newcomer.email) or False
            proposal.candidate_phone = (
                disclosed and (newcomer.mobile or newcomer.phone)
            ) or False
            for name in (
                "isced_level",
                "field_of_study",
                "diplomas",
                "dutch_level",
                "languages",
                "occupations",
            ):
                proposal[f"profile_{name}"] = (profile and profile[name]) or False
            proposal.profile_experience_summary = (
                shared and proposal.sudo().experience_summary
            ) or False

    def _get_blind_profile(self, newcomer):
        """What an employer may know of ``newcomer`` (a sudo record) without
        knowing who they are. Nothing here may identify the person: no name,
        contact data, birthdate, nationality, country of a diploma, photo or
        national number."""
        self.ensure_one()
        diplomas = newcomer.diploma_ids
        isced = dict(
            newcomer._fields["highest_isced_level"]._description_selection(self.env)
        )
        recognition = dict(
            diplomas._fields["recognition_state"]._description_selection(self.env)
        )
        diploma_lines = [
            self.env._(
                "%(level)s in %(field)s (recognition: %(recognition)s)",
                level=isced.get(diploma.effective_isced_level, ""),
                field=diploma.field_of_study or self.env._("an unspecified field"),
                recognition=recognition.get(diploma.recognition_state, "").lower(),
            )
            for diploma in diplomas
        ]
        # Each language once, at its best level; Dutch has its own line.
        best = {}
        for skill in newcomer.language_skill_ids:
            if skill.language_id.code == "nl":
                continue
            known = best.get(skill.language_id)
            if not known or (skill.is_native, skill.level) > known:
                best[skill.language_id] = (skill.is_native, skill.level)
        languages = [
            "{} ({})".format(
                language.name,
                self.env._("mother tongue") if is_native else level,
            )
            for language, (is_native, level) in sorted(
                best.items(),
                key=lambda item: (not item[1][0], item[0].sequence, item[0].name),
            )
        ]
        occupations = (
            newcomer.aspiration_ids | self.sudo().pathway_id.target_occupation_ids
        ).sorted("code")
        top = diplomas.sorted(lambda d: d.effective_isced_level or "", reverse=True)[:1]
        return {
            "isced_level": newcomer.highest_isced_level,
            "field_of_study": top.field_of_study,
            "diplomas": "\n".join(diploma_lines),
            "dutch_level": newcomer.dutch_level,
            "languages": ", ".join(languages),
            "occupations": ", ".join(occupations.mapped("display_name")),
        }

    @api.depends("vacancy_id.name", "newcomer_id.name", "identity_disclosed")
    @api.depends_context("uid")
    def _compute_display_name(self):
        for proposal in self:
            sudo = proposal.sudo()
            candidate = (
                sudo.newcomer_id._get_label_for(sudo.vacancy_id.employer_id)
                if sudo.newcomer_id
                else ""
            )
            proposal.display_name = self.env._(
                "%(candidate)s for %(vacancy)s",
                candidate=candidate,
                vacancy=sudo.vacancy_id.name or "",
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        Vacancy = self.env["level2work.vacancy"]
        Newcomer = self.env["level2work.newcomer"]
        scores = [None] * len(vals_list)
        for index, vals in enumerate(vals_list):
            vacancy = Vacancy.browse(vals.get("vacancy_id"))
            newcomer = Newcomer.browse(vals.get("newcomer_id"))
            if not vacancy or not newcomer:
                continue
            if not newcomer._is_blind_profile_shared():
                raise UserError(
                    self.env._(
                        "%(name)s has not consented to share a blind profile "
                        "with employers: record that consent on the newcomer "
                        "first, then propose them.",
                        name=newcomer.name,
                    )
                )
            if (
                vals.get("state", "suggested") == "suggested"
                and vacancy.state != "published"
            ):
                raise UserError(
                    self.env._(
                        "“%(vacancy)s” is not published: candidates can only be "
                        "proposed for a published vacancy.",
                        vacancy=vacancy.name,
                    )
                )
            if not vals.get("pathway_id"):
                vals["pathway_id"] = (
                    newcomer.sudo()
                    .pathway_ids.filtered(lambda p: not p.is_closed)[:1]
                    .id
                )
            if "score" not in vals:
                scores[index] = self._prepare_score_values(vacancy, newcomer)
        proposals = super(
            Level2workCandidateProposal, self.with_context(mail_create_nosubscribe=True)
        ).create(vals_list)
        for proposal, score in zip(proposals, scores, strict=True):
            if score:
                # Only this code writes the score of the ranking.
                proposal.sudo().write(score)
        proposals.filtered(lambda p: p.state in IDENTIFIED_STATES)._check_identified()
        return proposals.with_env(self.env)

    def write(self, vals):
        if any(
            name in vals and proposal.sudo()[name].id != vals[name]
            for proposal in self
            for name in ("vacancy_id", "newcomer_id")
        ):
            raise UserError(
                self.env._(
                    "A proposal cannot move to another vacancy or newcomer: "
                    "propose the newcomer again instead."
                )
            )
        if vals.get("state") == "employer_interested":
            vals.setdefault("date_interest", fields.Date.context_today(self))
        leaving_interest = (
            self.filtered(lambda p: p.state == "employer_interested")
            if vals.get("state") not in (None, "employer_interested")
            else self.browse()
        )
        result = super().write(vals)
        if vals.get("state") in IDENTIFIED_STATES:
            self._check_identified()
        if leaving_interest:
            self.env["level2work.reminder.rule"]._mark_reminders_done(
                leaving_interest, "proposal_interest_unanswered"
            )
        if vals.get("state") == "hired":
            self.vacancy_id._check_hired()
        return result

    def _check_identified(self):
        """Introducing a candidate to an employer needs their consent to
        disclose their identity to that employer."""
        missing = self.filtered(lambda p: not p.identity_disclosed)
        if missing:
            raise UserError(
                self.env._(
                    "%(candidates)s cannot be introduced yet: first record the "
                    "newcomer's consent to disclose their identity to the "
                    "employer (Record consent to disclose).",
                    candidates=", ".join(missing.mapped("display_name")),
                )
            )

    @api.model
    def _prepare_score_values(self, vacancy, newcomer, lang=None):
        """Score and reasons of ``newcomer`` for ``vacancy``, by the ranking
        of the vacancy. The reasons are written for the employer, in its
        language unless ``lang`` is given."""
        lang = lang or vacancy.employer_id.lang or self.env.lang
        rows = (
            vacancy.sudo()
            .with_context(lang=lang)
            ._rank_candidates(limit=1, newcomers=newcomer, only_candidates=False)
        )
        if not rows:
            return {"score": 0, "score_explanation": False}
        return {"score": rows[0]["score"], "score_explanation": rows[0]["explanation"]}

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_employer_interested(self):
        """Record, on behalf of the employer, that they are interested."""
        for proposal in self:
            proposal._mark_interested(self.env.user.partner_id, message=False)
        return True

    def action_introduce(self):
        self.write({"state": "introduced"})
        return True

    def action_interview(self):
        self.write({"state": "interview"})
        return True

    def action_hire(self):
        """The employer hires the candidate: record it, then open the
        placement (or the workplace learning) to fill in."""
        self.write({"state": "hired"})
        if len(self) != 1:
            return True
        return self._action_open_outcome()

    def action_decline(self):
        self.write({"state": "declined"})
        return True

    def action_reset(self):
        self.write({"state": "suggested", "decline_reason": False})
        return True

    def action_record_consent(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record consent to disclose"),
            "res_model": "level2work.proposal.consent.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_proposal_id": self.id},
        }

    def action_withdraw_consent(self):
        """The newcomer withdraws their consent to disclose their identity to
        this employer: the employer sees a blind profile again at once."""
        Consent = self.env["level2work.consent"]
        for proposal in self:
            consents = Consent.search(
                [
                    *Consent._valid_domain("disclose_identity", proposal.employer_id),
                    ("newcomer_id", "=", proposal.newcomer_id.id),
                ]
            )
            consents.action_withdraw()
            proposal.message_post(
                body=self.env._(
                    "The consent to disclose the candidate's identity to "
                    "%(employer)s was withdrawn.",
                    employer=proposal.employer_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _action_open_outcome(self):
        self.ensure_one()
        vacancy = self.vacancy_id
        context = {
            "default_pathway_id": self.pathway_id.id,
            "default_employer_id": vacancy.employer_id.id,
            "default_vacancy_id": vacancy.id,
            "default_proposal_id": self.id,
            "default_occupation_id": vacancy.occupation_id.id,
        }
        if vacancy.kind == "workplace_learning":
            xmlid = "level2work_employer.workplace_learning_action"
            context["default_instrument"] = vacancy.instrument
        else:
            xmlid = "level2work_employer.placement_action"
            context["default_job_title"] = vacancy.name
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(views=[(False, "form")], context=context, target="current")
        return action

    # ------------------------------------------------------------------
    # Employer side (also called from the portal, in sudo after checks)
    # ------------------------------------------------------------------

    def _mark_interested(self, author, message=False):
        """The employer is interested: move the proposal, post the employer's
        message and give the coach an activity to answer."""
        self.ensure_one()
        self._check_vacancy_open()
        if self.state != "suggested":
            raise UserError(
                self.env._(
                    "%(proposal)s is no longer a suggestion: the employer's "
                    "interest is already known.",
                    proposal=self.display_name,
                )
            )
        self.write({"state": "employer_interested"})
        # The employer's own words: only this code records them.
        self.sudo().interest_message = message or False
        self._post_employer_answer(
            author,
            self.env._(
                "%(employer)s is interested in this candidate.",
                employer=self.employer_id.name,
            ),
            message,
        )
        coach = self.sudo().coach_id
        if coach:
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Employer interested: introduce the candidate"),
                note=self.env._(
                    "%(employer)s is interested in %(candidate)s for %(vacancy)s. "
                    "Ask the newcomer whether they consent to disclose their "
                    "identity, then introduce them.%(message)s",
                    employer=self.employer_id.name,
                    candidate=self.sudo().newcomer_id.name,
                    vacancy=self.vacancy_id.name,
                    message=self.env._(" Message: %(text)s", text=message)
                    if message
                    else "",
                ),
                user_id=coach.id,
            )
        return True

    def _mark_declined_by_employer(self, author, message=False):
        self.ensure_one()
        self._check_vacancy_open()
        if self.state not in NOT_INTRODUCED_STATES:
            raise UserError(
                self.env._(
                    "%(proposal)s is already further along: tell the coach instead.",
                    proposal=self.display_name,
                )
            )
        self.write({"state": "declined", "decline_reason": "employer"})
        self._post_employer_answer(
            author,
            self.env._(
                "%(employer)s is not interested in this candidate.",
                employer=self.employer_id.name,
            ),
            message,
        )
        return True

    def _check_vacancy_open(self):
        """The employer answers on the candidates of a published vacancy
        only: once it is closed or filled, its candidates are declined."""
        for proposal in self:
            vacancy = proposal.vacancy_id
            if vacancy.state != "published":
                raise UserError(
                    self.env._(
                        "The vacancy “%(vacancy)s” is no longer open (status: "
                        "%(state)s): its candidates can no longer be answered.",
                        vacancy=vacancy.name,
                        state=vacancy._selection_label(
                            vacancy._name, "state", vacancy.state
                        ),
                    )
                )

    def _decline_as_vacancy_closed(self):
        """The vacancy of these proposals was closed or filled: those the
        employer has not met yet are declined, with a note saying why.
        Candidates introduced or at the interview stay as they are: a hire
        may still follow."""
        notes = {
            "closed": self.env._("The vacancy was closed: this proposal is declined."),
            "filled": self.env._("The vacancy was filled: this proposal is declined."),
        }
        pending = self.filtered(lambda p: p.state in NOT_INTRODUCED_STATES)
        pending.write({"state": "declined", "decline_reason": "vacancy_closed"})
        for proposal in pending:
            proposal.message_post(
                body=notes[proposal.vacancy_id.state], subtype_xmlid="mail.mt_note"
            )

    def _post_employer_answer(self, author, answer, message=False):
        """Note the employer's ``answer`` on the proposal, with the message
        the employer wrote, as written by ``author``."""
        body = Markup("<p>%s</p>") % answer
        if message:
            body += Markup("<blockquote>%s</blockquote>") % message
        self.with_context(mail_create_nosubscribe=True).message_post(
            body=body,
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------

    def _reminder_domain_proposal_interest_unanswered(self, rule, today):
        return [
            ("state", "=", "employer_interested"),
            ("date_interest", "<=", subtract_working_days(today, rule.days)),
        ]

    def _reminder_key(self, rule):
        if rule.kind == "proposal_interest_unanswered":
            return str(self.date_interest)
        return super()._reminder_key(rule)

    def _reminder_target(self):
        self.ensure_one()
        return self, self.coach_id

    def _reminder_note(self, rule):
        if rule.kind == "proposal_interest_unanswered":
            return self.env._(
                "%(employer)s showed interest in %(proposal)s on %(date)s and "
                "has not heard back for %(days)s working days.",
                employer=self.employer_id.name,
                proposal=self.display_name,
                date=format_date(self.env, self.date_interest),
                days=rule.days,
            )
        return super()._reminder_note(rule)
