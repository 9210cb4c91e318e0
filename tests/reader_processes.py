"""Running `claimledger` in a child process, as a user does: under a memory limit (so a test of
"bounded memory" fails by the kernel's refusal, not by a timer), or without root's power to read
what file permissions forbid."""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from claimledger.model import Document, ReadError

CLAIMLEDGER = Path(sys.executable).parent / "claimledger"
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space; importing the reader takes about 300 MB
# prctl(PR_CAPBSET_DROP, cap): a root child then exec'd has no such capability.
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2
CANNOT_DROP = 97  # the child's exit status when the capabilities cannot be dropped


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _obey_file_permissions() -> None:
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            os._exit(CANNOT_DROP)


def run_claimledger(
    *args: str | Path,
    memory_limited: bool = False,
    obey_file_permissions: bool = False,
    timeout: float = 180,
) -> subprocess.CompletedProcess[bytes]:
    """`claimledger ARGS` in a child process; the timeout only guards against a hang."""

    def prepare() -> None:
        if memory_limited:
            _limit_memory()
        if obey_file_permissions:
            _obey_file_permissions()

    result = subprocess.run(
        [str(CLAIMLEDGER), *map(str, args)],
        # Wide enough that rich never folds a long temporary path in a table or message.
        env={**os.environ, "COLUMNS": "1000"},
        capture_output=True,
        timeout=timeout,
        preexec_fn=prepare,
        check=False,
    )
    if obey_file_permissions and result.returncode == CANNOT_DROP:
        pytest.skip("running as root without the right to drop CAP_DAC_OVERRIDE")
    return result


def jsonl_records(stdout: bytes) -> list[Document | ReadError]:
    return [msgspec.json.decode(line, type=Document | ReadError) for line in stdout.splitlines()]
