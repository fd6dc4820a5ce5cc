from . import intake_wizard
from . import intake_wizard_diploma
from . import intake_wizard_language
from . import eligibility_exception_wizard
from . import occupation_import_wizard
from . import mail_compose_message
