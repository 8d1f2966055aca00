"""Table numbers, given after solving: any numbering inside a slot is as good for the model.

Inside each slot the meetings take tables 1, 2, ... in request order, so the numbering is
deterministic and a request keeps its table when the rest of its slot is unchanged above it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tadamon.optimize.schedule_plan import Plan


@dataclass(frozen=True)
class Seat:
    request: int
    slot: int
    table: int


def number_tables(plan: Plan) -> list[Seat]:
    """The seats of a plan, ordered by slot (instance order), then table."""
    seats = []
    next_table: dict[int, int] = {}
    for r, t in sorted(plan.items(), key=lambda item: (item[1], item[0])):
        next_table[t] = next_table.get(t, 0) + 1
        seats.append(Seat(request=r, slot=t, table=next_table[t]))
    return seats
