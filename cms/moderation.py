"""Roles and the moderation of founders' profiles, kept in place after every migrate.

- Curators: every registry record, inquiries, matching profiles, images; approve or send back
  founders' profiles in the admin.
- Viewers: the admin, read-only.
- Officers: the admin, read-only, and the inquiries of their assigned sectors (cms.pipeline);
  not the Resolution 57 indicators.
- Founders: no admin; their own profiles, on the portal's founder pages only.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)

from registry.models import Enterprise, Expert

from .models import ProfileReviewTask
from .pipeline.sectors import CURATORS, OFFICERS

VIEWERS = "Viewers"
WORKFLOW = "Founder profile moderation"
CURATOR_APPS = ("registry", "search")
CURATOR_EXTRA = [
    ("cms", "view_inquiry"),
    ("cms", "change_inquiry"),
    ("cms", "view_ownership"),
    ("cms", "view_claim"),
    ("cms", "change_claim"),
    ("cms", "view_expertclaim"),
    ("cms", "change_expertclaim"),
    ("cms", "add_contactofficer"),
    ("cms", "change_contactofficer"),
    ("cms", "delete_contactofficer"),
    ("cms", "view_contactofficer"),
    ("cms", "view_freshnesscheck"),
    ("cms", "add_rdmembership"),
    ("cms", "change_rdmembership"),
    ("cms", "delete_rdmembership"),
    ("cms", "view_rdmembership"),
    ("cms", "change_freshnesscheck"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailadmin", "access_admin"),
]
OFFICER_EXTRA = [("cms", "view_inquiry"), ("cms", "change_inquiry")]
# The Resolution 57 monitor is the curators' to keep (viewers read it); officers work inquiries.
NOT_FOR_OFFICERS = Q(
    content_type__app_label="registry",
    content_type__model__in=["indicator", "indicatortarget", "indicatorvalue", "indicatorsnapshot"],
)


def ensure_roles_and_workflow(app_config=None, **kwargs):
    # post_migrate comes once per app; only after the last one do all permissions exist.
    if app_config is not list(apps.get_app_configs())[-1]:
        return
    curators, _created = Group.objects.get_or_create(name=CURATORS)
    viewers, _created = Group.objects.get_or_create(name=VIEWERS)
    extra = Q()
    for app_label, codename in CURATOR_EXTRA:
        extra |= Q(content_type__app_label=app_label, codename=codename)
    curators.permissions.add(
        *Permission.objects.filter(Q(content_type__app_label__in=CURATOR_APPS) | extra)
    )
    viewers.permissions.add(
        *Permission.objects.filter(
            Q(content_type__app_label="registry", codename__startswith="view_")
            | Q(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    )
    officers, _created = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.add(*viewers.permissions.exclude(NOT_FOR_OFFICERS))
    officers.permissions.remove(*Permission.objects.filter(NOT_FOR_OFFICERS))
    for app_label, codename in OFFICER_EXTRA:
        officers.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    # Wagtail grants image permissions per collection: on the root, they cover every image.
    # A flushed database (the browser tests) has no root until its rows are restored.
    root = Collection.get_first_root_node()
    image_permissions = Permission.objects.filter(
        content_type__app_label="wagtailimages",
        codename__in=[codename for app, codename in CURATOR_EXTRA if app == "wagtailimages"],
    )
    for permission in image_permissions if root is not None else []:
        GroupCollectionPermission.objects.get_or_create(
            group=curators, collection=root, permission=permission
        )
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    if not workflow.workflow_tasks.exists():
        task = ProfileReviewTask.objects.create(name=str(_("Curator review")))
        task.groups.set([curators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for model in (Enterprise, Expert):  # founders' and experts' profiles
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
