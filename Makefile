# newslens: `make run` analyses the default corpus (seeds/) into figures/; `make test` runs the tests, `make test-fast` all but the slow ones.
# Both create .venv from requirements.txt when it is missing or older than requirements.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= seeds
OUT    ?= figures

.PHONY: run test test-fast lab bench clean-venv

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# Let kernels started by JupyterLab (any folder) import lib.
	echo "$(CURDIR)" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/newslens.pth"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m lib.run $(CORPUS) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

# The loop while editing: every test not marked slow (notebooks end to end, browser, memory, Dask, whole slices).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.gold_ewt

clean-venv:
	rm -rf $(VENV)
