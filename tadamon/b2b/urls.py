from django.urls import path

from tadamon.b2b.views import buyers, organizer, participant

app_name = "b2b"

urlpatterns = [
    # The organizer's pages.
    path("events/<int:event_pk>/", organizer.home, name="home"),
    path("events/<int:event_pk>/setup/", organizer.save_setup, name="save_setup"),
    path("events/<int:event_pk>/sessions/", organizer.add_session, name="add_session"),
    path("sessions/<int:pk>/delete/", organizer.delete_session, name="delete_session"),
    path("events/<int:event_pk>/buyers/", organizer.add_buyer, name="add_buyer"),
    path("events/<int:event_pk>/schedule/", organizer.run_schedule, name="run_schedule"),
    path("events/<int:event_pk>/collective/", organizer.add_collective, name="add_collective"),
    path("slots/<int:pk>/", organizer.table_plan, name="table_plan"),
    path("meetings/<int:pk>/move/", organizer.move_meeting, name="move_meeting"),
    path("events/<int:event_pk>/buyers/apply/", buyers.apply, name="buyer_apply"),
    path("buyer-applications/<int:pk>/decide/", buyers.decide, name="decide_buyer"),
    # A participant's pages.
    path("mine/", participant.my_events, name="my_events"),
    path("events/<int:event_pk>/me/", participant.my_b2b, name="my_b2b"),
    path("events/<int:event_pk>/me/join/", participant.opt_in, name="opt_in"),
    path("events/<int:event_pk>/me/profile/", participant.save_profile, name="save_profile"),
    path(
        "events/<int:event_pk>/me/availability/",
        participant.save_availability,
        name="save_availability",
    ),
    path("events/<int:event_pk>/me/requests/", participant.make_request, name="make_request"),
    path("requests/<int:pk>/answer/", participant.answer_request, name="answer_request"),
    path("requests/<int:pk>/cancel/", participant.cancel_request, name="cancel_request"),
    path("meetings/<int:pk>/outcome/", participant.record_outcome, name="record_outcome"),
    path("meetings/<int:pk>/join/", participant.join_collective, name="join_collective"),
    path("events/<int:event_pk>/agenda.pdf", participant.agenda_pdf, name="agenda_pdf"),
    path("events/<int:event_pk>/agenda.ics", participant.agenda_ics, name="agenda_ics"),
]
