from odoo.tests import new_test_user, tagged

from .common import MentoringCase

COHORT_FIGURES = [
    "pair_count",
    "active_count",
    "completed_count",
    "outcome_job_count",
    "outcome_internship_count",
    "outcome_none_count",
    "moment_count",
    "introduction_count",
    "session_count",
    "attendance_rate",
]


@tagged("post_install", "-at_install")
class TestMentoringCohort(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coach_antwerp = new_test_user(
            cls.env,
            "l2w_coach_antwerp",
            groups="level2work_pathway.group_level2work_coach",
            name="Coach Pieter",
            lang="en_US",
        )
        cls.lab_antwerp.user_ids |= cls.coach_antwerp
        amina = cls.create_mentorship(state="active")
        carlos = cls.create_mentorship(
            pathway=cls.create_pathway(cls.create_newcomer("Carlos Mendoza")),
            mentor=cls.mentor_other,
        )
        cls.env["level2work.mentorship.moment"].create(
            [{"mentorship_id": amina.id}, {"mentorship_id": carlos.id}]
        )
        cls.env["level2work.network.introduction"].create(
            {
                "mentorship_id": amina.id,
                "contact_name": "Els Vermeulen",
                "organisation": "AZ Groeninge",
            }
        )
        session = cls.create_session("cv", days=-1)
        session.action_register_cohort()
        session.attendance_ids.filtered(
            lambda a: a.newcomer_id == amina.newcomer_id
        ).action_mark_attended()
        session.attendance_ids.filtered(
            lambda a: a.newcomer_id == carlos.newcomer_id
        ).action_mark_absent()

    def figures(self, user):
        """The figures as ``user`` reads them, freshly computed."""
        self.env.invalidate_all()
        cohort = self.cohort.with_user(user)
        return {name: cohort[name] for name in COHORT_FIGURES}

    def test_staff_of_every_lab_read_the_same_figures(self):
        """The overview of a cohort counts every pair, moment and attendance
        of it, whoever looks at it."""
        expected = {
            "pair_count": 2,
            "active_count": 1,
            "completed_count": 0,
            "outcome_job_count": 0,
            "outcome_internship_count": 0,
            "outcome_none_count": 0,
            "moment_count": 2,
            "introduction_count": 1,
            "session_count": 1,
            "attendance_rate": 50.0,
        }
        self.assertEqual(self.figures(self.manager), expected)
        for user in (self.coach, self.staff, self.coach_antwerp, self.staff_antwerp):
            with self.subTest(user=user.login):
                self.assertEqual(self.figures(user), expected)
