"""Suggested meetings for a participant: participants of the other side ranked by shared
sectors and by how well what one offers answers what the other seeks (fuzzy, Arabic-aware)."""

from dataclasses import dataclass

from rapidfuzz import fuzz

from tadamon.b2b.models import MeetingRequest, Participant
from tadamon.core.text import normalize

SECTOR_POINTS = 40  # a shared sector weighs more than any text resemblance
TEXT_POINTS = 60


@dataclass(frozen=True)
class Suggestion:
    participant: Participant
    score: int
    shared_sectors: list[str]
    text_match: int  # 0..100


def _text_score(offers: str, seeks: str) -> int:
    if not offers.strip() or not seeks.strip():
        return 0
    return int(fuzz.token_set_ratio(normalize(offers), normalize(seeks)))


def suggestions(participant: Participant, *, limit: int = 20) -> list[Suggestion]:
    """The best counterparts first; those already asked (either way) are left out."""
    asked = set()
    for requester, recipient in (
        MeetingRequest.objects.filter(event=participant.event)
        .exclude(status=MeetingRequest.Status.CANCELLED)
        .values_list("requester_id", "recipient_id")
    ):
        if requester == participant.pk:
            asked.add(recipient)
        elif recipient == participant.pk:
            asked.add(requester)
    mine = {sector.pk: sector for sector in participant.sectors.all()}
    others = (
        Participant.objects.filter(event=participant.event)
        .exclude(side=participant.side)
        .exclude(pk__in=asked)
        .select_related("organization")
        .prefetch_related("sectors")
    )
    ranked = []
    for other in others:
        shared = [str(sector) for sector in other.sectors.all() if sector.pk in mine]
        text = max(
            _text_score(participant.offers, other.seeks),
            _text_score(other.offers, participant.seeks),
        )
        score = SECTOR_POINTS * min(len(shared), 2) // 2 + TEXT_POINTS * text // 100
        if shared or text >= 50:
            ranked.append(Suggestion(other, score, shared, text))
    ranked.sort(key=lambda s: (-s.score, str(s.participant)))
    return ranked[:limit]
