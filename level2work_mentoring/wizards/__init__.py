from . import mentor_match
