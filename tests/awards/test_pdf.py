import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from tadamon.accounts.models import Role
from tadamon.awards import pdf, services
from tests.awards.support import event_of, exhibit
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_certificate_names_the_winner_and_the_category(organizer, organizer_body):
    event = event_of(organizer_body)
    services.create_from_template(event=event, actor=organizer)
    category = event.award_categories.get(code="best_product")
    (org,) = exhibit(event, OrganizationFactory(name_fr="Atlas Weavers", name_ar="نساجو الأطلس"))
    criterion = services.add_criterion(category=category, actor=organizer, name_fr="Quality")
    candidate = services.add_candidate(category=category, actor=organizer, organization=org)
    juror = UserFactory(role=Role.REVIEWER, organization=None)
    services.assign_juror(category=category, user=juror, actor=organizer)
    services.score(juror_user=juror, candidate=candidate, criterion=criterion, points=Decimal(9))
    (result,) = services.close_jury(category=category, actor=organizer)

    reader = PdfReader(io.BytesIO(pdf.render_result(result)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Atlas Weavers" in text
    assert "Meilleur produit" in text
