"""Starting the server: without API keys only loopback is allowed, and the refusal says what to
do; the deid response schema mirrors the de-identification result it serves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from openmfm.errors import ConfigError
from openmfm.interfaces.schemas import DeidEntityOut, DeidOut
from openmfm.interfaces.serving import banner, check_binding
from openmfm.interfaces.settings import ServeSettings, is_loopback

MFM = str(Path(sys.executable).with_name("mfm"))


def test_without_keys_only_loopback_may_be_bound(keyless_cfg, keyed_cfg, keys):
    assert check_binding(keyless_cfg, "127.0.0.1") is False
    with pytest.raises(ConfigError) as e:
        check_binding(keyless_cfg, "0.0.0.0")
    assert "mfm policy keys add" in e.value.hint
    assert check_binding(keyed_cfg, "0.0.0.0") is True
    assert "loopback only" in banner(ServeSettings(), keyed=False) and "required" in banner(ServeSettings(), keyed=True)


def test_the_cli_refuses_a_public_address_without_keys_with_exit_code_2(keyless_cfg):
    env = {**os.environ, "MFM_HOME": str(keyless_cfg.data_home), "MFM_CONFIG": ""}
    r = subprocess.run([MFM, "serve", "--host", "0.0.0.0", "--port", "1"], env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2 and "Refusing to listen on 0.0.0.0" in r.stderr and "next:" in r.stderr


@pytest.mark.parametrize("host, loop", [("127.0.0.1", True), ("127.3.4.5", True), ("::1", True), ("[::1]", True),
                                        ("localhost", True), ("0.0.0.0", False), ("10.1.2.3", False),
                                        ("example.org", False), (None, False)])
def test_loopback_addresses(host, loop):
    assert is_loopback(host) is loop


def test_deid_schema_mirrors_the_result_it_serves():
    from openmfm.safety.deid import DeidEntity, DeidResult

    assert set(DeidOut.model_fields) == set(DeidResult.model_fields)
    assert set(DeidEntityOut.model_fields) == set(DeidEntity.model_fields)
