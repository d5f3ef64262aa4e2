"""Backups that restore: the database and the uploaded media in one archive.

An archive (`dnhub-backup-<time>.tar.gz`) holds:
- `manifest.json`: format version, when, which database engine, the applied migrations and the
  row count of every model (what a restore is checked against);
- the database: `database.pgdump` (`pg_dump -Fc`, on PostgreSQL) or `database.sqlite3` (SQLite's
  online backup API: consistent while the portal keeps writing);
- `media/`: every uploaded file (images, documents);
- `private/`: files kept out of public reach (the admin's imported spreadsheets).

The search indices are not in it: they are rebuilt from the database after a restore.
A restore goes back to the same engine it came from; to move between engines, use
`export_registry` / `import_registry` (the interchange format).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def engine() -> str:
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _counted_models():
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def model_counts() -> dict[str, int]:
    """Rows per concrete model: what a restore must give back."""
    return {model._meta.label: model._base_manager.count() for model in _counted_models()}


def applied_migrations() -> list[str]:
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def _pg_binary(name: str) -> str:
    """pg_dump / pg_restore: from PG_BINDIR, the PATH, or Debian's newest server package."""
    candidates = [
        os.environ.get("PG_BINDIR", ""),
        *sorted(Path("/usr/lib/postgresql").glob("*/bin")),
    ]
    for folder in reversed(candidates):
        if folder and (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found: install PostgreSQL's client tools (Debian: postgresql-client) "
            "or set PG_BINDIR."
        )
    return found


def _pg_args_and_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = os.environ.copy()
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]  # never on the command line, where ps shows it
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(folder: Path) -> tuple[str, dict[str, int]]:
    """The database file, and the row counts of exactly what it holds (the portal may be
    writing meanwhile: the counts come from the same snapshot as the dump)."""
    if engine() == "postgresql":
        args, env = _pg_args_and_env()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            counts = model_counts()
            _run(
                [
                    _pg_binary("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(folder / PG_DUMP),
                    *args,
                ],
                env,
            )
        return PG_DUMP, counts
    connection.ensure_connection()
    target = sqlite3.connect(folder / SQLITE_DUMP)
    try:
        connection.connection.backup(target)
        counts = {
            model._meta.label: target.execute(
                f"SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)}"  # noqa: S608
            ).fetchone()[0]
            for model in _counted_models()
        }
    finally:
        target.close()
    return SQLITE_DUMP, counts


def file_roots() -> dict[str, Path]:
    """The folders of files a backup carries, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def backup(destination: Path) -> tuple[Path, dict]:
    """Write one archive; `destination` is a file name or an existing folder."""
    created = datetime.now(UTC)
    if destination.is_dir():
        destination = destination / f"dnhub-backup-{created:%Y%m%d-%H%M%S}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    roots = file_roots()
    with tempfile.TemporaryDirectory(prefix="dnhub-backup-") as tmp:
        folder = Path(tmp)
        database_file, counts = _dump_database(folder)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": created.isoformat(),
            "engine": engine(),
            "database_file": database_file,
            "migrations": applied_migrations(),
            "counts": counts,
            "media_files": sum(1 for p in media_root.rglob("*") if p.is_file())
            if media_root.is_dir()
            else 0,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(folder / MANIFEST, MANIFEST)
            archive.add(folder / database_file, database_file)
            for name, root in roots.items():
                if root.is_dir():
                    archive.add(root, name)
        partial.replace(destination)  # a half-written archive never looks like a backup
    return destination, manifest


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError("This file is not a dnhub backup (no readable manifest).") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format {manifest.get('format')!r} is not supported (this version reads "
            f"{FORMAT_VERSION})."
        )
    return manifest


def _check_compatible(manifest: dict) -> None:
    if manifest["engine"] != engine():
        raise BackupError(
            f"This backup is of a {manifest['engine']} database and this install uses "
            f"{engine()}: restore it on {manifest['engine']}, or move the data with "
            "export_registry / import_registry."
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            "This backup was made by a newer version of the application (unknown migrations: "
            f"{', '.join(unknown[:5])}): deploy that version first."
        )


def _restore_postgresql(dump: Path) -> None:
    # Empty the database first (the tables of its search path: the application has a database
    # of its own), then load the dump in one transaction: all of it or none.
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if tables:
            quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
    connection.close()
    args, env = _pg_args_and_env()
    _run(
        [
            _pg_binary("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(dump),
        ],
        env,
    )


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _extract_media(archive: tarfile.TarFile) -> int:
    """Put each folder of files back (public media, private files); returns the media count."""
    media_count = 0
    for name, root in file_roots().items():
        members = [m for m in archive.getmembers() if m.name.startswith(f"{name}/") and m.isfile()]
        with tempfile.TemporaryDirectory(prefix="dnhub-restore-") as tmp:
            # The "data" filter refuses absolute paths, links out of the tree and device files.
            archive.extractall(tmp, members=members, filter="data")
            extracted = Path(tmp) / name
            if extracted.is_dir():
                shutil.copytree(extracted, root, dirs_exist_ok=True)
        if name == "media":
            media_count = len(members)
    return media_count


def restore(path: Path) -> dict:
    """Replace the database with the archive's and put its media files back. Returns the
    manifest plus `restored_counts`; the caller rebuilds the search indices."""
    try:
        archive = tarfile.open(path, "r:*")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} cannot be read as a backup archive: {error}") from error
    with archive, tempfile.TemporaryDirectory(prefix="dnhub-restore-") as tmp:
        manifest = read_manifest(archive)
        _check_compatible(manifest)
        database_file = manifest["database_file"]
        archive.extract(database_file, tmp, filter="data")
        dump = Path(tmp) / database_file
        if manifest["engine"] == "postgresql":
            _restore_postgresql(dump)
        else:
            _restore_sqlite(dump)
        media = _extract_media(archive)
    # Whatever this process or the shared cache remembers of the old database is now wrong.
    ContentType.objects.clear_cache()
    cache.clear()
    return manifest | {"restored_counts": model_counts(), "restored_media_files": media}
