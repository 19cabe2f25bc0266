"""The `dorak` command: tokens for scripts, users, and clear errors."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from dorak.auth import Accounts
from dorak.cli import main
from dorak.config import sample_text
from dorak.store import Store


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DORAK_INSTANCE", str(tmp_path / "inst"))
    return CliRunner()


def test_init_creates_the_database(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(main, ["init", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "x.db").exists()
    r = runner.invoke(main, ["init"])
    assert (tmp_path / "inst" / "dorak.db").exists() and r.exit_code == 0


def test_token_create_prints_the_token_alone_on_the_last_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = str(tmp_path / "x.db")
    r = runner.invoke(main, ["token", "create", "--role", "clerk", "--window", "3", "--db", db])
    assert r.exit_code == 0, r.output
    token = r.stdout.strip().splitlines()[-1]
    assert token.startswith("dk_") and " " not in token
    who = Accounts(Store(db)).verify_token(token)
    assert who is not None and (who.role, who.window) == ("clerk", 3)
    listed = runner.invoke(main, ["token", "list", "--db", db]).output
    assert "clerk" in listed and token not in listed
    assert runner.invoke(main, ["token", "revoke", "1", "--db", db]).exit_code == 0
    assert Accounts(Store(db)).verify_token(token) is None


def test_token_for_unknown_window_is_refused(runner: CliRunner) -> None:
    r = runner.invoke(main, ["token", "create", "--role", "clerk", "--window", "42"])
    assert r.exit_code != 0 and "window 42 is not in the center" in r.output
    r = runner.invoke(main, ["token", "create", "--role", "clerk"])
    assert r.exit_code != 0 and "needs --window" in r.output


def test_user_add_and_list(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    r = runner.invoke(
        main,
        ["user", "add", "mona", "--role", "clerk", "--window", "2", "--db", db],
        input="long enough pw\nlong enough pw\n",
    )
    assert r.exit_code == 0, r.output
    assert Accounts(Store(db)).authenticate("mona", "long enough pw") is not None
    assert "mona" in runner.invoke(main, ["user", "list", "--db", db]).output
    r = runner.invoke(
        main, ["user", "add", "x", "--role", "admin", "--db", db, "--password", "short"]
    )
    assert r.exit_code != 0 and "at least 8" in r.output


def test_bad_config_file_names_the_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "center.toml"
    bad.write_text(sample_text().replace("shops = 0.5", "shopz = 0.5"), encoding="utf-8")
    r = runner.invoke(main, ["init", "--config", str(bad)])
    assert r.exit_code != 0
    assert f"{bad}:" in r.output and "unknown service 'shopz'" in r.output


def test_unwritable_database_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "x.db").mkdir()  # a folder where the file should be
    r = runner.invoke(main, ["init", "--db", str(folder / "x.db")])
    assert r.exit_code != 0 and "database" in r.output.lower()


def test_port_in_use_is_a_clear_error(runner: CliRunner) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = runner.invoke(main, ["serve", "--port", str(port)])
    assert r.exit_code != 0 and f"port {port} on 127.0.0.1 is in use" in r.output


def test_a_config_that_is_not_utf8_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "center.toml"
    bad.write_bytes(sample_text().encode("utf-8").replace("مركز".encode(), b"\xe3\xd1\xdf\xd2"))
    r = runner.invoke(main, ["init", "--config", str(bad)])
    assert r.exit_code == 1 and r.exception is not None and isinstance(r.exception, SystemExit)
    assert "not UTF-8 text" in r.output and str(bad) in r.output


def test_usernames_with_invisible_characters_are_refused(runner: CliRunner) -> None:
    r = runner.invoke(
        main, ["user", "add", "admin\u200b", "--role", "admin", "--password", "long enough"]
    )
    assert r.exit_code == 1 and "U+200B" in r.output
    r = runner.invoke(
        main, ["user", "add", "admin", "--role", "admin", "--password", "long enough"]
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(
        main, ["user", "add", "Admin", "--role", "admin", "--password", "long enough"]
    )
    assert r.exit_code == 1 and "exists already" in r.output
