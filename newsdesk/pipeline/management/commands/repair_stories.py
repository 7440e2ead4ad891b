"""``newsdesk repair_stories``: run the story repair pass once, now.

The beat runs the same pass every ``NEWSDESK_REPAIR_INTERVAL_S`` seconds on the cluster
queue. Run from the command line, this process rebuilds the story index from the rows,
repairs it, writes the changes and then tells the cluster worker to rebuild its own.
"""

from django.core.management.base import BaseCommand

from newsdesk.pipeline import flows
from newsdesk.stories.membership import invalidate_index


class Command(BaseCommand):
    help = "Re-cluster the story window with hindsight (the periodic repair pass), once."

    def handle(self, *args, **opts) -> None:
        moved = flows.repair_stories()
        if moved:
            invalidate_index()
        self.stdout.write(f"repair pass: {moved} article(s) moved")
