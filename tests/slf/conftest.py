# The objects of office A used by the authorization matrix are shared with the form fuzzer.
from tests.slf.test_authorization_matrix import frozen, office_a  # noqa: F401
