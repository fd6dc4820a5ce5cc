from . import test_access
from . import test_eligibility
from . import test_intake
from . import test_level_rule
from . import test_national_number
from . import test_pathway_flow
from . import test_reminders
