from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        # In ready(), not at the top: these import models, which Django loads after this module
        # (app loading order, not a cycle).
        from .ask.tasks import schedule_after_migrate as schedule_escalation
        from .experts import services as experts
        from .founders import images, notifications
        from .moderation import ensure_roles_and_workflow

        notifications.connect()  # before wagtail.admin registers its own notifiers
        images.connect()
        experts.connect()
        post_migrate.connect(ensure_roles_and_workflow, dispatch_uid="dnhub-roles-workflow")
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="dnhub-cache-table")
        # The daily escalation of unanswered questions: its chain restarts on every deploy.
        post_migrate.connect(schedule_escalation, sender=self, dispatch_uid="dnhub-ask-escalation")


def create_cache_table(using="default", **kwargs):
    """The shared cache (rate limits) lives in a table when no Redis is configured; every
    migrate (scripts/run, deployments, the test database) makes sure it exists."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
