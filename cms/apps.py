from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import founder_images, founders_signals
        from .moderation import ensure_roles_and_workflow

        founders_signals.connect()  # before wagtail.admin registers its own notifiers
        founder_images.connect()
        post_migrate.connect(ensure_roles_and_workflow, dispatch_uid="dnhub-roles-workflow")
