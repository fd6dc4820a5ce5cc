import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, html2plaintext

from odoo.addons.level2work_pathway.models.diploma import ISCED_SELECTION
from odoo.addons.level2work_pathway.models.lab import PROVINCE_SELECTION
from odoo.addons.level2work_pathway.models.language_skill import CEFR_SELECTION
from odoo.addons.level2work_pathway.models.level_rule import (
    AT_LEVEL,
    BELOW_LEVEL,
    NEAR_LEVEL,
    level_fit_sql,
)
from odoo.addons.level2work_pathway.models.related_action import related_action

from .workplace_learning import INSTRUMENT_SELECTION

USER_GROUP = "level2work_pathway.group_level2work_user"
KIND_SELECTION = [
    ("job", "Job"),
    ("workplace_learning", "Workplace learning"),
]
STATE_SELECTION = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("filled", "Filled"),
    ("closed", "Closed"),
]

# Points per criterion of the matching; the best candidate scores 100.
# Occupation: how close the newcomer's aspirations and target occupations come
# to the vacancy's occupation, by ISCO-08 code (exact, same unit group, minor,
# sub-major or major group).
OCCUPATION_POINTS = {5: 25, 4: 22, 3: 18, 2: 12, 1: 4, 0: 0}
EDUCATION_POINTS = {"met": 10, "one_below": 4, "below": 0}
LEVEL_POINTS = {AT_LEVEL: 10, NEAR_LEVEL: 5, BELOW_LEVEL: 0}
FIELD_POINTS = {2: 10, 1: 5, 0: 0}
# Dutch: points by the number of CEFR steps the newcomer is short.
DUTCH_POINTS = {0: 20, 1: 12, 2: 5}
LANGUAGE_POINTS = 10
PROVINCE_POINTS = 15
MAX_SCORE = (
    OCCUPATION_POINTS[5]
    + EDUCATION_POINTS["met"]
    + LEVEL_POINTS[AT_LEVEL]
    + FIELD_POINTS[2]
    + DUTCH_POINTS[0]
    + LANGUAGE_POINTS
    + PROVINCE_POINTS
)
CEFR_RANK = {code: rank for rank, (code, _label) in enumerate(CEFR_SELECTION, 1)}
# A field of study is "related" when it shares a word this long.
FIELD_WORD_MIN_LENGTH = 5
# Most positions one vacancy can offer.
MAX_POSITIONS = 500


def cefr_rank_sql(column):
    """SQL: the rank (1 for A1 ... 6 for C2) of a CEFR level column."""
    return SQL(
        "(CASE %s %s END)",
        column,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", code, rank) for code, rank in CEFR_RANK.items()
        ),
    )


def points_sql(value_sql, points, default=0):
    """SQL: ``points[value]`` for a value computed in SQL."""
    return SQL(
        "(CASE %s %s ELSE %s END)",
        value_sql,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", key, value) for key, value in points.items()
        ),
        default,
    )


class Level2workVacancy(models.Model):
    _name = "level2work.vacancy"
    _description = "Vacancy"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "level2work.partner.link.mixin",
    ]
    _order = "date_published desc, id desc"

    name = fields.Char(string="Job title", required=True, tracking=True)
    employer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain=[("is_level2work_employer", "=", True)],
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact at the employer",
        domain="[('id', 'child_of', employer_id)]",
        help="The person at the employer who handles this vacancy.",
        groups=USER_GROUP,
    )
    lab_id = fields.Many2one(
        "level2work.lab",
        compute="_compute_lab_id",
        store=True,
        readonly=False,
        index=True,
        help="The project lab that follows this vacancy up.",
        groups=USER_GROUP,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        tracking=True,
        domain=[("share", "=", False)],
    )
    occupation_id = fields.Many2one(
        "level2work.occupation",
        required=True,
        tracking=True,
        help="The ISCO-08 group or ESCO occupation of the job: it decides "
        "whether the job is at the level of a candidate's education.",
    )
    skill_level = fields.Integer(
        related="occupation_id.skill_level",
        string="Skill level",
        groups=USER_GROUP,
    )
    required_isced_level = fields.Selection(
        ISCED_SELECTION, string="Required diploma level", tracking=True
    )
    field_of_study = fields.Char(
        help="The field of study the job asks for, e.g. Civil engineering.",
        string="Field of study",
    )
    required_dutch_level = fields.Selection(
        CEFR_SELECTION, string="Required Dutch level", tracking=True
    )
    language_ids = fields.Many2many(
        "level2work.language",
        "level2work_vacancy_language_rel",
        "vacancy_id",
        "language_id",
        string="Other languages",
        help="Languages besides Dutch the job needs.",
    )
    language_level = fields.Selection(
        CEFR_SELECTION,
        string="Level of the other languages",
        default="B2",
        help="The level the job needs in each of the other languages; a "
        "mother tongue always counts.",
    )
    skills = fields.Text(string="Skills and experience")
    description = fields.Html()
    location = fields.Char(string="Place of work")
    province = fields.Selection(
        PROVINCE_SELECTION,
        compute="_compute_province",
        store=True,
        readonly=False,
        help="Candidates of a lab in this province are preferred.",
    )
    kind = fields.Selection(KIND_SELECTION, required=True, default="job", tracking=True)
    instrument = fields.Selection(
        INSTRUMENT_SELECTION,
        help="For workplace learning: VDAB's on-the-job training (IBO), an "
        "internship or job shadowing.",
    )
    positions = fields.Integer(default=1, required=True, tracking=True)
    deadline = fields.Date(string="Apply by", tracking=True)
    state = fields.Selection(
        STATE_SELECTION,
        required=True,
        default="draft",
        tracking=True,
        group_expand=True,
        copy=False,
        string="Status",
    )
    date_published = fields.Date(string="Published on", readonly=True, copy=False)
    date_closed = fields.Date(
        string="Closed on", readonly=True, copy=False, groups=USER_GROUP
    )
    is_deadline_passed = fields.Boolean(
        compute="_compute_is_deadline_passed",
        string="Deadline passed",
        groups=USER_GROUP,
    )
    proposal_ids = fields.One2many("level2work.candidate.proposal", "vacancy_id")
    proposal_count = fields.Integer(
        compute="_compute_proposal_counts", string="Candidates"
    )
    interested_count = fields.Integer(
        compute="_compute_proposal_counts",
        help="Candidates the employer is interested in or meets.",
        string="Interested",
        groups=USER_GROUP,
    )
    hired_count = fields.Integer(
        compute="_compute_proposal_counts", string="Hired", groups=USER_GROUP
    )
    placement_ids = fields.One2many(
        "level2work.placement", "vacancy_id", groups=USER_GROUP
    )
    placement_count = fields.Integer(
        compute="_compute_placement_count",
        string="Placements",
        groups=USER_GROUP,
    )
    color = fields.Integer(groups=USER_GROUP)
    active = fields.Boolean(default=True)

    @api.constrains("positions")
    def _check_positions(self):
        for vacancy in self:
            if not 1 <= vacancy.positions <= MAX_POSITIONS:
                raise ValidationError(
                    self.env._(
                        "The vacancy “%(name)s” offers from 1 to %(max)s "
                        "positions, not %(positions)s.",
                        name=vacancy.name,
                        max=MAX_POSITIONS,
                        positions=vacancy.positions,
                    )
                )

    @api.constrains("deadline", "date_published")
    def _check_deadline(self):
        for vacancy in self:
            if (
                vacancy.deadline
                and vacancy.date_published
                and vacancy.deadline < vacancy.date_published
            ):
                raise ValidationError(
                    self.env._(
                        "The deadline of “%(name)s” (%(deadline)s) lies before "
                        "its publication on %(published)s.",
                        name=vacancy.name,
                        deadline=format_date(self.env, vacancy.deadline),
                        published=format_date(self.env, vacancy.date_published),
                    )
                )

    @api.constrains("kind", "instrument")
    def _check_instrument(self):
        for vacancy in self:
            if vacancy.kind == "workplace_learning" and not vacancy.instrument:
                raise ValidationError(
                    self.env._(
                        "Say which instrument of workplace learning “%(name)s” "
                        "offers: on-the-job training (IBO), an internship, job "
                        "shadowing or another one.",
                        name=vacancy.name,
                    )
                )

    @api.depends("employer_id.level2work_lab_id")
    def _compute_lab_id(self):
        for vacancy in self:
            vacancy.lab_id = vacancy.employer_id.level2work_lab_id or vacancy.lab_id

    @api.depends("employer_id.level2work_account_manager_id")
    def _compute_user_id(self):
        for vacancy in self:
            vacancy.user_id = (
                vacancy.employer_id.level2work_account_manager_id or vacancy.user_id
            )

    @api.depends("lab_id.province")
    def _compute_province(self):
        for vacancy in self:
            vacancy.province = vacancy.province or vacancy.lab_id.province

    @api.depends("deadline")
    def _compute_is_deadline_passed(self):
        today = fields.Date.context_today(self)
        for vacancy in self:
            vacancy.is_deadline_passed = bool(
                vacancy.deadline and vacancy.deadline < today
            )

    def _compute_proposal_counts(self):
        counts = {
            (vacancy, state): count
            for vacancy, state, count in self.env[
                "level2work.candidate.proposal"
            ]._read_group(
                [("vacancy_id", "in", self.ids)], ["vacancy_id", "state"], ["__count"]
            )
        }
        for vacancy in self:
            by_state = {
                state: counts.get((vacancy, state), 0)
                for state in ("employer_interested", "introduced", "interview", "hired")
            }
            vacancy.proposal_count = sum(
                count for (v, _state), count in counts.items() if v == vacancy
            )
            vacancy.interested_count = (
                by_state["employer_interested"]
                + by_state["introduced"]
                + by_state["interview"]
            )
            vacancy.hired_count = by_state["hired"]

    def _compute_placement_count(self):
        counts = dict(
            self.env["level2work.placement"]._read_group(
                [("vacancy_id", "in", self.ids)], ["vacancy_id"], ["__count"]
            )
        )
        for vacancy in self:
            vacancy.placement_count = counts.get(vacancy, 0)

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind == "job":
            self.instrument = False

    @api.onchange("employer_id")
    def _onchange_employer_id(self):
        if self.contact_id and self.contact_id.commercial_partner_id != (
            self.employer_id.commercial_partner_id
        ):
            self.contact_id = False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("kind") == "job":
                vals["instrument"] = False
            if vals.get("state") == "published":
                vals.setdefault("date_published", fields.Date.context_today(self))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("kind") == "job":
            vals["instrument"] = False
        result = super().write(vals)
        if vals.get("state") in ("filled", "closed"):
            # Closing the vacancy ends its proposals, whoever may close it
            # (its portal users, staff who cannot change every proposal).
            proposals = self.sudo().with_context(active_test=False).proposal_ids
            proposals._decline_as_vacancy_closed()
        return result

    def action_publish(self):
        today = fields.Date.context_today(self)
        for vacancy in self:
            if vacancy.deadline and vacancy.deadline < today:
                raise UserError(
                    self.env._(
                        "The deadline of “%(name)s” (%(date)s) has passed: move "
                        "it to a later date before publishing.",
                        name=vacancy.name,
                        date=format_date(self.env, vacancy.deadline),
                    )
                )
        self.write(
            {"state": "published", "date_published": today, "date_closed": False}
        )
        return True

    def action_mark_filled(self):
        self.write({"state": "filled", "date_closed": fields.Date.context_today(self)})
        return True

    def action_close(self):
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft", "date_closed": False})
        return True

    def action_find_candidates(self):
        """Rank the eligible newcomers for this vacancy and show them, best
        first, each with a button to propose them."""
        self.ensure_one()
        if self.state != "published":
            raise UserError(
                self.env._(
                    "Publish “%(name)s” first: candidates are only sought for "
                    "published vacancies.",
                    name=self.name,
                )
            )
        match = self.env["level2work.vacancy.match"].create({"vacancy_id": self.id})
        return match._action_open_lines()

    def action_open_proposals(self):
        return related_action(
            self,
            "level2work_employer.candidate_proposal_action",
            "vacancy_id",
            search_default_open=0,
        )

    def action_open_placements(self):
        return related_action(
            self,
            "level2work_employer.placement_action",
            "vacancy_id",
            default_employer_id=self.employer_id.id,
            default_occupation_id=self.occupation_id.id,
        )

    def _get_description_text(self):
        """The description as plain text, for the portal form."""
        self.ensure_one()
        return html2plaintext(self.description or "").strip()

    def _notify_portal_change(self, user, created):
        """An employer created or changed this vacancy through the portal:
        note it, and ask the account manager to look at a new one."""
        self.ensure_one()
        if created:
            body = self.env._(
                "Created by %(name)s through the employer portal.", name=user.name
            )
        else:
            body = self.env._(
                "Changed by %(name)s through the employer portal.", name=user.name
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        if created and self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("New vacancy from the employer: review it"),
                note=self.env._(
                    "%(employer)s posted “%(vacancy)s”. Check it and find candidates.",
                    employer=self.employer_id.name,
                    vacancy=self.name,
                ),
                user_id=self.user_id.id,
            )

    def _check_hired(self):
        """Mark vacancies filled once as many candidates were hired as it has
        positions."""
        for vacancy in self.filtered(lambda v: v.state == "published"):
            if vacancy.hired_count >= vacancy.positions:
                vacancy.action_mark_filled()
                vacancy.message_post(
                    body=self.env._(
                        "All %(count)s positions are filled: the vacancy is "
                        "marked filled.",
                        count=vacancy.positions,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------

    def _rank_candidates(self, limit=50, newcomers=None, only_candidates=True):
        """Rank newcomers for this vacancy, best first, in one query.

        Only newcomers the current user may read are ranked. With
        ``only_candidates``, they must be eligible, have an open pathway, not
        work at their level already and not be proposed for this vacancy
        yet. ``newcomers`` restricts the
        ranking to those records. Returns at most ``limit`` dicts with
        ``newcomer_id``, ``score``, the points per criterion, ``dutch_gap``
        and ``explanation`` (one line per criterion)."""
        self.ensure_one()
        self.env.flush_all()
        domain = []
        if only_candidates:
            domain += [
                ("is_eligible", "=", True),
                ("pathway_ids", "any", [("is_closed", "=", False)]),
            ]
        if newcomers is not None:
            domain += [("id", "in", newcomers.ids)]
        visible = self.env["level2work.newcomer"]._search(domain)
        query = self._ranking_query(visible.subselect(), limit, only_candidates)
        self.env.cr.execute(query)
        rows = self.env.cr.dictfetchall()
        for row in rows:
            row["explanation"] = "\n".join(self._explain_match(row))
        return rows

    def _ranking_query(self, visible_sql, limit, exclude_proposed):
        """The SQL of :meth:`_rank_candidates`: one score per criterion and
        their total for every newcomer in ``visible_sql``."""
        code = self.occupation_id.code or ""
        prefix = {
            size: code[:size] if len(code) >= size else None for size in (1, 2, 3, 4)
        }
        occupation_rank = SQL(
            """(CASE WHEN o.id = %(occupation)s THEN 5
                     WHEN left(o.code, 4) = %(p4)s THEN 4
                     WHEN left(o.code, 3) = %(p3)s THEN 3
                     WHEN left(o.code, 2) = %(p2)s THEN 2
                     ELSE 1 END)""",
            occupation=self.occupation_id.id,
            p4=prefix[4],
            p3=prefix[3],
            p2=prefix[2],
        )
        ctes = [
            SQL(
                """occupation_fit AS (
                    SELECT r.newcomer_id,
                           MAX(%(rank)s) AS occupation_rank,
                           (array_agg(o.id ORDER BY %(rank)s DESC, o.code))[1]
                               AS occupation_id
                      FROM (SELECT newcomer_id, occupation_id
                              FROM level2work_newcomer_aspiration_rel
                            UNION ALL
                            SELECT p.newcomer_id, t.occupation_id
                              FROM level2work_pathway_target_occupation_rel t
                              JOIN level2work_pathway p ON p.id = t.pathway_id
                             WHERE p.active IS TRUE AND p.is_closed IS NOT TRUE
                           ) r
                      JOIN level2work_occupation o ON o.id = r.occupation_id
                     WHERE left(o.code, 1) = %(p1)s
                  GROUP BY r.newcomer_id)""",
                rank=occupation_rank,
                p1=prefix[1],
            )
        ]
        field = (self.field_of_study or "").strip().lower()
        if field:
            words = sorted(set(re.findall(rf"\w{{{FIELD_WORD_MIN_LENGTH},}}", field)))
            same_field = SQL(
                "(strpos(lower(d.field_of_study), %(field)s) > 0"
                " OR strpos(%(field)s, lower(d.field_of_study)) > 0)",
                field=field,
            )
            related_field = (
                SQL("d.field_of_study ~* %s", r"\m({})\M".format("|".join(words)))
                if words
                else SQL("FALSE")
            )
            ctes.append(
                SQL(
                    """field_fit AS (
                        SELECT d.newcomer_id,
                               MAX(CASE WHEN %(same)s THEN 2 ELSE 1 END) AS field_rank,
                               (array_agg(d.field_of_study
                                          ORDER BY (CASE WHEN %(same)s THEN 2
                                                    ELSE 1 END) DESC,
                                                   d.id))[1] AS matched_field
                          FROM level2work_diploma d
                         WHERE d.field_of_study IS NOT NULL
                           AND d.field_of_study != ''
                           AND (%(same)s OR %(related)s)
                      GROUP BY d.newcomer_id)""",
                    same=same_field,
                    related=related_field,
                )
            )
        if self.language_ids:
            ctes.append(
                SQL(
                    """language_fit AS (
                        SELECT s.newcomer_id,
                               array_agg(DISTINCT s.language_id) AS language_ids
                          FROM level2work_language_skill s
                         WHERE s.language_id IN %(languages)s
                           AND (s.level >= %(level)s OR s.is_native IS TRUE)
                      GROUP BY s.newcomer_id)""",
                    languages=tuple(self.language_ids.ids),
                    level=self.language_level or "A1",
                )
            )

        isced = SQL("n.highest_isced_level")
        joins = [SQL("LEFT JOIN occupation_fit of ON of.newcomer_id = n.id")]
        columns = [
            SQL("n.id AS newcomer_id"),
            SQL("n.highest_isced_level AS isced_level"),
            SQL("n.dutch_level AS dutch_level"),
            SQL("lab.province AS province"),
            SQL("COALESCE(of.occupation_rank, 0) AS occupation_rank"),
            SQL("of.occupation_id AS occupation_id"),
            SQL(
                "%s AS occupation_points",
                points_sql(SQL("COALESCE(of.occupation_rank, 0)"), OCCUPATION_POINTS),
            ),
        ]
        # Education: the diploma level asked, then the level rule.
        if self.required_isced_level:
            required = int(self.required_isced_level)
            columns.append(
                SQL(
                    """(CASE WHEN n.highest_isced_level::int >= %(required)s
                                  THEN %(met)s
                             WHEN n.highest_isced_level::int = %(below)s
                                  THEN %(one_below)s
                             ELSE 0 END) AS education_points""",
                    required=required,
                    below=required - 1,
                    met=EDUCATION_POINTS["met"],
                    one_below=EDUCATION_POINTS["one_below"],
                )
            )
        else:
            columns.append(SQL("%s AS education_points", EDUCATION_POINTS["met"]))
        level_fit = level_fit_sql(isced, SQL("%s", self.skill_level or None))
        columns += [
            SQL("%s AS level_fit", level_fit),
            SQL("%s AS level_points", points_sql(level_fit, LEVEL_POINTS)),
        ]
        # Field of study.
        if field:
            joins.append(SQL("LEFT JOIN field_fit ff ON ff.newcomer_id = n.id"))
            columns += [
                SQL("COALESCE(ff.field_rank, 0) AS field_rank"),
                SQL("ff.matched_field AS matched_field"),
                SQL(
                    "%s AS field_points",
                    points_sql(SQL("COALESCE(ff.field_rank, 0)"), FIELD_POINTS),
                ),
            ]
        else:
            columns.append(SQL("%s AS field_points", FIELD_POINTS[2]))
        # Dutch: the number of CEFR steps short of the level asked.
        dutch_rank = cefr_rank_sql(SQL("n.dutch_level"))
        if self.required_dutch_level:
            gap = SQL("(%s - %s)", CEFR_RANK[self.required_dutch_level], dutch_rank)
            columns += [
                SQL("GREATEST(%s, 0) AS dutch_gap", gap),
                SQL(
                    "%s AS dutch_points",
                    points_sql(SQL("GREATEST(%s, 0)", gap), DUTCH_POINTS),
                ),
            ]
        else:
            columns += [
                SQL("NULL AS dutch_gap"),
                SQL("%s AS dutch_points", DUTCH_POINTS[0]),
            ]
        # Other languages: the share of them the newcomer speaks well enough.
        if self.language_ids:
            joins.append(SQL("LEFT JOIN language_fit lf ON lf.newcomer_id = n.id"))
            columns += [
                SQL("lf.language_ids AS language_ids"),
                SQL(
                    "ROUND(%s * COALESCE(cardinality(lf.language_ids), 0)::numeric"
                    " / %s)::int AS language_points",
                    LANGUAGE_POINTS,
                    len(self.language_ids),
                ),
            ]
        else:
            columns.append(SQL("%s AS language_points", LANGUAGE_POINTS))
        # Province: of the newcomer's lab.
        if self.province:
            columns.append(
                SQL(
                    "(CASE WHEN lab.province = %s THEN %s ELSE 0 END)"
                    " AS province_points",
                    self.province,
                    PROVINCE_POINTS,
                )
            )
        else:
            columns.append(SQL("%s AS province_points", PROVINCE_POINTS))
        columns.append(SQL("%s AS dutch_rank", dutch_rank))

        conditions = [SQL("n.id IN %s", visible_sql)]
        if exclude_proposed:
            # Working at their level already: not a candidate any more.
            conditions.append(
                SQL(
                    """NOT EXISTS (SELECT 1 FROM level2work_placement pl
                                    WHERE pl.newcomer_id = n.id
                                      AND pl.active AND pl.at_level
                                      AND (pl.date_end IS NULL
                                           OR pl.date_end >= %s))""",
                    fields.Date.context_today(self),
                )
            )
            conditions.append(
                SQL(
                    """NOT EXISTS (SELECT 1 FROM level2work_candidate_proposal cp
                                    WHERE cp.vacancy_id = %s
                                      AND cp.newcomer_id = n.id)""",
                    self.id,
                )
            )
        return SQL(
            """WITH %(ctes)s
               SELECT m.*,
                      (m.occupation_points + m.education_points + m.level_points
                       + m.field_points + m.dutch_points + m.language_points
                       + m.province_points) AS score
                 FROM (SELECT %(columns)s
                         FROM level2work_newcomer n
                    LEFT JOIN level2work_lab lab ON lab.id = n.lab_id
                              %(joins)s
                        WHERE %(conditions)s) m
             ORDER BY score DESC, m.dutch_rank DESC NULLS LAST, m.newcomer_id
                LIMIT %(limit)s""",
            ctes=SQL(", ").join(ctes),
            columns=SQL(", ").join(columns),
            joins=SQL(" ").join(joins),
            conditions=SQL(" AND ").join(conditions),
            limit=limit,
        )

    def _explain_match(self, row):
        """One line per criterion of a ranking row: what matched, what did
        not, and the points it gave."""
        self.ensure_one()
        lines = []
        for reason, points, maximum in (
            self._explain_occupation(row),
            self._explain_education(row),
            self._explain_level(row),
            self._explain_field(row),
            self._explain_dutch(row),
            self._explain_languages(row),
            self._explain_province(row),
        ):
            mark = "✔" if points >= maximum else ("~" if points else "✘")
            lines.append(f"{mark} {reason} ({points}/{maximum})")
        return lines

    def _selection_label(self, model, field_name, value):
        field = self.env[model]._fields[field_name]
        return dict(field._description_selection(self.env)).get(value, value or "")

    def _explain_occupation(self, row):
        points, maximum = row["occupation_points"], OCCUPATION_POINTS[5]
        wanted = self.occupation_id.display_name
        rank = row["occupation_rank"]
        if not rank:
            reason = self.env._(
                "Occupation: no aspiration or target occupation near %(occupation)s.",
                occupation=wanted,
            )
            return reason, points, maximum
        if rank == 5:
            return (
                self.env._("Occupation: aims for %(occupation)s.", occupation=wanted),
                points,
                maximum,
            )
        candidate = (
            self.env["level2work.occupation"]
            .sudo()
            .browse(row["occupation_id"])
            .display_name
        )
        if rank == 4:
            reason = self.env._(
                "Occupation: aims for %(candidate)s, in the same "
                "unit group as %(occupation)s.",
                candidate=candidate,
                occupation=wanted,
            )
        elif rank == 3:
            reason = self.env._(
                "Occupation: aims for %(candidate)s, in the same "
                "minor group as %(occupation)s.",
                candidate=candidate,
                occupation=wanted,
            )
        elif rank == 2:
            reason = self.env._(
                "Occupation: aims for %(candidate)s, in the same "
                "sub-major group as %(occupation)s.",
                candidate=candidate,
                occupation=wanted,
            )
        else:
            reason = self.env._(
                "Occupation: aims for %(candidate)s, only in the "
                "same major group as %(occupation)s.",
                candidate=candidate,
                occupation=wanted,
            )
        return reason, points, maximum

    def _explain_education(self, row):
        points, maximum = row["education_points"], EDUCATION_POINTS["met"]
        level = row["isced_level"]
        label = self._selection_label(
            "level2work.newcomer", "highest_isced_level", level
        )
        if not self.required_isced_level:
            if not level:
                return (
                    self.env._("Diploma: no diploma level asked, none recorded."),
                    points,
                    maximum,
                )
            return (
                self.env._("Diploma: %(level)s; no diploma level asked.", level=label),
                points,
                maximum,
            )
        required = self._selection_label(
            "level2work.vacancy", "required_isced_level", self.required_isced_level
        )
        if not level:
            reason = self.env._(
                "Diploma: none recorded, the vacancy asks %(required)s.",
                required=required,
            )
        elif points >= maximum:
            reason = self.env._(
                "Diploma: %(level)s meets the %(required)s asked.",
                level=label,
                required=required,
            )
        else:
            reason = self.env._(
                "Diploma: %(level)s, below the %(required)s asked.",
                level=label,
                required=required,
            )
        return reason, points, maximum

    def _explain_level(self, row):
        points, maximum = row["level_points"], LEVEL_POINTS[AT_LEVEL]
        if row["level_fit"] == AT_LEVEL:
            reason = self.env._("Level: the job is at the level of their education.")
        elif row["level_fit"] == NEAR_LEVEL:
            reason = self.env._(
                "Level: the job is one skill level below their education."
            )
        else:
            reason = self.env._("Level: the job is below the level of their education.")
        return reason, points, maximum

    def _explain_field(self, row):
        points, maximum = row["field_points"], FIELD_POINTS[2]
        if not self.field_of_study:
            return self.env._("Field of study: none asked."), points, maximum
        rank = row.get("field_rank")
        if rank == 2:
            reason = self.env._(
                "Field of study: %(field)s matches the %(wanted)s asked.",
                field=row["matched_field"],
                wanted=self.field_of_study,
            )
        elif rank == 1:
            reason = self.env._(
                "Field of study: %(field)s is related to the %(wanted)s asked.",
                field=row["matched_field"],
                wanted=self.field_of_study,
            )
        else:
            reason = self.env._(
                "Field of study: no diploma in %(wanted)s or a related field.",
                wanted=self.field_of_study,
            )
        return reason, points, maximum

    def _explain_dutch(self, row):
        return (
            self._describe_dutch_gap(row["dutch_level"]),
            row["dutch_points"],
            DUTCH_POINTS[0],
        )

    def _describe_dutch_gap(self, dutch_level):
        """A sentence comparing a Dutch level with the one this vacancy asks,
        e.g. "Dutch B1, vacancy asks B2: one level short"."""
        self.ensure_one()
        required = self.required_dutch_level
        if not required:
            if not dutch_level:
                return self.env._("Dutch: level unknown; the vacancy asks no level.")
            return self.env._(
                "Dutch %(level)s; the vacancy asks no level.", level=dutch_level
            )
        if not dutch_level:
            return self.env._(
                "Dutch level unknown, vacancy asks %(required)s.", required=required
            )
        gap = CEFR_RANK[required] - CEFR_RANK[dutch_level]
        if gap <= 0:
            return self.env._(
                "Dutch %(level)s, vacancy asks %(required)s: meets it.",
                level=dutch_level,
                required=required,
            )
        if gap == 1:
            return self.env._(
                "Dutch %(level)s, vacancy asks %(required)s: one level short.",
                level=dutch_level,
                required=required,
            )
        if gap == 2:
            return self.env._(
                "Dutch %(level)s, vacancy asks %(required)s: two levels short.",
                level=dutch_level,
                required=required,
            )
        return self.env._(
            "Dutch %(level)s, vacancy asks %(required)s: %(count)s levels short.",
            level=dutch_level,
            required=required,
            count=gap,
        )

    def _explain_languages(self, row):
        points, maximum = row["language_points"], LANGUAGE_POINTS
        if not self.language_ids:
            return self.env._("Other languages: none asked."), points, maximum
        spoken = self.language_ids.filtered(
            lambda lang: lang.id in (row.get("language_ids") or [])
        )
        missing = self.language_ids - spoken
        if not missing:
            reason = self.env._(
                "Other languages: speaks %(languages)s at %(level)s or better.",
                languages=", ".join(spoken.mapped("name")),
                level=self.language_level,
            )
        elif spoken:
            reason = self.env._(
                "Other languages: speaks %(languages)s at "
                "%(level)s or better, not %(missing)s.",
                languages=", ".join(spoken.mapped("name")),
                level=self.language_level,
                missing=", ".join(missing.mapped("name")),
            )
        else:
            reason = self.env._(
                "Other languages: does not speak %(missing)s at %(level)s.",
                missing=", ".join(missing.mapped("name")),
                level=self.language_level,
            )
        return reason, points, maximum

    def _explain_province(self, row):
        points, maximum = row["province_points"], PROVINCE_POINTS
        if not self.province:
            return self.env._("Province: the vacancy names none."), points, maximum
        wanted = self._selection_label("level2work.vacancy", "province", self.province)
        if points:
            reason = self.env._(
                "Province: registered with the lab of %(province)s, where the job is.",
                province=wanted,
            )
        else:
            reason = self.env._(
                "Province: registered with the lab of %(province)s; "
                "the job is in %(wanted)s.",
                province=self._selection_label(
                    "level2work.vacancy", "province", row["province"]
                ),
                wanted=wanted,
            )
        return reason, points, maximum
