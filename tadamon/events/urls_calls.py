"""URLs of the calls pages; tadamon/events/urls.py gathers them."""

from django.urls import path

from tadamon.events.views import applications, calls, portal, reviews

urlpatterns: list = [
    # The organizer's pages of one event's call.
    path("<int:event_pk>/call/", calls.call_edit, name="call_edit"),
    path("<int:event_pk>/call/applications/", calls.application_list, name="application_list"),
    path(
        "<int:event_pk>/call/applications/new/",
        calls.application_create_for,
        name="application_create_for",
    ),
    path("<int:event_pk>/call/reviewers/", reviews.review_assign, name="review_assign"),
    path("<int:event_pk>/call/review-progress/", reviews.review_progress, name="review_progress"),
    # One application, for everyone who may see it.
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/decide/",
        applications.application_decide,
        name="application_decide",
    ),
    path(
        "applications/<int:pk>/reviewers/",
        applications.application_assign,
        name="application_assign",
    ),
    path(
        "applications/<int:pk>/confirm/",
        applications.application_confirm,
        name="application_confirm",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    # Reviewers.
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/<int:pk>/", reviews.review_score, name="review_score"),
    # The exhibitor portal.
    path("portal/", portal.portal_home, name="portal_home"),
    path("portal/calls/", portal.portal_calls, name="portal_calls"),
    path("portal/calls/<int:call_pk>/apply/", portal.portal_apply, name="portal_apply"),
    path("portal/applications/<int:pk>/", portal.portal_edit, name="portal_edit"),
]
