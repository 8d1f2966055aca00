"""URLs of the call for exhibitors: the organizer's pages of a call, applications, reviews,
the selection and its dashboard, and the exhibitor portal. config/urls.py mounts them under
"events/", beside the event pages, so their addresses did not change when the call left
tadamon.events."""

from django.urls import path

from tadamon.calls.views import applications, calls, dashboard, portal, reviews, selection

app_name = "calls"
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
    # The selection and the dashboard of an event's call.
    path("<int:event_pk>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:event_pk>/selection/", selection.selection_home, name="selection"),
    path(
        "<int:event_pk>/selection/<int:run_pk>/",
        selection.selection_run,
        name="selection_run",
    ),
    path(
        "<int:event_pk>/selection/<int:run_pk>/adjust/",
        selection.selection_adjust,
        name="selection_adjust",
    ),
    path(
        "<int:event_pk>/selection/<int:run_pk>/publish/",
        selection.selection_publish,
        name="selection_publish",
    ),
]
