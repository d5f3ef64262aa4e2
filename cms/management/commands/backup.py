from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded media into one archive "
        "(README, Deployment: backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", type=Path, help="an archive file name, or a folder to write it in"
        )

    def handle(self, destination, **options):
        try:
            path, manifest = backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Backup written: %(path)s (%(rows)d rows, %(models)d models, %(media)d media)")
            % {
                "path": path,
                "rows": sum(manifest["counts"].values()),
                "models": len(manifest["counts"]),
                "media": manifest["media_files"],
            }
        )
