"""batch (with a Python progress callback, from the library's worker threads), ledger and push."""

import shutil
import socket

import pytest

import citizensdmx as cs
from conftest import SAMPLES, SAMPLE

SAMPLE_NAMES = ("disability-access-survey", "air-quality-citizen-sensors")


@pytest.fixture
def batch_input(tmp_path):
    for name in SAMPLE_NAMES:
        shutil.copytree(SAMPLES / name, tmp_path / "in" / name)
    return tmp_path / "in"


def test_batch_calls_progress_for_each_package_and_records_a_ledger(batch_input, tmp_path):
    calls = []
    result = cs.batch(batch_input, tmp_path / "out", jobs=2, progress=lambda *a: calls.append(a))
    assert result.ok
    assert result.packages == 2 and result.converted == 2 and result.failed == 0
    assert sorted(c[0] for c in calls) == [1, 2]
    assert all(c[1] == 2 for c in calls)
    assert sorted(name for _, _, package, _ in calls for name in SAMPLE_NAMES if name in package) == sorted(
        SAMPLE_NAMES)
    # A rerun changes nothing: every package is skipped, and the ledger has both runs.
    again = cs.batch(batch_input, tmp_path / "out", jobs=1)
    assert again.skipped == 2 and again.converted == 0
    history = cs.ledger(result.values["ledger"])
    assert isinstance(history, list) and len(history) >= 2


def test_an_exception_in_the_callback_comes_back_after_the_batch(batch_input, tmp_path):
    def fail(*_):
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        cs.batch(batch_input, tmp_path / "out", progress=fail)


def test_a_failed_package_raises_invalid_with_the_summary(batch_input, tmp_path):
    (batch_input / "disability-access-survey" / "datapackage.json").write_text("{", encoding="utf-8")
    with pytest.raises(cs.Invalid) as caught:
        cs.batch(batch_input, tmp_path / "out")
    assert caught.value.result.failed == 1
    assert caught.value.result.converted == 1


def test_ledger_of_a_missing_file_raises(tmp_path):
    with pytest.raises(cs.CitizenSdmxError):
        cs.ledger(tmp_path / "none.sqlite")


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def converted(tmp_path):
    with cs.open_package(SAMPLE) as package:
        return package.convert(tmp_path / "out").outputs


def test_push_dry_run_sends_nothing_and_says_what_it_would(converted, monkeypatch):
    # A dry run checks what the real push checks, credentials included (from the environment).
    monkeypatch.setenv("CSDMX_REGISTRY_USER", "tester")
    monkeypatch.setenv("CSDMX_REGISTRY_PASSWORD", "not-a-secret")
    result = cs.push(converted, registry=f"http://127.0.0.1:{_closed_port()}", api="fmr", dry_run=True)
    assert result.ok
    assert result.values["table"]


def test_push_dry_run_without_credentials_is_refused_as_the_real_push_is(converted, monkeypatch):
    for name in ("CSDMX_REGISTRY_USER", "CSDMX_REGISTRY_PASSWORD", "CSDMX_REGISTRY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NETRC", "/nonexistent/netrc")
    with pytest.raises(cs.BadArgument):
        cs.push(converted, registry=f"http://127.0.0.1:{_closed_port()}", api="fmr", dry_run=True)


def test_push_to_a_closed_port_raises_unreachable(converted, monkeypatch):
    # Credentials only from the environment (never options): a made-up pair for a port nobody listens on.
    monkeypatch.setenv("CSDMX_REGISTRY_USER", "tester")
    monkeypatch.setenv("CSDMX_REGISTRY_PASSWORD", "not-a-secret")
    lines = []
    with pytest.raises(cs.Unreachable) as caught:
        cs.push(converted, registry=f"http://127.0.0.1:{_closed_port()}", api="fmr", retries=0, timeout_ms=2000,
                log=lines.append)
    assert isinstance(caught.value, ConnectionError)
    assert caught.value.status == 6


def test_push_with_an_unknown_api_is_refused(converted):
    with pytest.raises(cs.BadArgument):
        cs.push(converted, registry="http://127.0.0.1:1", api="ftp")
