"""The SMS providers over HTTP (issue 19, real delivery), against a local provider that
records the requests and answers errors and timeouts (tests/sms_provider.py)."""

import base64

import pytest
from django.core.checks import run_checks

from tadamon.core.sms import SmsError, get_sms_gateway
from tadamon.core.sms_http import InfobipSmsGateway, SmsConfig, TwilioSmsGateway
from tests.sms_provider import SmsProvider

PHONE = "+212612345678"
ARABIC = "قُبل طلبكم: الرواق B12، الموجة 2 (يوليوز)."


def _config(provider: SmsProvider, timeout_s: float = 2.0) -> SmsConfig:
    return SmsConfig(
        url=provider.url, account="AC123", token="secret", sender="Tadamon", timeout_s=timeout_s
    )


def test_twilio_shape_sends_the_arabic_text_with_basic_authentication():
    with SmsProvider(shape="twilio") as provider:
        message_id = TwilioSmsGateway(_config(provider)).send(PHONE, ARABIC)
    (received,) = provider.requests
    assert received.path == "/2010-04-01/Accounts/AC123/Messages.json"
    assert received.form == {"To": PHONE, "From": "Tadamon", "Body": ARABIC}
    expected = base64.b64encode(b"AC123:secret").decode()
    assert received.headers["Authorization"] == f"Basic {expected}"
    assert message_id.startswith("SM")


def test_infobip_shape_sends_json_with_the_app_key():
    with SmsProvider(shape="infobip") as provider:
        message_id = InfobipSmsGateway(_config(provider)).send(PHONE, ARABIC)
    (received,) = provider.requests
    assert received.path == "/sms/2/text/advanced"
    assert received.headers["Authorization"] == "App secret"
    message = received.json["messages"][0]
    assert message["destinations"] == [{"to": PHONE}] and message["text"] == ARABIC
    assert message_id == "ib-1"


@pytest.mark.parametrize("gateway", [TwilioSmsGateway, InfobipSmsGateway])
def test_a_server_error_is_retryable_and_keeps_the_providers_answer(gateway):
    shape = "twilio" if gateway is TwilioSmsGateway else "infobip"
    body = (
        {"code": 20500, "message": "Internal Server Error"}
        if shape == "twilio"
        else {"requestError": {"serviceException": {"text": "Internal Server Error"}}}
    )
    with SmsProvider(shape=shape) as provider:
        provider.answer_all(500, body)
        with pytest.raises(SmsError) as raised:
            gateway(_config(provider)).send(PHONE, "Bonjour")
    assert raised.value.retryable and raised.value.status == 500
    assert "Internal Server Error" in str(raised.value)


def test_a_refused_number_is_final():
    with SmsProvider(shape="twilio") as provider:
        provider.answer_for(
            PHONE, 400, {"code": 21211, "message": "The 'To' number is not a valid phone number."}
        )
        with pytest.raises(SmsError) as raised:
            TwilioSmsGateway(_config(provider)).send(PHONE, "Bonjour")
    assert not raised.value.retryable and raised.value.status == 400
    assert str(raised.value) == "21211: The 'To' number is not a valid phone number."


def test_too_many_requests_is_retryable():
    with SmsProvider(shape="infobip") as provider:
        provider.answer_all(429, {"requestError": {"serviceException": {"text": "Too many"}}})
        with pytest.raises(SmsError) as raised:
            InfobipSmsGateway(_config(provider)).send(PHONE, "Bonjour")
    assert raised.value.retryable


def test_a_provider_that_does_not_answer_in_time_is_retryable():
    with SmsProvider(shape="twilio") as provider:
        provider.answer_all(201, {"sid": "SMlate"}, delay_s=1.0)
        with pytest.raises(SmsError) as raised:
            TwilioSmsGateway(_config(provider, timeout_s=0.2)).send(PHONE, "Bonjour")
    assert raised.value.retryable and "no answer" in str(raised.value)


def test_an_unreachable_provider_is_retryable():
    with SmsProvider() as provider:
        url = provider.url
    config = SmsConfig(url=url, account="AC", token="t", sender="T", timeout_s=1)
    with pytest.raises(SmsError) as raised:
        TwilioSmsGateway(config).send(PHONE, "Bonjour")
    assert raised.value.retryable


def test_a_rejection_inside_a_200_answer_is_final():
    rejected = {
        "messages": [
            {
                "messageId": "x",
                "status": {"groupName": "REJECTED", "name": "REJECTED_DESTINATION"},
            }
        ]
    }
    with SmsProvider(shape="infobip") as provider:
        provider.answer_all(200, rejected)
        with pytest.raises(SmsError) as raised:
            InfobipSmsGateway(_config(provider)).send(PHONE, "Bonjour")
    assert not raised.value.retryable and "REJECTED_DESTINATION" in str(raised.value)


def test_the_gateway_is_chosen_and_configured_by_settings(settings):
    with SmsProvider(shape="twilio") as provider:
        settings.TADAMON_SMS_GATEWAY = "tadamon.core.sms_http.TwilioSmsGateway"
        settings.TADAMON_SMS_URL = provider.url + "/"
        settings.TADAMON_SMS_ACCOUNT = "AC9"
        settings.TADAMON_SMS_TOKEN = "key"
        get_sms_gateway().send(PHONE, "Bonjour")
    assert provider.requests[0].path == "/2010-04-01/Accounts/AC9/Messages.json"


def test_deploy_check_names_the_missing_provider_settings(settings):
    settings.TADAMON_SMS_GATEWAY = "tadamon.core.sms_http.InfobipSmsGateway"
    settings.TADAMON_SMS_URL = ""
    settings.TADAMON_SMS_TOKEN = ""
    found = [
        check for check in run_checks(include_deployment_checks=True) if check.id == "tadamon.W002"
    ]
    assert found and "TADAMON_SMS_URL, TADAMON_SMS_TOKEN" in found[0].msg
