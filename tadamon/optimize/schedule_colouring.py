"""The exact shortcut for the classic case: bipartite requests, everyone in the same slots.

Then choosing the meetings and placing them in slots can be done one after the other. The flow
bound's LP picks a best set of meetings with every participant in at most |slots| of them and at
most |slots| x tables in all; on a bipartite graph that LP has an integral optimum. König's
theorem colours the edges of a bipartite graph of maximum degree d with d colours, so the chosen
meetings fit into the slots with nobody twice in a slot; swapping colours along alternating paths
then evens out the colour classes until none holds more than ``tables`` meetings (possible since
the total is at most |slots| x tables). The result reaches the bound, so it is optimal, in
milliseconds, where the MIP may need minutes to close the same gap on symmetric slots.
"""

from __future__ import annotations

from collections import deque

from tadamon.optimize.schedule_instance import Instance
from tadamon.optimize.schedule_plan import Plan


def common_slots(inst: Instance, requests: list[int]) -> tuple[int, ...] | None:
    """The slots shared by every participant of ``requests`` when they all have the same
    availability and the requests form a bipartite graph; otherwise None."""
    people = {p for r in requests for p in (inst.requests[r].a, inst.requests[r].b)}
    if not people:
        return ()
    availabilities = {inst.participants[p].available for p in people}
    if len(availabilities) != 1 or not _bipartite(inst, requests):
        return None
    return tuple(sorted(next(iter(availabilities))))


def _bipartite(inst: Instance, requests: list[int]) -> bool:
    neighbours: dict[int, list[int]] = {}
    for r in requests:
        a, b = inst.requests[r].a, inst.requests[r].b
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    side: dict[int, int] = {}
    for start in neighbours:
        if start in side:
            continue
        side[start] = 0
        queue = deque([start])
        while queue:
            p = queue.popleft()
            for q in neighbours[p]:
                if q not in side:
                    side[q] = 1 - side[p]
                    queue.append(q)
                elif side[q] == side[p]:
                    return False
    return True


def colour(inst: Instance, chosen: list[int], slots: tuple[int, ...]) -> Plan | None:
    """Slots for the ``chosen`` requests (bipartite, nobody in more than len(slots) of them, at
    most len(slots) x tables in all) with at most ``tables`` per slot; None if the premises fail.
    """
    k = len(slots)
    if not chosen:
        return {}
    if len(chosen) > k * inst.tables:
        return None
    colours = _edge_colouring(inst, chosen, k)
    if colours is None:
        return None
    _even_out(inst, chosen, colours, k)
    return {r: slots[c] for r, c in zip(chosen, colours, strict=True)}


def _edge_colouring(inst: Instance, chosen: list[int], k: int) -> list[int] | None:
    """A proper colouring with colours 0..k-1, edge by edge: take the smallest colour free at each
    end; if they differ, flip the two colours along the alternating path from the second end,
    which cannot reach the first end in a bipartite graph, so one colour is free at both."""
    at: dict[int, dict[int, int]] = {}  # participant -> colour -> edge position in chosen
    colours = [-1] * len(chosen)
    for e, r in enumerate(chosen):
        u, v = inst.requests[r].a, inst.requests[r].b
        at_u, at_v = at.setdefault(u, {}), at.setdefault(v, {})
        alpha = next((c for c in range(k) if c not in at_u), None)
        beta = next((c for c in range(k) if c not in at_v), None)
        if alpha is None or beta is None:
            return None  # a participant in more than k meetings: not this method's input
        if alpha in at_v:
            _flip_path(inst, chosen, colours, at, v, alpha, beta)
        colours[e] = alpha
        at_u[alpha] = e
        at_v[alpha] = e
    return colours


def _other_end(inst: Instance, chosen: list[int], e: int, p: int) -> int:
    request = inst.requests[chosen[e]]
    return request.b if request.a == p else request.a


def _flip_path(
    inst: Instance,
    chosen: list[int],
    colours: list[int],
    at: dict[int, dict[int, int]],
    start: int,
    alpha: int,
    beta: int,
) -> None:
    """Swap alpha and beta on the path from ``start`` whose edges alternate alpha, beta, ..."""
    path, p, c = [], start, alpha
    while c in at[p]:
        e = at[p][c]
        path.append(e)
        p = _other_end(inst, chosen, e, p)
        c = beta if c == alpha else alpha
    _recolour(inst, chosen, colours, at, path, alpha, beta)


def _recolour(
    inst: Instance,
    chosen: list[int],
    colours: list[int],
    at: dict[int, dict[int, int]],
    edges: list[int],
    alpha: int,
    beta: int,
) -> None:
    # Remove every edge first: on a path, an end's new colour is still held by its neighbour.
    for e in edges:
        request = inst.requests[chosen[e]]
        for p in (request.a, request.b):
            del at[p][colours[e]]
    for e in edges:
        colours[e] = beta if colours[e] == alpha else alpha
        request = inst.requests[chosen[e]]
        for p in (request.a, request.b):
            at[p][colours[e]] = e


def _even_out(inst: Instance, chosen: list[int], colours: list[int], k: int) -> None:
    """Move meetings from the fullest slot to the emptiest until no slot exceeds the tables.

    The edges coloured with the two colours form alternating paths and even cycles; when the
    fuller colour has more edges, one path has one more edge of it than of the other, and
    swapping the colours on that path moves one meeting across without breaking properness.
    """
    at: dict[int, dict[int, int]] = {}
    for e, r in enumerate(chosen):
        for p in (inst.requests[r].a, inst.requests[r].b):
            at.setdefault(p, {})[colours[e]] = e
    sizes = [0] * k
    for c in colours:
        sizes[c] += 1
    while max(sizes) > inst.tables:
        full = sizes.index(max(sizes))
        empty = sizes.index(min(sizes))
        path = _unbalanced_path(inst, chosen, colours, at, full, empty)
        _recolour(inst, chosen, colours, at, path, full, empty)
        sizes[full] -= 1
        sizes[empty] += 1


def _unbalanced_path(
    inst: Instance,
    chosen: list[int],
    colours: list[int],
    at: dict[int, dict[int, int]],
    full: int,
    empty: int,
) -> list[int]:
    """A maximal full/empty alternating path starting and ending with a ``full`` edge: it starts
    at an end of a ``full`` edge where ``empty`` is free (one exists since full > empty)."""
    for e in range(len(chosen)):
        if colours[e] != full:
            continue
        request = inst.requests[chosen[e]]
        for start in (request.a, request.b):
            if empty in at[start]:
                continue
            path, p, c = [], start, full
            while c in at[p]:
                edge = at[p][c]
                path.append(edge)
                p = _other_end(inst, chosen, edge, p)
                c = empty if c == full else full
            if sum(1 for x in path if colours[x] == full) > len(path) // 2:
                return path
    raise AssertionError("a fuller colour class always has an unbalanced alternating path")
