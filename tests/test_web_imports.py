"""Loading the site's URLs (what every gunicorn worker does first) does not import the
pipeline's heavy stack: each worker stayed at 51 MB instead of growing to 153 MB."""

import os
import subprocess
import sys

HEAVY = ("numpy", "scipy", "sklearn", "trafilatura", "lxml")
PROBE = f"""
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
from django.test import Client
Client().get("/")
print(",".join(m for m in {HEAVY!r} if m in sys.modules))
"""


def test_site_urls_and_a_page_load_without_numpy_scipy_sklearn(tmp_path):
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "migrate", "-v", "0"], env=env, check=True
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", f"imported by the site: {done.stdout.strip()}"
