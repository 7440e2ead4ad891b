"""The ``newsdesk`` console script: Django's management commands under one name.

Two things happen before the command runs: a configuration error (an unusable
``NEWSDESK_*`` value) is printed as one line, not a traceback; and on a data folder whose
SQLite database is new or behind, the tables are created first, so every command works on
a fresh install. A PostgreSQL database is never migrated behind the operator's back: the
command stops and says to run ``newsdesk migrate``.
"""

import os
import sys

# Commands that manage the schema or need no database at all.
NO_TABLES_NEEDED = {
    "migrate",
    "makemigrations",
    "sqlmigrate",
    "showmigrations",
    "squashmigrations",
    "check",
    "help",
    "version",
    "collectstatic",
    "run_desk",  # migrates itself
    "bench",
    "--help",
    "-h",
    "--version",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    from newsdesk.infra.config import ConfigError

    argv = sys.argv[1:]
    try:
        django.setup()
    except ConfigError as exc:
        sys.stderr.write(f"newsdesk: configuration error: {exc}\n")
        sys.exit(2)
    if argv and argv[0] not in NO_TABLES_NEEDED:
        ensure_tables()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["newsdesk", *argv])


def ensure_tables() -> None:
    """SQLite: migrate now. PostgreSQL: stop (exit 2) and say to run `newsdesk migrate`."""
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if connection.vendor != "sqlite":
        sys.stderr.write(
            "newsdesk: the database has migrations not applied yet; run `newsdesk migrate` "
            "first (it is never done implicitly on PostgreSQL)\n"
        )
        sys.exit(2)
    sys.stderr.write("newsdesk: bringing the database in the data folder up to date first\n")
    call_command("migrate", interactive=False, verbosity=0)


if __name__ == "__main__":
    main()
