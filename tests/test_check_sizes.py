"""The size check that scripts/test runs (scripts/check_sizes.py)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_sizes.py"
spec = importlib.util.spec_from_file_location("check_sizes", SCRIPT)
check_sizes = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_sizes)


def function(name: str, lines: int, above: str = "") -> str:
    body = "".join(f"    x{n} = {n}\n" for n in range(lines - 1))
    return f"{above}def {name}():\n{body}"


def offenders(tmp_path, source: str) -> list[str]:
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    return check_sizes.offenders(path)


def test_a_long_function_is_named_unless_a_reason_stands_beside_it(tmp_path):
    assert offenders(tmp_path, function("short", 60)) == []
    (found,) = offenders(tmp_path, function("long", 61))
    assert found.endswith(":1: function long() of 61 lines (limit 60)")
    reason = "# size: one table, read top to bottom\n"
    assert offenders(tmp_path, function("long", 61, above=reason)) == []


def test_a_long_module_is_named_unless_its_header_gives_a_reason(tmp_path):
    filler = "".join(f"x{n} = {n}\n" for n in range(401))
    (found,) = offenders(tmp_path, '"""A module."""\n' + filler)
    assert found.endswith("module.py: module of 402 lines (limit 400)")
    header = '"""A module."""\n# size: generated tables\n'
    assert offenders(tmp_path, header + filler) == []


def test_tests_and_migrations_are_exempt():
    repo = check_sizes.REPO
    assert check_sizes.exempt(repo / "tests" / "cms" / "test_founders.py")
    assert check_sizes.exempt(repo / "cms" / "migrations" / "0001_initial.py")
    assert not check_sizes.exempt(repo / "search" / "api.py")
