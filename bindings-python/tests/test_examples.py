import os
import pathlib
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent.parent / "examples" / "python"


def test_automation_script_runs(tmp_path: pathlib.Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "automation.py"), "--home", str(tmp_path / "home")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "allocated NB000" in out and "from Backup/Nightly" in out
    assert "mounted NB000" in out and "dismounted NB000" in out
    assert "INSERT  LOGICAL_MEDIA" in out and "DELETE  LOGICAL_MEDIA" in out
    assert "UPDATE  DRIVE" in out and "INSERT  LIBREQUEST" in out


def test_media_inventory_notebook_runs_in_a_real_kernel(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("pandas")
    monkeypatch.setenv("OPENRSM_HOME", str(tmp_path / "home"))
    notebook = nbformat.read(EXAMPLES / "media_inventory.ipynb", as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if o.output_type == "execute_result" and "text/html" in o.get("data", {})]
    assert any("NB0000L6" in h and "<table" in h for h in html), "the inventory DataFrame renders as HTML"
    assert any("Backup/Nightly" in h for h in html)
    assert any("Robot" in h and "RB0001" in h for h in html), "library media are in the DataFrame"
    svg = [o["data"]["image/svg+xml"] for o in outputs if o.output_type == "execute_result" and "image/svg+xml" in o.get("data", {})]
    assert len(svg) == 2 and all(s.startswith("<svg") and "RB0012" in s for s in svg), "the slot map renders as SVG"
    def in_drives(svg: str) -> bool:
        return any("RB0003" in g for g in svg.split("<g>") if g.startswith("<title>drive"))

    assert not in_drives(svg[0]) and in_drives(svg[1]), "the second map shows the mounted cartridge in a drive"
    assert os.path.exists(tmp_path / "home" / "openrsm.db")
