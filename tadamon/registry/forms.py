"""Forms of the registry pages. They check what a person typed and hand it to a service;
the services (and the models' own rules) decide. A ValidationError raised by a service is
attached back to the field it names with
:meth:`tadamon.core.forms.ServiceForm.add_service_error`."""

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.db import transaction
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from tadamon.core.forms import ServiceForm, model_field
from tadamon.core.params import parse_id
from tadamon.registry import services
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

EMPTY_CHOICE = ("", "---------")
MICROCREDIT_LENDER_KIND = "microcredit_association"


def _rtl(rows: int | None = None) -> forms.Widget:
    attrs = {"dir": "rtl", "lang": "ar"}
    return forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs=attrs)


def _ltr(rows: int | None = None) -> forms.Widget:
    attrs = {"dir": "ltr", "lang": "fr"}
    return forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs=attrs)


def _phone_widget() -> forms.Widget:
    return forms.TextInput(
        attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}
    )


def province_choices(region: Region | None = None) -> list[tuple[Any, Any]]:
    """The provinces of `region`, or all of them grouped by region when it is not known."""
    provinces = Province.objects.select_related("region")
    if region is not None:
        return [EMPTY_CHOICE, *((p.pk, p.name) for p in provinces.filter(region=region))]
    groups: dict[Region, list[tuple[int, str]]] = {}
    for province in provinces:
        groups.setdefault(province.region, []).append((province.pk, province.name))
    return [EMPTY_CHOICE, *((region.name, items) for region, items in groups.items())]


class OrganizationForm(ServiceForm):
    """Every field of an organization's profile (SPEC 3A)."""

    # The allowlist but `commune`, which the service finds from the name typed; and the
    # sectors (tests/core/test_editable_fields).
    MODEL_FIELDS = tuple(name for name in Organization.EDITABLE_FIELDS if name != "commune")
    FLAGS = (
        "women_led",
        "youth_led",
        "microcredit_beneficiary",
        "endangered_craft",
        "eco_friendly",
    )
    error_fields = {"commune": "commune_name", "sectors": "primary_sector"}

    name_ar = model_field(Organization, "name_ar", widget=_rtl())
    name_fr = model_field(Organization, "name_fr", widget=_ltr())
    kind = model_field(Organization, "kind")
    registration_number = model_field(
        Organization, "registration_number", widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    founded_year = model_field(
        Organization,
        "founded_year",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1900}),
    )
    region = model_field(Organization, "region")
    province = model_field(Organization, "province")
    commune_name = forms.CharField(
        label=_("commune"),
        max_length=120,
        required=False,
        help_text=_("Type the name; the communes known in the province are suggested."),
        widget=forms.TextInput(attrs={"list": "commune-options", "autocomplete": "off"}),
    )
    primary_sector = forms.ModelChoiceField(
        label=_("main sector"), queryset=Sector.objects.all(), required=False
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("other sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    members = model_field(
        Organization, "members", widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    women_members = model_field(
        Organization, "women_members", widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    women_led = model_field(Organization, "women_led")
    youth_led = model_field(Organization, "youth_led")
    microcredit_beneficiary = model_field(Organization, "microcredit_beneficiary")
    public_profile = model_field(Organization, "public_profile")
    public_contact = model_field(Organization, "public_contact")
    microcredit_lender = model_field(
        Organization,
        "microcredit_lender",
        help_text=_("The microcredit association that lends to this organization."),
    )
    endangered_craft = model_field(Organization, "endangered_craft")
    eco_friendly = model_field(Organization, "eco_friendly")
    phone = model_field(Organization, "phone", widget=_phone_widget())
    email = model_field(
        Organization,
        "email",
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )
    website = model_field(
        Organization, "website", assume_scheme="https", widget=forms.URLInput(attrs={"dir": "ltr"})
    )
    description_ar = model_field(Organization, "description_ar", widget=_rtl(rows=3))
    description_fr = model_field(Organization, "description_fr", widget=_ltr(rows=3))

    location_url = reverse_lazy("registry:organization_location")

    def __init__(self, *args: Any, instance: Organization | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", self.initial_for(instance))
        super().__init__(*args, **kwargs)
        self.fields["microcredit_lender"].queryset = Organization.objects.filter(
            Q(kind__code=MICROCREDIT_LENDER_KIND)
            | Q(pk=instance.microcredit_lender_id if instance else None)
        ).exclude(pk=instance.pk if instance else None)
        # Changing the region or the province reloads the province list and the commune
        # suggestions (htmx, see organization_form.html); without JavaScript every province
        # is offered, grouped by region.
        self.fields["province"].widget.choices = province_choices(self.chosen_region())

    @staticmethod
    def initial_for(organization: Organization) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(organization, name) for name in OrganizationForm.MODEL_FIELDS
        }
        initial["commune_name"] = organization.commune_label
        initial["primary_sector"] = organization.primary_sector_id
        initial["sectors"] = [
            s.pk for s in organization.sectors.all() if s.pk != organization.primary_sector_id
        ]
        return initial

    def chosen_region(self) -> Region | None:
        value = parse_id(self._current("region"))
        if value is None:
            return None
        return Region.objects.filter(pk=value).first()

    def commune_options(self) -> list[Commune]:
        """Known communes of the chosen province, offered as suggestions."""
        province = parse_id(self._current("province"))
        if province is None:
            return []
        return list(Commune.objects.filter(province_id=province))

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.FLAGS]

    def organization_fields(self) -> dict[str, Any]:
        """The cleaned values, by model field, for services.create/update_organization."""
        return {name: self.cleaned_data[name] for name in self.MODEL_FIELDS}

    def chosen_sectors(self) -> list[Sector]:
        """The main sector first (the service makes the first one primary), then the others."""
        main = self.cleaned_data.get("primary_sector")
        others = [s for s in self.cleaned_data.get("sectors") or [] if s != main]
        return [main, *others] if main else others


class OrganizationFilterForm(forms.Form):
    """The search box and filters of the organization list (a GET form)."""

    WOMEN_LED_CHOICES = [
        ("", _("All")),
        ("yes", _("Yes")),
        ("no", _("No")),
    ]

    q = forms.CharField(label=_("Search"), required=False)
    region = forms.ModelChoiceField(
        label=_("region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    kind = forms.ModelChoiceField(
        label=_("kind"),
        queryset=OrganizationKind.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All kinds"),
    )
    sector = forms.ModelChoiceField(
        label=_("sector"),
        queryset=Sector.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All sectors"),
    )
    women_led = forms.ChoiceField(
        label=_("led by women"), choices=WOMEN_LED_CHOICES, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("region", "kind", "sector", "women_led"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def criteria(self) -> dict[str, Any]:
        """Keyword arguments for selectors.organization_list; invalid filters are ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        women_led = {"yes": True, "no": False}.get(data.get("women_led") or "")
        return {
            "q": data.get("q") or "",
            "region": data["region"].code if data.get("region") else "",
            "kind": data["kind"].code if data.get("kind") else "",
            "sector": data["sector"].code if data.get("sector") else "",
            "women_led": women_led,
        }


class ProductForm(ServiceForm):
    MODEL_FIELDS = Product.EDITABLE_FIELDS

    name_ar = model_field(Product, "name_ar", widget=_rtl())
    name_fr = model_field(Product, "name_fr", widget=_ltr())
    description_ar = model_field(Product, "description_ar", widget=_rtl(rows=3))
    description_fr = model_field(Product, "description_fr", widget=_ltr(rows=3))
    price_mad = model_field(
        Product,
        "price_mad",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}),
    )
    sector = model_field(Product, "sector")
    photo = model_field(
        Product,
        "photo",
        # A plain file field: the content is checked once, by the model's rule
        # (tadamon.core.uploads), whose message names the field; Django's ImageField would
        # open it first and answer with its own generic message.
        form_class=forms.FileField,
        help_text=_("A JPEG, PNG or WebP image."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args: Any, instance: Product | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None:
            kwargs.setdefault(
                "initial", {name: getattr(instance, name) for name in self.MODEL_FIELDS}
            )
        super().__init__(*args, **kwargs)

    def product_fields(self) -> dict[str, Any]:
        """The cleaned values for services.save_product; an unchanged photo is left out."""
        fields = {name: self.cleaned_data[name] for name in self.MODEL_FIELDS}
        photo = fields.pop("photo")
        if photo is False:  # "clear" was ticked
            fields["photo"] = ""
        elif photo and "photo" in self.changed_data:
            fields["photo"] = photo
        return fields


class PersonForm(ServiceForm):
    # The allowlist but the organization, which the page gives, and `commune`, which the
    # service finds from the name typed (tests/core/test_editable_fields).
    MODEL_FIELDS = tuple(
        name for name in Person.EDITABLE_FIELDS if name not in {"organization", "commune"}
    )
    error_fields = {"commune": "commune_name"}

    first_name = model_field(Person, "first_name", widget=forms.TextInput(attrs={"dir": "auto"}))
    last_name = model_field(Person, "last_name", widget=forms.TextInput(attrs={"dir": "auto"}))
    gender = model_field(Person, "gender", widget=forms.RadioSelect)
    age_band = model_field(Person, "age_band")
    phone = model_field(Person, "phone", widget=_phone_widget())
    commune_name = forms.CharField(
        label=_("commune"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "commune-options", "autocomplete": "off"}),
    )

    def __init__(
        self,
        *args: Any,
        organization: Organization | None = None,
        instance: Person | None = None,
        **kwargs: Any,
    ) -> None:
        self.organization = organization
        self.instance = instance
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.MODEL_FIELDS}
            initial["commune_name"] = instance.commune_label
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        # A radio list has no "---------" choice.
        self.fields["gender"].choices = Person.Gender.choices

    def commune_options(self) -> list[Commune]:
        if self.organization is None or not self.organization.province_id:
            return []
        return list(Commune.objects.filter(province_id=self.organization.province_id))

    def person_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.MODEL_FIELDS}


class CommuneForm(ServiceForm):
    province = forms.ModelChoiceField(label=_("province"), queryset=Province.objects.all())
    name_ar = model_field(Commune, "name_ar", widget=_rtl())
    name_fr = model_field(Commune, "name_fr", widget=_ltr())
    kind = model_field(Commune, "kind")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].widget.choices = province_choices()


# Sign-up (issue 19) --------------------------------------------------------------------

#: The kinds of organization that sign up themselves to exhibit.
SIGNUP_KINDS = ("cooperative", "association", "mutual", "very_small_enterprise", "artisan")


class SignupForm(allauth_forms.SignupForm):
    """django-allauth's sign-up (settings.ACCOUNT_FORMS) with the organization the person
    represents. A phone number or an e-mail is required, at least one, each verified by a
    code afterwards. Saving makes the organization record (awaiting confirmation), the account
    attached to it and the claim an organizer decides, together."""

    field_order = (
        "first_name",
        "phone",
        "email",
        "password1",
        "password2",
        "name_ar",
        "name_fr",
        "kind",
        "province",
        "registration_number",
    )

    first_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    name_ar = forms.CharField(
        label=_("Name of the organization in Arabic"), max_length=255, required=False, widget=_rtl()
    )
    name_fr = forms.CharField(
        label=_("Name of the organization in French / Latin letters"),
        max_length=255,
        required=False,
        widget=_ltr(),
    )
    kind = forms.ModelChoiceField(
        label=_("Kind of organization"), queryset=OrganizationKind.objects.none()
    )
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.none())
    registration_number = forms.CharField(
        label=_("Registration number (optional)"),
        max_length=64,
        required=False,
        help_text=_("The legal registration number (e.g. ODCO number for a cooperative)."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = OrganizationKind.objects.filter(code__in=SIGNUP_KINDS)
        self.fields["province"].queryset = Province.objects.select_related("region")
        self.fields["province"].choices = province_choices()
        email = self.fields["email"]
        email.required = False
        email.label = _("E-mail")
        email.widget.is_required = False
        email.widget.attrs.update({"dir": "ltr", "placeholder": ""})
        phone = self.fields["phone"]
        phone.required = False
        phone.label = _("Phone number")
        phone.help_text = _("A code is sent to it by SMS. Give a phone number or an e-mail.")
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.update({"dir": "ltr", "placeholder": ""})
        self.fields["password1"].label = _("Password")
        self.fields["password1"].help_text = _("At least 10 characters, not only digits.")
        self.fields["password2"].label = _("Password (again)")
        for field in self.fields.values():
            if not isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-control")
            else:
                field.widget.attrs.setdefault("class", "form-select")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        given = cleaned.get("phone") or cleaned.get("email")
        if not given and not self.has_error("phone") and not self.has_error("email"):
            self.add_error("phone", _("Give a phone number or an e-mail: the code is sent there."))
        if (
            not (cleaned.get("name_ar") or "").strip()
            and not (cleaned.get("name_fr") or "").strip()
        ):
            self.add_error("name_ar", _("Give the name in Arabic or in French."))
        return cleaned

    def save(self, request: Any) -> Any:
        data = self.cleaned_data
        with transaction.atomic():
            organization = services.create_provisional_organization(
                fields={
                    "name_ar": data.get("name_ar", ""),
                    "name_fr": data.get("name_fr", ""),
                    "kind": data["kind"],
                    "province": data["province"],
                    "registration_number": data.get("registration_number", ""),
                    "phone": data.get("phone") or "",
                    "email": data.get("email") or "",
                }
            )
            data["organization"] = organization
            user = super().save(request)
            services.open_claim(
                user=user,
                organization=organization,
                registration_number=data.get("registration_number", ""),
            )
        return user


class ClaimMatchForm(forms.Form):
    """The person's answer on the likely matches: one of them is theirs, or none."""

    NEW = "new"

    choice = forms.ChoiceField(
        label=_("Which record is your organization?"), widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, candidates: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {str(c.organization.pk): c.organization for c in candidates}
        choices = [(pk, str(org)) for pk, org in self.candidates.items()]
        choices.append((self.NEW, _("None of these: my organization is new to the registry")))
        self.fields["choice"].choices = choices
        self.fields["choice"].widget.attrs["class"] = "form-check-input"

    @property
    def chosen(self) -> Organization | None:
        return self.candidates.get(self.cleaned_data["choice"])


class ClaimRefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the person"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
