from . import test_matching
