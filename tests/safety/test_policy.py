"""Policy as code: validation, versioning, override through config, the CLI."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from openmfm.cli import app
from openmfm.config import load_config
from openmfm.errors import PolicyError
from openmfm.safety.policy import builtin_policy_text, check_policy_file, load_policy, parse_policy

runner = CliRunner()


def test_builtin_policy_valid_and_versioned():
    pol = load_policy(load_config())
    assert pol.version.startswith("openmfm-default@") and len(pol.version.split("@")[1]) == 12
    assert pol.allows("privacy_officer", "reidentify") and not pol.allows("clinician", "reidentify")


@pytest.mark.parametrize("edit,needle", [
    (("max_chars = 20000", "max_chars = -1"), "input.max_chars"),
    (('"chest_pain", ', '"chest_pian", '), "unknown categories"),
    (('patient = ["ask", "consult"]', 'patient = ["ask", "consult", "fly"]'), "unknown permissions"),
    (('escalation = "URGENT: what you describe ({reasons}) can be life-threatening. Call {emergency}', 'escalation = "URGENT: call'), "{emergency}"),
    (("[deid]", "[deid]\nversion = 3\n[deid2]"), "deid2"),
])
def test_invalid_policies_rejected_with_the_key_named(edit, needle):
    with pytest.raises(PolicyError) as e:
        parse_policy(builtin_policy_text().replace(*edit, 1), "x.toml")
    assert needle in e.value.message


def test_config_file_overrides_builtin(tmp_path, monkeypatch):
    f = tmp_path / "p.toml"
    f.write_text(builtin_policy_text().replace('name = "openmfm-default"', 'name = "ward-7"'), encoding="utf-8")
    monkeypatch.setenv("MFM_POLICY_FILE", str(f))
    assert load_policy(load_config()).version.startswith("ward-7@")
    monkeypatch.setenv("MFM_POLICY_FILE", str(tmp_path / "missing.toml"))
    with pytest.raises(PolicyError):
        load_policy(load_config())


def test_cli_policy_show_and_check(tmp_path):
    r = runner.invoke(app, ["policy", "show"])
    assert r.exit_code == 0 and "openmfm-default@" in r.output and "[locales.\"zh-CN\"]" in r.output
    good = tmp_path / "good.toml"
    good.write_text(builtin_policy_text(), encoding="utf-8")
    assert runner.invoke(app, ["policy", "check", str(good)]).exit_code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("name = [", encoding="utf-8")
    with pytest.raises(PolicyError):
        check_policy_file(bad)
    assert runner.invoke(app, ["policy", "check", str(bad)]).exit_code != 0
