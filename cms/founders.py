"""Startup founders on the portal: accounts (sign-up with e-mail verification, sign-in, password
reset) and a dashboard where they keep their startup's profile. Every change is a draft revision
until a curator approves it in the admin workflow; a published profile stays live meanwhile."""

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import Image
from wagtail.models import WorkflowState

from registry.interchange.exporter import record_for_api
from registry.models import Enterprise, EnterprisePhoto, Technology
from registry.uploads import clean_image

from .accounts import (
    account_email_allowances,
    is_unconfirmed_founder,
    refuse,
    send_already_registered,
    send_confirmation,
    too_many_attempts,
)
from .founder_images import delete_unused_after_commit, founders_collection, images_of
from .models import Claim, Ownership
from .portal.links import technology_name
from .portal.ratelimit import account_allowance, allowance, claim_all

SIGNUP_LIMIT = 5  # per client address and hour


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


def signup(request):
    """The answer is the same whether or not the address has an account (the e-mail differs):
    a new address gets a confirmation link, an unconfirmed one a new link, an existing account
    a note with sign-in and reset links."""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        signups = allowance(request, "signup", SIGNUP_LIMIT)
        spent = signups if signups.claim() is None else None
        if spent is None and form.cleaned_data["website"]:
            return TemplateResponse(request, "cms/founders/check_email.html")  # a bot
        if spent is None:
            _slots, spent = claim_all(account_email_allowances(request, email))
        if spent is not None:
            refuse(form, too_many_attempts(spent))
            return TemplateResponse(request, "cms/founders/signup.html", {"form": form}, status=429)
        existing = get_user_model().objects.filter(username=email).first()
        if existing is None:
            user = get_user_model().objects.create_user(
                username=email, email=email, password=form.cleaned_data["password"], is_active=False
            )
            send_confirmation(request, user)
        else:
            make_password(form.cleaned_data["password"])  # the same work as a new account
            if is_unconfirmed_founder(existing):
                send_confirmation(request, existing)
            else:
                send_already_registered(request, existing)
        return TemplateResponse(request, "cms/founders/check_email.html")
    return TemplateResponse(
        request, "cms/founders/signup.html", {"form": form}, status=400 if form.errors else 200
    )


MAX_PHOTOS = 5
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a logo and photos together, in one request
IMAGES_PER_HOUR = 30  # per account (and address): each image costs a decode and a re-encode


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


class StartupForm(forms.ModelForm):
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
            "description_vi",
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


def upload_refusal(request) -> str | None:
    """Why this request's images are refused before any is opened, or None. Every file sent
    counts against the hour's allowance, refused ones included: refusing costs work too."""
    files = request.FILES.getlist("logo") + request.FILES.getlist("photos")
    if not files:
        return None
    if sum(f.size for f in files) > MAX_UPLOAD_BYTES:
        return gettext("The files together are larger than 20 MB; send fewer at a time.")
    # Per account, wherever it uploads from: each file claims a slot of the hour's allowance.
    images = account_allowance("images", str(request.user.pk), IMAGES_PER_HOUR)
    if any(images.claim() is None for _file in files):
        return gettext("You have sent many images in the last hour; try again later.")
    return None


def owned(user, ref: str) -> Enterprise:
    """The founder's own enterprise, as its latest revision; 404 for anyone else's."""
    enterprise = Enterprise.objects.filter(ref=ref, founders__user=user).first()
    if enterprise is None:
        raise Http404
    return enterprise


def profile_status(enterprise: Enterprise) -> dict:
    state = (
        WorkflowState.objects.for_instance(enterprise).order_by("-created_at").first()
        if enterprise.pk
        else None
    )
    comment, rejected = "", False
    if state is not None and state.status in (
        WorkflowState.STATUS_NEEDS_CHANGES,
        WorkflowState.STATUS_CANCELLED,
    ):
        last = state.task_states.order_by("-finished_at").first()
        comment = last.comment if last else ""
        rejected = (
            state.status == WorkflowState.STATUS_CANCELLED and last and last.status == "rejected"
        )
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        label = _("Waiting for review")
    elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        label = _("Changes requested")
    elif rejected and not enterprise.live:
        label = _("Not accepted")
    elif enterprise.has_unpublished_changes:
        label = _("Draft: not yet submitted")
    else:
        label = _("Published")
    return {
        "label": label,
        "comment": comment,
        "live": enterprise.live,
        "in_review": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
    }


def start(request):
    """What founders gain by registering, what happens next and what is public: where "For
    startups" leads anyone not signed in."""
    return TemplateResponse(
        request,
        "cms/founders/start.html",
        {"review_days": settings.FOUNDER_REVIEW_WORKING_DAYS, "max_photos": MAX_PHOTOS},
    )


def dashboard(request):
    if not request.user.is_authenticated:
        return start(request)
    enterprises = Enterprise.objects.filter(founders__user=request.user).order_by("name")
    rows = [{"enterprise": e, "status": profile_status(e)} for e in enterprises]
    claims = request.user.claims.exclude(status="approved").select_related("enterprise")
    return TemplateResponse(
        request, "cms/founders/dashboard.html", {"rows": rows, "claims": claims}
    )


def unique_ref(name: str) -> str:
    base = slugify(name)[:40] or "startup"
    return f"startup-{base}-{secrets.token_hex(3)}"


@login_required
def edit_startup(request, ref=None):
    if ref is None:
        enterprise = Enterprise(ownership=Enterprise.Ownership.DOMESTIC, live=False)
    else:
        enterprise = owned(request.user, ref).get_latest_revision_as_object()
        if profile_status(enterprise)["in_review"]:
            messages.warning(
                request,
                gettext("This profile is being reviewed; you can edit it again afterwards."),
            )
            return redirect("founder-dashboard")
    refusal = upload_refusal(request) if request.method == "POST" else None
    files = None if refusal else request.FILES or None  # refused files are never opened
    form = StartupForm(request.POST or None, files, instance=enterprise)
    if refusal:
        form.add_error(None, refusal)
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        collection = founders_collection()  # the images deleted once nothing uses them
        if form.cleaned_data["logo"]:  # a new logo replaces the current one
            draft.photo = Image.objects.create(
                title=f"{draft.name} — logo", file=form.cleaned_data["logo"], collection=collection
            )
        elif form.cleaned_data["remove_logo"]:
            draft.photo = None
        kept = form.cleaned_data["kept_photos"]
        # New photos join the kept ones (the form holds them to five in all).
        draft.photos = kept + [
            EnterprisePhoto(
                image=Image.objects.create(
                    title=f"{draft.name} — {n}", file=photo, collection=collection
                )
            )
            for n, photo in enumerate(form.cleaned_data["photos"], len(kept) + 1)
        ]
        draft.technologies.set(form.cleaned_data["technologies"])
        if draft.pk is None:
            draft.ref = unique_ref(draft.name)
            draft.live = False
            draft.save()
            Ownership.objects.create(user=request.user, enterprise=draft)
        # A revision only: the public row (if published) stays as it is until approval.
        draft.save_revision(user=request.user, log_action=True)
        # A replaced logo or photo goes, unless the public profile or another record uses it.
        delete_unused_after_commit(images_of(draft))
        messages.success(request, gettext("Draft saved. Submit it for review when it is ready."))
        return redirect("founder-dashboard")
    return TemplateResponse(
        request,
        "cms/founders/edit.html",
        {"form": form, "enterprise": enterprise},
        status=400 if form.errors else 200,
    )


@login_required
def submit_startup(request, ref):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    enterprise = owned(request.user, ref)
    if profile_status(enterprise)["in_review"]:
        messages.info(request, gettext("This profile is already waiting for review."))
    elif not enterprise.has_unpublished_changes:
        messages.info(request, gettext("There is nothing new to review."))
    else:
        workflow = Enterprise.get_default_workflow()
        if workflow is None:
            raise Http404  # moderation switched off by the agency
        workflow.start(enterprise, request.user)
        messages.success(request, gettext("Submitted. A curator will review your profile."))
    return redirect("founder-dashboard")


@login_required
def download_data(request):
    """Everything the portal keeps about the founder, as JSON (Decree 13/2023: access)."""
    from django.http import JsonResponse

    user = request.user
    profiles = []
    for enterprise in Enterprise.objects.filter(founders__user=user):
        latest = enterprise.get_latest_revision_as_object()
        profiles.append(
            {
                "ref": enterprise.ref,
                "public": enterprise.live,
                "latest_draft": record_for_api(latest),
                "status": str(profile_status(enterprise)["label"]),
            }
        )
    data = {
        "account": {"email": user.email, "joined": user.date_joined.isoformat(),
                    "last_login": user.last_login.isoformat() if user.last_login else None},
        "startup_profiles": profiles,
    }  # fmt: skip
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="dnhub-my-data.json"'
    return response


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


@login_required
def delete_account(request):
    """Delete the account (Decree 13/2023: erasure). Profiles that were never published go with
    it; published ones stay in the registry as the agency's records, without an owner."""
    from django.contrib.auth import logout

    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        Enterprise.objects.filter(
            founders__user=user, live=False, last_published_at__isnull=True
        ).delete()
        logout(request)
        user.delete()
        messages.success(request, gettext("Your account and its personal data are deleted."))
        return redirect("wagtail_serve", "")
    return TemplateResponse(
        request, "cms/founders/delete.html", {"form": form}, status=400 if form.errors else 200
    )


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=_("How are you linked to this company? (your role, how we can check it)"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        max_length=2000,
    )


@login_required
def claim(request, ref):
    """A founder asks to manage an enterprise the agency registered; a curator decides."""
    enterprise = Enterprise.objects.published().filter(ref=ref).first()
    if enterprise is None or enterprise.founders.exists():
        raise Http404
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Claim.objects.get_or_create(
            user=request.user,
            enterprise=enterprise,
            status=Claim.Status.PENDING,
            defaults={"message": form.cleaned_data["message"]},
        )
        messages.success(request, gettext("Your claim is sent. A curator will check it."))
        return redirect("founder-dashboard")
    return TemplateResponse(
        request,
        "cms/founders/claim.html",
        {"form": form, "enterprise": enterprise},
        status=400 if form.errors else 200,
    )
