"""The ranking of newcomers for vacancies, and of vacancies for a newcomer.

One implementation for both directions: the ranking scores pairs of a
vacancy and a newcomer in one query, and a direction only chooses the pairs
(one vacancy and the candidates the user may see, or one newcomer and the
published vacancies). Each criterion is one method returning its
:class:`MatchTerm`: the SQL of its points, the columns its reason reads, and
the sentence that explains it. :meth:`_get_match_criteria` lists them with
their weight.

Occupation, field of study, diploma and level weigh most. Dutch, other
languages and province refine: they count only for a candidate whom the job
fits by occupation or field of study, so that they never lift a candidate
who fits in neither above one who does.
"""

from collections.abc import Callable
from typing import NamedTuple

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.level2work_pathway.models.language_skill import CEFR_SELECTION
from odoo.addons.level2work_pathway.models.level_rule import (
    AT_LEVEL,
    NEAR_LEVEL,
    level_fit_sql,
)

CEFR_RANK = {code: rank for rank, (code, _label) in enumerate(CEFR_SELECTION, 1)}
# Share of its points a criterion gives, by how close the pair comes.
# Occupation, by ISCO-08 / ESCO: 5 the job's occupation or one within it,
# 4 the same unit group, 3 minor group, 2 sub-major group, 1 major group.
OCCUPATION_SHARE = {5: 1, 4: 0.8, 3: 0.6, 2: 0.35}
# Field of education, by ISCED-F 2013: 4 the field asked or one within it,
# 3 the same narrow field, 2 the same broad field.
FIELD_SHARE = {4: 1, 3: 0.6, 2: 0.25}
DIPLOMA_SHARE = {"met": 1, "one_below": 0.4}
LEVEL_SHARE = {AT_LEVEL: 1, NEAR_LEVEL: 0.5}
# Dutch, by the number of CEFR levels short of the level asked.
DUTCH_SHARE = {0: 1, 1: 0.6, 2: 0.25}


def cefr_rank_sql(column):
    """SQL: the rank (1 for A1 ... 6 for C2) of a CEFR level column."""
    return SQL(
        "(CASE %s %s END)",
        column,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", code, rank) for code, rank in CEFR_RANK.items()
        ),
    )


def points_sql(value_sql, points, shares):
    """SQL: ``points`` times the share of ``value_sql`` in ``shares``
    (rounded), 0 for a value not in it."""
    return SQL(
        "(CASE %s %s ELSE 0 END)",
        value_sql,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", value, round(points * share))
            for value, share in shares.items()
        ),
    )


class MatchCriterion(NamedTuple):
    """One criterion of the ranking: ``method(points)`` returns its
    :class:`MatchTerm`; a criterion that ``refines`` counts only for pairs
    that fit by a criterion with a ``fits`` term."""

    key: str
    points: int
    method: Callable
    refines: bool = False


class MatchTerm(NamedTuple):
    """What a criterion adds to the ranking query.

    ``points``: SQL of its points, over the aliases ``p`` (the pair), ``v``
    (vacancy), ``vo`` (its occupation), ``n`` (newcomer), ``lab`` (the
    newcomer's lab) and those of its own ``join``, which may read the CTEs
    ``pairs`` (every pair ranked) and ``vacancies`` (their vacancies).
    ``columns``: SQL of the values its reason reads, by name. ``fits``: SQL
    true when the job fits the candidate on this criterion (occupation and
    field of study only). ``explain(vacancy, row)``: the sentence of its
    reason."""

    points: SQL
    columns: dict
    explain: Callable
    join: SQL | None = None
    fits: SQL | None = None


class Level2workVacancy(models.Model):
    _inherit = "level2work.vacancy"

    # ------------------------------------------------------------------
    # The two directions
    # ------------------------------------------------------------------

    def _rank_candidates(self, limit=50, newcomers=None, only_candidates=True):
        """Rank newcomers for this vacancy, best first, in one query.

        Only newcomers the current user may read are ranked. With
        ``only_candidates``, they must be eligible, have an open pathway, not
        work at their level already and not be proposed for this vacancy
        yet. ``newcomers`` restricts the ranking to those records. Returns
        at most ``limit`` rows: see :meth:`_rank_pairs`."""
        return self._rank_pairs(
            *self._candidate_pairs(newcomers, only_candidates), limit
        )

    def _candidate_pairs(self, newcomers=None, only_candidates=True):
        """The pairs :meth:`_rank_candidates` ranks, as the arguments of
        :meth:`_ranking_query`: this vacancy, the newcomers and the
        conditions."""
        self.ensure_one()
        domain = []
        if only_candidates:
            domain += [
                ("is_eligible", "=", True),
                ("pathway_ids", "any", [("is_closed", "=", False)]),
            ]
        if newcomers is not None:
            domain += [("id", "in", newcomers.ids)]
        conditions = []
        if only_candidates:
            conditions += [
                self._match_condition_not_proposed(),
                self._match_condition_not_working_at_level(),
            ]
        return (
            SQL("%s", tuple(self.ids)),
            self.env["level2work.newcomer"]._search(domain).subselect(),
            conditions,
        )

    @api.model
    def _rank_vacancies(self, newcomer, limit=50):
        """Rank the published vacancies, that ``newcomer`` is not proposed
        for yet, for ``newcomer``: the same criteria as
        :meth:`_rank_candidates`, the other way round."""
        newcomer.check_access("read")
        return self._rank_pairs(
            self._search([("state", "=", "published")]).subselect(),
            SQL("%s", tuple(newcomer.ids)),
            [self._match_condition_not_proposed()],
            limit,
        )

    def _match_condition_not_proposed(self):
        return SQL(
            """NOT EXISTS (SELECT 1 FROM level2work_candidate_proposal cp
                            WHERE cp.vacancy_id = v.id AND cp.newcomer_id = n.id)"""
        )

    def _match_condition_not_working_at_level(self):
        """Working at their level already: not a candidate any more."""
        return SQL(
            """NOT EXISTS (SELECT 1 FROM level2work_placement pl
                            WHERE pl.newcomer_id = n.id AND pl.active AND pl.at_level
                              AND (pl.date_end IS NULL OR pl.date_end >= %s))""",
            fields.Date.context_today(self),
        )

    # ------------------------------------------------------------------
    # The ranking
    # ------------------------------------------------------------------

    @api.model
    def _get_match_criteria(self):
        """The criteria of the ranking, in the order their reasons are shown,
        with their points: together 100. Override to add, drop or weigh
        criteria."""
        return [
            MatchCriterion("occupation", 30, self._match_occupation),
            MatchCriterion("field", 20, self._match_field),
            MatchCriterion("diploma", 10, self._match_diploma),
            MatchCriterion("level", 15, self._match_level),
            MatchCriterion("dutch", 12, self._match_dutch, refines=True),
            MatchCriterion("languages", 5, self._match_languages, refines=True),
            MatchCriterion("province", 8, self._match_province, refines=True),
        ]

    @api.model
    def _get_match_terms(self):
        """``(criterion, term)`` for each criterion of the ranking."""
        return [
            (criterion, criterion.method(criterion.points))
            for criterion in self._get_match_criteria()
        ]

    @api.model
    def _rank_pairs(self, vacancies_sql, newcomers_sql, conditions, limit):
        """Score every pair of a vacancy of ``vacancies_sql`` and a newcomer
        of ``newcomers_sql`` (SQL lists or subqueries of ids) that meets the
        SQL ``conditions``, in one query, and return the ``limit`` best as
        dicts: ``vacancy_id``, ``newcomer_id``, ``score``, ``fits``, the
        points (``<key>_points``, before the refining criteria are left
        out) and columns of each criterion, ``reasons`` (``(key, points,
        maximum, sentence)`` per criterion) and ``explanation``, the reasons
        as the employer reads them."""
        self.env.flush_all()
        criteria = self._get_match_terms()
        self.env.cr.execute(
            self._ranking_query(
                criteria, vacancies_sql, newcomers_sql, conditions, limit
            )
        )
        rows = self.env.cr.dictfetchall()
        vacancies = self.browse(list({row["vacancy_id"] for row in rows}))
        for row in rows:
            vacancy = vacancies.browse(row["vacancy_id"]).with_prefetch(
                vacancies._prefetch_ids
            )
            row["reasons"] = [
                (
                    criterion.key,
                    row[f"{criterion.key}_points"],
                    criterion.points,
                    term.explain(vacancy, row),
                )
                for criterion, term in criteria
            ]
            row["explanation"] = self._format_match_text(row)
        return rows

    @api.model
    def _ranking_query(self, criteria, vacancies_sql, newcomers_sql, conditions, limit):
        """The SQL of :meth:`_rank_pairs` for the terms ``criteria`` of
        :meth:`_get_match_terms`."""
        columns = [SQL("p.vacancy_id"), SQL("p.newcomer_id")]
        for criterion, term in criteria:
            columns.append(
                SQL("%s AS %s", term.points, SQL.identifier(f"{criterion.key}_points"))
            )
            columns += [
                SQL("%s AS %s", sql, SQL.identifier(name))
                for name, sql in term.columns.items()
            ]
        fits = [term.fits for _criterion, term in criteria if term.fits is not None]
        columns.append(
            SQL("(%s) AS fits", SQL(" OR ").join(fits) if fits else SQL("TRUE"))
        )

        def total(refines):
            return SQL(" + ").join(
                [
                    SQL("m.%s", SQL.identifier(f"{criterion.key}_points"))
                    for criterion, _term in criteria
                    if criterion.refines == refines
                ]
                or [SQL("0")]
            )

        return SQL(
            """WITH vacancies AS MATERIALIZED (
                   SELECT id FROM level2work_vacancy WHERE id IN %(vacancies)s),
                    pairs AS MATERIALIZED (
                   SELECT v.id AS vacancy_id, n.id AS newcomer_id
                     FROM level2work_vacancy v, level2work_newcomer n
                    WHERE v.id IN (SELECT id FROM vacancies)
                      AND n.id IN %(newcomers)s
                          %(conditions)s),
                    -- Materialized: each criterion's points computed once.
                    m AS MATERIALIZED (
                   SELECT %(columns)s
                     FROM pairs p
                     JOIN level2work_vacancy v ON v.id = p.vacancy_id
                     JOIN level2work_occupation vo ON vo.id = v.occupation_id
                     JOIN level2work_newcomer n ON n.id = p.newcomer_id
                LEFT JOIN level2work_lab lab ON lab.id = n.lab_id
                          %(joins)s)
               SELECT m.*, %(core)s AS core_score,
                      %(core)s + (CASE WHEN m.fits THEN %(refining)s ELSE 0 END)
                          AS score
                 FROM m
             ORDER BY score DESC, core_score DESC, m.vacancy_id, m.newcomer_id
                LIMIT %(limit)s""",
            vacancies=vacancies_sql,
            newcomers=newcomers_sql,
            conditions=SQL("").join(SQL(" AND %s", c) for c in conditions),
            core=total(False),
            refining=total(True),
            columns=SQL(", ").join(columns),
            joins=SQL(" ").join(term.join for _c, term in criteria if term.join),
            limit=limit,
        )

    @api.model
    def _format_match_text(self, row):
        """The reasons of a row as an employer reads them: what fits, then
        what the coach will work on with the candidate. No points."""
        fitting = [
            sentence for _k, got, most, sentence in row["reasons"] if got >= most
        ]
        to_work_on = [
            sentence for _k, got, most, sentence in row["reasons"] if got < most
        ]
        parts = []
        if fitting:
            parts += [self.env._("What fits:"), *(f"- {s}" for s in fitting)]
        if to_work_on:
            parts += [
                self.env._("What the coach will work on with the candidate:"),
                *(f"- {s}" for s in to_work_on),
            ]
        return "\n".join(parts)

    @api.model
    def _format_match_html(self, row):
        """The reasons of a row for project staff, as HTML: what fits and
        what to work on, each reason with its points."""

        def items(icon, reasons):
            return Markup("").join(
                Markup(
                    '<li><i class="fa %s me-1" role="img"></i>%s '
                    '<span class="text-muted text-nowrap">%s</span></li>'
                )
                % (icon, sentence, f"{got}/{most}")
                for _key, got, most, sentence in reasons
            )

        fitting = [r for r in row["reasons"] if r[1] >= r[2]]
        to_work_on = [r for r in row["reasons"] if r[1] < r[2]]
        html = Markup("")
        if fitting:
            html += Markup(
                '<div class="fw-bold text-success">%s</div>'
                '<ul class="list-unstyled mb-1">%s</ul>'
            ) % (self.env._("What fits"), items("fa-check text-success", fitting))
        if to_work_on:
            html += Markup(
                '<div class="fw-bold text-warning">%s</div>'
                '<ul class="list-unstyled mb-1">%s</ul>'
            ) % (
                self.env._("To work on"),
                items("fa-arrow-up text-warning", to_work_on),
            )
        if not row["fits"]:
            html += Markup('<div class="text-muted small">%s</div>') % self.env._(
                "Neither the occupation nor the field of study fits: Dutch, other "
                "languages and province do not count."
            )
        return Markup('<div class="text-wrap">%s</div>') % html

    # ------------------------------------------------------------------
    # The criteria
    # ------------------------------------------------------------------

    @api.model
    def _match_occupation(self, points):
        """How close the newcomer's aspirations and the target occupations
        of their open pathway come to the vacancy's occupation, in the
        ISCO-08 tree with ESCO occupations under their unit group: 5 the
        vacancy's occupation or one within it, 4 the same unit group, 3
        minor, 2 sub-major, 1 major group."""
        rank = SQL(
            """(CASE WHEN o.parent_path LIKE vo.parent_path || '%%' THEN 5
                     WHEN length(vo.code) >= 4 AND left(o.code, 4) = left(vo.code, 4)
                          THEN 4
                     WHEN length(vo.code) >= 3 AND left(o.code, 3) = left(vo.code, 3)
                          THEN 3
                     WHEN length(vo.code) >= 2 AND left(o.code, 2) = left(vo.code, 2)
                          THEN 2
                     ELSE 1 END)"""
        )
        # The rank of each occupation of the vacancy's major group, once per
        # vacancy; then the closest occupation a newcomer aims for, and its
        # rank: the greatest [rank, id].
        join = SQL(
            """LEFT JOIN (
                   SELECT ranked.vacancy_id, aims.newcomer_id,
                          MAX(ARRAY[ranked.rank, ranked.occupation_id]) AS best
                     FROM (SELECT newcomer_id, occupation_id
                             FROM level2work_newcomer_aspiration_rel
                           UNION ALL
                           SELECT pw.newcomer_id, t.occupation_id
                             FROM level2work_pathway pw
                             JOIN level2work_pathway_target_occupation_rel t
                                  ON t.pathway_id = pw.id
                            WHERE pw.active IS TRUE AND pw.is_closed IS NOT TRUE
                          ) aims
                     JOIN (SELECT v.id AS vacancy_id, o.id AS occupation_id,
                                  %(rank)s AS rank
                             FROM level2work_vacancy v
                             JOIN level2work_occupation vo ON vo.id = v.occupation_id
                             JOIN level2work_occupation o
                                  ON left(o.code, 1) = left(vo.code, 1)
                            WHERE v.id IN (SELECT id FROM vacancies)
                          ) ranked ON ranked.occupation_id = aims.occupation_id
                    WHERE aims.newcomer_id IN (SELECT newcomer_id FROM pairs)
                 GROUP BY ranked.vacancy_id, aims.newcomer_id
               ) occupation_fit ON occupation_fit.vacancy_id = p.vacancy_id
                               AND occupation_fit.newcomer_id = p.newcomer_id""",
            rank=rank,
        )
        rank = SQL("COALESCE(occupation_fit.best[1], 0)")
        return MatchTerm(
            points=points_sql(rank, points, OCCUPATION_SHARE),
            columns={
                "occupation_rank": rank,
                "occupation_id": SQL("occupation_fit.best[2]"),
            },
            explain=self._explain_occupation,
            join=join,
            fits=SQL("%s >= 2", rank),
        )

    @api.model
    def _explain_occupation(self, vacancy, row):
        wanted = vacancy.occupation_id.display_name
        rank = row["occupation_rank"]
        if not rank:
            return self.env._(
                "Occupation: no aspiration or target occupation near %(occupation)s.",
                occupation=wanted,
            )
        # Reference data, read for its name.
        aimed = self.env["level2work.occupation"].sudo().browse(row["occupation_id"])
        names = {"candidate": aimed.display_name, "occupation": wanted}
        if aimed == vacancy.occupation_id:
            return self.env._("Occupation: aims for %(occupation)s.", **names)
        if rank == 5:
            return self.env._(
                "Occupation: aims for %(candidate)s, within %(occupation)s.", **names
            )
        if rank == 4:
            return self.env._(
                "Occupation: aims for %(candidate)s, in the same unit group as "
                "%(occupation)s.",
                **names,
            )
        if rank == 3:
            return self.env._(
                "Occupation: aims for %(candidate)s, in the same minor group as "
                "%(occupation)s.",
                **names,
            )
        if rank == 2:
            return self.env._(
                "Occupation: aims for %(candidate)s, in the same sub-major group as "
                "%(occupation)s.",
                **names,
            )
        return self.env._(
            "Occupation: aims for %(candidate)s, far from %(occupation)s.", **names
        )

    @api.model
    def _match_field(self, points):
        """How close the ISCED-F fields of the newcomer's diplomas come to
        the field the vacancy asks: 4 the field asked or one within it, 3
        the same narrow field, 2 the same broad field. A vacancy that asks
        none gives every candidate its points."""
        rank = SQL(
            """(CASE WHEN f.parent_path LIKE vf.parent_path || '%%' THEN 4
                     WHEN length(vf.code) >= 3 AND left(f.code, 3) = left(vf.code, 3)
                          THEN 3
                     ELSE 2 END)"""
        )
        # The rank of each field of the broad field asked, once per vacancy;
        # then the closest diploma of a newcomer, and its rank: the greatest
        # [rank, id].
        join = SQL(
            """LEFT JOIN (
                   SELECT ranked.vacancy_id, d.newcomer_id,
                          MAX(ARRAY[ranked.rank, d.id]) AS best
                     FROM level2work_diploma d
                     JOIN (SELECT v.id AS vacancy_id, f.id AS field_id,
                                  %(rank)s AS rank
                             FROM level2work_vacancy v
                             JOIN level2work_field_of_education vf
                                  ON vf.id = v.field_of_education_id
                             JOIN level2work_field_of_education f
                                  ON left(f.code, 2) = left(vf.code, 2)
                            WHERE v.id IN (SELECT id FROM vacancies)
                          ) ranked ON ranked.field_id = d.field_of_education_id
                    WHERE d.newcomer_id IN (SELECT newcomer_id FROM pairs)
                 GROUP BY ranked.vacancy_id, d.newcomer_id
               ) field_fit ON field_fit.vacancy_id = p.vacancy_id
                          AND field_fit.newcomer_id = p.newcomer_id""",
            rank=rank,
        )
        rank = SQL("field_fit.best[1]")
        return MatchTerm(
            points=SQL(
                "(CASE WHEN v.field_of_education_id IS NULL THEN %s ELSE %s END)",
                points,
                points_sql(rank, points, FIELD_SHARE),
            ),
            columns={
                "field_rank": rank,
                "field_diploma_id": SQL("field_fit.best[2]"),
            },
            explain=self._explain_field,
            join=join,
            fits=SQL("COALESCE(%s, 0) >= 2", rank),
        )

    @api.model
    def _explain_field(self, vacancy, row):
        wanted = vacancy.field_of_education_id.display_name
        if not wanted:
            return self.env._("Field of study: the vacancy asks none.")
        if not row["field_rank"]:
            # Whether the newcomer ranked has a diploma classified at all.
            classified = (
                self.env["level2work.diploma"]
                .sudo()
                .search_count(
                    [
                        ("newcomer_id", "=", row["newcomer_id"]),
                        ("field_of_education_id", "!=", False),
                    ],
                    limit=1,
                )
            )
            if classified:
                return self.env._(
                    "Field of study: no diploma in or near the %(wanted)s asked.",
                    wanted=wanted,
                )
            return self.env._(
                "Field of study: no diploma classified in a field of education "
                "yet; the vacancy asks %(wanted)s.",
                wanted=wanted,
            )
        # The diploma of a newcomer the user ranks: its field, to name it.
        diploma = self.env["level2work.diploma"].sudo().browse(row["field_diploma_id"])
        field = diploma.field_of_education_id.display_name
        if diploma.field_of_study:
            field = f"{diploma.field_of_study} ({field})"
        names = {"field": field, "wanted": wanted}
        rank = row["field_rank"]
        if diploma.field_of_education_id == vacancy.field_of_education_id:
            return self.env._("Field of study: %(field)s, the field asked.", **names)
        if rank == 4:
            return self.env._(
                "Field of study: %(field)s, in the %(wanted)s asked.", **names
            )
        if rank == 3:
            return self.env._(
                "Field of study: %(field)s, in the same narrow field as the "
                "%(wanted)s asked.",
                **names,
            )
        return self.env._(
            "Field of study: %(field)s, in the same broad field as the "
            "%(wanted)s asked.",
            **names,
        )

    @api.model
    def _match_diploma(self, points):
        """The diploma level the vacancy asks: met, or one level short."""
        status = SQL(
            """(CASE WHEN v.required_isced_level IS NULL THEN 'met'
                     WHEN n.highest_isced_level >= v.required_isced_level THEN 'met'
                     WHEN n.highest_isced_level::int = v.required_isced_level::int - 1
                          THEN 'one_below'
                END)"""
        )
        return MatchTerm(
            points=points_sql(status, points, DIPLOMA_SHARE),
            columns={"isced_level": SQL("n.highest_isced_level")},
            explain=self._explain_diploma,
        )

    @api.model
    def _explain_diploma(self, vacancy, row):
        level = row["isced_level"]
        label = vacancy._selection_label(
            "level2work.newcomer", "highest_isced_level", level
        )
        if not vacancy.required_isced_level:
            if not level:
                return self.env._("Diploma: no diploma level asked, none recorded.")
            return self.env._(
                "Diploma: %(level)s; no diploma level asked.", level=label
            )
        required = vacancy._selection_label(
            "level2work.vacancy", "required_isced_level", vacancy.required_isced_level
        )
        if not level:
            return self.env._(
                "Diploma: none recorded, the vacancy asks %(required)s.",
                required=required,
            )
        if level >= vacancy.required_isced_level:
            return self.env._(
                "Diploma: %(level)s meets the %(required)s asked.",
                level=label,
                required=required,
            )
        return self.env._(
            "Diploma: %(level)s, below the %(required)s asked.",
            level=label,
            required=required,
        )

    @api.model
    def _match_level(self, points):
        """The level rule: the job at the level of the newcomer's education."""
        fit = level_fit_sql(SQL("n.highest_isced_level"), SQL("vo.skill_level"))
        return MatchTerm(
            points=points_sql(fit, points, LEVEL_SHARE),
            columns={"level_fit": fit},
            explain=self._explain_level,
        )

    @api.model
    def _explain_level(self, vacancy, row):
        if row["level_fit"] == AT_LEVEL:
            return self.env._("Level: the job is at the level of their education.")
        if row["level_fit"] == NEAR_LEVEL:
            return self.env._(
                "Level: the job is one skill level below their education."
            )
        return self.env._("Level: the job is below the level of their education.")

    @api.model
    def _match_dutch(self, points):
        """The number of CEFR levels of Dutch the newcomer is short."""
        gap = SQL(
            "(CASE WHEN n.dutch_level IS NOT NULL THEN GREATEST(%s - %s, 0) END)",
            cefr_rank_sql(SQL("v.required_dutch_level")),
            cefr_rank_sql(SQL("n.dutch_level")),
        )
        return MatchTerm(
            points=SQL(
                "(CASE WHEN v.required_dutch_level IS NULL THEN %s ELSE %s END)",
                points,
                points_sql(gap, points, DUTCH_SHARE),
            ),
            columns={"dutch_level": SQL("n.dutch_level"), "dutch_gap": gap},
            explain=self._explain_dutch,
        )

    @api.model
    def _explain_dutch(self, vacancy, row):
        return vacancy._describe_dutch_gap(row["dutch_level"])

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

    @api.model
    def _match_languages(self, points):
        """The share of the other languages asked that the newcomer speaks
        at the level asked, or as mother tongue."""
        join = SQL(
            """LEFT JOIN (
                   SELECT vacancy_id, COUNT(*) AS asked
                     FROM level2work_vacancy_language_rel
                 GROUP BY vacancy_id
               ) languages_asked ON languages_asked.vacancy_id = p.vacancy_id
               LEFT JOIN (
                   SELECT p.vacancy_id, p.newcomer_id,
                          array_agg(asked.language_id) AS spoken
                     FROM pairs p
                     JOIN level2work_vacancy v ON v.id = p.vacancy_id
                     JOIN level2work_vacancy_language_rel asked
                          ON asked.vacancy_id = p.vacancy_id
                    WHERE EXISTS (
                          SELECT 1 FROM level2work_language_skill s
                           WHERE s.newcomer_id = p.newcomer_id
                             AND s.language_id = asked.language_id
                             AND (s.level >= COALESCE(v.language_level, 'A1')
                                  OR s.is_native IS TRUE))
                 GROUP BY p.vacancy_id, p.newcomer_id
               ) language_fit ON language_fit.vacancy_id = p.vacancy_id
                             AND language_fit.newcomer_id = p.newcomer_id"""
        )
        return MatchTerm(
            points=SQL(
                """(CASE WHEN languages_asked.asked IS NULL THEN %(points)s
                         ELSE ROUND(%(points)s
                                    * COALESCE(cardinality(language_fit.spoken), 0)
                                    / languages_asked.asked::numeric)::int END)""",
                points=points,
            ),
            columns={"language_ids": SQL("language_fit.spoken")},
            explain=self._explain_languages,
            join=join,
        )

    @api.model
    def _explain_languages(self, vacancy, row):
        asked = vacancy.language_ids
        if not asked:
            return self.env._("Other languages: none asked.")
        spoken = asked.filtered(lambda lang: lang.id in (row["language_ids"] or []))
        missing = asked - spoken
        if not missing:
            return self.env._(
                "Other languages: speaks %(languages)s at %(level)s or better.",
                languages=", ".join(spoken.mapped("name")),
                level=vacancy.language_level,
            )
        if spoken:
            return self.env._(
                "Other languages: speaks %(languages)s at "
                "%(level)s or better, not %(missing)s.",
                languages=", ".join(spoken.mapped("name")),
                level=vacancy.language_level,
                missing=", ".join(missing.mapped("name")),
            )
        return self.env._(
            "Other languages: does not speak %(missing)s at %(level)s.",
            missing=", ".join(missing.mapped("name")),
            level=vacancy.language_level,
        )

    @api.model
    def _match_province(self, points):
        """The newcomer's lab in the province of the job."""
        return MatchTerm(
            points=SQL(
                "(CASE WHEN v.province IS NULL OR lab.province = v.province"
                " THEN %s ELSE 0 END)",
                points,
            ),
            columns={"province": SQL("lab.province")},
            explain=self._explain_province,
        )

    @api.model
    def _explain_province(self, vacancy, row):
        if not vacancy.province:
            return self.env._("Province: the vacancy names none.")
        wanted = vacancy._selection_label(
            "level2work.vacancy", "province", vacancy.province
        )
        if row["province"] == vacancy.province:
            return self.env._(
                "Province: registered with the lab of %(province)s, where the job is.",
                province=wanted,
            )
        return self.env._(
            "Province: registered with the lab of %(province)s; "
            "the job is in %(wanted)s.",
            province=vacancy._selection_label(
                "level2work.vacancy", "province", row["province"]
            ),
            wanted=wanted,
        )
