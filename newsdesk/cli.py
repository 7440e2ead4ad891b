"""The ``newsdesk`` console script: Django's management commands under one name.

Two things happen before the command runs. A configuration error (an unusable
``NEWSDESK_*`` value) is printed as one line (exit status 1), not a traceback. And a
command that needs the tables finds them: on SQLite (the embedded default) a fresh or
older data folder is migrated first, as ``run_desk`` does; on PostgreSQL, where several
hosts share the database and the operator migrates once, the command stops and says so.
"""

import os
import sys

# Commands that run without the tables, or that make them.
NO_TABLES_NEEDED = {
    "check",
    "collectstatic",
    "dbshell",
    "diffsettings",
    "findstatic",
    "help",
    "makemigrations",
    "migrate",
    "optimizemigration",
    "showmigrations",
    "sqlmigrate",
    "squashmigrations",
    "test",
    "version",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django
    from django.core.management import execute_from_command_line, get_commands

    from newsdesk.infra.config import ConfigError

    argv = ["newsdesk", *sys.argv[1:]]
    try:
        django.setup()
        name = argv[1] if len(argv) > 1 else "help"
        if name in get_commands() and name not in NO_TABLES_NEEDED:
            ensure_tables()
    except ConfigError as exc:
        sys.exit(f"newsdesk: configuration error: {exc}")
    execute_from_command_line(argv)


def ensure_tables() -> None:
    """Migrate a SQLite database that lacks migrations; refuse on PostgreSQL."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return
    if connection.vendor != "sqlite":
        sys.exit(
            f"newsdesk: the database lacks {len(plan)} migration(s); "
            "run `newsdesk migrate` once (from one host), then this command again"
        )
    print(f"newsdesk: preparing the database ({len(plan)} migrations)…", file=sys.stderr)
    call_command("migrate", interactive=False, verbosity=0)


if __name__ == "__main__":
    main()
