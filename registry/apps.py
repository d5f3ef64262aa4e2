from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .uploads import MAX_PIXELS


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Pillow's own bomb guard, for every image the project opens (renditions of images
        # stored before the upload checks included): a warning above, an error at twice this.
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        # Every deploy migrates: that (re)starts the worker's nightly indicator snapshot.
        from .indicators.tasks import schedule_after_migrate

        post_migrate.connect(schedule_after_migrate, sender=self)
