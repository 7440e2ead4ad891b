"""docs/security.md maps every row of the threat table to tests that exist, or says why
the row does not apply; a test named after a row is listed under it.

The 70 row ids are copied here because the table itself (``../shared/THREATS.md``) is not
part of the repository.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROW_IDS = (
    [f"A{n}" for n in range(1, 13)]
    + [f"B{n}" for n in range(1, 7)]
    + [f"C{n}" for n in range(1, 13)]
    + [f"D{n}" for n in range(1, 9)]
    + [f"E{n}" for n in range(1, 12)]
    + [f"F{n}" for n in range(1, 8)]
    + [f"G{n}" for n in range(1, 5)]
    + [f"H{n}" for n in range(1, 11)]
)
ROW = re.compile(r"^\| ([A-H]\d+) \|[^|]+\|([^|]+)\|([^|]*)\|$", re.MULTILINE)
REF = re.compile(r"(tests/\w+\.py)::(\w+)")
# A test on another engineer's branch, named by file and issue until the lead merges it.
ELSEWHERE = re.compile(r"tests/\w+\.py \(issue \d+\)")


def _rows() -> dict[str, tuple[str, str]]:
    text = (ROOT / "docs" / "security.md").read_text()
    found = ROW.findall(text)
    ids = [row_id for row_id, _, _ in found]
    assert len(ids) == len(set(ids)), "a row is listed twice"
    return {row_id: (status.strip(), tests.strip()) for row_id, status, tests in found}


def test_the_table_has_70_rows():
    assert len(ROW_IDS) == len(set(ROW_IDS)) == 70


def test_every_row_is_mapped_and_every_named_test_exists():
    rows = _rows()
    assert set(rows) == set(ROW_IDS), set(ROW_IDS) ^ set(rows)
    for row_id, (status, tests) in rows.items():
        refs = REF.findall(tests)
        if not refs and not ELSEWHERE.search(tests):
            assert status.startswith("does not apply"), f"{row_id} has no test"
        for path, name in refs:
            source = ROOT / path
            assert source.exists(), f"{row_id}: {path} missing"
            assert re.search(rf"^def {name}\(", source.read_text(), re.MULTILINE), (
                f"{row_id}: {path}::{name} missing"
            )


def test_every_test_named_after_a_row_is_listed_under_it():
    rows = _rows()
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        for name in re.findall(r"^def (test_([A-H]\d+(?:_[A-H]\d+)*)_\w+)\(", path.read_text(),
                               re.MULTILINE):  # fmt: skip
            test, ids = name
            for row_id in ids.split("_"):
                listed = f"tests/{path.name}::{test}"
                assert listed in rows[row_id][1], f"{listed} not listed under {row_id}"
