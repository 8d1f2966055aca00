"""events endpoints of the API (issue 3)."""

from ninja import Router

router = Router(tags=["events"])
