"""The permission matrix: for every page of the site and every operation of the API, the
roles that may use it (SPEC sections 2 and 3L; the rules live in each app's access.py).

Every object a URL names belongs to event X (organized by body X, where organizer X and the
gate agent work) or to organization A, which exhibits at X like organization B; see
permission_world.py. A page is allowed when GET answers the page, a file or a redirect other
than to the login page; refused means 302 to the login page, 401, 403 or 404. A POST (an
action, an API write) is allowed when it changed something, with the valid bodies of
permission_bodies.py; refused when it changed nothing (the API: 400, 401, 403, 404 or 409).

A new URL or API operation makes test_permission_matrix fail until it has its line here:
    "app:name": page(ROLES, pk="world object"),      a page (GET, and its form's POST)
    "app:name": action(ROLES, pk="world object"),    a view that takes POST only
    "METHOD /api/v1/path": api(ROLES),               an API operation
A parameter not filled by permission_support.URL_KWARGS is named in the line; a POST that
needs a body gets one in permission_bodies.py.
"""

from tests.accounts.permission_support import Rule, action, api, page
from tests.accounts.permission_world import (
    ADMIN,
    ANON,
    EXH_A,
    EXH_B,
    GATE,
    JUROR,
    OBSERVER,
    ORG_X,
    ORG_Y,
    REVIEWER,
    ROLES,
    TRAINER,
)

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANON}
NOBODY: frozenset[str] = frozenset()
X_MANAGERS = frozenset({ORG_X, ADMIN})  # organizer X manages event X; the platform admin all
Y_MANAGERS = frozenset({ORG_Y, ADMIN})
ORGANIZERS = X_MANAGERS | {ORG_Y}  # organizer staff keep the shared registry
EXHIBITORS = frozenset({EXH_A, EXH_B})  # both exhibit at event X
A_AND_ORGANIZERS = ORGANIZERS | {EXH_A}
REGISTRY_READERS = ORGANIZERS | {REVIEWER, JUROR, OBSERVER}
X_AND_OBSERVER = X_MANAGERS | {OBSERVER}
CHECKIN = X_MANAGERS | {TRAINER, GATE}  # the session's trainer, body X's gate agent

UI: dict[str, Rule] = {
    "admin": page(frozenset({ADMIN})),
    "healthz": page(EVERYONE),
    "favicon": page(EVERYONE),
    # The installable app (issue 20): the worker and the offline page name nobody.
    "pwa:service_worker": page(EVERYONE),
    "pwa:offline": page(EVERYONE),
    "set_language": page(EVERYONE),
    "api-v1:openapi-json": page(EVERYONE),
    "api-v1:api-root": page(NOBODY),  # ninja's root: 404 for everyone
    # Accounts.
    "accounts:login": page(EVERYONE),
    "accounts:logout": action(SIGNED_IN),  # nothing to end for a visitor
    "accounts:account": page(SIGNED_IN),
    "accounts:password_change": page(SIGNED_IN),
    # Users revoke their own tokens here; administrators revoke others' in the admin.
    "accounts:revoke_token": action(frozenset({EXH_A}), pk="token_a"),
    # Sign-up and password reset (django-allauth's pages, issue 19): for everyone. Signed in,
    # the log-in and sign-up pages send people on to their own pages.
    "account_login": page(EVERYONE),
    "account_signup": page(EVERYONE),
    "account_reset_password": page(EVERYONE),
    "account_password_reset_completed": page(EVERYONE),
    # Without a confirmed code, sent back to the reset page.
    "account_complete_password_reset": page(EVERYONE),
    # The code pages exist only in the middle of a sign-up or a reset (tests/accounts/
    # test_signup.py, test_password_reset.py): otherwise the log-in page, or 404 signed in.
    "account_verify_phone": page(NOBODY),
    "account_email_verification_sent": page(NOBODY),
    "account_confirm_password_reset_code": page(NOBODY),
    # The audit trail: each organizer reads that of their own events (see the gate's mark).
    "audit_trail": page(ORGANIZERS),
    # Registry (organization A, its product and person).
    "registry:organization_list": page(SIGNED_IN),
    "registry:organization_create": page(ORGANIZERS),
    "registry:organization_location": page(SIGNED_IN),
    "registry:organization_detail": page(REGISTRY_READERS | {EXH_A}, pk="org_a"),
    "registry:organization_merge": page(ORGANIZERS, pk="org_a"),
    "registry:organization_edit": page(A_AND_ORGANIZERS, pk="org_a"),
    "registry:organization_delete": page(ORGANIZERS, pk="org_a"),
    "registry:product_create": page(A_AND_ORGANIZERS, pk="org_a"),
    "registry:person_create": page(A_AND_ORGANIZERS, pk="org_a"),
    "registry:my_organization": page(SIGNED_IN),  # others are sent to the list
    "registry:product_edit": page(A_AND_ORGANIZERS, pk="product_a"),
    "registry:product_delete": page(A_AND_ORGANIZERS, pk="product_a"),
    "registry:person_edit": page(A_AND_ORGANIZERS, pk="person_a"),
    "registry:commune_create": page(ORGANIZERS),
    "registry:import": page(ORGANIZERS),
    # Only a person whose sign-up awaits an organizer names their record there; no role of
    # the matrix has one (404), the claimant of the world is tested in test_claims.py.
    "registry:signup_match": page(NOBODY),
    # Organizers confirm or refuse who represents an organization (issue 19).
    "registry:claim_list": page(ORGANIZERS),
    "registry:claim_detail": page(ORGANIZERS, pk="claim"),
    "registry:claim_confirm": action(ORGANIZERS, pk="claim"),
    "registry:claim_refuse": action(ORGANIZERS, pk="claim"),
    # Events.
    "events:event_list": page(SIGNED_IN),
    "events:event_create": page(ORGANIZERS),
    "events:event_detail": page(SIGNED_IN, pk="event_x"),
    "events:event_edit": page(X_MANAGERS, pk="event_x"),
    "events:event_publish": action(X_MANAGERS, pk="event_x"),
    "events:wave_create": page(X_MANAGERS, pk="event_x"),
    "events:wave_edit": page(X_MANAGERS, pk="wave"),
    "events:wave_delete": page(X_MANAGERS, pk="wave"),
    "events:booth_list": page(SIGNED_IN, post=X_MANAGERS, pk="event_x"),
    "events:booth_delete_all": page(X_MANAGERS, pk="event_x"),
    "events:partner_create": page(X_MANAGERS, pk="event_x"),
    "events:partner_delete": page(X_MANAGERS, pk="event_x"),
    "events:organization_options": page(X_MANAGERS, pk="event_x"),
    "events:participation_create": page(X_MANAGERS, pk="event_x"),
    "events:participation_edit": page(X_MANAGERS, pk="participation_a"),
    "events:participation_delete": page(X_MANAGERS, pk="participation_a"),
    # The call for exhibitors (A's application, reviewed by the reviewer).
    "calls:call_edit": page(X_MANAGERS),
    "calls:application_list": page(X_MANAGERS),
    "calls:application_create_for": page(X_MANAGERS),
    "calls:review_assign": page(X_MANAGERS),
    "calls:review_progress": page(X_MANAGERS),
    "calls:application_detail": page(X_MANAGERS | {EXH_A, REVIEWER}, pk="application_a"),
    "calls:application_decide": action(X_MANAGERS, pk="application_a"),
    "calls:application_assign": action(X_MANAGERS, pk="application_a"),
    # Only the applicant confirms a place (A's offer at body X's second fair).
    "calls:application_confirm": action(frozenset({EXH_A}), pk="offer_a"),
    # The assigned reviewer may not withdraw: 403, not the confirmation page (issue 16).
    "calls:application_withdraw": page(X_MANAGERS | {EXH_A}, pk="application_a"),
    "calls:review_list": page(SIGNED_IN),
    "calls:review_score": page(frozenset({REVIEWER}), pk="assignment"),
    "calls:portal_home": page(EXHIBITORS),
    "calls:portal_calls": page(EXHIBITORS),
    "calls:portal_apply": page(EXHIBITORS),
    "calls:portal_edit": page(frozenset({EXH_A}), pk="application_a"),
    "calls:dashboard": page(X_MANAGERS),
    "calls:selection": page(X_MANAGERS),
    "calls:selection_run": page(X_MANAGERS, run_pk="selection_run"),
    "calls:selection_adjust": action(X_MANAGERS, run_pk="selection_run"),
    "calls:selection_publish": page(X_MANAGERS, run_pk="selection_run"),
    "events:allocation": page(X_MANAGERS),
    "events:allocation_progress": page(X_MANAGERS, run_pk="allocation_run"),
    "events:allocation_move": page(X_MANAGERS),
    # The plan without waves is for events without waves: event Y.
    "events:floorplan_all": page(Y_MANAGERS, event_pk="event_y"),
    "events:floorplan_wave": page(X_MANAGERS),
    "visitors:visitors_events": page(SIGNED_IN),
    "visitors:visitors_tally": page(X_MANAGERS | {GATE}),
    "visitors:visitors_save": action(X_MANAGERS | {GATE}),
    "visitors:visitors_add_gate": action(X_MANAGERS),  # gate agents count, managers add gates
    # Programme (the trainer's session, A's person registered and present).
    "programme:session_list": page(SIGNED_IN),
    "programme:session_create": page(X_MANAGERS),
    "programme:timetable": page(SIGNED_IN),
    "programme:my_sessions": page(frozenset({TRAINER})),
    "programme:session_detail": page(X_AND_OBSERVER | EXHIBITORS | {TRAINER}, pk="session"),
    "programme:session_edit": page(X_MANAGERS, pk="session"),
    "programme:session_delete": page(X_MANAGERS, pk="session"),
    "programme:person_options": page(X_AND_OBSERVER | EXHIBITORS | {TRAINER}, pk="session"),
    "programme:person_quick_add": action(X_MANAGERS, pk="session"),
    # B may register its own people, not A's: the form does not offer them. The session's
    # trainer registers A's person, A taking part in the event (issue 15).
    "programme:register": action(X_MANAGERS | {EXH_A, TRAINER}, pk="session"),
    "programme:session_badges": page(X_AND_OBSERVER | EXHIBITORS | {TRAINER}, pk="session"),
    "programme:registration_badge": page(X_AND_OBSERVER | {EXH_A, TRAINER}, pk="registration"),
    "programme:registration_cancel": page(X_MANAGERS | {EXH_A, TRAINER}, pk="registration"),
    "programme:checkin_sessions": page(SIGNED_IN),
    "programme:checkin": page(CHECKIN, pk="session"),
    "programme:checkin_search": page(CHECKIN, pk="session"),
    "programme:checkin_present": page(CHECKIN, pk="session"),
    "programme:checkin_mark": action(CHECKIN, pk="session"),
    "programme:session_attendance": page(CHECKIN, pk="session"),
    "programme:session_attendance_export": page(CHECKIN, pk="session"),
    "programme:attendance_delete": page(X_MANAGERS | {TRAINER}, pk="attendance"),
    # Who attended, by name: the managers; observers read the figures (beneficiaries).
    "programme:event_attendance": page(X_MANAGERS, pk="event_x"),
    "programme:event_attendance_export": page(X_MANAGERS, pk="event_x"),
    "programme:event_beneficiaries": page(X_AND_OBSERVER, pk="event_x"),
    "programme:certificates": page(X_MANAGERS),
    "programme:certificate_settings": page(X_MANAGERS),
    "programme:certificate_issue": page(X_MANAGERS),
    "programme:certificate_batch_start": action(X_MANAGERS),
    "programme:certificate_batch_progress": page(X_MANAGERS),
    "programme:certificate_batch_download": page(X_MANAGERS),
    "programme:certificate_pdf": page(X_MANAGERS | {EXH_A}, pk="certificate"),
    "programme:certificate_revoke": page(X_MANAGERS, pk="certificate"),
    "programme:my_certificates": page(SIGNED_IN),
    "certificate_verify": page(EVERYONE),
    "verify/<str:number>/": page(EVERYONE),
    # Sales (A's declaration of yesterday, waiting for validation).
    "sales:my_sales": page(SIGNED_IN),
    # The page declares for the user's own organization: the platform admin has none.
    "sales:declare": page(EXHIBITORS | {ORG_X}),
    "sales:review": page(X_MANAGERS),
    "sales:turnover": page(X_AND_OBSERVER),
    "sales:review_action": action(X_MANAGERS),
    # Awards (the juror's open jury with A as candidate; A's published award).
    "awards:event_awards": page(X_MANAGERS),
    "awards:create_template": action(X_MANAGERS),
    "awards:compute_event": action(X_MANAGERS),
    "awards:close_jury": action(X_MANAGERS, pk="category"),
    "awards:publish": action(X_MANAGERS, pk="closed_category"),
    "awards:my_juries": page(SIGNED_IN),
    "awards:score": action(frozenset({JUROR}), pk="candidate"),
    "awards:partner_appreciation": action(X_MANAGERS),
    "awards:certificate_pdf": page(X_MANAGERS, pk="award_result"),
    # B2B meetings (A met buyer C yesterday; buyer D asked A; A asked buyer E).
    "b2b:home": page(X_MANAGERS),
    "b2b:save_setup": action(X_MANAGERS),
    "b2b:add_session": action(X_MANAGERS),
    "b2b:delete_session": action(X_MANAGERS, pk="b2b_spare_session"),
    "b2b:add_buyer": action(X_MANAGERS),
    "b2b:run_schedule": action(X_MANAGERS),
    "b2b:add_collective": action(X_MANAGERS),
    "b2b:table_plan": page(X_MANAGERS, pk="slot"),
    "b2b:move_meeting": action(X_MANAGERS, pk="meeting"),
    "b2b:buyer_apply": page(EVERYONE),
    "b2b:decide_buyer": action(X_MANAGERS, pk="buyer_application"),
    "b2b:my_events": page(SIGNED_IN),
    "b2b:my_b2b": page(EXHIBITORS),
    "b2b:opt_in": action(EXHIBITORS),
    "b2b:save_profile": action(EXHIBITORS),
    "b2b:save_availability": action(EXHIBITORS),
    "b2b:make_request": action(EXHIBITORS),
    "b2b:answer_request": action(frozenset({EXH_A}), pk="request_to_a"),
    "b2b:cancel_request": action(frozenset({EXH_A}), pk="request_by_a"),
    "b2b:record_outcome": action(frozenset({EXH_A}), pk="meeting"),
    "b2b:join_collective": action(EXHIBITORS, pk="collective"),
    # Managers open any participant's agenda; a participant gets its own whatever it asks.
    "b2b:agenda_pdf": page(X_MANAGERS | EXHIBITORS, query={"participant": "participant_a"}),
    "b2b:agenda_ics": page(X_MANAGERS | EXHIBITORS, query={"participant": "participant_a"}),
    # Calendar links: anyone signed in subscribes to a programme they see; A revokes its own
    # agenda link; the feed answers whoever has its address.
    "calendars:home": page(SIGNED_IN),
    "calendars:create": action(SIGNED_IN),
    "calendars:revoke": page(frozenset({EXH_A}), pk="calendar_feed"),
    "calendars:feed": page(EVERYONE),
    # Invitations: X's managers invite the call's organizations (the invitee, accepted and
    # without an account) and resend or cancel A's invitation; its link opens the join page
    # for everyone, and only a visitor without an account may open the account with it.
    "invitations:event_invitations": page(X_MANAGERS),
    "invitations:invite": action(X_MANAGERS),
    "invitations:invite_accepted": page(X_MANAGERS),
    "invitations:resend": action(X_MANAGERS, pk="invitation_a"),
    "invitations:cancel": page(X_MANAGERS, pk="invitation_a"),
    "invitations:join": page(EVERYONE, post=frozenset({ANON}), token="invitation_token"),
    "messaging:inbox": page(SIGNED_IN),
    "messaging:read": page(frozenset({EXH_A}), pk="inbox_message_a"),
    "messaging:preferences": page(SIGNED_IN),
    # Broadcasts and the delivery of event X's messages: its managers only.
    "broadcasts:status": page(X_MANAGERS),
    "broadcasts:compose": page(X_MANAGERS),
    "broadcasts:preview": page(X_MANAGERS),
    "broadcasts:resend": action(X_MANAGERS, message_pk="failed_message_x"),
    # Reports and open data.
    "reports:report": page(X_AND_OBSERVER),
    "reports:report_pdf": page(X_AND_OBSERVER),
    "reports:observatory": page(SIGNED_IN),  # over the events each user may see
    "reports:organization_history": page(REGISTRY_READERS | {EXH_A}, pk="org_a"),
    "reports:open_data": page(EVERYONE),
    "reports:open_events": page(EVERYONE, fmt="csv"),
    "reports:open_exhibitors": page(EVERYONE, fmt="csv"),
    # The public site (event X is published, A shows its profile).
    "public:home": page(EVERYONE),
    "public:language": page(EVERYONE),
    "public:events": page(EVERYONE),
    "public:event": page(EVERYONE, pk="event_x"),
    "public:organization": page(EVERYONE, pk="org_a"),
    "public:directory": page(EVERYONE),
    "public:catalogue": page(EVERYONE),
    "public:search": page(EVERYONE),
    "public:sitemap": page(EVERYONE),
    "public:visit": page(EVERYONE),
    "public:badge": page(EVERYONE),
    "public:badge_arrival": action(X_MANAGERS | {GATE}),
    # The installable app: its manifest, and where it opens (each person's own page).
    "pwa:manifest": page(EVERYONE),
    "pwa:start": page(EVERYONE),
}
TOKEN_HOLDERS = SIGNED_IN  # the API has no anonymous reader: every operation needs a token
A_READERS = REGISTRY_READERS | {EXH_A}  # who reads organization A, its people and products
SESSION_READERS = X_AND_OBSERVER | EXHIBITORS | {TRAINER}

API: dict[str, Rule] = {
    "GET /api/v1/reference/regions": api(TOKEN_HOLDERS),
    "GET /api/v1/reference/provinces": api(TOKEN_HOLDERS),
    "GET /api/v1/reference/sectors": api(TOKEN_HOLDERS),
    "GET /api/v1/reference/organization-kinds": api(TOKEN_HOLDERS),
    "GET /api/v1/topics": api(TOKEN_HOLDERS),
    # Registry (organization A, its product and person).
    "POST /api/v1/organizations": api(ORGANIZERS),
    "GET /api/v1/organizations": api(TOKEN_HOLDERS),
    "GET /api/v1/organizations/{organization_id}": api(A_READERS),
    "PATCH /api/v1/organizations/{organization_id}": api(A_AND_ORGANIZERS),
    # A has user accounts and cannot be deleted: its duplicate (a plain cooperative) can.
    "DELETE /api/v1/organizations/{organization_id}": api(ORGANIZERS, organization_id="org_a_dup"),
    "GET /api/v1/organizations/{organization_id}/duplicates": api(ORGANIZERS),
    "POST /api/v1/organizations/{organization_id}/merge": api(ORGANIZERS),
    "GET /api/v1/organizations/{organization_id}/products": api(A_READERS),
    "POST /api/v1/organizations/{organization_id}/products": api(A_AND_ORGANIZERS),
    "GET /api/v1/organizations/{organization_id}/history": api(A_READERS),
    "GET /api/v1/products/{product_id}": api(A_READERS),
    "PATCH /api/v1/products/{product_id}": api(A_AND_ORGANIZERS),
    "DELETE /api/v1/products/{product_id}": api(A_AND_ORGANIZERS),
    "POST /api/v1/people": api(A_AND_ORGANIZERS),
    "GET /api/v1/people": api(TOKEN_HOLDERS),
    "GET /api/v1/people/{person_id}": api(A_READERS),
    "PATCH /api/v1/people/{person_id}": api(A_AND_ORGANIZERS),
    # Events.
    "POST /api/v1/events": api(X_MANAGERS),  # an event of body X: not for organizer Y
    "GET /api/v1/events": api(TOKEN_HOLDERS),
    "GET /api/v1/events/{event_id}": api(TOKEN_HOLDERS),
    "PATCH /api/v1/events/{event_id}": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/partners": api(X_MANAGERS),
    "DELETE /api/v1/events/{event_id}/partners/{partner_id}": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/waves": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/waves": api(TOKEN_HOLDERS),
    "PATCH /api/v1/waves/{wave_id}": api(X_MANAGERS),
    "DELETE /api/v1/waves/{wave_id}": api(X_MANAGERS, wave_id="spare_wave"),
    "POST /api/v1/events/{event_id}/booths": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/booths": api(TOKEN_HOLDERS),
    "DELETE /api/v1/events/{event_id}/booths": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/booths/grid": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/participations": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/participations": api(TOKEN_HOLDERS),
    "GET /api/v1/participations/{participation_id}": api(X_AND_OBSERVER | {EXH_A}),
    "PATCH /api/v1/participations/{participation_id}": api(X_MANAGERS),
    "DELETE /api/v1/participations/{participation_id}": api(X_MANAGERS),
    # The call for exhibitors.
    "GET /api/v1/events/{event_id}/call": api(TOKEN_HOLDERS),
    "POST /api/v1/events/{event_id}/call": api(Y_MANAGERS, event_id="event_y"),  # X has one
    "PATCH /api/v1/events/{event_id}/call": api(X_MANAGERS),
    "PUT /api/v1/events/{event_id}/call/criteria": api(X_MANAGERS),
    # On behalf of A's duplicate: A's representative may not, the managers may.
    "POST /api/v1/events/{event_id}/applications": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/applications": api(TOKEN_HOLDERS),  # each its own
    "GET /api/v1/applications/{application_id}": api(X_MANAGERS | {EXH_A, REVIEWER}),
    "PATCH /api/v1/applications/{application_id}": api(
        X_MANAGERS | {EXH_A}, application_id="application_editable_a"
    ),
    "POST /api/v1/applications/{application_id}/transitions": api(X_MANAGERS),
    "POST /api/v1/applications/{application_id}/reviewers": api(X_MANAGERS),
    "GET /api/v1/applications/{application_id}/reviews": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/reviewers/round-robin": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/review-progress": api(X_MANAGERS),
    "GET /api/v1/reviews": api(TOKEN_HOLDERS),
    "GET /api/v1/reviews/{assignment_id}": api(X_MANAGERS | {REVIEWER}),
    "POST /api/v1/reviews/{assignment_id}/scores": api(frozenset({REVIEWER})),
    "POST /api/v1/events/{event_id}/selection": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/selections": api(X_MANAGERS),
    "GET /api/v1/selections/{run_id}": api(X_MANAGERS, run_id="selection_run"),
    "POST /api/v1/selections/{run_id}/adjust": api(X_MANAGERS, run_id="selection_run"),
    "POST /api/v1/selections/{run_id}/publish": api(X_MANAGERS, run_id="selection_run"),
    "GET /api/v1/events/{event_id}/waiting-list": api(X_MANAGERS),
    "POST /api/v1/applications/{application_id}/accept-offer": api(
        X_MANAGERS | {EXH_A}, application_id="offer_a"
    ),
    # Booth allocation.
    "POST /api/v1/events/{event_id}/allocation": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/allocation-runs": api(X_MANAGERS),
    "GET /api/v1/allocation-runs/{run_id}": api(X_MANAGERS, run_id="allocation_run"),
    "GET /api/v1/events/{event_id}/assignments": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/assignments/move": api(X_MANAGERS),
    # Programme: the trainer's session, A's people.
    "POST /api/v1/events/{event_id}/sessions": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/sessions": api(TOKEN_HOLDERS),
    "GET /api/v1/sessions/{session_id}": api(SESSION_READERS),
    "PATCH /api/v1/sessions/{session_id}": api(X_MANAGERS),
    "DELETE /api/v1/sessions/{session_id}": api(X_MANAGERS, session_id="spare_session"),
    # As in the page: the trainer registers the people of the organizations taking part.
    "POST /api/v1/sessions/{session_id}/registrations": api(X_MANAGERS | {EXH_A, TRAINER}),
    "GET /api/v1/sessions/{session_id}/registrations": api(SESSION_READERS),
    "GET /api/v1/registrations/{registration_id}": api(X_AND_OBSERVER | {EXH_A, TRAINER}),
    "POST /api/v1/registrations/{registration_id}/cancel": api(X_MANAGERS | {EXH_A, TRAINER}),
    "POST /api/v1/sessions/{session_id}/attendance": api(CHECKIN),
    "GET /api/v1/sessions/{session_id}/attendance": api(CHECKIN),
    "DELETE /api/v1/sessions/{session_id}/attendance/{person_id}": api(X_MANAGERS | {TRAINER}),
    "GET /api/v1/events/{event_id}/beneficiaries": api(X_AND_OBSERVER),
    # Certificates (A's certificate of participation).
    "POST /api/v1/events/{event_id}/certificates": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/certificates": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/certificates/batch": api(X_MANAGERS),
    "GET /api/v1/certificate-batches/{batch_id}": api(X_MANAGERS),
    "GET /api/v1/certificate-batches/{batch_id}/zip": api(X_MANAGERS),
    "GET /api/v1/certificates/{number}": api(X_MANAGERS | {EXH_A}),
    "GET /api/v1/certificates/{number}/pdf": api(X_MANAGERS | {EXH_A}),
    "POST /api/v1/certificates/{number}/revoke": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/certificate-settings": api(X_MANAGERS),
    "PUT /api/v1/events/{event_id}/certificate-settings": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/certificate-settings/logo": api(X_MANAGERS),
    "DELETE /api/v1/events/{event_id}/certificate-settings/logo": api(X_MANAGERS),
    # Visitors.
    "POST /api/v1/events/{event_id}/visitor-counts": api(X_MANAGERS | {GATE}),
    "GET /api/v1/events/{event_id}/visitor-counts": api(X_AND_OBSERVER | {GATE}),
    "POST /api/v1/events/{event_id}/visitor-registrations": api(TOKEN_HOLDERS),
    "GET /api/v1/events/{event_id}/visitor-registrations": api(X_AND_OBSERVER | {GATE}),
    "POST /api/v1/visitor-badges/{code}/arrival": api(X_MANAGERS | {GATE}),
    # Sales (A's declaration, waiting for validation).
    "POST /api/v1/events/{event_id}/sales": api(X_MANAGERS | {EXH_A}),
    "GET /api/v1/events/{event_id}/sales": api(TOKEN_HOLDERS),
    "GET /api/v1/events/{event_id}/turnover": api(X_AND_OBSERVER),
    "POST /api/v1/sales/{sale_id}/validate": api(X_MANAGERS),
    "POST /api/v1/sales/{sale_id}/query": api(X_MANAGERS),
    "POST /api/v1/sales/{sale_id}/reject": api(X_MANAGERS),
    "POST /api/v1/sales/{sale_id}/correct": api(X_MANAGERS | {EXH_A}),
    # Awards.
    "POST /api/v1/events/{event_id}/awards": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/awards": api(TOKEN_HOLDERS),
    "POST /api/v1/events/{event_id}/awards/compute": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/award-categories": api(TOKEN_HOLDERS),  # names only
    "POST /api/v1/events/{event_id}/award-categories/template": api(X_MANAGERS),
    "POST /api/v1/award-categories/{category_id}/publish": api(
        X_MANAGERS, category_id="closed_category"
    ),
    "POST /api/v1/award-categories/{category_id}/jurors": api(X_MANAGERS),
    "POST /api/v1/award-categories/{category_id}/candidates": api(X_MANAGERS),
    "POST /api/v1/award-categories/{category_id}/criteria": api(X_MANAGERS),
    "POST /api/v1/award-categories/{category_id}/scores": api(frozenset({JUROR})),
    "GET /api/v1/award-categories/{category_id}/scores": api(X_MANAGERS | {JUROR}),
    # The world's jury has no score: closing it needs the confirmation (issue 15).
    "POST /api/v1/award-categories/{category_id}/close": api(
        X_MANAGERS, query={"confirm_without_scores": "true"}
    ),
    # Reports.
    "GET /api/v1/events/{event_id}/report": api(X_AND_OBSERVER),
    "GET /api/v1/observatory": api(TOKEN_HOLDERS),
    # B2B meetings.
    "PUT /api/v1/events/{event_id}/b2b/setup": api(X_MANAGERS),
    "POST /api/v1/events/{event_id}/b2b/sessions": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/b2b/slots": api(TOKEN_HOLDERS),
    "GET /api/v1/events/{event_id}/b2b/participants": api(X_AND_OBSERVER | EXHIBITORS),
    "POST /api/v1/events/{event_id}/b2b/participants": api(X_MANAGERS),
    "PUT /api/v1/b2b/participants/{participant_id}/availability": api(X_MANAGERS | {EXH_A}),
    "GET /api/v1/events/{event_id}/b2b/requests": api(X_AND_OBSERVER | EXHIBITORS),
    "POST /api/v1/events/{event_id}/b2b/requests": api(X_MANAGERS | {EXH_A}),  # A asks F
    "POST /api/v1/b2b/requests/{request_id}/answer": api(X_MANAGERS | {EXH_A}),
    "POST /api/v1/events/{event_id}/b2b/schedule": api(X_MANAGERS),
    "GET /api/v1/events/{event_id}/b2b/schedule": api(X_AND_OBSERVER),
    "GET /api/v1/events/{event_id}/b2b/meetings": api(X_AND_OBSERVER | EXHIBITORS),
    "POST /api/v1/b2b/meetings/{meeting_id}/outcomes": api(X_MANAGERS | {EXH_A}),
    "GET /api/v1/events/{event_id}/b2b/figures": api(X_AND_OBSERVER),
}

# Event Y is not published: besides the matrix above, a few of its pages and operations.
UNPUBLISHED: dict[str, Rule] = {
    "public:event": page(NOBODY, pk="event_y"),
    "public:visit": page(NOBODY, event_pk="event_y"),
    "events:event_detail": page(Y_MANAGERS | {OBSERVER}, pk="event_y"),
    "programme:timetable": page(Y_MANAGERS | {OBSERVER}, event_pk="event_y"),
    "reports:open_exhibitors": page(NOBODY, event_pk="event_y", fmt="csv"),
    "GET /api/v1/events/{event_id}": api(Y_MANAGERS | {OBSERVER}, event_id="event_y"),
    "GET /api/v1/events/{event_id}/sessions": api(Y_MANAGERS | {OBSERVER}, event_id="event_y"),
}
