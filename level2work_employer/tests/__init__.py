from . import test_matching
from . import test_proposal
from . import test_access
from . import test_placement
from . import test_workplace_learning
from . import test_reminders
from . import test_portal
from . import test_privacy
