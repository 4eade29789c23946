# The two commands of the README. Each sets up a virtual environment in .venv (Python ≥ 3.11,
# the packages of pyproject.toml) and then does its job; fonts are pinned in fonts/. `make test`
# also installs the PDF readers the tests cross-check with (qpdf, Ghostscript, poppler).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sample test bench mutation fuzz clean

sample: $(STAMP)
	$(BIN)/layout build issues/2022-01-28.yaml -o output

test: $(STAMP)
	sh tools/install_pdf_tools.sh
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_build.py

# On demand, not in CI: the curated mutants (all must die) and mutmut on the core modules
# (about 17 min on 2 cores); 10,000 fuzzed mutants through the CLI (about 10 min).
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	$(BIN)/python tools/mutation_run.py all

fuzz: $(STAMP)
	$(BIN)/python tools/fuzz_cli.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) output
