import pytest

from tadamon.core.models import AuditEntry
from tests.factories import UserFactory, sector

pytestmark = pytest.mark.django_db


def test_changes_in_the_django_admin_enter_the_audit_trail(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True, role="admin")
    client.force_login(admin)
    url = f"/admin/registry/sector/{sector('textile').pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    data["name_en"] = "Renamed"
    response = client.post(url, data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.registry.sector.changed")
    assert entry.actor == admin and entry.data["fields"] == ["name_en"]
