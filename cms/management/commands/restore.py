from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database with a backup's, put its media files back, apply newer migrations "
        "and rebuild the search indices. Stop the web server and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="a file written by manage.py backup")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, archive, interactive=True, **options):
        if not archive.is_file():
            raise CommandError(_("%(path)s does not exist.") % {"path": archive})
        if interactive:
            answer = input(
                _("This replaces every record in the database with the backup's. Type 'yes': ")
            )
            if answer.strip().lower() != "yes":
                raise CommandError(_("Restore cancelled."))
        try:
            result = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        differ = {
            label: (count, result["restored_counts"].get(label))
            for label, count in result["counts"].items()
            if result["restored_counts"].get(label) != count
        }
        if differ:
            for label, (expected, found) in sorted(differ.items()):
                self.stderr.write(f"  {label}: {expected} in the backup, {found} restored")
            raise CommandError(_("The restored database differs from the backup's manifest."))
        self.stdout.write(
            _("Restored the backup of %(when)s: %(rows)d rows, %(media)d media files.")
            % {
                "when": result["created_at"],
                "rows": sum(result["counts"].values()),
                "media": result["restored_media_files"],
            }
        )
        # A backup from an older version is brought up to this one's schema.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("search_index", "rebuild", stdout=self.stdout, stderr=self.stderr)
