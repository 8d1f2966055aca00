"""The django-allauth pages Tadamon uses, and only those (issue 19): sign-up, the code
pages of a sign-up (phone, e-mail) and the password reset by code. allauth reverses them by
its own names, without a namespace; its other pages (e-mail management, re-authentication,
log-in by code, ...) are not installed, so no address reaches them."""

from allauth.account import views as allauth_views
from django.urls import path

from tadamon.accounts import views

urlpatterns = [
    # The log-in page of accounts:login, under the name allauth sends people back to.
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("signup/", allauth_views.signup, name="account_signup"),
    path("phone/verify/", views.verify_phone, name="account_verify_phone"),
    path("email/verify/", views.verify_email, name="account_email_verification_sent"),
    path("password/reset/", allauth_views.password_reset, name="account_reset_password"),
    path(
        "password/reset/code/",
        allauth_views.confirm_password_reset_code,
        name="account_confirm_password_reset_code",
    ),
    path(
        "password/reset/new/",
        allauth_views.complete_password_reset,
        name="account_complete_password_reset",
    ),
    path(
        "password/reset/done/",
        allauth_views.password_reset_from_key_done,
        name="account_password_reset_completed",
    ),
]
