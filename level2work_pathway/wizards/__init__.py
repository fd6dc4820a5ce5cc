from . import intake_wizard
from . import eligibility_exception_wizard
