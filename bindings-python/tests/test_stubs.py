import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_stubs_match_the_native_module(tmp_path: pathlib.Path) -> None:
    # From a directory outside the source tree, so mypy sees the installed package only once.
    result = run("-m", "mypy.stubtest", "openrsm", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_stub_section_is_current() -> None:
    result = run(str(ROOT / "scripts" / "gen_stubs.py"), "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_examples_type_check_against_the_stubs(tmp_path: pathlib.Path) -> None:
    example = ROOT.parent / "examples" / "python" / "automation.py"
    result = run("-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(example), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
