"""Invents organizations, with their products and beneficiaries, as unsaved model objects.

Every decision is drawn from one `random.Random`, in a fixed order, over reference rows loaded
in a fixed order: the same seed and the same reference data give the same organizations.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from tadamon.core.text import normalize
from tadamon.demo import names
from tadamon.demo.specs import FEATURED, FeaturedSpec
from tadamon.registry.models import (
    Commune,
    Organization,
    OrganizationKind,
    Person,
    Product,
    Province,
    Region,
    Sector,
)

# Provinces where the seeds' events take place get more invented organizations.
PROVINCE_WEIGHTS: dict[str, int] = {"azilal": 4, "m diq fnideq": 3, "tetouan": 3}
# E5's five rural communes of Azilal.
AZILAL_TRAINING_COMMUNES: tuple[str, ...] = (
    "Aït M'hamed",
    "Tabant",
    "Aït Bouli",
    "Aït Oumdis",
    "Aït Blal",
)
AGE_BAND_WEIGHTS: dict[str, int] = {
    Person.AgeBand.FROM_18: 12,
    Person.AgeBand.FROM_25: 28,
    Person.AgeBand.FROM_35: 27,
    Person.AgeBand.FROM_45: 18,
    Person.AgeBand.FROM_55: 10,
    Person.AgeBand.FROM_65: 5,
}
LEGAL_FORMS: dict[str, tuple[str, str]] = {
    "cooperative": ("تعاونية", "Coopérative"),
    "association": ("جمعية", "Association"),
    "mutual": ("تعاضدية", "Mutuelle"),
    "very_small_enterprise": ("مقاولة", "Entreprise"),
}
REGISTRATION_PREFIXES: dict[str, str] = {
    "cooperative": "ODCO",
    "association": "ASS",
    "mutual": "MUT",
    "very_small_enterprise": "RC",
    "artisan": "CA",
}


class References:
    """The reference rows the demo draws on, loaded once and kept in a stable order."""

    def __init__(self) -> None:
        self.regions: dict[str, Region] = {r.code: r for r in Region.objects.order_by("code")}
        self.provinces: dict[str, list[Province]] = {code: [] for code in self.regions}
        for province in Province.objects.select_related("region").order_by("code"):
            self.provinces[province.region.code].append(province)
        self.communes: dict[int, list[Commune]] = {}
        for commune in Commune.objects.order_by("province__code", "name_fr", "pk"):
            self.communes.setdefault(commune.province_id, []).append(commune)
        self.sectors: dict[str, Sector] = {s.code: s for s in Sector.objects.order_by("code")}
        self.kinds: dict[str, OrganizationKind] = {
            k.code: k for k in OrganizationKind.objects.order_by("code")
        }

    @property
    def complete(self) -> bool:
        return bool(self.regions and self.sectors and self.kinds)

    def province(self, region: str, name: str) -> Province:
        wanted = normalize(name)
        for province in self.provinces[region]:
            if wanted in {normalize(province.name_fr), normalize(province.name_en)}:
                return province
        raise LookupError(f"No province {name!r} in region {region} of the reference data.")

    def commune(self, province: Province, name: str) -> Commune | None:
        wanted = normalize(name)
        for commune in self.communes.get(province.pk, []):
            if wanted in {normalize(commune.name_fr), normalize(commune.name_en)}:
                return commune
        return None


class _Owner(NamedTuple):
    """The craftsperson who is an individual artisan organization."""

    first_ar: str
    first_fr: str
    last_ar: str
    last_fr: str
    gender: str
    age_band: str


@dataclass
class Invented:
    organization: Organization
    sectors: list[Sector]
    products: list[Product] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


class Inventor:
    """Makes up organizations, one random decision after another, all from one `rng`."""

    def __init__(self, rng: random.Random, references: References, *, lender: Organization):
        self.rng = rng
        self.refs = references
        self.lender = lender
        self.names_ar: set[str] = set()
        self.names_fr: set[str] = set()
        self.registration_serial = rng.randrange(1000, 3000)
        self.this_year = 2024  # the year of the latest seed article

    def invent(self, count: int) -> list[Invented]:
        invented = [self._featured(spec) for spec in FEATURED[:count]]
        covered = {item.organization.region.code for item in invented}
        # Every region first (when the count allows), then by weight.
        for code in self.refs.regions:
            if len(invented) < count and code not in covered:
                invented.append(self._random(code))
        while len(invented) < count:
            invented.append(self._random(names.weighted_choice(self.rng, names.REGION_WEIGHTS)))
        return invented

    # -- featured -----------------------------------------------------------------------
    def _featured(self, spec: FeaturedSpec) -> Invented:
        province = self.refs.province(spec.region, spec.province)
        commune = self.refs.commune(province, spec.commune)
        sectors = [self.refs.sectors[code] for code in spec.sectors]
        organization = self._organization(
            kind=spec.kind,
            name_ar=spec.name_ar,
            name_fr=spec.name_fr,
            region=self.refs.regions[spec.region],
            province=province,
            commune=commune,
            sectors=sectors,
            founded_year=spec.founded_year,
            members=spec.members,
            women_members=spec.women_members,
            women_led=spec.women_led,
            youth_led=False,
            microcredit=spec.microcredit,
            endangered_craft=spec.endangered_craft,
            eco_friendly=spec.eco_friendly,
        )
        owner = None
        if spec.owner is not None:
            owner = _Owner(*spec.owner, Person.Gender.MALE, Person.AgeBand.FROM_65)
        return self._complete(organization, sectors, owner=owner)

    # -- random -------------------------------------------------------------------------
    def _random(self, region_code: str) -> Invented:
        rng = self.rng
        region = self.refs.regions[region_code]
        province = self._pick_province(region_code)
        commune = self._pick_commune(province)
        kind = names.weighted_choice(rng, names.KIND_WEIGHTS)
        microcredit_odds = 0.05
        if kind in {"cooperative", "very_small_enterprise", "artisan"}:
            microcredit_odds = 0.85 if region_code == "01" else 0.55
        microcredit = rng.random() < microcredit_odds
        sectors = self._pick_sectors(region_code, kind, microcredit=microcredit)
        primary = sectors[0].code
        owner = None
        if kind == "artisan":
            gender = Person.Gender.FEMALE if rng.random() < 0.4 else Person.Gender.MALE
            age_band = names.weighted_choice(rng, AGE_BAND_WEIGHTS)
            first_ar, first_fr = self._first_name(gender)
            last_ar, last_fr = rng.choice(names.FAMILY_NAMES)
            owner = _Owner(first_ar, first_fr, last_ar, last_fr, gender, age_band)
            women_led = gender == Person.Gender.FEMALE
            youth_led = age_band in {Person.AgeBand.FROM_18, Person.AgeBand.FROM_25}
        else:
            women_led = rng.random() < 0.4
            youth_led = rng.random() < 0.18
        place_ar, place_fr = self._place(province, commune)
        name_ar, name_fr = self._name(kind, sectors, place_ar, place_fr, women_led, owner)
        members, women_members = self._members(kind, women_led)
        organization = self._organization(
            kind=kind,
            name_ar=name_ar,
            name_fr=name_fr,
            region=region,
            province=province,
            commune=commune,
            sectors=sectors,
            founded_year=self._founded_year(),
            members=members,
            women_members=women_members,
            women_led=women_led,
            youth_led=youth_led,
            microcredit=microcredit,
            endangered_craft=primary in names.ENDANGERED_CRAFT_SECTORS and rng.random() < 0.2,
            eco_friendly=rng.random()
            < (0.35 if {s.code for s in sectors} & names.GREEN_SECTORS else 0.06),
        )
        return self._complete(organization, sectors, owner=owner)

    def _pick_province(self, region_code: str) -> Province:
        provinces = self.refs.provinces[region_code]
        weights = [PROVINCE_WEIGHTS.get(normalize(p.name_fr), 1) for p in provinces]
        return self.rng.choices(provinces, weights=weights)[0]

    def _pick_commune(self, province: Province) -> Commune | None:
        communes = self.refs.communes.get(province.pk, [])
        if not communes:
            return None
        if normalize(province.name_fr) == "azilal" and self.rng.random() < 0.5:
            training = [c for c in communes if c.name_fr in AZILAL_TRAINING_COMMUNES]
            if training:
                return self.rng.choice(training)
        return self.rng.choice(communes)

    def _pick_sectors(self, region_code: str, kind: str, *, microcredit: bool) -> list[Sector]:
        rng = self.rng
        regional = [c for c in names.REGION_SECTORS[region_code] if c in self.refs.sectors]
        if microcredit:
            # The Centre's clients work in the trades its bazaar shows (the E1 article's list).
            regional = [c for c in names.MICROCREDIT_CLIENT_SECTORS if c in self.refs.sectors]
        everything = [c for c in self.refs.sectors if c != "other"]
        if kind == "artisan":
            crafts = sorted(names.CRAFT_SECTORS & set(self.refs.sectors))
            local_crafts = [c for c in regional if c in names.CRAFT_SECTORS]
            pool = local_crafts if local_crafts and rng.random() < 0.7 else crafts
            count = rng.choice((1, 1, 2))
        else:
            pool = regional if regional and rng.random() < 0.7 else everything
            count = rng.choices((1, 2, 3), weights=(45, 35, 20))[0]
        codes = [rng.choice(pool)]
        others = [c for c in dict.fromkeys(regional + everything) if c != codes[0]]
        while len(codes) < count:
            candidate = rng.choice(regional if rng.random() < 0.6 else others)
            if candidate not in codes:
                codes.append(candidate)
        return [self.refs.sectors[code] for code in codes]

    def _first_name(self, gender: str) -> tuple[str, str]:
        if gender == Person.Gender.FEMALE:
            return self.rng.choice(names.FEMALE_FIRST_NAMES)
        return self.rng.choice(names.MALE_FIRST_NAMES)

    @staticmethod
    def _place(province: Province, commune: Commune | None) -> tuple[str, str]:
        place = commune or province
        return place.name_ar, place.name_fr

    def _name(
        self,
        kind: str,
        sectors: Sequence[Sector],
        place_ar: str,
        place_fr: str,
        women_led: bool,
        owner: _Owner | None,
    ) -> tuple[str, str]:
        for attempt in range(40):
            name_ar, name_fr = self._name_candidate(
                kind, sectors, place_ar, place_fr, women_led, owner
            )
            if attempt >= 30:
                name_ar, name_fr = f"{name_ar} {place_ar}", f"{name_fr} ({place_fr})"
            if name_ar not in self.names_ar and name_fr not in self.names_fr:
                break
        else:
            serial = len(self.names_ar) + 1
            name_ar, name_fr = f"{name_ar} {serial}", f"{name_fr} {serial}"
        self.names_ar.add(name_ar)
        self.names_fr.add(name_fr)
        return name_ar, name_fr

    def _name_candidate(
        self,
        kind: str,
        sectors: Sequence[Sector],
        place_ar: str,
        place_fr: str,
        women_led: bool,
        owner: _Owner | None,
    ) -> tuple[str, str]:
        rng = self.rng
        if owner is not None:
            full_ar, full_fr = (
                f"{owner.first_ar} {owner.last_ar}",
                f"{owner.first_fr} {owner.last_fr}",
            )
            if owner.gender == Person.Gender.FEMALE:
                return f"الصانعة {full_ar}", f"Artisane {full_fr}"
            return f"الصانع {full_ar}", f"Artisan {full_fr}"
        if kind == "mutual":
            group_ar, group_fr = rng.choice(names.MUTUAL_GROUPS)
            return (
                f"تعاضدية {group_ar} {names.arabic_in(place_ar)}",
                f"Mutuelle {group_fr} {names.french_of(place_fr)}",
            )
        form_ar, form_fr = LEGAL_FORMS[kind]
        word_ar, word_ar_before_place, word_fr, word_fr_before_place = rng.choice(names.NAME_WORDS)
        qualifier_ar, qualifier_fr = names.SECTOR_QUALIFIERS.get(
            rng.choice(list(sectors)[:2]).code, ("", "")
        )
        pattern = rng.random()
        if kind == "association":
            if women_led and pattern < 0.3:
                return (
                    f"جمعية نساء {place_ar} للتنمية",
                    f"Association des femmes {names.french_of(place_fr)} pour le développement",
                )
            if pattern < 0.6:
                return (
                    f"جمعية {word_ar} للتنمية والتضامن",
                    f"Association {word_fr} pour le développement et la solidarité",
                )
        elif kind == "cooperative":
            if women_led and pattern < 0.25:
                return (
                    f"تعاونية نساء {place_ar} {qualifier_ar}".strip(),
                    names.with_qualifier("Coopérative", f"Nissae {place_fr}", qualifier_fr),
                )
            if pattern < 0.45:
                return (
                    f"تعاونية {word_ar_before_place} {place_ar}",
                    f"Coopérative {word_fr_before_place} {place_fr}",
                )
            if pattern < 0.6:
                return f"تعاونية {word_ar}", f"Coopérative {word_fr}"
        return (
            f"{form_ar} {word_ar} {qualifier_ar}".strip(),
            names.with_qualifier(form_fr, word_fr, qualifier_fr),
        )

    def _members(self, kind: str, women_led: bool) -> tuple[int, int]:
        rng = self.rng
        if kind == "artisan":
            return 1, int(women_led)
        if kind == "very_small_enterprise":
            members = rng.randint(1, 6)
        else:
            members = 7 + int(rng.betavariate(1.2, 4.0) * 143)
        if women_led:
            share = 1.0 if rng.random() < 0.5 else rng.uniform(0.6, 1.0)
        else:
            share = rng.uniform(0.0, 0.5)
        return members, min(members, round(members * share))

    def _founded_year(self) -> int:
        rng = self.rng
        period = rng.random()
        if period < 0.6:
            return rng.randint(2012, self.this_year)
        if period < 0.9:
            return rng.randint(1995, 2011)
        return rng.randint(1960, 1994)

    def _registration_number(self, kind: str, founded_year: int) -> str:
        self.registration_serial += self.rng.randint(1, 37)
        return f"{REGISTRATION_PREFIXES[kind]}-{founded_year}-{self.registration_serial:05d}"

    def _organization(
        self,
        *,
        kind: str,
        name_ar: str,
        name_fr: str,
        region: Region,
        province: Province,
        commune: Commune | None,
        sectors: Sequence[Sector],
        founded_year: int,
        members: int,
        women_members: int,
        women_led: bool,
        youth_led: bool,
        microcredit: bool,
        endangered_craft: bool,
        eco_friendly: bool,
    ) -> Organization:
        rng = self.rng
        self.names_ar.add(name_ar)
        self.names_fr.add(name_fr)
        kind_row = self.refs.kinds[kind]
        place_ar, place_fr = self._place(province, commune)
        sector = sectors[0]
        return Organization(
            kind=kind_row,
            name_ar=name_ar,
            name_fr=name_fr,
            registration_number=(
                self._registration_number(kind, founded_year) if rng.random() < 0.88 else ""
            ),
            founded_year=founded_year,
            region=region,
            province=province,
            commune=commune,
            # What the services store: the reference name of a known commune.
            commune_name=commune.name_fr if commune else "",
            primary_sector=sector,
            members=members,
            women_members=women_members,
            women_led=women_led,
            youth_led=youth_led,
            microcredit_beneficiary=microcredit,
            microcredit_lender=self.lender if microcredit else None,
            endangered_craft=endangered_craft,
            eco_friendly=eco_friendly,
            phone=names.mobile_phone(rng) if rng.random() < 0.9 else "",
            email=(
                f"contact{len(self.names_fr)}@{kind.replace('_', '-')}.example.org"
                if rng.random() < 0.35
                else ""
            ),
            description_ar=_description_ar(kind_row, sector, place_ar, founded_year),
            description_fr=_description_fr(kind_row, sector, place_fr, founded_year),
        )

    def _complete(
        self, organization: Organization, sectors: list[Sector], *, owner: _Owner | None
    ) -> Invented:
        item = Invented(organization, sectors)
        item.products = self._products(organization, sectors)
        item.people = self._people(organization, owner)
        return item

    def _products(self, organization: Organization, sectors: list[Sector]) -> list[Product]:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), weights=(30, 35, 22, 13))[0]
        catalogue = [(s, t) for s in sectors for t in names.PRODUCTS.get(s.code, [])]
        if not catalogue:
            catalogue = [(sectors[0], t) for t in names.PRODUCTS["other"]]
        # The first product is of the main sector; the others of any of its sectors.
        first = rng.choice([entry for entry in catalogue if entry[0] == sectors[0]] or catalogue)
        rest = [entry for entry in catalogue if entry != first]
        chosen = [first, *rng.sample(rest, min(len(rest), count - 1))]
        return [
            Product(
                organization=organization,
                name_ar=template.name_ar,
                name_fr=template.name_fr,
                price_mad=self._price(template),
                sector=sector,
            )
            for sector, template in chosen
        ]

    def _price(self, template: names.ProductTemplate) -> Decimal:
        rng = self.rng
        value = Decimal(max(5, round(rng.uniform(template.low, template.high) / 5) * 5))
        if template.high < 100 and rng.random() < 0.3:
            value -= Decimal("0.50")
        return value.quantize(Decimal("0.01"))

    def _people(self, organization: Organization, owner: _Owner | None) -> list[Person]:
        rng = self.rng
        people = []
        if owner is not None:
            people.append(
                self._person(
                    organization, owner.first_ar, owner.last_ar, owner.gender, owner.age_band
                )
            )
            extra = rng.choice((0, 1))
        else:
            extra = rng.choices((1, 2, 3), weights=(25, 45, 30))[0]
        women_odds = 0.85 if organization.women_led else 0.45
        for _ in range(extra):
            gender = Person.Gender.FEMALE if rng.random() < women_odds else Person.Gender.MALE
            first_ar, _ = self._first_name(gender)
            last_ar, _ = rng.choice(names.FAMILY_NAMES)
            age_band = names.weighted_choice(rng, AGE_BAND_WEIGHTS)
            people.append(self._person(organization, first_ar, last_ar, gender, age_band))
        return people

    def _person(
        self, organization: Organization, first: str, last: str, gender: str, age_band: str
    ) -> Person:
        rng = self.rng
        commune = organization.commune if rng.random() < 0.85 else None
        return Person(
            first_name=first,
            last_name=last,
            gender=gender,
            age_band=age_band,
            phone=names.mobile_phone(rng) if rng.random() < 0.6 else "",
            organization=organization,
            commune=commune,
            commune_name=commune.name_fr if commune else "",
        )


def _description_ar(kind: OrganizationKind, sector: Sector, place: str, year: int) -> str:
    if kind.code == "artisan":
        return (
            f"{kind.name_ar} يعمل في مجال {sector.name_ar} {names.arabic_in(place)} منذ سنة {year}."
        )
    return (
        f"{kind.name_ar} تنشط في مجال {sector.name_ar} {names.arabic_in(place)}، تأسست سنة {year}."
    )


def _description_fr(kind: OrganizationKind, sector: Sector, place: str, year: int) -> str:
    if kind.code == "artisan":
        return f"{kind.name_fr} actif dans le secteur « {sector.name_fr} » à {place} depuis {year}."
    return (
        f"{kind.name_fr} active dans le secteur « {sector.name_fr} » à {place}, fondée en {year}."
    )
