"""A visitor registers on a 360 px phone in Arabic and gets a badge whose QR code fits."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tadamon.visitors.models import VisitorRegistration
from tests.factories import EventFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_visitor_registers_on_a_phone(live_server, new_page):
    today = timezone.localdate()
    event = EventFactory(
        title_ar="المعرض الجهوي للاقتصاد الاجتماعي والتضامني في دورته الثالثة بتطوان",
        start_date=today,
        end_date=today + datetime.timedelta(days=9),
        visitor_registration=True,
    )
    page = new_page(width=360, height=740)
    page.goto(live_server.url + reverse("public:visit", args=[event.pk]))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.fill("#id_name", "فاطمة الزهراء العلوي")
    page.fill("#id_phone", "0612345678")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".visitor-badge h1")).to_have_text("فاطمة الزهراء العلوي")
    box = page.locator(".visitor-badge .qr svg").bounding_box()
    assert box is not None and 150 <= box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    registration = VisitorRegistration.objects.get()
    assert str(registration.code) in page.url
