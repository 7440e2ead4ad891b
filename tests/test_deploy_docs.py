"""docs/deploy.md, docker-compose.yml and the Dockerfile name only what exists: every
`newsdesk` command, every NEWSDESK_* variable, the Celery queues and the roles agree
with the code, so an operator following them never meets "Unknown command"."""

import re
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = (ROOT / "docs" / "deploy.md").read_text()
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
DOCUMENTED = set(
    re.findall(
        r"^\| `(NEWSDESK_[A-Z0-9_]+)` \|", (ROOT / "docs/configuration.md").read_text(), re.M
    )
)
ROLES = {"web", "worker", "cluster", "beat"}


def _texts() -> list[str]:
    commands = [" ".join(s["command"]) for s in COMPOSE["services"].values() if "command" in s]
    return [DEPLOY, DOCKERFILE, *commands]


def test_every_newsdesk_command_named_exists():
    # As typed: `newsdesk x`, .venv/bin/newsdesk x, "exec web newsdesk x", "&& newsdesk x".
    shell = re.compile(r"(?:bin/|`|exec web |&& |-c )newsdesk ([a-z_]+)")
    named = {m for text in _texts() for m in shell.findall(text)}
    assert named, "no command found: the pattern broke"
    assert named <= set(get_commands()), named - set(get_commands())
    assert {"migrate", "collectstatic", "createsuperuser", "load_demo"} <= named


def test_every_variable_named_is_a_real_setting():
    named = {v for text in _texts() for v in re.findall(r"\bNEWSDESK_[A-Z0-9_]+\b", text)}
    for service in COMPOSE["services"].values():
        named |= {k for k in (service.get("environment") or {}) if k.startswith("NEWSDESK_")}
    assert named <= DOCUMENTED, named - DOCUMENTED
    assert {"NEWSDESK_SECRET_KEY", "NEWSDESK_ALLOWED_HOSTS", "NEWSDESK_CSRF_TRUSTED_ORIGINS"} <= (
        named
    )


def test_celery_queues_and_one_name_per_process():
    queues = {"celery"} | {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    for text in _texts():
        for line in re.findall(r"celery -A newsdesk worker[^\n`\"]*", text):
            named = set(re.findall(r"-Q (\w+)", line))
            assert named and named <= queues, line
            assert re.search(r"-n \w+@%[hH]", line), f"no unique -n name: {line}"


def test_compose_runs_the_same_roles_as_the_doc():
    services = COMPOSE["services"]
    assert ROLES <= set(services)
    for role in ROLES:
        assert f"| {role} |" in DEPLOY
        assert services[role]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert services[role]["environment"]["NEWSDESK_SECRET_KEY"].startswith(
            "${NEWSDESK_SECRET_KEY:?"
        )
    assert "--appendonly" in services["redis"]["command"]
    assert "collectstatic" in " ".join(services["migrate"]["command"])


def test_readme_links_the_deploy_guide():
    assert "(docs/deploy.md)" in (ROOT / "README.md").read_text()
