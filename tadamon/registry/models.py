from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tadamon.core import uploads
from tadamon.core.i18n import localized
from tadamon.core.text import search_document, skeleton_document
from tadamon.registry.validators import (
    EARLIEST_FOUNDED_YEAR,
    normalize_phone,
    validate_founded_year,
    validate_photo,
)


class TrilingualName(models.Model):
    """Reference rows named in Arabic, French and English; `name` follows the UI language."""

    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "ar")[:2]
        if language == "ar":
            return self.name_ar or self.name_fr
        if language == "en":
            return self.name_en or self.name_fr
        return self.name_fr or self.name_ar


class Region(TrilingualName):
    code = models.CharField(_("code"), max_length=8, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]


class Province(TrilingualName):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        PREFECTURE = "prefecture", _("prefecture")

    code = models.CharField(_("code"), max_length=8, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="provinces"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    class Meta:
        verbose_name = _("province or prefecture")
        verbose_name_plural = _("provinces and prefectures")
        ordering = ["region__code", "code"]


class Commune(TrilingualName):
    class Kind(models.TextChoices):
        URBAN = "urban", _("urban commune")
        RURAL = "rural", _("rural commune")

    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="communes"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, blank=True)
    search_text = models.TextField(editable=False, default="")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["province__code", "name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name_fr"], name="commune_unique_in_province"
            )
        ]

    def save(self, *args, **kwargs):
        self.search_text = search_document(self.name_ar, self.name_fr, self.name_en)
        super().save(*args, **kwargs)


class Sector(TrilingualName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "code"]


class OrganizationKind(TrilingualName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("organization kind")
        verbose_name_plural = _("organization kinds")
        ordering = ["position", "code"]


class BilingualNamed(models.Model):
    """Names in Arabic and in French/Latin letters; at least one is required."""

    name_ar = models.CharField(_("name in Arabic"), max_length=255, blank=True)
    name_fr = models.CharField(_("name in French / Latin letters"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    def clean(self) -> None:
        super().clean()
        self.name_ar = self.name_ar.strip()
        self.name_fr = self.name_fr.strip()
        if not self.name_ar and not self.name_fr:
            raise ValidationError(
                {"name_ar": _("Give the name in Arabic or in French.")}, code="name_required"
            )


def _has_a_name(prefix: str = "") -> Q:
    return ~Q(**{f"{prefix}name_ar": ""}) | ~Q(**{f"{prefix}name_fr": ""})


def consents_to_public(prefix: str = "") -> Q:
    """The one consent rule of everything the public reads (the public site, its search, the
    open data): an organization is named, shown or listed there only if it agreed
    (public_profile); without consent it appears in counts only. `prefix` leads from the
    queried model to the organization, e.g. "organization__"."""
    return Q(**{f"{prefix}public_profile": True})


class OrganizationQuerySet(models.QuerySet):
    def consenting(self) -> "OrganizationQuerySet":
        """The organizations that may be named in public (consents_to_public)."""
        return self.filter(consents_to_public())


class Organization(BilingualNamed):
    #: What services, forms and the API may change (tadamon.core.updates.model_update); the
    #: form and the API bodies read it (tests/core/test_editable_fields). `commune` is found
    #: from `commune_name`; the sectors are set on their own.
    EDITABLE_FIELDS = (
        "name_ar",
        "name_fr",
        "kind",
        "registration_number",
        "founded_year",
        "region",
        "province",
        "commune_name",
        "commune",
        "members",
        "women_members",
        "women_led",
        "youth_led",
        "microcredit_beneficiary",
        "microcredit_lender",
        "endangered_craft",
        "eco_friendly",
        "phone",
        "email",
        "website",
        "description_ar",
        "description_fr",
        "public_profile",
        "public_contact",
    )

    kind = models.ForeignKey(
        OrganizationKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+"
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=64,
        blank=True,
        help_text=_("The legal registration number (e.g. ODCO number for a cooperative)."),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True, validators=[validate_founded_year]
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    commune_name = models.CharField(_("commune (as written)"), max_length=120, blank=True)
    primary_sector = models.ForeignKey(
        Sector,
        verbose_name=_("main sector"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="organizations", blank=True
    )
    members = models.PositiveIntegerField(_("members"), null=True, blank=True)
    women_members = models.PositiveIntegerField(_("women members"), null=True, blank=True)
    women_led = models.BooleanField(_("led by women"), default=False)
    public_profile = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_(
            "The organization agrees that its page, products and fairs appear on the public "
            "site and in its search."
        ),
    )
    public_contact = models.BooleanField(
        _("contacts shown on the public site"),
        default=False,
        help_text=_("Its phone, e-mail and website appear on its public page."),
    )
    youth_led = models.BooleanField(_("led by young people"), default=False)
    microcredit_beneficiary = models.BooleanField(_("microcredit beneficiary"), default=False)
    microcredit_lender = models.ForeignKey(
        "self",
        verbose_name=_("microcredit lender"),
        on_delete=models.SET_NULL,
        related_name="borrowers",
        null=True,
        blank=True,
    )
    endangered_craft = models.BooleanField(_("practises an endangered craft"), default=False)
    eco_friendly = models.BooleanField(_("eco-friendly"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    awaiting_confirmation = models.BooleanField(
        _("awaiting confirmation"),
        default=False,
        editable=False,
        help_text=_(
            "Typed in by a person signing up: an organizer has not yet confirmed it as a "
            "new record of the registry or merged it into the existing one."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_text = models.TextField(editable=False, default="")
    search_key = models.TextField(editable=False, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_ar", "name_fr", "id"]
        constraints = [
            models.CheckConstraint(condition=_has_a_name(), name="organization_has_a_name"),
            models.CheckConstraint(
                condition=Q(women_members__isnull=True)
                | Q(members__isnull=True)
                | Q(women_members__lte=models.F("members")),
                name="organization_women_members_within_members",
            ),
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True) | Q(founded_year__gte=EARLIEST_FOUNDED_YEAR),
                name="organization_founded_year_after_1900",
            ),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="organization_unique_registration_number",
            ),
        ]
        indexes = [models.Index(fields=["region", "kind"])]

    def save(self, *args, **kwargs):
        self.search_text = search_document(
            self.name_ar, self.name_fr, self.registration_number, self.commune_name
        )
        self.search_key = skeleton_document(self.name_ar, self.name_fr)
        super().save(*args, **kwargs)

    @property
    def named_in_public(self) -> bool:
        """consents_to_public for one organization already loaded."""
        return self.public_profile

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        self.registration_number = self.registration_number.strip()
        if (
            self.members is not None
            and self.women_members is not None
            and self.women_members > self.members
        ):
            errors["women_members"] = _("Women members cannot exceed members.")
        if self.province_id and self.region_id and self.province.region_id != self.region_id:
            errors["province"] = _("This province is not in the chosen region.")
        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            errors["commune"] = _("This commune is not in the chosen province.")
        if (
            self.registration_number
            and Organization.objects.filter(registration_number=self.registration_number)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["registration_number"] = _(
                "Another organization already has this registration number."
            )
        if self.microcredit_lender_id and self.microcredit_lender_id == self.pk:
            errors["microcredit_lender"] = _("An organization cannot lend to itself.")
        try:
            self.phone = normalize_phone(self.phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages[0]
        if errors:
            raise ValidationError(errors)

    @property
    def commune_label(self) -> str:
        return self.commune.name if self.commune_id else self.commune_name


class Person(models.Model):
    #: What services, forms and the API may change (tadamon.core.updates.model_update).
    EDITABLE_FIELDS = (
        "first_name",
        "last_name",
        "gender",
        "age_band",
        "phone",
        "organization",
        "commune_name",
        "commune",
    )

    class Gender(models.TextChoices):
        FEMALE = "f", _("woman")
        MALE = "m", _("man")

    class AgeBand(models.TextChoices):
        UNDER_18 = "under_18", _("under 18")
        FROM_18 = "18_24", _("18–24")
        FROM_25 = "25_34", _("25–34")
        FROM_35 = "35_44", _("35–44")
        FROM_45 = "45_54", _("45–54")
        FROM_55 = "55_64", _("55–64")
        FROM_65 = "65_plus", _("65 and over")

    first_name = models.CharField(_("first name"), max_length=120)
    last_name = models.CharField(_("last name"), max_length=120)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        related_name="people",
        null=True,
        blank=True,
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    commune_name = models.CharField(_("commune (as written)"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(gender__in=["f", "m"]), name="person_gender_known"),
            models.CheckConstraint(
                condition=~Q(first_name="") & ~Q(last_name=""), name="person_has_names"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.search_text = search_document(self.first_name, self.last_name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.first_name = self.first_name.strip()
        self.last_name = self.last_name.strip()
        try:
            self.phone = normalize_phone(self.phone)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages[0]}) from exc

    @property
    def commune_label(self) -> str:
        return self.commune.name if self.commune_id else self.commune_name


def product_photo_path(product: "Product", filename: str) -> str:
    # A generated name with the extension of the image inside: the sender's file name never
    # reaches the storage (tadamon.core.uploads).
    return uploads.generated_name(f"products/{product.organization_id}", filename, product.photo)


class Product(BilingualNamed):
    #: What services, forms and the API may change (tadamon.core.updates.model_update).
    EDITABLE_FIELDS = (
        "name_ar",
        "name_fr",
        "description_ar",
        "description_fr",
        "price_mad",
        "sector",
        "photo",
    )

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="products",
    )
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    price_mad = models.DecimalField(
        _("price (MAD)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="products",
        null=True,
        blank=True,
    )
    photo = models.ImageField(
        _("photo"), upload_to=product_photo_path, blank=True, validators=[validate_photo]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["organization", "name_ar", "name_fr", "id"]
        constraints = [
            models.CheckConstraint(condition=_has_a_name(), name="product_has_a_name"),
            models.CheckConstraint(
                condition=Q(price_mad__isnull=True) | Q(price_mad__gte=0),
                name="product_price_not_negative",
            ),
        ]

    def save(self, *args, **kwargs):
        self.search_text = search_document(self.name_ar, self.name_fr)
        super().save(*args, **kwargs)


class OrganizationClaim(models.Model):
    """A person who signed up says whom they represent (issue 19): the record they typed in
    (`organization`, awaiting confirmation) and, if they recognised it among the likely
    duplicates, the existing record that is theirs (`match`). An organizer confirms or
    refuses; confirming a match merges the typed-in record into it (tadamon/registry/merging),
    after which `organization` is the existing record."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting an organizer")
        CONFIRMED = "confirmed", _("confirmed")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="registry_claims",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    match = models.ForeignKey(
        Organization,
        verbose_name=_("existing record named as theirs"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    # As typed at sign-up: kept here when another record already holds it (then it is the
    # strongest hint of a match, and the record typed in stays without it).
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    # When the person went through the likely matches (linked one or kept their own record).
    matches_reviewed_at = models.DateTimeField(_("matches reviewed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("registry claim")
        verbose_name_plural = _("registry claims")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="claim_one_pending_per_account",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "refused"]),
                name="claim_status_known",
            ),
            # Decided claims say when; pending ones were not decided.
            models.CheckConstraint(
                condition=(Q(status="pending") & Q(decided_at__isnull=True))
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="claim_decided_when_not_pending",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(reason=""),
                name="claim_refusal_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
