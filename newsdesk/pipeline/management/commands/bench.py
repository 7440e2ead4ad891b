"""``newsdesk bench <name> ...``: run one registered benchmark (see newsdesk/bench)."""

import argparse

from django.core.management.base import BaseCommand, CommandError

from newsdesk.bench import registry
from newsdesk.bench._report import format_table, save_json


class Command(BaseCommand):
    help = "Measure a pipeline stage on gold data: " + ", ".join(sorted(registry()))

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        subs = parser.add_subparsers(dest="bench_name", required=True)
        for name, module in sorted(registry().items()):
            sub = subs.add_parser(name, help=module.HELP)
            sub.add_argument("--json", dest="json_out", default=None, help="write figures here")
            module.add_arguments(sub)

    def handle(self, *args, **options) -> None:
        module = registry().get(options["bench_name"])
        if module is None:
            raise CommandError(f"unknown benchmark {options['bench_name']!r}")
        result = module.run(options)
        self.stdout.write(format_table(result))
        save_json(result, options.get("json_out"))
        floor_failures = result.get("floor_failures") or []
        if floor_failures:
            raise CommandError("below recorded floor: " + "; ".join(floor_failures))
