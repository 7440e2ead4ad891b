"""The shape of the house: rooms, which may import which, no cycles, one HTTP module.

The layering is written as data (``ROOMS``, top to bottom): a room may import only the
rooms it lists (and itself). Stages never import each other or the Django apps; shared
infrastructure imports nothing above it; apps never reach up into the orchestrators.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "newsdesk"
STAGES = ("fetch", "parse", "extract", "dedupe", "cluster", "write", "publish")
APPS = ("sources", "articles", "stories", "comments", "accounts")
ENTRY = ("bench", "demo", "cli", "settings", "celery", "urls", "wsgi")

# room -> rooms it may import. "stage" stands for the importing stage's own package only.
ROOMS: dict[str, set[str]] = {
    "entry": {"*"},  # settings, URL conf, CLI, benchmarks, demo, management commands
    "site": {"root", "infra", "language", "types", "stages", "apps", "orchestration", "site"},
    "orchestration": {"root", "infra", "language", "types", "stages", "apps", "orchestration"},
    "apps": {"root", "infra", "language", "types", "stages", "apps"},
    "stage": {"root", "infra", "language", "types", "stage"},
    "types": {"infra", "types"},
    "language": {"language"},
    "infra": {"root", "infra"},
    "root": {"entry"},  # newsdesk/__init__ loads the Celery app, as Celery's Django guide says
}


def room(module: str) -> str:
    """The room a dotted module name lives in (``stage:<name>`` for a pipeline stage)."""
    parts = module.split(".")[1:] or ["__root__"]
    head = parts[0]
    if head == "__root__":
        return "root"
    if "management" in parts or head in ENTRY:
        return "entry"
    if head in ("infra", "language"):
        return head
    if head in ("web", "desk"):
        return "site"
    if head in APPS:
        return "apps"
    if head == "pipeline" and len(parts) > 1:
        if parts[1] in STAGES:
            return f"stage:{parts[1]}"
        if parts[1] == "types":
            return "types"
        if parts[1] == "models":
            return "apps"  # the pipeline app's models (counters, run log)
    return "orchestration"  # pipeline.flows, tasks, cluster_state, apps


def allowed(src: str, dst: str) -> bool:
    rules = ROOMS[src.split(":")[0]]
    if "*" in rules or src == dst:
        return True
    if dst.startswith("stage:"):
        return "stages" in rules  # a stage's own package is the src == dst case
    return dst in rules


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """module -> the newsdesk modules it imports (anywhere in the file, lazily or not)."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                names = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in names:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    targets.add(target)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def forbidden(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{src} ({room(src)}) -> {dst} ({room(dst)})"
        for src, targets in graph.items()
        for dst in targets
        if not allowed(room(src), room(dst))
    )


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_imports_point_down_the_layers():
    assert forbidden(import_graph()) == []


def test_every_stage_is_one_package_exposing_its_stage_function():
    for stage in STAGES:
        init = PACKAGE / "pipeline" / stage / "__init__.py"
        assert init.exists(), f"pipeline/{stage} is not a package"
        doc = ast.get_docstring(ast.parse(init.read_text())) or ""
        assert "->" in doc or "→" in doc, f"pipeline/{stage} has no contract docstring"
    assert not (PACKAGE / "lib").exists() and not list(PACKAGE.rglob("utils.py"))


def test_the_checks_catch_a_cycle_and_a_wrong_direction():
    graph = {
        "newsdesk.pipeline.cluster": {"newsdesk.pipeline.dedupe"},
        "newsdesk.pipeline.dedupe": {"newsdesk.pipeline.cluster"},
        "newsdesk.infra.http": {"newsdesk.pipeline.types"},
        "newsdesk.stories.membership": {"newsdesk.pipeline.flows"},
        "newsdesk.pipeline.types": set(),
        "newsdesk.pipeline.flows": set(),
    }
    assert cycles(graph) == [["newsdesk.pipeline.cluster", "newsdesk.pipeline.dedupe"]]
    assert len(forbidden(graph)) == 4  # two stages crossing, infra up, an app up


# --- only the HTTP module (and the address policy) open outside connections -------------

# run_desk only probes its own child servers' ports on loopback to know they are up.
ALLOWED = {
    "infra/http.py",
    "infra/netpolicy.py",
    "demo/server.py",
    "pipeline/management/commands/run_desk.py",
    "bench/_load.py",  # the site bench's load generator, aimed at its own loopback server
}
FORBIDDEN_MODULES = ("urllib.request", "http.client", "requests", "httpx", "urllib3", "aiohttp")
FORBIDDEN_CALLS = {"create_connection", "connect", "connect_ex", "urlopen"}


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES):
                found.append(f"line {node.lineno}: imports {name}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if (
                node.func.attr in FORBIDDEN_CALLS
                and isinstance(owner, ast.Name)
                and owner.id in {"socket", "sock", "urllib"}
            ):
                found.append(f"line {node.lineno}: calls {owner.id}.{node.func.attr}")
    return found


def test_only_the_http_module_opens_connections():
    bad = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in ALLOWED:
            continue
        problems = _violations(path)
        if problems:
            bad[rel] = problems
    assert bad == {}


def test_the_check_catches_a_violation(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text(
        "import urllib.request\nfrom http.client import HTTPConnection\nsocket.create_connection(('x', 1))\n"
    )
    assert len(_violations(sample)) == 4
