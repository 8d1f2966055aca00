"""Signals of the call for exhibitors, so that other parts react without being imported here.

``place_freed`` is sent when an application that held one of the call's places (accepted,
offered or confirmed) is withdrawn. Keyword arguments:

- ``application``: the withdrawn :class:`~tadamon.calls.models.Application` (status
  ``withdrawn`` already saved, its participation withdrawn);
- ``actor``: the user who withdrew it (the exhibitor or an organizer);
- ``previous_status``: the status it had before (``accepted``, ``offered`` or ``confirmed``).

The sender is the ``Application`` class. It is sent inside the withdrawal's transaction,
in a savepoint: the waiting list (tadamon.calls.services.waitlist) connects to it to offer
the place to the next application.
"""

from django.dispatch import Signal

place_freed = Signal()
