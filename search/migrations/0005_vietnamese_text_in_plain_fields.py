from django.db import migrations

# Vietnamese (primary) text is the plain field and English is `<field>_en` (see the registry's
# migration of the same name). Revisions of the matching profiles store field names, their
# criteria's included, so their content is renamed too: a pending draft keeps its text.
PROFILE_RENAMES = {"summary_vi": "summary"}
CRITERION_RENAMES = {"reasoning_vi": "reasoning"}


def renamed(data: dict, renames: dict) -> dict:
    return {renames.get(key, key): value for key, value in data.items()}


def rename_revision_keys(apps, profile_renames, criterion_renames):
    Revision = apps.get_model("wagtailcore", "Revision")
    revisions = Revision.objects.filter(
        content_type__app_label="search", content_type__model="matchprofile"
    )
    for revision in revisions.iterator():
        content = renamed(revision.content, profile_renames)
        if "criteria" in content:
            content["criteria"] = [
                renamed(criterion, criterion_renames) for criterion in content["criteria"]
            ]
        revision.content = content
        revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    rename_revision_keys(apps, PROFILE_RENAMES, CRITERION_RENAMES)


def backwards(apps, schema_editor):
    rename_revision_keys(
        apps,
        {new: old for old, new in PROFILE_RENAMES.items()},
        {new: old for old, new in CRITERION_RENAMES.items()},
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_rebuild_outcome")]

    operations = [
        migrations.RenameField("searchentry", "description_vi", "description"),
        migrations.RenameField("matchprofile", "summary_vi", "summary"),
        migrations.RenameField("matchcriterion", "reasoning_vi", "reasoning"),
        migrations.RunPython(forwards, backwards),
    ]
