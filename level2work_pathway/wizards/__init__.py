from . import intake_wizard
from . import eligibility_exception_wizard
from . import occupation_import_wizard
