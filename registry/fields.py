"""Model fields for lists kept as JSON: portable across SQLite and PostgreSQL."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """A list of distinct values from a fixed set, edited as checkboxes."""

    def __init__(self, *args, item_choices=None, **kwargs):
        self.item_choices = list(item_choices or [])
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in (None, ""):
            return
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list."), code="invalid_list")
        allowed = {key for key, _label in self.item_choices}
        # Only texts can be choices (an object or list in the list is named, not hashed).
        unknown = [item for item in value if not isinstance(item, str) or item not in allowed]
        if unknown:
            raise ValidationError(
                _("%(values)s not allowed; choose from: %(allowed)s."),
                code="invalid_choice",
                params={
                    "values": ", ".join(map(str, unknown)),
                    "allowed": ", ".join(sorted(allowed)),
                },
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("Each value may appear only once."), code="duplicate_item")

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class StringListField(models.JSONField):
    """A list of short texts, edited one per line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value in (None, ""):
            return
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(_("Expected a list of texts."), code="invalid_list")
        if len(set(value)) != len(value):
            raise ValidationError(_("Each value may appear only once."), code="duplicate_item")

    def formfield(self, **kwargs):
        return LinesField(
            required=not self.blank, label=self.verbose_name, help_text=self.help_text
        )


class LinesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        seen: list[str] = []
        for line in text.splitlines():
            line = line.strip()
            if line and line not in seen:
                seen.append(line)
        return seen
