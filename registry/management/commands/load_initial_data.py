import io
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.indicator_seed import load_indicators
from registry.interchange.importer import import_stream

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"
INDICATORS_SEED = SEEDS_DIR / "indicators.json"
DEMO_USERNAME = "admin"


class Command(BaseCommand):
    help = "Load the seed data (seeds/*.jsonl) and, in development, create a demo admin account."

    def handle(self, **options):
        files = sorted(SEEDS_DIR.glob("*.jsonl"))
        # One stream, so that refs may point across files as within one file.
        data = b"".join(path.read_bytes().rstrip(b"\n") + b"\n" for path in files)
        result = import_stream(io.BytesIO(data), total_bytes=len(data), stderr=self.stderr)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(_("The seed data has problems; nothing was loaded."))
        created = sum(result.created.values())
        updated = sum(result.updated.values())
        self.stdout.write(
            _("Seed data: %(created)d created, %(updated)d updated, from %(files)d files.")
            % {"created": created, "updated": updated, "files": len(files)}
        )
        indicators = load_indicators(INDICATORS_SEED)
        self.stdout.write(
            _(
                "Resolution 57 indicators: %(created)d created, "
                "%(kept)d already there (kept as they are)."
            )
            % {"created": indicators.created, "kept": indicators.kept}
        )
        if getattr(settings, "DEMO_ADMIN", False):
            self._demo_admin()

    def _demo_admin(self):
        """A demo curator account for local use; the password is printed once, when created."""
        User = get_user_model()
        if User.objects.filter(username=DEMO_USERNAME).exists():
            self.stdout.write(
                _(
                    "Demo admin account '%(user)s' already exists "
                    "(its password was shown when it was created)."
                )
                % {"user": DEMO_USERNAME}
            )
            return
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(DEMO_USERNAME, "admin@dnhub.invalid", password)
        self.stdout.write(
            self.style.WARNING(
                _(
                    "Demo admin account created: user %(user)s, password %(password)s "
                    "(shown only once)."
                )
                % {"user": DEMO_USERNAME, "password": password}
            )
        )
