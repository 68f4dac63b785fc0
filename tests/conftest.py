"""Set-up shared by every test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _keep_user_data_out(tmp_path, monkeypatch):
    """The saves, scenarios and colour settings of whoever runs the tests
    must neither leak into a test nor be written by one."""
    monkeypatch.setenv("TRUSTQUEST_SAVES", str(tmp_path / "env-saves"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("TRUSTQUEST_SCENARIOS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
