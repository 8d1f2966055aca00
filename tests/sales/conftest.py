import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the stored explanations and reasons in English, their source text."""
    with translation.override("en"):
        yield
