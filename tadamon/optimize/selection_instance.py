"""Validation of a selection instance into typed, immutable records.

Everything the model needs is checked here, once, so that the model code can trust its input and
every error names the offending field (``applicants[3].score must be a number >= 0``).

Lenient on purpose: an applicant's flags default to false, its region, province, sector and waves
to null. Strict on purpose: unknown fields are rejected, because a misspelt ``women-led`` would
otherwise silently read as false and change who is selected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from tadamon.optimize.errors import InstanceError
from tadamon.optimize.numbers import is_number

# Shares are compared in basis points rather than whole percent so that "a third" (0.3333) keeps
# its meaning; the comparison stays in integers: SHARE_SCALE * count >= round(share *
# SHARE_SCALE) * selected.
SHARE_SCALE = 10_000
# Scores are turned into integers for CP-SAT with the smallest power of ten that makes them exact,
# at most 10**MAX_DECIMALS; beyond that, scores are compared after rounding.
MAX_DECIMALS = 4
# Keeps every scaled sum far inside CP-SAT's 64-bit integers.
MAX_SCORE = 1_000_000_000

FLAGS = ("women_led", "youth_led", "first_time")
PLACES = ("region", "province", "sector")
APPLICANT_FIELDS = frozenset({"id", "score", "waves", *FLAGS, *PLACES})
WAVE_FIELDS = frozenset({"label", "capacity"})
TOP_FIELDS = frozenset(
    {"capacity", "applicants", "waves", "quotas", "fill", "time_limit_s", "workers"}
)
FILL_MODES = ("max", "exact")

SHARE_QUOTAS: dict[str, str] = {
    "min_share_women_led": "women_led",
    "min_share_youth_led": "youth_led",
    "min_share_first_time": "first_time",
}
WAVE_SHARE_QUOTAS: dict[str, str] = {"min_share_women_led_per_wave": "women_led"}
# name -> (bound, applicant attribute); the order here is the order of the quota report.
COUNT_QUOTAS: dict[str, tuple[str, str]] = {
    "min_per_region": ("min", "region"),
    "max_per_region": ("max", "region"),
    "min_per_province": ("min", "province"),
    "max_per_province": ("max", "province"),
    "min_per_sector": ("min", "sector"),
    "max_per_sector": ("max", "sector"),
}
QUOTA_OPTIONS = frozenset({"balance_waves"})
QUOTA_FIELDS = frozenset({*SHARE_QUOTAS, *WAVE_SHARE_QUOTAS, *COUNT_QUOTAS, *QUOTA_OPTIONS})


@dataclass(frozen=True)
class Applicant:
    index: int
    id: str | int
    score: float
    women_led: bool
    youth_led: bool
    first_time: bool
    region: str | None
    province: str | None
    sector: str | None
    waves: tuple[str, ...] | None


@dataclass(frozen=True)
class Wave:
    label: str
    capacity: int


@dataclass(frozen=True)
class Quota:
    """One quota constraint: a share of the selected, or a count for one region/province/sector.

    A per-wave share quota is expanded into one Quota per wave, ``key`` being the wave label.
    """

    name: str
    key: str | None
    bound: str  # "min" or "max"
    attribute: str
    value: float | int
    per_wave: bool = False

    @property
    def is_share(self) -> bool:
        return self.name in SHARE_QUOTAS or self.name in WAVE_SHARE_QUOTAS

    @property
    def scaled_share(self) -> int:
        return round(self.value * SHARE_SCALE)

    @property
    def label(self) -> str:
        return self.name if self.key is None else f"{self.name}:{self.key}"

    def counts(self, applicant: Applicant) -> bool:
        """Whether ``applicant`` counts towards this quota (wave membership aside)."""
        value = getattr(applicant, self.attribute)
        return value is True if self.is_share else value == self.key

    def required_count(self, selected: int) -> int:
        """The least (or, for a max quota, the most) members allowed among ``selected``."""
        if not self.is_share:
            return int(self.value)
        return -(-self.scaled_share * selected // SHARE_SCALE)  # integer ceiling


@dataclass(frozen=True)
class Instance:
    capacity: int
    applicants: tuple[Applicant, ...]
    waves: tuple[Wave, ...] | None
    quotas: tuple[Quota, ...]
    fill: str
    time_limit_s: float
    workers: int
    balance_waves: bool
    score_factor: int

    @cached_property
    def effective_capacity(self) -> int:
        if self.waves is None:
            return self.capacity
        return min(self.capacity, sum(wave.capacity for wave in self.waves))

    @cached_property
    def allowed_waves(self) -> tuple[tuple[int, ...], ...]:
        """Per applicant, the indices of the waves it accepts that have room at all."""
        if self.waves is None:
            return tuple(() for _ in self.applicants)
        open_waves = [w for w, wave in enumerate(self.waves) if wave.capacity > 0]
        return tuple(
            tuple(w for w in open_waves if a.waves is None or self.waves[w].label in a.waves)
            for a in self.applicants
        )

    def placeable(self, applicant: Applicant) -> bool:
        return self.waves is None or bool(self.allowed_waves[applicant.index])

    @cached_property
    def target(self) -> int | None:
        """The exact number to select with fill "exact", None with fill "max"."""
        if self.fill != "exact":
            return None
        placeable = sum(1 for a in self.applicants if self.placeable(a))
        return min(self.effective_capacity, placeable)

    @cached_property
    def least(self) -> int:
        """The fewest applicants a selection may hold: the target with fill "exact"; else one
        whenever someone can be placed, since a share of nobody is undefined and an empty
        selection must never be how a quota "holds" (issue 15)."""
        if self.target is not None:
            return self.target
        placeable = any(self.placeable(a) for a in self.applicants)
        return 1 if placeable and self.effective_capacity > 0 else 0

    @cached_property
    def scaled_scores(self) -> tuple[int, ...]:
        return tuple(round(a.score * self.score_factor) for a in self.applicants)

    @cached_property
    def ranking(self) -> tuple[int, ...]:
        """Applicant indices by descending score, ties by input order."""
        return tuple(sorted(range(len(self.applicants)), key=self._rank_key))

    @cached_property
    def rank_of(self) -> tuple[int, ...]:
        ranks = [0] * len(self.applicants)
        for rank, index in enumerate(self.ranking):
            ranks[index] = rank
        return tuple(ranks)

    def _rank_key(self, index: int) -> tuple[int, int]:
        return (-self.scaled_scores[index], index)

    def wave_index(self, label: str) -> int:
        assert self.waves is not None
        return next(w for w, wave in enumerate(self.waves) if wave.label == label)


def parse_instance(raw: Any) -> Instance:
    """Validate ``raw`` (a decoded JSON object) and return the typed instance."""
    if not isinstance(raw, Mapping):
        raise InstanceError("the instance must be a JSON object")
    _reject_unknown(raw, TOP_FIELDS, "")
    if "capacity" not in raw:
        raise InstanceError("capacity is required")
    capacity = _count(raw["capacity"], "capacity")
    waves = _parse_waves(raw.get("waves"))
    applicants = _parse_applicants(raw.get("applicants"), waves)
    quotas, balance_waves = _parse_quotas(raw.get("quotas"), waves)
    return Instance(
        capacity=capacity,
        applicants=applicants,
        waves=waves,
        quotas=quotas,
        fill=_parse_fill(raw.get("fill")),
        time_limit_s=_positive_number(raw.get("time_limit_s", 10), "time_limit_s"),
        workers=_parse_workers(raw.get("workers", 2)),
        balance_waves=balance_waves,
        score_factor=_score_factor(applicants),
    )


def _is_int(value: Any) -> bool:
    # bool is a subclass of int in Python, but `true` is not a capacity.
    return isinstance(value, int) and not isinstance(value, bool)


def _count(value: Any, field: str) -> int:
    if not _is_int(value) or value < 0:
        raise InstanceError(f"{field} must be an integer >= 0")
    return value


def _positive_number(value: Any, field: str) -> float:
    if not is_number(value) or value <= 0:
        raise InstanceError(f"{field} must be a number > 0")
    return float(value)


def _parse_workers(value: Any) -> int:
    if not _is_int(value) or value < 1:
        raise InstanceError("workers must be an integer >= 1")
    return value


def _parse_fill(value: Any) -> str:
    if value is None:
        return "max"
    if value not in FILL_MODES:
        raise InstanceError('fill must be "max" or "exact"')
    return value


def _reject_unknown(raw: Mapping[str, Any], known: frozenset[str], prefix: str) -> None:
    for key in raw:
        if key not in known:
            raise InstanceError(f"{prefix}{key} is not a known field")


def _parse_waves(raw: Any) -> tuple[Wave, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        raise InstanceError("waves must be a non-empty list or null")
    waves = tuple(_parse_wave(item, f"waves[{w}]") for w, item in enumerate(raw))
    seen: set[str] = set()
    for w, wave in enumerate(waves):
        if wave.label in seen:
            raise InstanceError(f"waves[{w}].label {wave.label!r} is used twice")
        seen.add(wave.label)
    return waves


def _parse_wave(raw: Any, field: str) -> Wave:
    if not isinstance(raw, Mapping):
        raise InstanceError(f"{field} must be an object")
    _reject_unknown(raw, WAVE_FIELDS, f"{field}.")
    label = raw.get("label")
    if not isinstance(label, str) or not label:
        raise InstanceError(f"{field}.label must be a non-empty string")
    return Wave(label=label, capacity=_count(raw.get("capacity"), f"{field}.capacity"))


def _parse_applicants(raw: Any, waves: tuple[Wave, ...] | None) -> tuple[Applicant, ...]:
    if not isinstance(raw, list):
        raise InstanceError("applicants must be a list")
    labels = None if waves is None else {wave.label for wave in waves}
    applicants = tuple(_parse_applicant(item, i, labels) for i, item in enumerate(raw))
    first_index: dict[str, int] = {}
    for applicant in applicants:
        # Ids become JSON object keys in "explanations", so 7 and "7" would collide.
        key = str(applicant.id)
        if key in first_index:
            raise InstanceError(
                f"applicants[{applicant.index}].id {applicant.id!r} duplicates "
                f"applicants[{first_index[key]}].id"
            )
        first_index[key] = applicant.index
    return applicants


def _parse_applicant(raw: Any, index: int, labels: set[str] | None) -> Applicant:
    field = f"applicants[{index}]"
    if not isinstance(raw, Mapping):
        raise InstanceError(f"{field} must be an object")
    _reject_unknown(raw, APPLICANT_FIELDS, f"{field}.")
    return Applicant(
        index=index,
        id=_parse_id(raw.get("id"), f"{field}.id"),
        score=_parse_score(raw.get("score"), f"{field}.score"),
        women_led=_flag(raw.get("women_led"), f"{field}.women_led"),
        youth_led=_flag(raw.get("youth_led"), f"{field}.youth_led"),
        first_time=_flag(raw.get("first_time"), f"{field}.first_time"),
        region=_code(raw.get("region"), f"{field}.region"),
        province=_code(raw.get("province"), f"{field}.province"),
        sector=_code(raw.get("sector"), f"{field}.sector"),
        waves=_applicant_waves(raw.get("waves"), f"{field}.waves", labels),
    )


def _parse_id(value: Any, field: str) -> str | int:
    if (isinstance(value, str) and value) or _is_int(value):
        return value
    raise InstanceError(f"{field} must be a non-empty string or an integer")


def _parse_score(value: Any, field: str) -> float:
    if not is_number(value) or value < 0:
        raise InstanceError(f"{field} must be a number >= 0")
    if value > MAX_SCORE:
        raise InstanceError(f"{field} must be at most {MAX_SCORE}")
    return value


def _flag(value: Any, field: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InstanceError(f"{field} must be true or false")
    return value


def _code(value: Any, field: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InstanceError(f"{field} must be a string or null")
    return value


def _applicant_waves(value: Any, field: str, labels: set[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise InstanceError(f"{field} must be a list of wave labels or null")
    for k, label in enumerate(value):
        if labels is None:
            raise InstanceError(f"{field} is given but the instance defines no waves")
        if not isinstance(label, str) or label not in labels:
            raise InstanceError(f"{field}[{k}] {label!r} is not a known wave label")
    return tuple(dict.fromkeys(value))


def _parse_quotas(raw: Any, waves: tuple[Wave, ...] | None) -> tuple[tuple[Quota, ...], bool]:
    if raw is None:
        return (), True
    if not isinstance(raw, Mapping):
        raise InstanceError("quotas must be an object or null")
    for key in raw:
        if key not in QUOTA_FIELDS:
            raise InstanceError(f"quotas.{key} is not a known quota")
    quotas: list[Quota] = []
    for name, attribute in SHARE_QUOTAS.items():
        quotas.extend(_share_quotas(raw.get(name), name, attribute, None))
    for name, attribute in WAVE_SHARE_QUOTAS.items():
        quotas.extend(_share_quotas(raw.get(name), name, attribute, waves))
    for name, (bound, attribute) in COUNT_QUOTAS.items():
        quotas.extend(_count_quotas(raw.get(name), name, bound, attribute))
    return tuple(quotas), _balance_option(raw.get("balance_waves"))


def _share_quotas(
    value: Any, name: str, attribute: str, waves: tuple[Wave, ...] | None
) -> list[Quota]:
    if value is None:
        return []
    field = f"quotas.{name}"
    if not is_number(value) or not 0 <= value <= 1:
        raise InstanceError(f"{field} must be a number between 0 and 1")
    if name not in WAVE_SHARE_QUOTAS:
        return [Quota(name, None, "min", attribute, float(value))]
    if waves is None:
        raise InstanceError(f"{field} needs waves, but the instance defines none")
    share = float(value)
    return [Quota(name, wave.label, "min", attribute, share, per_wave=True) for wave in waves]


def _count_quotas(value: Any, name: str, bound: str, attribute: str) -> list[Quota]:
    if value is None:
        return []
    field = f"quotas.{name}"
    if not isinstance(value, Mapping):
        raise InstanceError(f"{field} must be an object mapping codes to counts, or null")
    return [
        Quota(name, str(code), bound, attribute, _count(count, f"{field}.{code}"))
        for code, count in value.items()
    ]


def _balance_option(value: Any) -> bool:
    if value is None:
        return True
    if not isinstance(value, bool):
        raise InstanceError("quotas.balance_waves must be true or false")
    return value


def _score_factor(applicants: tuple[Applicant, ...]) -> int:
    """The smallest power of ten (up to 10**MAX_DECIMALS) turning every score into an integer."""
    for decimals in range(MAX_DECIMALS + 1):
        factor = 10**decimals
        if all(_is_whole(a.score * factor) for a in applicants):
            return factor
    return 10**MAX_DECIMALS


def _is_whole(value: float) -> bool:
    # 0.07 * 100 is 7.000000000000001 in binary floating point: allow that much noise.
    return abs(value - round(value)) <= 1e-9 * max(1.0, abs(value))
