"""What the matrix posts: a valid form or JSON body for each view or API operation that needs
one, so that an allowed role really changes something and a refused one is refused by the
access rule rather than by a missing field. Each entry builds its body from the world.

An API operation that takes a body and has none here answers 422, which the matrix reports.
"""

import datetime
import io
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.accounts.permission_support import Multipart
from tests.accounts.permission_world import JUROR, REVIEWER, World

Body = Callable[[World], Any]


def _day(world: World, days: int = 0) -> str:
    return (world.today + datetime.timedelta(days=days)).isoformat()


UI_DATA: dict[str, Body] = {
    "registry:claim_refuse": lambda w: {"reason": "Inconnue de l'ODCO"},
    "broadcasts:compose": lambda w: {
        "participation_statuses": ["confirmed"],
        "subject": "Horaires",
        "text_ar": "يفتح المعرض على الساعة التاسعة.",
        "channels": ["email", "inbox"],
        "token": "5b0c1f7e-6a2d-4e8f-9b3a-1c2d3e4f5a6b",
        "confirm": "1",
    },
    "calendars:create": lambda w: {"kind": "programme", "event": w.event_x.pk},
    "invitations:invite": lambda w: {"organization": w.org_invitee.pk},
    "invitations:join": lambda w: {
        "first_name": "Nadia",
        "last_name": "Invitée",
        "phone": "0677889900",
        "email": "nadia@example.ma",
        "password1": "Argane-Souss-2026",
        "password2": "Argane-Souss-2026",
    },
    "awards:close_jury": lambda w: {"confirm_without_scores": "on"},
    "calls:application_decide": lambda w: {"decision": "rejected"},
    "calls:application_assign": lambda w: {"reviewers": [w.users[JUROR].pk]},
    "visitors:visitors_save": lambda w: {"gate": w.gate.name, "date": _day(w), "count": 40},
    "visitors:visitors_add_gate": lambda w: {"name": "Porte nord"},
    "programme:register": lambda w: {"person": w.person_a_new.pk},
    "programme:person_quick_add": lambda w: {
        "first_name": "Amina",
        "last_name": "Nouvelle",
        "gender": "f",
        "organization": w.org_a.pk,
    },
    "programme:checkin_mark": lambda w: {"person": w.person_a_registered.pk},
    "programme:certificate_batch_start": lambda w: {"kind": "participation"},
    "awards:score": lambda w: {f"criterion_{w.category.criteria.get().pk}": "7"},
    "b2b:save_setup": lambda w: {"tables": 6},
    "b2b:add_session": lambda w: {
        "label": "Après-midi",
        "date": _day(w, 1),
        "starts_at": "15:00",
        "ends_at": "16:00",
        "slot_minutes": 20,
    },
    "b2b:add_buyer": lambda w: {"organization": w.company_g.pk, "language": "fr"},
    "b2b:add_collective": lambda w: {
        "host": w.buyer_d.pk,
        "slot": w.free_slot.pk,
        "title": "Atelier acheteurs",
        "capacity": 4,
    },
    "b2b:move_meeting": lambda w: {"slot": w.free_slot.pk, "table": 2},
    "b2b:opt_in": lambda w: {"language": "ar"},
    "b2b:save_profile": lambda w: {"language": "fr", "offers": "Tapis"},
    "b2b:make_request": lambda w: {"recipient": w.buyer_f.pk, "priority": 2},
    "b2b:record_outcome": lambda w: {"kind": "contact"},
    "b2b:decide_buyer": lambda w: {"decision": "accept"},
}


def _png() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(image, "PNG")
    return image.getvalue()


def _at(world: World, days: int, hour: int) -> str:
    return f"{_day(world, days)}T{hour:02d}:00:00"


API_BODIES: dict[str, Body] = {
    # Registry.
    "POST /api/v1/organizations": lambda w: {
        "name_fr": "Coopérative nouvelle",
        "kind": "cooperative",
        "region": "01",
    },
    "PATCH /api/v1/organizations/{organization_id}": lambda w: {"description_fr": "Tapis"},
    "POST /api/v1/organizations/{organization_id}/merge": lambda w: {"duplicate": w.org_a_dup.pk},
    "POST /api/v1/organizations/{organization_id}/products": lambda w: {"name_fr": "Miel"},
    "PATCH /api/v1/products/{product_id}": lambda w: {"name_fr": "Miel de thym"},
    "POST /api/v1/people": lambda w: {
        "first_name": "Saïd",
        "last_name": "Nouveau",
        "gender": "m",
        "organization": w.org_a.pk,
    },
    "PATCH /api/v1/people/{person_id}": lambda w: {"phone": "0611223344"},
    # Events.
    "POST /api/v1/events": lambda w: {
        "organizer": w.body_x.pk,
        "kind": "bazaar",
        "title_fr": "Bazar",
        "region": "01",
        "start_date": _day(w, 30),
        "end_date": _day(w, 32),
    },
    "PATCH /api/v1/events/{event_id}": lambda w: {"theme_fr": "Thème"},
    "POST /api/v1/events/{event_id}/partners": lambda w: {
        "organization": w.company_g.pk,
        "role": "sponsor",
    },
    "POST /api/v1/events/{event_id}/waves": lambda w: {
        "label": "W3",
        "start_date": w.event_x.start_date.isoformat(),
        "end_date": w.event_x.end_date.isoformat(),
    },
    "PATCH /api/v1/waves/{wave_id}": lambda w: {"label": "W1 bis"},
    "POST /api/v1/events/{event_id}/booths": lambda w: [{"code": "B1"}],
    "POST /api/v1/events/{event_id}/booths/grid": lambda w: {
        "rows": 1,
        "columns": 2,
        "prefix": "G",
    },
    "POST /api/v1/events/{event_id}/participations": lambda w: {
        "organization": w.org_a_dup.pk,
        "status": "confirmed",
    },
    "PATCH /api/v1/participations/{participation_id}": lambda w: {"status": "pending"},
    # The call: A's application, its review and the selection.
    "POST /api/v1/events/{event_id}/call": lambda w: {
        "opens_on": (w.event_y.start_date - datetime.timedelta(days=30)).isoformat(),
        "closes_on": (w.event_y.start_date - datetime.timedelta(days=1)).isoformat(),
        "capacity": 10,
    },
    "PATCH /api/v1/events/{event_id}/call": lambda w: {"instructions_fr": "Venez"},
    "PUT /api/v1/events/{event_id}/call/criteria": lambda w: {
        "criteria": [{"name_fr": "Qualité", "weight": 1, "max_points": 10}]
    },
    "POST /api/v1/events/{event_id}/applications": lambda w: {"organization": w.org_a_dup.pk},
    "PATCH /api/v1/applications/{application_id}": lambda w: {"motivation": "Encore"},
    "POST /api/v1/applications/{application_id}/transitions": lambda w: {"status": "rejected"},
    "POST /api/v1/applications/{application_id}/reviewers": lambda w: {
        "reviewers": [w.users[JUROR].pk]
    },
    "POST /api/v1/events/{event_id}/reviewers/round-robin": lambda w: {
        "reviewers": [w.users[JUROR].pk],
        "per_application": 1,
    },
    "POST /api/v1/reviews/{assignment_id}/scores": lambda w: {
        "scores": {str(w.call.criteria.get().pk): 7}
    },
    "POST /api/v1/events/{event_id}/selection": lambda w: {"quotas": {}},
    "POST /api/v1/selections/{run_id}/adjust": lambda w: {"include": [], "exclude": []},
    "POST /api/v1/selections/{run_id}/publish": lambda w: {},
    "POST /api/v1/events/{event_id}/allocation": lambda w: {"method": "greedy"},
    "POST /api/v1/events/{event_id}/assignments/move": lambda w: {
        "participation": w.participation_a.pk,
        "booth": w.free_booth.pk,
        "wave": w.wave.pk,
    },
    # Programme.
    "POST /api/v1/events/{event_id}/sessions": lambda w: {
        "kind": "workshop",
        "title_fr": "Atelier",
        "starts_at": _at(w, 1, 14),
        "ends_at": _at(w, 1, 16),
    },
    "PATCH /api/v1/sessions/{session_id}": lambda w: {"room": "Salle 2"},
    "POST /api/v1/sessions/{session_id}/registrations": lambda w: {"person": w.person_a_new.pk},
    "POST /api/v1/sessions/{session_id}/attendance": lambda w: {"person": w.person_a_registered.pk},
    "POST /api/v1/events/{event_id}/certificates": lambda w: {
        "kind": "attendance",
        "person": w.person_a.pk,
    },
    "POST /api/v1/events/{event_id}/certificates/batch": lambda w: {"kind": "participation"},
    "POST /api/v1/certificates/{number}/revoke": lambda w: {"reason": "Erreur"},
    "PUT /api/v1/events/{event_id}/certificate-settings": lambda w: {"rule": "by_hand"},
    "POST /api/v1/events/{event_id}/certificate-settings/logo": lambda w: Multipart(
        {"logo": SimpleUploadedFile("logo.png", _png(), "image/png")}
    ),
    # Visitors and sales.
    "POST /api/v1/events/{event_id}/visitor-counts": lambda w: {
        "date": _day(w),
        "gate": w.gate.pk,
        "count": 5,
    },
    "POST /api/v1/events/{event_id}/visitor-registrations": lambda w: {"name": "Visiteur Deux"},
    "POST /api/v1/visitor-badges/{code}/arrival": lambda w: {"gate": w.gate.pk},
    "POST /api/v1/events/{event_id}/sales": lambda w: {
        "organization": w.org_a.pk,
        "date": w.yesterday.isoformat(),
        "amount_mad": "99.00",
    },
    "POST /api/v1/sales/{sale_id}/query": lambda w: {"reason": "Montant ?"},
    "POST /api/v1/sales/{sale_id}/reject": lambda w: {"reason": "Doublon"},
    "POST /api/v1/sales/{sale_id}/correct": lambda w: {"amount_mad": "300.00"},
    # Awards.
    "POST /api/v1/events/{event_id}/awards": lambda w: {
        "category": w.closed_category.pk,
        "organization": w.org_a.pk,
    },
    "POST /api/v1/award-categories/{category_id}/jurors": lambda w: {"user": w.users[REVIEWER].pk},
    "POST /api/v1/award-categories/{category_id}/candidates": lambda w: {
        "organization": w.org_b.pk
    },
    "POST /api/v1/award-categories/{category_id}/criteria": lambda w: {"name_fr": "Prix"},
    "POST /api/v1/award-categories/{category_id}/scores": lambda w: {
        "candidate": w.candidate.pk,
        "criterion": w.category.criteria.get().pk,
        "points": 6,
    },
    # B2B meetings.
    "PUT /api/v1/events/{event_id}/b2b/setup": lambda w: {"tables": 6},
    "POST /api/v1/events/{event_id}/b2b/sessions": lambda w: {
        "label": "Après-midi",
        "date": _day(w, 1),
        "starts_at": "15:00",
        "ends_at": "16:00",
    },
    "POST /api/v1/events/{event_id}/b2b/participants": lambda w: {
        "organization": w.company_g.pk,
        "side": "buyer",
    },
    "PUT /api/v1/b2b/participants/{participant_id}/availability": lambda w: {
        "unavailable_slots": [w.free_slot.pk]
    },
    "POST /api/v1/events/{event_id}/b2b/requests": lambda w: {
        "recipient": w.buyer_f.pk,
        "requester": w.participant_a.pk,
    },
    "POST /api/v1/b2b/requests/{request_id}/answer": lambda w: {"accept": True},
    "POST /api/v1/b2b/meetings/{meeting_id}/outcomes": lambda w: {
        "kind": "contact",
        "participant": w.participant_a.pk,
    },
}


def api_body(world: World, operation: str) -> Any:
    """A new body for the operation (None when it takes none)."""
    make = API_BODIES.get(operation)
    return make(world) if make is not None else None


def form_data(world: World, name: str) -> Any:
    """What to post to the page or action `name` (None: an empty form)."""
    make = UI_DATA.get(name)
    return make(world) if make is not None else None
