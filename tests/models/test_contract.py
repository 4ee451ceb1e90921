"""The backend contract: every backend (llama-cpp in process, openai against a real
llama-cpp-python server, transformers over the same GGUF) behaves the same through ChatModel."""

from __future__ import annotations

import math
import threading

import pytest
from pydantic import BaseModel

from openmfm.errors import (ContextOverflow, GenerationCancelled, GenerationTimeout, InvalidInput,
                            OutputFormatError)
from openmfm.records import Generation, Message

from .conftest import N_CTX, PARAMS

EN = [Message(role="user", content="What is the capital of France? Answer in one sentence.")]
ZH = [Message(role="user", content="请用一句话介绍高血压。")]
COUNT = [Message(role="user", content="Count from 1 to 20, separated by commas.")]
PATIENT_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
    "required": ["name", "age"],
}


class Patient(BaseModel):
    name: str
    age: int


def _check_record(g: Generation, model) -> None:
    r = g.record
    assert r.backend == model.backend and r.model == model.name
    assert r.prompt_tokens > 0 and r.completion_tokens > 0
    assert r.latency_s > 0 and r.ttft_s is not None and 0 < r.ttft_s <= r.latency_s
    assert r.finish_reason in ("stop", "length")
    assert r.params["temperature"] == PARAMS.temperature and r.params["max_tokens"] == PARAMS.max_tokens
    if model.backend != "openai":
        assert r.model_sha256 and len(r.model_sha256) == 64
    else:
        assert r.params["base_url"] == model.base_url


@pytest.mark.parametrize("messages", [EN, ZH], ids=["en", "zh"])
def test_chat_returns_text_and_record(model, messages):
    g = model.chat(messages, PARAMS)
    assert g.text.strip()
    assert "\ufffd" not in g.text  # multi-byte characters never arrive split
    _check_record(g, model)
    assert g.record.prompt_tokens >= model.count_tokens(messages[0].content)


@pytest.mark.parametrize("messages", [EN, ZH], ids=["en", "zh"])
def test_stream_pieces_add_up_to_the_final_text(model, messages):
    items = list(model.stream(messages, PARAMS))
    pieces, final = items[:-1], items[-1]
    assert isinstance(final, Generation) and all(isinstance(p, str) for p in pieces)
    assert len(pieces) > 1
    assert "".join(pieces) == final.text
    assert final.text == model.chat(messages, PARAMS).text  # greedy decoding is reproducible


def test_stop_sequence_cuts_the_reply_where_it_first_appears(model):
    # A llama.cpp server reuses the cached prefix of the previous prompt, and evaluating the last
    # prompt token alone can move a logit enough to flip a greedy choice; asking once first puts
    # both compared requests in the same cache state.
    model.chat(COUNT, PARAMS)
    full = model.chat(COUNT, PARAMS).text
    words = [w for w in full.replace(",", " ").split() if len(w) >= 1]
    assert len(words) >= 4, full
    stop = words[len(words) // 2]
    cut = full.index(stop)
    stopped = model.chat(COUNT, PARAMS.model_copy(update={"stop": [stop]}))
    assert stopped.text == full[:cut]
    assert stop not in stopped.text
    assert stopped.record.finish_reason == "stop"


def test_seed_makes_sampling_reproducible(model):
    hot = PARAMS.model_copy(update={"temperature": 1.2, "max_tokens": 12})
    a = model.chat(EN, hot.model_copy(update={"seed": 7})).text
    b = model.chat(EN, hot.model_copy(update={"seed": 7})).text
    assert a == b
    others = {model.chat(EN, hot.model_copy(update={"seed": s})).text for s in (8, 9, 10)}
    assert len(others | {a}) > 1


def test_max_tokens_caps_the_completion(model):
    g = model.chat(COUNT, PARAMS.model_copy(update={"max_tokens": 5}))
    assert 0 < g.record.completion_tokens <= 5
    assert g.record.finish_reason == "length"


@pytest.mark.parametrize("prompt", [
    "Give a JSON object describing a patient with a name and an age.",
    "给出一个描述病人的 JSON 对象，包括姓名（name）和年龄（age）。",
], ids=["en", "zh"])
def test_json_schema_output_is_constrained_and_validated(model, prompt):
    msgs = [Message(role="user", content=prompt)]
    g = model.chat(msgs, PARAMS.model_copy(update={"max_tokens": 64}), json_schema=PATIENT_SCHEMA)
    assert isinstance(g.parsed, dict)
    assert isinstance(g.parsed["name"], str) and isinstance(g.parsed["age"], int)
    assert g.record.params["json_schema"] == PATIENT_SCHEMA


def test_json_schema_can_be_a_pydantic_model(model):
    msgs = [Message(role="user", content="Give a JSON object describing a patient with a name and an age.")]
    typed = model.chat(msgs, PARAMS.model_copy(update={"max_tokens": 64}), json_schema=Patient)
    assert isinstance(typed.parsed, Patient)


def test_json_output_cut_off_by_max_tokens_fails_clearly(model):
    msgs = [Message(role="user", content="Give a JSON object describing a patient with a name and an age.")]
    with pytest.raises(OutputFormatError) as e:
        model.chat(msgs, PARAMS.model_copy(update={"max_tokens": 3}), json_schema=PATIENT_SCHEMA)
    assert e.value.hint


def test_count_tokens(model):
    assert model.count_tokens("hello world") >= 2
    assert model.count_tokens("hello world " * 10) > model.count_tokens("hello world")
    assert model.count_tokens("高血压是一种常见的慢性病。") >= 5
    assert model.count_message_tokens(EN) > model.count_tokens(EN[0].content)


def test_prompt_longer_than_the_context_names_both_lengths(model):
    long = [Message(role="user", content="word " * (N_CTX + 200))]
    with pytest.raises(ContextOverflow) as e:
        model.chat(long, PARAMS)
    msg = e.value.message
    assert str(N_CTX) in msg
    assert any(int(n) > N_CTX for n in __import__("re").findall(r"\d+", msg))
    assert model.chat(EN, PARAMS).text  # the model is still usable afterwards


def test_score_choices_gives_log_probabilities(model):
    msgs = [Message(role="user", content="Is Paris the capital of France? Answer yes or no.")]
    s = model.score_choices(msgs, ["yes", "no", "banana"])
    assert set(s.logprobs) == {"yes", "no", "banana"}
    assert all(v <= 0 and math.isfinite(v) for v in s.logprobs.values())
    assert s.best == max(s.logprobs, key=s.logprobs.get)
    assert s.best != "banana"
    assert s.record.backend == model.backend
    with pytest.raises(InvalidInput):
        model.score_choices(msgs, ["yes", "yes"])


def test_batch_keeps_order_and_bounds_concurrency(model):
    short = PARAMS.model_copy(update={"max_tokens": 12})
    requests = [EN, ZH, [Message(role="user", content="Name a colour.")]]
    singles = [model.chat(r, short).text for r in requests]
    in_flight, peak, lock = 0, 0, threading.Lock()
    real_chat = model.chat

    def counting_chat(*a, **kw):
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        try:
            return real_chat(*a, **kw)
        finally:
            with lock:
                in_flight -= 1

    model.chat = counting_chat
    try:
        results = model.batch(requests, short, concurrency=2)
    finally:
        del model.chat
    assert [g.text for g in results] == singles
    assert 1 <= peak <= 2


def test_batch_can_return_errors_in_place(model):
    too_long = [Message(role="user", content="word " * (N_CTX + 200))]
    out = model.batch([EN, too_long], PARAMS, concurrency=2, return_exceptions=True)
    assert isinstance(out[0], Generation) and isinstance(out[1], ContextOverflow)


def test_timeout_raises_with_partial_text_and_leaves_the_model_usable(model):
    long = PARAMS.model_copy(update={"max_tokens": 400})
    with pytest.raises(GenerationTimeout) as e:
        model.chat(COUNT, long, timeout_s=1e-6)
    assert isinstance(e.value.partial, str)
    assert model.chat(EN, PARAMS).text.strip()


def test_cancel_and_early_close_stop_generation(model):
    cancel = threading.Event()
    stream = model.stream(COUNT, PARAMS.model_copy(update={"max_tokens": 200}), cancel=cancel)
    first = next(stream)
    assert isinstance(first, str)
    cancel.set()
    with pytest.raises(GenerationCancelled):
        for _ in stream:
            pass
    reference = model.chat(EN, PARAMS).text
    early = model.stream(COUNT, PARAMS)
    next(early)
    early.close()  # abandoning a stream must not leave the backend busy or corrupted
    assert model.chat(EN, PARAMS).text == reference


def test_malformed_messages_are_refused(model):
    with pytest.raises(InvalidInput):
        model.chat([], PARAMS)
    with pytest.raises(InvalidInput):
        model.chat([{"role": "robot", "content": "hi"}], PARAMS)
