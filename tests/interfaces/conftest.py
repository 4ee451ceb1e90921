"""Real servers for the interface tests: uvicorn on 127.0.0.1 in a thread, over a small zh/en KB.

- ``keyed``: API keys exist for every role, so every request needs one;
- ``keyless``: no keys (loopback requests act as the local clinician), the same KB;
- ``slow``: keyless, a scripted model that writes slowly, and no queue behind it (busy, cancelled).

The test policy is the built-in one plus the proposed ``manage_kb`` permission for admins, with
the researcher reduced to ``deid`` (so every permission has a role that lacks it, for the 403
checks) and without the learned PHI recogniser (rules only: fast, independent of its model file).
"""

from __future__ import annotations

import socket
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import tomli_w
import uvicorn

from openmfm.config import load_config
from openmfm.safety import policy as policy_module
from openmfm.safety.access import KeyStore

KNOWN_MANAGE_KB = "manage_kb" in policy_module.PERMISSIONS  # read before the fixture below extends it
ROLES = ("clinician", "patient", "researcher", "privacy_officer", "admin")
ALLOWED = {"ask": "clinician", "deid": "clinician", "read_audit": "privacy_officer", "manage_keys": "admin",
           "manage_kb": "admin"}  # under the test policy
DENIED = {"ask": "researcher", "deid": "patient", "read_audit": "clinician", "manage_keys": "privacy_officer",
          "manage_kb": "privacy_officer"}

GUIDE_EN = """# Adult hypertension: drug treatment

## Starting treatment
- Offer an ACE inhibitor such as lisinopril or an angiotensin receptor blocker as the first-line drug for adults under 55.
- For adults aged 55 or over, offer a calcium-channel blocker such as amlodipine 5 mg once daily as the first-line drug.

## Follow-up
- Review blood pressure four weeks after starting or changing a drug.
"""

GUIDE_ZH = """# 成人高血压药物治疗要点

## 起始治疗
- 55岁以下成人首选血管紧张素转换酶抑制剂，例如赖诺普利，每日一次口服。
- 55岁及以上成人首选钙通道阻滞剂，例如氨氯地平，每次5毫克，每日一次。

## 随访
- 开始或调整降压药后四周复查血压。
"""

GOUT = """# Acute gout flare

- Colchicine or an NSAID is used first for an acute gout flare, with rest and ice.
"""

EN_Q = "What is the first-line drug for hypertension in adults aged 55 or over?"
ZH_Q = "55岁以上成人高血压首选什么药？"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    url: str
    app: object
    cfg: object
    keys: dict[str, str]

    def client(self, role: str | None = None, **kw) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[role]}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=120, **kw)

    @property
    def services(self):
        return self.app.state.services


class _Thread:
    """uvicorn in a thread, started and stopped by the fixture that owns it."""

    def __init__(self, app, port: int):
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None,
                                                    access_log=False, lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=30)


def _policy(folder: Path, manage_kb: bool) -> Path:
    data = tomllib.loads(policy_module.builtin_policy_text())
    if manage_kb and "manage_kb" not in data["roles"]["admin"]:
        data["roles"]["admin"].append("manage_kb")
    data["roles"]["researcher"] = ["deid"]
    data["deid"]["learned"] = False
    path = folder / f"policy{'-kb' if manage_kb else ''}.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def test_policy(tmp_path_factory) -> Path:
    return _policy(tmp_path_factory.mktemp("policy"), manage_kb=True)


@pytest.fixture(scope="session")
def plain_policy(tmp_path_factory) -> Path:
    """The test policy for another process, which has no ``manage_kb`` until the policy module names it."""
    return _policy(tmp_path_factory.mktemp("policy"), manage_kb=KNOWN_MANAGE_KB)


@pytest.fixture(scope="session", autouse=True)
def _manage_kb_permission():
    """Until the policy names ``manage_kb`` (proposed with this interface), let the test policy use it."""
    if KNOWN_MANAGE_KB:
        yield
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(policy_module, "PERMISSIONS", (*policy_module.PERMISSIONS, "manage_kb"))
        yield


def _cfg(home: Path, policy: Path, smollm2_gguf):
    return load_config({"home.path": str(home), "kb.name": "serve", "model.name": "smollm2-135m-instruct",
                        "model.max_tokens": 96, "model.n_threads": 2, "answer.mode": "extractive",
                        "policy.file": str(policy)})


@pytest.fixture(scope="session")
def keyed_cfg(tmp_path_factory, test_policy, smollm2_gguf, _manage_kb_permission):
    from openmfm.knowledge import open_kb

    home = tmp_path_factory.mktemp("serve-keyed")
    cfg = _cfg(home, test_policy, smollm2_gguf)
    docs = tmp_path_factory.mktemp("serve-docs")
    kb = open_kb(cfg, create=True)
    for name, text, meta in [
        ("htn_en.md", GUIDE_EN, dict(title="Adult hypertension guideline", publisher="Test Society", doc_type="guideline",
                                     published="2023-08-01", licence="CC-BY-4.0")),
        ("htn_zh.md", GUIDE_ZH, dict(title="成人高血压药物治疗要点", publisher="测试学会", doc_type="guideline",
                                     published="2022-05-01", licence="CC-BY-4.0")),
        ("gout.md", GOUT, dict(title="Gout flare note", doc_type="guideline", licence="CC0-1.0")),
    ]:
        path = docs / name
        path.write_text(text, encoding="utf-8")
        kb.add_paths([path], **meta)
    return cfg


@pytest.fixture(scope="session")
def keys(keyed_cfg) -> dict[str, str]:
    store = KeyStore(keyed_cfg)
    return {role: store.add(f"test-{role}", role) for role in ROLES}


def _serve(cfg, keys, **settings):
    from openmfm.interfaces.app import create_app
    from openmfm.interfaces.settings import ServeSettings

    port = _free_port()
    app = create_app(cfg, ServeSettings(port=port, **settings))
    return Served(f"http://127.0.0.1:{port}", app, cfg, keys), _Thread(app, port)


@pytest.fixture(scope="session")
def keyed(keyed_cfg, keys):
    served, thread = _serve(keyed_cfg, keys, max_upload_mb=1)
    with thread:
        yield served


@pytest.fixture(scope="session")
def keyless_cfg(tmp_path_factory, keyed_cfg, test_policy, smollm2_gguf):
    home = tmp_path_factory.mktemp("serve-keyless")
    (home / "kb").mkdir()
    (home / "kb" / "serve").symlink_to(keyed_cfg.kb_dir())  # the same KB, another key store and audit log
    (home / "models").symlink_to(keyed_cfg.models_dir)
    return _cfg(home, test_policy, smollm2_gguf)


@pytest.fixture(scope="session")
def keyless(keyless_cfg):
    served, thread = _serve(keyless_cfg, {})
    with thread:
        yield served


def audit_actions(cfg) -> list[str]:
    from openmfm.audit import AuditLog

    return [r.action for r in AuditLog(cfg.audit_path).list(limit=100_000)]
