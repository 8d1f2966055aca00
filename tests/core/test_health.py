from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_healthz_answers_without_touching_the_database(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert len(queries) == 0
