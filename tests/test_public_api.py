"""The package root's public API: every name in __all__ resolves, and importing stays light."""

from __future__ import annotations

import subprocess
import sys

import claimledger


def test_every_exported_name_resolves() -> None:
    for name in claimledger.__all__:
        assert getattr(claimledger, name) is not None


def test_no_exported_name_is_shadowed_by_a_submodule_once_every_module_is_imported() -> None:
    # Importing a submodule sets the package's attribute of that name: a function exported
    # under a submodule's name ('run' beside a module run.py) would turn into the module.
    code = (
        "import importlib, pkgutil, types, claimledger\n"
        "for m in pkgutil.walk_packages(claimledger.__path__, 'claimledger.'):\n"
        "    importlib.import_module(m.name)\n"
        "names = [n for n in claimledger._EXPORTS if n in vars(claimledger)]\n"
        "print([n for n in names if isinstance(vars(claimledger)[n], types.ModuleType)])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_all_lists_exactly_the_lazy_exports() -> None:
    assert set(claimledger.__all__) == {"__version__", *claimledger._EXPORTS}


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        claimledger.no_such_thing  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def test_importing_the_package_does_not_load_spacy() -> None:
    code = "import sys, claimledger, claimledger.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
