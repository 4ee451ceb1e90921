"""LoRA fine-tuning with peft on a transformers copy of the base, with checkpoints and resume; merge.

The base is the registered GGUF file, dequantised by transformers (``gguf_file=``) into a plain
fp32 (CPU) or bf16 (CUDA) model and saved once per base sha256 under ``adapt/bases/``, so every
run and step loads the same weights. The quantiser attached by the GGUF loader is dropped: the
weights are ordinary tensors after dequantisation and peft/torch train them as such.

Training is a plain loop (no Trainer): the batch of step ``s`` is a pure function of the seed and
``s``, so a run resumed from a checkpoint (adapter weights, optimizer state, step, losses) ends
with the same weights as one that never stopped. Checkpoints are written under a temporary name
and renamed, so an interrupt never leaves a half checkpoint that looks complete.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ...config import Config
from ...errors import InvalidInput
from ...models.registry import local_file
from ...text import detect_language
from .dataset import load_examples
from .schema import AdaptRun, Device, Example, Recipe, prompt_messages
from .workspace import replacing, runs_root

try:
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model, set_peft_model_state_dict
    from safetensors.torch import load_file
    from transformers import AutoModelForCausalLM, AutoTokenizer
except ImportError as e:  # an optional extra: say which
    raise ImportError(f"{e}; `mfm adapt` needs: pip install 'openmfm[adapt]'") from e

ADAPTER_CARD = "openmfm_adapter.json"
_CKPT = re.compile(r"^step-(\d{6})$")
KEEP_CHECKPOINTS = 2


def _device(device: Device, threads: int) -> torch.dtype:
    if device == "cuda" and not torch.cuda.is_available():
        raise InvalidInput("--device cuda was asked for, but torch sees no CUDA GPU.",
                           "Install a CUDA build of torch on a GPU machine, or use --device cpu.")
    if threads:
        torch.set_num_threads(threads)
    return torch.float32 if device == "cpu" else torch.bfloat16


def base_dir(cfg: Config, run: AdaptRun) -> Path:
    """The transformers copy of the run's base (made on first use, shared by runs on that base)."""
    d = runs_root(cfg) / "bases" / run.base_sha256[:16]
    if (d / "config.json").is_file():
        return d
    gguf = local_file(run.base, cfg)
    tok = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name, local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32,
                                                 local_files_only=True)
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    d.parent.mkdir(parents=True, exist_ok=True)
    with replacing(d) as tmp:
        model.save_pretrained(tmp)
        tok.save_pretrained(tmp)
        (tmp / "base.json").write_text(json.dumps({"name": run.base, "sha256": run.base_sha256}), encoding="utf-8")
    return d


def load_base(cfg: Config, run: AdaptRun, device: Device) -> tuple[Any, Any]:
    dtype = _device(device, cfg.model.n_threads)
    d = base_dir(cfg, run)
    tok = AutoTokenizer.from_pretrained(str(d), local_files_only=True)
    model = AutoModelForCausalLM.from_pretrained(str(d), dtype=dtype, local_files_only=True).to(device)
    return tok, model


def encode(tok: Any, ex: Example, max_tokens: int) -> tuple[list[int], list[int]]:
    """Input ids and labels (-100 on the prompt): the model learns only the answer. A long
    example keeps its answer (up to half the budget) and the end of its prompt, where the question is."""
    msgs = prompt_messages(ex.question, ex.evidence, detect_language(ex.question))
    prompt = tok(tok.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True),
                 add_special_tokens=False)["input_ids"]
    answer = tok(ex.answer + (tok.eos_token or ""), add_special_tokens=False)["input_ids"][: max_tokens // 2]
    prompt = prompt[-(max_tokens - len(answer)):]
    return prompt + answer, [-100] * len(prompt) + answer


def batch_indices(step: int, batch_size: int, n: int, seed: int) -> list[int]:
    """The examples of step ``step``: consecutive slices of a seeded shuffle per epoch."""
    out = []
    for pos in range(step * batch_size, (step + 1) * batch_size):
        epoch, i = divmod(pos, n)
        out.append(int(np.random.default_rng([seed, epoch]).permutation(n)[i]))
    return out


def _collate(rows: list[tuple[list[int], list[int]]], pad: int, device: str) -> dict[str, Any]:
    width = max(len(ids) for ids, _ in rows)
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    labels = torch.full((len(rows), width), -100, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for r, (i, lab) in enumerate(rows):
        ids[r, : len(i)] = torch.tensor(i)
        labels[r, : len(lab)] = torch.tensor(lab)
        mask[r, : len(i)] = 1
    return {"input_ids": ids.to(device), "labels": labels.to(device), "attention_mask": mask.to(device)}


def _checkpoints(d: Path) -> list[tuple[int, Path]]:
    if not d.is_dir():
        return []
    return sorted((int(m.group(1)), p) for p in d.iterdir() if (m := _CKPT.match(p.name)) and (p / "state.json").is_file())


def train(cfg: Config, run: AdaptRun, recipe: Recipe, *, device: Device = "cpu", restart: bool = False,
          on_step: Callable[[int, float], None] | None = None) -> dict[str, Any]:
    """Train (or resume) the run's LoRA adapter; returns the step's outputs for the run record."""
    d = runs_root(cfg) / run.name
    examples = load_examples(Path(run.data["path"])) if run.data else []
    if not examples:
        raise InvalidInput(f"Run '{run.name}' has no training examples.", f"Run: mfm adapt data {run.name} --input FILE")
    ckdir = d / "checkpoints"
    identity = {"recipe": recipe.model_dump(exclude={"steps", "checkpoint_every", "quantisation"}),
                "data_sha256": run.data["sha256"], "base_sha256": run.base_sha256}
    if restart and ckdir.is_dir():
        shutil.rmtree(ckdir)
    if (ckdir / "identity.json").is_file():
        old = json.loads((ckdir / "identity.json").read_text(encoding="utf-8"))
        if old != identity:
            changed = sorted(k for k in identity if old.get(k) != identity[k])
            raise InvalidInput(f"Run '{run.name}' has checkpoints from different {' and '.join(changed)}; "
                               "resuming would mix two trainings.",
                               f"Pass --restart to discard them, or use the same settings (theirs: {old}).")
    ckdir.mkdir(parents=True, exist_ok=True)
    (ckdir / "identity.json").write_text(json.dumps(identity), encoding="utf-8")
    torch.manual_seed(recipe.seed)
    tok, model = load_base(cfg, run, device)
    model = get_peft_model(model, LoraConfig(r=recipe.rank, lora_alpha=recipe.alpha, lora_dropout=recipe.dropout,
                                             target_modules=recipe.targets, task_type="CAUSAL_LM"))
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=recipe.learning_rate)
    start, losses = 0, []
    done = _checkpoints(ckdir)
    if done:
        start, last = done[-1]
        set_peft_model_state_dict(model, load_file(str(last / "adapter_model.safetensors"), device=device))
        opt.load_state_dict(torch.load(last / "optimizer.pt", map_location=device))
        losses = json.loads((last / "state.json").read_text(encoding="utf-8"))["losses"]
    encoded = [encode(tok, ex, recipe.max_tokens) for ex in examples]
    pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    model.train()
    tokens, t0 = 0, time.perf_counter()
    for step in range(start, recipe.steps):
        batch = _collate([encoded[i] for i in batch_indices(step, recipe.batch_size, len(encoded), recipe.seed)],
                         pad, device)
        loss = model(**batch).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        tokens += int(batch["attention_mask"].sum())
        losses.append(round(float(loss.detach()), 5))
        if (step + 1) % recipe.checkpoint_every == 0 or step + 1 == recipe.steps:
            _save_checkpoint(ckdir, step + 1, model, opt, losses)
        if on_step:
            on_step(step + 1, losses[-1])
    seconds = time.perf_counter() - t0
    adapter = d / "adapter"
    with replacing(adapter) as tmp:
        model.save_pretrained(tmp)
        card = {"base": run.base, "base_sha256": run.base_sha256, "data_sha256": run.data["sha256"],
                "recipe": recipe.model_dump(), "steps": recipe.steps}
        (tmp / ADAPTER_CARD).write_text(json.dumps(card, indent=2), encoding="utf-8")
    return {"adapter": str(adapter), "resumed_from": start, "steps": recipe.steps, "losses": losses,
            "train_tokens": tokens, "train_seconds": round(seconds, 2),
            "tokens_per_s": round(tokens / seconds, 1) if seconds > 0 and tokens else None, "device": device}


def _save_checkpoint(ckdir: Path, step: int, model: Any, opt: Any, losses: list[float]) -> None:
    with replacing(ckdir / f"step-{step:06d}") as tmp:
        model.save_pretrained(tmp)
        torch.save(opt.state_dict(), tmp / "optimizer.pt")
        (tmp / "state.json").write_text(json.dumps({"step": step, "losses": losses}), encoding="utf-8")
    for _, old in _checkpoints(ckdir)[:-KEEP_CHECKPOINTS]:
        shutil.rmtree(old)


def adapter_card(adapter: Path) -> dict[str, Any]:
    p = adapter / ADAPTER_CARD
    if not p.is_file():
        raise InvalidInput(f"{adapter} is not an adapter made by `mfm adapt train` (no {ADAPTER_CARD}).",
                           "Give the adapter directory of a run (…/adapt/RUN/adapter).")
    return json.loads(p.read_text(encoding="utf-8"))


def merge(cfg: Config, run: AdaptRun, adapter: Path, *, device: Device = "cpu") -> dict[str, Any]:
    """Fold the adapter into the base weights; refuses an adapter trained on another base."""
    card = adapter_card(adapter)
    if card["base_sha256"] != run.base_sha256:
        raise InvalidInput(f"The adapter {adapter} was trained on '{card['base']}' (sha256 {card['base_sha256'][:12]}…), "
                           f"but run '{run.name}' is based on '{run.base}' (sha256 {run.base_sha256[:12]}…).",
                           f"Merge it in a run on '{card['base']}', or retrain on '{run.base}'.")
    tok, base = load_base(cfg, run, device)
    merged = PeftModel.from_pretrained(base, str(adapter)).merge_and_unload()
    out = runs_root(cfg) / run.name / "merged"
    with replacing(out) as tmp:
        merged.save_pretrained(tmp)
        tok.save_pretrained(tmp)
        (tmp / ADAPTER_CARD).write_text(json.dumps(card, indent=2), encoding="utf-8")
    return {"merged": str(out), "adapter": str(adapter), "device": device,
            "bytes": sum(f.stat().st_size for f in out.iterdir())}

