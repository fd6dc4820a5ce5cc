from . import vacancy_match
from . import proposal_consent_wizard
from . import pathway_propose_wizard
