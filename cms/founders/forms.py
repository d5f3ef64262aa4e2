"""The founders' forms: their accounts, their startup's profile, their claims. Forms check what
was sent; the rules that decide what happens live in services."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from registry.models import Enterprise, Technology
from registry.uploads import clean_image

from ..portal.links import technology_name
from .services import MAX_PHOTOS, is_unconfirmed_founder


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice: the agency keeps my e-mail to run my account and "
            "never publishes it (Decree 13/2023/NĐ-CP)."
        ),
        error_messages={"required": _("Please accept the privacy notice.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class ResendForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class FounderLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is not right."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Founders' accounts are named by their e-mail address.
        self.fields["username"].label = _("E-mail")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True, "maxlength": 254}
        )

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            # Said only to whoever knows the password, so it reveals nothing to anyone else.
            user = (
                get_user_model().objects.filter(username=self.cleaned_data.get("username")).first()
            )
            password = self.cleaned_data.get("password") or ""
            if user and is_unconfirmed_founder(user) and user.check_password(password):
                raise ValidationError(
                    _(
                        "Your e-mail address is not confirmed yet. Open the link we sent you, or "
                        "ask for a new one below."
                    ),
                    code="unconfirmed",
                ) from None
            raise


class FounderPasswordResetForm(PasswordResetForm):
    """Django's form (the same answer whether or not the address has an account), also for a
    founder who never confirmed the address: the link proves it, so a reset confirms it."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email)
        return (
            user
            for user in users
            if user.has_usable_password() and (user.is_active or is_unconfirmed_founder(user))
        )


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files from one input; each is checked in clean_photos."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultiplePhotoField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class TechnologyGroupsMixin:
    """`technologies` checkboxes grouped as the taxonomy's tree (founders/_technologies.html)."""

    def technology_groups(self) -> list[dict]:
        """The technologies' checkboxes as the taxonomy's tree: one group per technology with
        children (itself first, then its children), then one group of those without children."""
        boxes = {box.data["value"].instance.pk: box for box in self["technologies"]}
        technologies = [box.data["value"].instance for box in boxes.values()]
        children = {}
        for technology in technologies:
            if technology.parent_id in boxes:
                children.setdefault(technology.parent_id, []).append(boxes[technology.pk])
        groups, others = [], []
        for technology in technologies:
            if technology.parent_id in boxes:
                continue
            if technology.pk in children:
                groups.append(
                    {
                        "legend": technology_name(technology),
                        "parent": boxes[technology.pk],
                        "children": children[technology.pk],
                    }
                )
            else:
                others.append(boxes[technology.pk])
        if others:
            groups.append({"legend": gettext("Other technologies"), "children": others})
        return groups


class StartupForm(TechnologyGroupsMixin, forms.ModelForm):
    technologies = forms.ModelMultipleChoiceField(
        label=_("Technologies"),
        queryset=Technology.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(
        label=_("website"), required=False, max_length=500, assume_scheme="https"
    )
    logo = forms.FileField(
        label=_("Logo (JPEG, PNG or WebP, at most 5 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Remove these photos"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "name_en",
            "description",
            "description_en",
            "ownership",
            "startup_stage",
            "looking_for",
            "founded_year",
            "employees",
            "website",
            "tax_code",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup_stage"].required = True
        self.fields["technologies"].label_from_instance = technology_name
        # The draft's images (the latest revision's), shown beside the inputs that change them.
        self.current_logo = self.instance.photo if self.instance.photo_id else None
        self.current_photos = list(self.instance.photos.all()) if self.instance.pk else []
        self.fields["remove_photos"].choices = [
            (photo.image_id, photo.image.title) for photo in self.current_photos
        ]
        self.photo_slots = MAX_PHOTOS - len(self.current_photos)
        # The notes printed beside the file inputs (founders/_logo.html and _photos.html).
        if self.current_logo is not None:
            self.fields["logo"].widget.attrs["aria-describedby"] = "id_logo-help"
        self.fields["photos"].widget.attrs["aria-describedby"] = "id_photos-help"
        if self.instance.pk:
            self.initial["technologies"] = list(self.instance.technologies.all())

    photos = MultiplePhotoField(
        label=_("Photos (up to 5; JPEG, PNG or WebP, at most 5 MB each)"), required=False
    )

    def current_photos_with_boxes(self):
        """Each current photo with its "remove" checkbox."""
        return list(zip(self.current_photos, self["remove_photos"], strict=True))

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        return clean_image(logo) if logo else None

    def clean_photos(self):
        files = [f for f in self.cleaned_data.get("photos") or [] if f]
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                gettext("At most %(n)d photos.") % {"n": MAX_PHOTOS}, code="too_many"
            )
        return [clean_image(f) for f in files]

    def clean(self):
        cleaned = super().clean()
        removed = set(cleaned.get("remove_photos") or [])
        kept = [p for p in self.current_photos if p.image_id not in removed]
        added = cleaned.get("photos") or []
        if len(kept) + len(added) > MAX_PHOTOS and "photos" not in self.errors:
            self.add_error(
                "photos",
                forms.ValidationError(
                    ngettext(
                        "The profile has room for %(n)d more photo (at most %(max)d); remove "
                        "some of the current ones to add more.",
                        "The profile has room for %(n)d more photos (at most %(max)d); remove "
                        "some of the current ones to add more.",
                        MAX_PHOTOS - len(kept),
                    )
                    % {"n": MAX_PHOTOS - len(kept), "max": MAX_PHOTOS},
                    code="too_many",
                ),
            )
        cleaned["kept_photos"] = kept
        return cleaned


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("The password is not right."))
        return self.cleaned_data["password"]


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=_("How are you linked to this company? (your role, how we can check it)"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        max_length=2000,
    )
