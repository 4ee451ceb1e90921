"""The three backends serve the same weights, so where they can be exact they must agree: token
counts, and log-probabilities (llama.cpp in process and behind its server are the same code;
transformers dequantises the GGUF, so it agrees to within quantisation noise)."""

from __future__ import annotations

import pytest

from openmfm.records import Message

TEXTS = ["hello world", "The patient has hypertension and takes 5 mg amlodipine daily.",
         "患者有高血压病史，每日服用氨氯地平5毫克。"]
YES_NO = [Message(role="user", content="Is Paris the capital of France? Answer yes or no.")]


@pytest.mark.parametrize("text", TEXTS, ids=["short", "en", "zh"])
def test_token_counts_agree(llama_model, hf_model, openai_model, text):
    n = llama_model.count_tokens(text)
    assert hf_model.count_tokens(text) == n
    assert openai_model.exact_token_counts
    assert openai_model.count_tokens(text) == n


def test_prompt_lengths_agree(llama_model, hf_model):
    assert llama_model.count_message_tokens(YES_NO) == hf_model.count_message_tokens(YES_NO)


def test_choice_log_probabilities_agree(llama_model, hf_model, openai_model):
    choices = ["yes", "no", "maybe"]
    exact = llama_model.score_choices(YES_NO, choices).logprobs
    hf = hf_model.score_choices(YES_NO, choices).logprobs
    for c in choices:
        assert hf[c] == pytest.approx(exact[c], abs=0.5), (c, hf, exact)
    assert max(hf, key=hf.get) == max(exact, key=exact.get)
    # Choices that are single tokens in the server's top-20 list get the same number as in process.
    listed = ["Yes", "No", "yes"]
    served = openai_model.score_choices(YES_NO, listed).logprobs
    exact = llama_model.score_choices(YES_NO, listed).logprobs
    for c in listed:
        assert served[c] == pytest.approx(exact[c], abs=1e-3)


def test_multi_token_scores_match_llama_cpp_full_logits(llama_model):
    """Our KV-cache-reusing, token-by-token scoring against llama.cpp's own all-position logits."""
    import numpy as np
    from llama_cpp import Llama

    choice = "hypertension"
    ids = llama_model._choice_ids(choice)
    assert len(ids) > 1
    ours = llama_model.score_choices(YES_NO, [choice, "yes"]).logprobs[choice]
    prompt = llama_model._prompt(YES_NO)[0]
    ref = Llama(model_path=str(llama_model.path), n_ctx=512, logits_all=True, verbose=False, n_threads=1)
    try:
        ref.eval(prompt + ids)
        scores = np.asarray(ref.scores[: len(prompt) + len(ids)], dtype=np.float64)
    finally:
        ref.close()
    rows = scores[len(prompt) - 1 : -1]
    logp = rows - np.log(np.exp(rows - rows.max(1, keepdims=True)).sum(1, keepdims=True)) - rows.max(1, keepdims=True)
    expected = float(sum(logp[i, t] for i, t in enumerate(ids)))
    assert ours == pytest.approx(expected, abs=1e-2)
