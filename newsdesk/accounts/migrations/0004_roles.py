"""Data migration: the administrator, editor, contributor and moderator groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsdesk.accounts.roles import ADMINISTRATOR, ROLES, sync_groups


def make_roles(apps, schema_editor) -> None:
    # Permissions are normally created after all migrations ran; make them now so the
    # groups can hold them on a fresh database.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    sync_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def drop_roles(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=[ADMINISTRATOR, *ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_data_erasures"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
        ("comments", "0002_protect_comments"),
        ("desk", "0001_initial"),
        ("pipeline", "0002_taskrun"),
        ("sources", "0002_source_rules"),
        ("stories", "0004_corrections_versions_webhooks"),
    ]
    operations = [migrations.RunPython(make_roles, drop_roles)]
