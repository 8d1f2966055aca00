"""Factories for tests. Reference rows (regions, provinces, sectors, kinds) come from the
data migrations, so factories pick them by code."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tadamon.accounts.models import Role, User
from tadamon.calls.models import Application, ApplicationStatus, Call
from tadamon.events.models import Event, EventKind
from tadamon.programme.models import Session, SessionKind, Topic
from tadamon.registry.models import (
    Organization,
    OrganizationKind,
    Person,
    Product,
    Region,
    Sector,
)


def region(code: str = "01") -> Region:
    return Region.objects.get(code=code)


def kind(code: str = "cooperative") -> OrganizationKind:
    return OrganizationKind.objects.get(code=code)


def sector(code: str = "terroir_products") -> Sector:
    return Sector.objects.get(code=code)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name_ar = factory.Sequence(lambda n: f"تعاونية الاختبار {n}")
    name_fr = factory.Sequence(lambda n: f"Coopérative Test {n}")
    kind = factory.LazyFunction(kind)
    region = factory.LazyFunction(region)
    province = factory.LazyAttribute(lambda o: o.region.provinces.order_by("code").first())
    founded_year = 2015
    members = 12
    women_members = 7


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"فاطمة{n}")
    last_name = "العلوي"
    gender = Person.Gender.FEMALE
    organization = factory.SubFactory(OrganizationFactory)


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    organization = factory.SubFactory(OrganizationFactory)
    name_ar = factory.Sequence(lambda n: f"زيت الأركان {n}")
    name_fr = factory.Sequence(lambda n: f"Huile d'argan {n}")
    price_mad = "120.00"
    sector = factory.LazyFunction(sector)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.ORGANIZER
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.REGIONAL_EXHIBITION
    title_ar = factory.Sequence(lambda n: f"المعرض الجهوي {n}")
    title_fr = factory.Sequence(lambda n: f"Salon régional {n}")
    organizer = factory.SubFactory(
        OrganizationFactory, kind=factory.LazyFunction(lambda: kind("public_institution"))
    )
    region = factory.LazyFunction(region)
    start_date = datetime.date(2026, 6, 1)
    end_date = datetime.date(2026, 6, 10)
    area_m2 = 5000
    is_published = True


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    event = factory.SubFactory(EventFactory)
    opens_on = datetime.date(2026, 4, 1)
    closes_on = datetime.date(2026, 5, 1)
    capacity = 10


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = ApplicationStatus.SUBMITTED
    motivation = "نرغب في المشاركة"


def topic(code: str = "marketing") -> Topic:
    return Topic.objects.get(code=code)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class SessionFactory(DjangoModelFactory):
    """A morning workshop on the event's first day. `trainers=[...]` and `topics=[...]`
    set those lists."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    kind = SessionKind.WORKSHOP
    title_ar = factory.Sequence(lambda n: f"ورشة التسويق {n}")
    title_fr = factory.Sequence(lambda n: f"Atelier marketing {n}")
    starts_at = factory.LazyAttribute(lambda o: _at(o.event.start_date, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))

    @factory.post_generation
    def trainers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.trainers.set(extracted)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)
