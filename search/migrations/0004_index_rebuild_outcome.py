import django.utils.timezone
from django.db import migrations, models


def outcome_of_earlier_runs(apps, schema_editor):
    """Runs recorded before: finished ones succeeded; unfinished ones failed or were killed."""
    IndexRebuild = apps.get_model("search", "IndexRebuild")
    IndexRebuild.objects.filter(finished_at__isnull=False).update(status="succeeded")
    IndexRebuild.objects.filter(finished_at__isnull=True).update(status="failed")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_match_profiles")]

    operations = [
        migrations.AddField(
            model_name="indexrebuild",
            name="status",
            field=models.CharField(
                choices=[("running", "running"), ("succeeded", "succeeded"), ("failed", "failed")],
                default="running",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="indexrebuild",
            name="error",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="indexrebuild",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.RunPython(outcome_of_earlier_runs, migrations.RunPython.noop),
    ]
