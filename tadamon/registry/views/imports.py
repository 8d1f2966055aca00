"""Upload of the organizers' CSV/XLSX sheets into the registry."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tadamon.registry import access as registry_access
from tadamon.registry.importing import import_organizations as run_import
from tadamon.registry.importing.reading import max_bytes, max_rows


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx", "class": "form-control"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only (dry run): nothing is written"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_organizations(request: HttpRequest) -> HttpResponse:
    if not registry_access.can_import(request.user):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = run_import(
                actor=request.user,
                file=upload,
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )
            counts = {
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            }
            if report.ok and report.dry_run:
                message = _(
                    "The file is correct: %(rows)s rows, %(created)s to create, %(updated)s to "
                    "update, %(unchanged)s unchanged. Nothing was written yet."
                )
                messages.info(request, message % counts)
            elif report.ok:
                message = _(
                    "Import done: %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                messages.success(request, message % counts)
    else:
        form = ImportForm()
    context = {
        "form": form,
        "report": report,
        "max_mb": round(max_bytes() / 1_048_576, 1),
        "max_rows": max_rows(),
    }
    return render(request, "registry/import.html", context)
