"""Text messages go through an `SmsGateway`, so that a real provider can be plugged in.

``settings.TADAMON_SMS_GATEWAY`` is the dotted path of the gateway class; the default,
:class:`LoggingSmsGateway`, only writes the message to the log (development, tests, and
deployments without an SMS contract). Providers reached over HTTP are in
tadamon/core/sms_http.py. A gateway is selected by that setting alone; callers never know
which one runs.
"""

import logging
from abc import ABC, abstractmethod

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("tadamon.sms")

DEFAULT_GATEWAY = "tadamon.core.sms.LoggingSmsGateway"


class SmsError(Exception):
    """The provider did not take the message. ``retryable``: sending again later may work (no
    answer, a server error, too many requests); otherwise it will not (a refused number, a
    wrong account). The message is the provider's own answer, shown to organizers."""

    def __init__(self, message: str, *, retryable: bool, status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status


class SmsGateway(ABC):
    """Sends one text message and returns the provider's id for it ("" when there is none).
    Implementations raise :class:`SmsError` on failure; callers decide whether a failed SMS
    matters (notifications log it and carry on: the e-mail is the record)."""

    @abstractmethod
    def send(self, phone: str, text: str) -> str: ...


class LoggingSmsGateway(SmsGateway):
    """Writes the message to the ``tadamon.sms`` log instead of sending it."""

    def send(self, phone: str, text: str) -> str:
        logger.info("SMS to %s: %s", phone, text)
        return ""


def get_sms_gateway() -> SmsGateway:
    """An instance of the gateway named by ``settings.TADAMON_SMS_GATEWAY``."""
    path = getattr(settings, "TADAMON_SMS_GATEWAY", "") or DEFAULT_GATEWAY
    gateway_class = import_string(path)
    return gateway_class()
