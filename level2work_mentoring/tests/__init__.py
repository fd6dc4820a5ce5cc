from . import test_mentor
from . import test_mentorship
from . import test_matching
from . import test_session_gate
from . import test_reminders
from . import test_mentor_access
from . import test_mentor_portal
from . import test_find_mentor_tour
