"""The level rule: the one place that decides whether an occupation is at the
level of a person's education.

ISCO-08 gives every occupation a skill level (1 to 4, see
``level2work.occupation.skill_level``); ISCED gives every diploma a level. A
person with a higher-education diploma of ISCED 6 or more is at level in an
occupation of skill level 4; skill level 3 is near level; anything lower is
below level. A short-cycle diploma (ISCED 5) is at level from skill level 3.
A person without a known diploma level is never below level.

Everything that compares an occupation with a person (aspirations, vacancies,
workplace learning, placements, matching) calls :func:`level_fit`, or
:func:`level_fit_sql` when the comparison runs inside a query.
"""

from odoo.tools import SQL

AT_LEVEL = "at_level"
NEAR_LEVEL = "near_level"
BELOW_LEVEL = "below_level"

LEVEL_FIT_SELECTION = [
    (AT_LEVEL, "At level"),
    (NEAR_LEVEL, "Near level"),
    (BELOW_LEVEL, "Below level"),
]

# ISCED level of the highest diploma -> ISCO-08 skill level that is "at level"
EXPECTED_SKILL_LEVEL = {"5": 3, "6": 4, "7": 4, "8": 4}


def level_fit(isced_level, skill_level):
    """Return AT_LEVEL, NEAR_LEVEL or BELOW_LEVEL for a person of
    ``isced_level`` ('5'..'8' or falsy) in an occupation of ``skill_level``
    (1..4 or falsy). Unknown values never count against the person."""
    expected = EXPECTED_SKILL_LEVEL.get(isced_level or "")
    if not expected or not skill_level or skill_level >= expected:
        return AT_LEVEL
    if skill_level == expected - 1:
        return NEAR_LEVEL
    return BELOW_LEVEL


def level_fit_sql(isced_sql, skill_sql):
    """The same rule as :func:`level_fit`, as an SQL expression over an ISCED
    level column (varchar) and a skill level column (integer)."""
    expected = SQL(
        "(CASE %s %s END)",
        isced_sql,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", isced, skill)
            for isced, skill in EXPECTED_SKILL_LEVEL.items()
        ),
    )
    return SQL(
        """(CASE
              WHEN %(expected)s IS NULL OR COALESCE(%(skill)s, 0) = 0
                   OR %(skill)s >= %(expected)s THEN %(at)s
              WHEN %(skill)s = %(expected)s - 1 THEN %(near)s
              ELSE %(below)s
            END)""",
        expected=expected,
        skill=skill_sql,
        at=AT_LEVEL,
        near=NEAR_LEVEL,
        below=BELOW_LEVEL,
    )
