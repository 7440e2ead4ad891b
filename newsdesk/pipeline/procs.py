"""Which processes run below a pid, read from Linux's /proc (empty elsewhere).

The supervisor's tests, ``bench soak`` and the fault tests need the same facts about a
process tree: who is whose child, what it runs, whether it is still alive (a zombie
still answers ``kill(pid, 0)``, so its state is read instead).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

PROC = "/proc"


@dataclass(frozen=True)
class Proc:
    pid: int
    parent: int
    state: str  # one letter: R, S, D, Z (zombie), T (stopped) ...
    cmdline: str  # arguments joined by spaces


def read(pid: int) -> Proc | None:
    """The process ``pid`` as /proc shows it now, or None if it is gone."""
    try:
        with open(f"{PROC}/{pid}/stat") as stat:
            # the command name in parentheses may itself hold spaces and ')'
            fields = stat.read().rsplit(") ", 1)[1].split()
        with open(f"{PROC}/{pid}/cmdline", "rb") as cmd:
            cmdline = cmd.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except (OSError, IndexError):
        return None
    return Proc(pid, int(fields[1]), fields[0], cmdline)


def alive(pid: int) -> bool:
    proc = read(pid)
    return proc is not None and proc.state != "Z"


def parent(pid: int) -> int:
    """The parent's pid (-1 if ``pid`` is gone)."""
    proc = read(pid)
    return proc.parent if proc else -1


def descendants(pid: int) -> dict[int, Proc]:
    """Every live process below ``pid`` (children, their children ...), by pid."""
    table = {}
    for entry in os.listdir(PROC) if os.path.isdir(PROC) else []:
        proc = read(int(entry)) if entry.isdigit() else None
        if proc and proc.state != "Z":
            table[proc.pid] = proc
    found: dict[int, Proc] = {}
    frontier = [pid]
    while frontier:
        below = frontier.pop()
        for proc in table.values():
            if proc.parent == below and proc.pid not in found:
                found[proc.pid] = proc
                frontier.append(proc.pid)
    return found


def group(pgid: int) -> list[int]:
    """Live processes of the process group ``pgid``."""
    found = []
    for entry in os.listdir(PROC) if os.path.isdir(PROC) else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"{PROC}/{entry}/stat") as stat:
                fields = stat.read().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry))
    return found
