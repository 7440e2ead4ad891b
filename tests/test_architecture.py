"""Only infra/http.py (and the policy module) may open outside connections."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "newsdesk"
# run_desk only probes its own child servers' ports on loopback to know they are up.
ALLOWED = {
    "infra/http.py",
    "infra/netpolicy.py",
    "demo/server.py",
    "pipeline/management/commands/run_desk.py",
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
