from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .runs import file_format

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def max_bytes() -> int:
    """IMPORT_MAX_BYTES where the importer sets it (the limit it holds files to), else 50 MB."""
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "JSON Lines (.jsonl), CSV (.csv, one kind) or Excel (.xlsx, one sheet per kind)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".jsonl,.ndjson,.json,.csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if file_format(upload.name) is None:
            raise forms.ValidationError(
                _("%(name)s is not a file the import reads: choose a .jsonl, .csv or .xlsx file.")
                % {"name": upload.name}
            )
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s; the import takes files up to %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())}
            )
        return upload
