"""Merged weights to GGUF with the ``gguf`` package, then llama.cpp's quantiser as shipped.

An adapted model has its parent's architecture and tokenizer; only the weights changed. So the
export copies every metadata field of the parent GGUF (tokenizer, chat template, hyper-parameters)
and writes the merged tensors under the parent's tensor names, mapped from the Hugging Face names
by gguf-py's own name table, in the parent's order and shapes. This needs no llama.cpp converter
script (it is not in any wheel, only in llama-cpp-python's source archive) and only one fact per
architecture: whether llama.cpp stores the attention q/k rows permuted (``PERMUTED``). An
architecture missing from that table is refused rather than written wrongly. The run's lineage
goes into the file itself as ``openmfm.lineage``, and survives quantisation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import gguf
import llama_cpp
import numpy as np
import torch
from llama_cpp._utils import suppress_stdout_stderr
from transformers import AutoModelForCausalLM

from ...errors import InvalidInput
from .schema import AdaptRun
from .workspace import replacing

# Hugging Face model_type -> (GGUF architecture, q/k rows permuted as llama.cpp's converter does)
PERMUTED: dict[str, tuple[str, bool]] = {"llama": ("llama", True), "qwen2": ("qwen2", False)}
OUTTYPES = {"f16": (np.float16, 1), "f32": (np.float32, 0)}  # numpy type, general.file_type


def _permute(w: np.ndarray, n_head: int, n_kv: int | None) -> np.ndarray:
    """llama.cpp's row order for rotary q/k (the inverse of what transformers undoes on load)."""
    heads = n_kv if n_kv is not None and n_kv != n_head else n_head
    return w.reshape(heads, 2, w.shape[0] // heads // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def architecture(merged: Path) -> tuple[str, bool]:
    """The GGUF architecture of a merged model directory, or a clear refusal."""
    cfg = json.loads((merged / "config.json").read_text(encoding="utf-8"))
    model_type = cfg.get("model_type", "?")
    if model_type not in PERMUTED:
        raise InvalidInput(f"GGUF export does not support the '{model_type}' architecture.",
                           f"Supported: {', '.join(sorted(PERMUTED))} (the families of the registry's models); "
                           "use the adapter with transformers instead, or add the architecture to gguf_export.PERMUTED.")
    return PERMUTED[model_type]


def export_gguf(run: AdaptRun, merged: Path, parent: Path, out: Path, *, outtype: str = "f16") -> dict[str, Any]:
    """Write ``out`` from the merged directory, shaped after the ``parent`` GGUF file."""
    if outtype not in OUTTYPES:
        raise InvalidInput(f"Unknown GGUF output type '{outtype}'.", f"Use one of: {', '.join(OUTTYPES)}.")
    arch, permuted = architecture(merged)
    reader = gguf.GGUFReader(str(parent))
    parent_arch = reader.fields[gguf.Keys.General.ARCHITECTURE].contents()
    if parent_arch != arch:
        raise InvalidInput(f"The merged model is '{arch}' but the parent GGUF {parent.name} is '{parent_arch}'.",
                           "Export against the run's own base model.")
    model = AutoModelForCausalLM.from_pretrained(str(merged), dtype=torch.float32, local_files_only=True)
    hf = model.config
    state = {k: v.detach().float().numpy() for k, v in model.state_dict().items()}
    arch_id = next(k for k, v in gguf.MODEL_ARCH_NAMES.items() if v == arch)
    names = gguf.get_tensor_name_map(arch_id, hf.num_hidden_layers)
    to_hf = {}
    for key in state:
        stem, _, suffix = key.rpartition(".")
        name = names.get_name(stem)
        if name:
            to_hf[f"{name}.{suffix}"] = key
    np_type, file_type = OUTTYPES[outtype]
    lineage = {"run": run.name, "base": run.base, "base_sha256": run.base_sha256,
               "data_sha256": (run.data or {}).get("sha256"), "recipe": run.recipe.model_dump()}
    with replacing(out) as tmp:
        writer = gguf.GGUFWriter(str(tmp), arch)
        for field in reader.fields.values():
            if field.name == gguf.Keys.General.ARCHITECTURE or field.name.startswith("GGUF."):
                continue
            vtype = field.types[0]
            value = file_type if field.name == gguf.Keys.General.FILE_TYPE else field.contents()
            writer.add_key_value(field.name, value, vtype,
                                 sub_type=field.types[-1] if vtype == gguf.GGUFValueType.ARRAY else None)
        writer.add_string("openmfm.lineage", json.dumps(lineage, sort_keys=True))
        for t in reader.tensors:
            if t.name not in to_hf:
                raise InvalidInput(f"The parent's tensor {t.name} has no counterpart in the merged model.",
                                   "The merged model is not of the parent's architecture.")
            w = state[to_hf[t.name]]
            if ".attn_q." in t.name and permuted:
                w = _permute(w, hf.num_attention_heads, hf.num_attention_heads)
            elif ".attn_k." in t.name and permuted:
                w = _permute(w, hf.num_attention_heads, hf.num_key_value_heads)
            if tuple(reversed([int(x) for x in t.shape])) != w.shape:
                raise InvalidInput(f"Tensor {t.name}: merged shape {w.shape} differs from the parent's.",
                                   "Merge the adapter onto the run's own base.")
            writer.add_tensor(t.name, np.ascontiguousarray(w.astype(np_type if w.ndim > 1 else np.float32)))
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
    return {"gguf": str(out), "outtype": outtype, "architecture": arch, "tensors": len(reader.tensors),
            "bytes": out.stat().st_size}


def quantize(src: Path, out: Path, qtype: str, *, threads: int = 0) -> dict[str, Any]:
    """llama.cpp's quantiser (``llama_model_quantize``) from ``src`` to ``out``."""
    ftype = getattr(llama_cpp, f"LLAMA_FTYPE_MOSTLY_{qtype.upper()}", None)
    if ftype is None:
        known = sorted(n.removeprefix("LLAMA_FTYPE_MOSTLY_") for n in dir(llama_cpp) if n.startswith("LLAMA_FTYPE_MOSTLY_"))
        raise InvalidInput(f"Unknown quantisation '{qtype}'.", f"Use one of: {', '.join(known)}.")
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = ftype
    params.nthread = threads
    with replacing(out) as tmp:
        with suppress_stdout_stderr(disable=False):
            rc = llama_cpp.llama_model_quantize(str(src).encode(), str(tmp).encode(), params)
        if rc != 0:
            raise InvalidInput(f"llama.cpp could not quantise {src.name} to {qtype} (code {rc}).",
                               "Try another --type (Q8_0 works for every tensor shape).")
    return {"gguf": str(out), "quantisation": qtype.upper(), "bytes": out.stat().st_size}
