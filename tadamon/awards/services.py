"""Business rules of awards: categories, juries, computed winners and publication.

Tie-break rules (stated to organizers and written into each result's explanation):
- jury: higher weighted mean; then the higher lowest juror score (a candidate no juror
  marked down wins);
- oldest cooperative / oldest artisan in an endangered craft: earliest founding year (the
  owner's age is not recorded, so the founding year of the artisan's workshop stands for
  it); then the lowest registration number (one without a number comes after);
- largest sales: larger validated total.
Candidates these rules cannot separate are joint winners: they share a rank (standard
competition ranking, 1, 1, 3), and a category's `winners_count` takes in every candidate
ranked within it, ex aequo included. The name only orders joint winners on the page; neither it
nor the order of registration decides a prize (issue 15). Winners recorded by hand are joint
winners (rank 1) unless the organizer gives their rank.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.awards import ranking
from tadamon.awards.models import (
    AwardCategory,
    AwardResult,
    Candidate,
    Juror,
    JuryCriterion,
    JuryScore,
)
from tadamon.core import audit
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.registry.models import Organization, Person

Rule = AwardCategory.Rule

# The seven awards of E4 (SPEC 1): code, Arabic, French, rule (empty: jury), winners.
E4_TEMPLATE: tuple[tuple[str, str, str, str, int], ...] = (
    ("best_product", "جائزة أفضل منتوج", "Meilleur produit", "", 1),
    ("best_booth", "جائزة أفضل رواق", "Meilleur stand", "", 1),
    ("eco_friendly", "جائزة التعاونية الصديقة للبيئة", "Coopérative éco-responsable", "", 1),
    (
        "oldest_cooperative",
        "جائزة أقدم تعاونية",
        "Plus ancienne coopérative",
        Rule.OLDEST_COOPERATIVE,
        1,
    ),
    (
        "oldest_endangered_craft_artisan",
        "جائزة أقدم حرفي في حرفة مهددة بالانقراض",
        "Plus ancien artisan d'un métier menacé",
        Rule.OLDEST_ENDANGERED_CRAFT_ARTISAN,
        1,
    ),
    ("innovation", "جائزة الابتكار", "Innovation", "", 2),
    ("largest_sales", "جائزة أكبر رقم معاملات", "Meilleures ventes", Rule.LARGEST_SALES, 1),
)


@transaction.atomic
def create_from_template(*, event: Event, actor: Any) -> list[AwardCategory]:
    """The seven E4 categories; categories already there (same code) are left alone."""
    require_event_manager(actor, event)
    categories = []
    for position, (code, name_ar, name_fr, rule, winners) in enumerate(E4_TEMPLATE, start=1):
        category, created = AwardCategory.objects.get_or_create(
            event=event,
            code=code,
            defaults={
                "name_ar": name_ar,
                "name_fr": name_fr,
                "kind": AwardCategory.Kind.COMPUTED if rule else AwardCategory.Kind.JURY,
                "rule": rule,
                "winners_count": winners,
                "position": position,
            },
        )
        if created:
            audit.record(actor=actor, action="award_category.create", obj=category, created=True)
        categories.append(category)
    return categories


def _winners(category: AwardCategory) -> list[str]:
    """The category's results as the audit trail shows them: "rank. name"."""
    results = category.results.select_related("organization", "person").order_by("rank", "pk")
    return [f"{result.rank}. {result.organization or result.person}" for result in results]


def _require_open_jury(category: AwardCategory) -> None:
    if not category.is_jury:
        raise ValidationError({"category": _("This category is computed, not scored by a jury.")})
    if category.jury_closed_at is not None:
        raise ValidationError({"category": _("The jury of this category is closed.")})


@transaction.atomic
def add_criterion(
    *,
    category: AwardCategory,
    actor: Any,
    name_ar: str = "",
    name_fr: str = "",
    weight: Decimal = Decimal(1),
    max_points: int = 10,
) -> JuryCriterion:
    require_event_manager(actor, category.event)
    _require_open_jury(category)
    if not name_ar.strip() and not name_fr.strip():
        raise ValidationError({"name_ar": _("Give the name in Arabic or in French.")})
    if weight <= 0:
        raise ValidationError({"weight": _("The weight must be above zero.")})
    if max_points <= 0:
        raise ValidationError({"max_points": _("The maximum must be above zero.")})
    criterion = JuryCriterion.objects.create(
        category=category, name_ar=name_ar, name_fr=name_fr, weight=weight, max_points=max_points
    )
    audit.record(actor=actor, action="award.criterion.added", obj=criterion, created=True)
    return criterion


def _owner_of(organization: Organization | None, person: Person | None) -> int | None:
    if organization is not None:
        return organization.pk
    return person.organization_id if person is not None else None


@transaction.atomic
def add_candidate(
    *,
    category: AwardCategory,
    actor: Any,
    organization: Organization | None = None,
    person: Person | None = None,
) -> Candidate:
    require_event_manager(actor, category.event)
    _require_open_jury(category)
    if (organization is None) == (person is None):
        raise ValidationError({"organization": _("Give an organization or a person.")})
    owner = _owner_of(organization, person)
    if owner and category.jurors.filter(user__organization_id=owner).exists():
        raise ValidationError(
            {"organization": _("A juror of this category belongs to this organization.")}
        )
    candidate, created = Candidate.objects.get_or_create(
        category=category, organization=organization, person=person
    )
    if created:
        audit.record(actor=actor, action="award.candidate.added", obj=candidate, created=True)
    return candidate


@transaction.atomic
def assign_juror(*, category: AwardCategory, user: Any, actor: Any) -> Juror:
    """A juror never judges their own organization: refused when it is a candidate."""
    require_event_manager(actor, category.event)
    _require_open_jury(category)
    if user.organization_id and any(
        candidate.organization_id_of_record == user.organization_id
        for candidate in category.candidates.select_related("person")
    ):
        raise ValidationError(
            {"juror": _("This juror's organization is a candidate in this category.")}
        )
    juror, created = Juror.objects.get_or_create(category=category, user=user)
    if created:
        audit.record(actor=actor, action="award.juror.assign", obj=juror, data={"user": user.pk})
    return juror


@transaction.atomic
def score(
    *, juror_user: Any, candidate: Candidate, criterion: JuryCriterion, points: Decimal
) -> JuryScore:
    category = candidate.category
    if criterion.category_id != category.pk:
        raise ValidationError({"criterion": _("This criterion belongs to another category.")})
    juror = Juror.objects.filter(category=category, user=juror_user).first()
    if juror is None:
        raise PermissionDenied(_("Only this category's jurors score its candidates."))
    if (
        juror_user.organization_id
        and candidate.organization_id_of_record == juror_user.organization_id
    ):
        raise PermissionDenied(_("A juror never scores their own organization."))
    _require_open_jury(category)
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            {"points": _("Give between 0 and %(max)s points.") % {"max": criterion.max_points}}
        )
    previous = JuryScore.objects.filter(juror=juror, candidate=candidate, criterion=criterion)
    before = audit.snapshot(previous[0], ["points"]) if previous else None
    entry, created = JuryScore.objects.update_or_create(
        juror=juror, candidate=candidate, criterion=criterion, defaults={"points": points}
    )
    entry.refresh_from_db(fields=["points"])  # as stored ("7.00"), like the value before
    audit.record(
        actor=juror_user, action="award.jury.scored", obj=entry, before=before, created=created
    )
    return entry


@transaction.atomic
def close_jury(
    *, category: AwardCategory, actor: Any, confirm_without_scores: bool = False
) -> list[AwardResult]:
    """Closes the jury and ranks its candidates; scores become visible to every juror. A jury
    without a single score ranks nobody and cannot be reopened, so closing it needs the
    organizer's explicit `confirm_without_scores` (e.g. the prize was decided on paper)."""
    require_event_manager(actor, category.event)
    _require_open_jury(category)
    scored = JuryScore.objects.filter(candidate__category=category).exists()
    if not scored and not confirm_without_scores:
        raise ValidationError(
            {
                "confirm_without_scores": _(
                    "No juror has given any score in this category: closing the jury now "
                    "ranks nobody. Confirm to close it without scores."
                )
            },
            code="no_scores",
        )
    entries = ranking.jury_ranking(category)
    results = ranking.ranked(
        category,
        entries,
        key=ranking.jury_key,
        tie_keys=ranking.jury_tie,
    )
    before = audit.snapshot(category, ["jury_closed_at"])
    category.jury_closed_at = timezone.now()
    category.save(update_fields=["jury_closed_at"])
    audit.record(
        actor=actor,
        action="award.jury.close",
        obj=category,
        before=before,
        data={"without_scores": not scored},
    )
    return results


@transaction.atomic
def compute(*, category: AwardCategory, actor: Any) -> list[AwardResult]:
    """Ranks a computed category from the records; only its first `winners_count` are kept."""
    require_event_manager(actor, category.event)
    if category.is_jury:
        raise ValidationError({"category": _("This category is scored by a jury.")})
    event = category.event
    if category.rule == Rule.LARGEST_SALES:
        entries = ranking.sales_entries(event)
        key, tie = ranking.sales_key, ranking.sales_tie
    else:
        exhibitors = ranking.exhibitors(event).filter(kind__code="cooperative")
        if category.rule == Rule.OLDEST_ENDANGERED_CRAFT_ARTISAN:
            exhibitors = ranking.exhibitors(event).filter(
                kind__code="artisan", endangered_craft=True
            )
        entries = ranking.founding_entries(exhibitors)
        key, tie = ranking.founding_key, ranking.founding_tie
    ranking.sort_entries(entries, key)
    ranks = ranking.competition_ranks(entries, key)
    # The first `winners_count` ranks, with everyone sharing the last of them.
    kept = [e for e, rank in zip(entries, ranks, strict=True) if rank <= category.winners_count]
    # A tie with the first one left out still deserves its explanation.
    if len(entries) > len(kept) and kept and entries[len(kept)]["tie"] == kept[-1]["tie"]:
        kept[-1]["why"] += " " + tie(kept[-1], entries[len(kept)])
    winners_before = _winners(category)
    results = ranking.ranked(category, kept, key=key, tie_keys=tie)
    audit.record(
        actor=actor,
        action="award.compute",
        obj=category,
        data={"results": len(results)},
        changes=audit.diff({"winners": winners_before}, {"winners": _winners(category)}),
    )
    return results


def compute_event(*, event: Event, actor: Any) -> list[AwardResult]:
    require_event_manager(actor, event)
    results: list[AwardResult] = []
    for category in event.award_categories.filter(kind=AwardCategory.Kind.COMPUTED):
        results.extend(compute(category=category, actor=actor))
    return results


@transaction.atomic
def publish(*, category: AwardCategory, actor: Any) -> AwardCategory:
    require_event_manager(actor, category.event)
    if not category.results.exists():
        raise ValidationError({"category": _("This category has no result to publish yet.")})
    before = audit.snapshot(category, ["published_at", "published_by"])
    category.published_at = timezone.now()
    category.published_by = actor
    category.save(update_fields=["published_at", "published_by"])
    audit.record(actor=actor, action="award.publish", obj=category, before=before)
    return category


@transaction.atomic
def award_manually(
    *,
    category: AwardCategory,
    actor: Any,
    organization: Organization | None = None,
    person: Person | None = None,
    rank: int | None = None,
) -> AwardResult:
    """An award decided outside Tadamon (e.g. a jury on paper), recorded by an organizer; a
    winner without a `rank` is a joint winner of the category (rank 1)."""
    require_event_manager(actor, category.event)
    if (organization is None) == (person is None):
        raise ValidationError({"organization": _("Give an organization or a person.")})
    if (
        organization is not None
        and not ranking.exhibitors(category.event).filter(pk=organization.pk).exists()
    ):
        raise ValidationError(
            {"organization": _("This organization is not an exhibitor of the event.")}
        )
    same = {"organization": organization} if organization is not None else {"person": person}
    if category.results.filter(**same).exists():
        raise ValidationError({"category": _("This winner is already recorded in this category.")})
    if rank is None:
        rank = 1
    elif not 1 <= rank <= category.winners_count:
        raise ValidationError(
            {
                "rank": _("Give a rank between 1 and %(count)s, the category's winners.")
                % {"count": category.winners_count}
            }
        )
    result = AwardResult.objects.create(
        category=category,
        organization=organization,
        person=person,
        rank=rank,
        manual=True,
        recorded_by=actor,
        explanation=_("Recorded by the organizer."),
    )
    audit.record(actor=actor, action="award.manual", obj=result, created=True)
    return result
