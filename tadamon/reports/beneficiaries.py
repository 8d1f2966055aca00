"""The closing report's table of beneficiaries by commune and by sex (issue 17): where the
people trained come from, and how many women and men in each commune — E5's "30 women
beneficiaries in Aït Amdis" is one of its cells.

A beneficiary's commune is the programme's definition (tadamon.programme.selectors.
beneficiaries): the commune of their registry entry, else the commune of the first session
they attended. People with neither are gathered in a last row, so that the columns add up to
the report's ``beneficiaries`` and ``beneficiaries_women``. The page and the PDF show the
same rows; names are in the active language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tadamon.events.models import Event
from tadamon.programme.selectors.beneficiaries import event_beneficiaries
from tadamon.registry.models import Person


@dataclass(frozen=True)
class CommuneRow:
    commune: str
    women: int
    men: int
    total: int

    @property
    def not_stated(self) -> int:
        """Beneficiaries without a recorded gender."""
        return self.total - self.women - self.men


@dataclass(frozen=True)
class CommuneTable:
    rows: list[CommuneRow]
    total: CommuneRow

    @property
    def has_not_stated(self) -> bool:
        """Whether the table needs a column for people without a recorded gender."""
        return self.total.not_stated > 0


def beneficiaries_by_commune(event: Event) -> CommuneTable | None:
    """The table, largest commune first; None when nobody's attendance was recorded."""
    if not event.sessions.exists():
        return None
    figures = event_beneficiaries(event)
    if not figures["beneficiaries"]:
        return None
    rows = [
        CommuneRow(
            commune=row["name"],
            women=row["women"],
            men=row["men"],
            total=row["beneficiaries"],
        )
        for row in figures["by_commune"]
    ]
    by_gender = {row["code"]: row["beneficiaries"] for row in figures["by_gender"]}
    total = CommuneRow(
        commune=_("Total"),
        women=by_gender.get(Person.Gender.FEMALE, 0),
        men=by_gender.get(Person.Gender.MALE, 0),
        total=figures["beneficiaries"],
    )
    unplaced = CommuneRow(
        commune=_("commune not recorded"),
        women=total.women - sum(row.women for row in rows),
        men=total.men - sum(row.men for row in rows),
        total=total.total - sum(row.total for row in rows),
    )
    if unplaced.total:
        rows.append(unplaced)
    return CommuneTable(rows=rows, total=total)
