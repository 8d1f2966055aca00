"""Reading awards: results, jury progress, the scores a juror may see, report figures."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tadamon.awards.models import AwardCategory, AwardResult, JuryScore
from tadamon.events.models import Event, EventPartner
from tadamon.programme.models import Certificate


def categories_of(event: Event) -> QuerySet:
    return event.award_categories.annotate(
        candidate_count=Count("candidates", distinct=True),
        juror_count=Count("jurors", distinct=True),
        score_count=Count("candidates__scores", distinct=True),
    )


def with_joint(results: QuerySet) -> QuerySet:
    """Each result with `joint`: another result of its category shares its rank (ex aequo)."""
    others = AwardResult.objects.filter(
        category=OuterRef("category"), rank=OuterRef("rank")
    ).exclude(pk=OuterRef("pk"))
    return results.annotate(joint=Exists(others))


def results_of(event: Event, *, published_only: bool = True) -> QuerySet:
    """Results of published categories and those recorded by hand (decided already);
    with published_only=False, every result (for the event's managers)."""
    results = with_joint(AwardResult.objects.filter(category__event=event)).select_related(
        "category", "organization", "person"
    )
    if published_only:
        results = results.filter(Q(category__published_at__isnull=False) | Q(manual=True))
    return results.order_by("category__position", "category_id", "rank", "id")


def winners_of(event: Event) -> list[AwardResult]:
    """Published winners: the first `winners_count` of each category, plus manual awards."""
    return [
        result
        for result in results_of(event)
        if result.manual or result.rank <= result.category.winners_count
    ]


def visible_scores(*, user: Any, category: AwardCategory, everyone: bool = False) -> QuerySet:
    """While the jury is open a juror sees only their own scores; once it closes, all.
    `everyone` is for the event's managers, who follow the jury's work."""
    scores = JuryScore.objects.filter(candidate__category=category).select_related(
        "juror__user", "candidate", "criterion"
    )
    if category.jury_closed_at is None and not everyone:
        scores = scores.filter(juror__user_id=user.pk)
    return scores


def jury_progress(category: AwardCategory) -> dict[str, int]:
    """How many of the expected scores (jurors × candidates × criteria) are in."""
    expected = category.jurors.count() * category.candidates.count() * category.criteria.count()
    given = JuryScore.objects.filter(candidate__category=category).count()
    return {"expected": expected, "given": given}


def report_figures(event: Event) -> dict[str, list[dict[str, Any]]]:
    """The `awards` key of the closing report (SPEC 5)."""
    return {
        "awards": [
            {
                "category": result.category.code,
                "category_name": result.category.name,
                "winner": str(result.winner),
                "organization": result.organization_id,
                "person": result.person_id,
                "rank": result.rank,
                "joint": result.joint,
            }
            for result in winners_of(event)
        ]
    }


def partner_appreciations(event: Event) -> list[dict[str, Any]]:
    """The event's partners, each once with its roles, and its live certificate of
    appreciation (None until issued): what the ceremony hands out with the shields."""
    certificates = {
        certificate.organization_id: certificate
        for certificate in Certificate.objects.filter(
            event=event,
            kind=Certificate.Kind.APPRECIATION,
            person__isnull=True,
            revoked_at__isnull=True,
        )
    }
    partners: dict[int, dict[str, Any]] = {}
    for partner in (
        EventPartner.objects.filter(event=event)
        .select_related("organization")
        .order_by("organization__name_fr", "organization__name_ar", "role")
    ):
        entry = partners.setdefault(
            partner.organization_id,
            {
                "organization": partner.organization,
                "roles": [],
                "certificate": certificates.get(partner.organization_id),
            },
        )
        entry["roles"].append(partner.get_role_display())
    return list(partners.values())
