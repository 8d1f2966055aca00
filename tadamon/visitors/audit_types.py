"""The audit actions of the visitors (gates, counts, registrations and badges), with what the
trail shows for each (see tadamon.core.audit).

Their names still begin with "events.": the visitors were part of tadamon.events when the
trail first stored them, and a stored action is an identifier that does not move with the
code."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "events.gate.added": pgettext_lazy("audit trail", "added"),
        "events.visitors.counted": pgettext_lazy("audit trail", "visitors counted"),
        "events.visitor.registered": pgettext_lazy("audit trail", "registered"),
        "events.visitor.arrived": pgettext_lazy("audit trail", "arrived"),
    }
)
