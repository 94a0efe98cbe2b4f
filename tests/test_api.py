"""The Python API has the command line's verbs, and `import checker` stays cheap."""

from __future__ import annotations

import importlib
import subprocess
import sys

from conftest import SEEDS

import checker


def test_the_verbs_of_the_command_line():
    result = checker.check([SEEDS])
    assert result["summary"]["error"] == 1
    importlib.import_module("checker.findings")  # a submodule import must not shadow the verb

    assert callable(checker.check) and checker.check([SEEDS])["summary"]["error"] == 1
    assert checker.extract([SEEDS]).height == result["claims"].height
    assert "<mark" in checker.render_html(result)


def test_import_is_cheap():
    heavy = "('polars', 'great_expectations', 'deltalake')"
    code = f"import sys, checker; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
