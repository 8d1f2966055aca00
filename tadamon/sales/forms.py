"""Forms reading what the phone page's offline queue sends (tadamon/sales/static/sales)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tadamon.registry.models import Organization
from tadamon.sales.models import PaymentMethod


class DeclarationForm(forms.Form):
    """Types only: the rules (not negative, under the ceiling, within the event, an
    exhibitor's own organization) are the service's, which names the field it refuses."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.all(), label=_("organization")
    )
    date = forms.DateField(label=_("date"))
    amount_mad = forms.DecimalField(label=_("amount (MAD)"), max_digits=12, decimal_places=2)
    client_uuid = forms.UUIDField(label=_("declaration id"))
    payment_method = forms.ChoiceField(
        label=_("payment method"), choices=PaymentMethod.choices, required=False
    )
