"""SMS providers reached over HTTP, in the two REST shapes most providers offer.

- :class:`TwilioSmsGateway`: a form POST to ``{url}/2010-04-01/Accounts/{account}/Messages.json``
  with HTTP basic authentication (Twilio, and the providers that copy its API);
- :class:`InfobipSmsGateway`: a JSON POST to ``{url}/sms/2/text/advanced`` with an
  ``Authorization: App {token}`` header (Infobip and its look-alikes).

Chosen with ``TADAMON_SMS_GATEWAY=tadamon.core.sms_http.TwilioSmsGateway`` (or Infobip...)
and configured by ``TADAMON_SMS_URL``, ``TADAMON_SMS_ACCOUNT``, ``TADAMON_SMS_TOKEN``,
``TADAMON_SMS_SENDER`` and ``TADAMON_SMS_TIMEOUT_S``. The standard library's HTTP client is
enough for one POST per message; a failure raises :class:`SmsError` with the provider's
answer, retryable for a missing answer, a 5xx or a 429, final for any other refusal.
"""

import base64
import json
from abc import abstractmethod
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

from django.conf import settings

from tadamon.core.sms import SmsError, SmsGateway

ANSWER_SHOWN = 300  # characters of a provider's answer kept in an error


@dataclass(frozen=True)
class SmsConfig:
    url: str
    account: str
    token: str
    sender: str
    timeout_s: float

    @classmethod
    def from_settings(cls) -> "SmsConfig":
        return cls(
            url=settings.TADAMON_SMS_URL.rstrip("/"),
            account=settings.TADAMON_SMS_ACCOUNT,
            token=settings.TADAMON_SMS_TOKEN,
            sender=settings.TADAMON_SMS_SENDER,
            timeout_s=settings.TADAMON_SMS_TIMEOUT_S,
        )


class HttpSmsGateway(SmsGateway):
    """One POST per message; the subclasses say how the request and the answers look."""

    def __init__(self, config: SmsConfig | None = None) -> None:
        self.config = config or SmsConfig.from_settings()

    def send(self, phone: str, text: str) -> str:
        request = self.request(phone, text)
        try:
            with urlopen(request, timeout=self.config.timeout_s) as response:
                answer = response.read()
        except HTTPError as error:
            status = error.code
            text_of_error = self.refusal(_json(error.read()), status)
            raise SmsError(
                text_of_error, retryable=status >= 500 or status == 429, status=status
            ) from error
        except (URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise SmsError(f"no answer from the SMS provider: {reason}", retryable=True) from error
        return self.message_id(_json(answer))

    @abstractmethod
    def request(self, phone: str, text: str) -> Request: ...

    @abstractmethod
    def message_id(self, answer: object) -> str:
        """The provider's id of the message; raises SmsError when the answer is a refusal."""

    @abstractmethod
    def refusal(self, answer: object, status: int) -> str:
        """The provider's explanation of an HTTP error, as shown to organizers."""


class TwilioSmsGateway(HttpSmsGateway):
    def request(self, phone: str, text: str) -> Request:
        config = self.config
        credentials = base64.b64encode(f"{config.account}:{config.token}".encode()).decode()
        return Request(
            f"{config.url}/2010-04-01/Accounts/{quote(config.account)}/Messages.json",
            data=urlencode({"To": phone, "From": config.sender, "Body": text}).encode(),
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": "application/json",
            },
            method="POST",
        )

    def message_id(self, answer: object) -> str:
        if not isinstance(answer, dict) or not answer.get("sid"):
            raise SmsError(f"unexpected answer: {_shown(answer)}", retryable=False)
        if answer.get("status") == "failed":
            raise SmsError(_twilio_text(answer), retryable=False)
        return str(answer["sid"])

    def refusal(self, answer: object, status: int) -> str:
        return _twilio_text(answer) if isinstance(answer, dict) else f"HTTP {status}"


class InfobipSmsGateway(HttpSmsGateway):
    def request(self, phone: str, text: str) -> Request:
        config = self.config
        body = {
            "messages": [{"destinations": [{"to": phone}], "from": config.sender, "text": text}]
        }
        return Request(
            f"{config.url}/sms/2/text/advanced",
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={
                "Authorization": f"App {config.token}",
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
            },
            method="POST",
        )

    def message_id(self, answer: object) -> str:
        try:
            message = answer["messages"][0]  # type: ignore[index]
            status = message.get("status", {})
            identifier = str(message["messageId"])
        except (KeyError, IndexError, TypeError) as error:
            raise SmsError(f"unexpected answer: {_shown(answer)}", retryable=False) from error
        if status.get("groupName") in ("REJECTED", "UNDELIVERABLE"):
            raise SmsError(
                f"{status.get('name', '')}: {status.get('description', '')}".strip(": "),
                retryable=False,
            )
        return identifier

    def refusal(self, answer: object, status: int) -> str:
        try:
            exception = answer["requestError"]["serviceException"]  # type: ignore[index]
            return f"HTTP {status}: {exception.get('text') or exception.get('messageId')}"
        except (KeyError, TypeError):
            return f"HTTP {status}: {_shown(answer)}"


def _twilio_text(answer: dict) -> str:
    code = answer.get("code") or answer.get("error_code")
    message = answer.get("message") or answer.get("error_message") or _shown(answer)
    return f"{code}: {message}" if code else str(message)


def _json(body: bytes) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return body.decode("utf-8", "replace")[:ANSWER_SHOWN]


def _shown(answer: object) -> str:
    text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    return text[:ANSWER_SHOWN]
