from django import forms
from django.utils.translation import gettext_lazy as _

from tadamon.messaging.models import Channel

OPTIONAL_CHANNELS = [(Channel.EMAIL, _("e-mail")), (Channel.SMS, _("SMS"))]


class ChannelsForm(forms.Form):
    """The channels on which the person wants news and announcements (the boxes ticked)."""

    channels = forms.MultipleChoiceField(
        label=_("Send me news and announcements by"),
        choices=OPTIONAL_CHANNELS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
