# The two commands of the README. Each sets up a virtual environment in .venv (Python ≥ 3.11,
# the packages of pyproject.toml) and then does its job; fonts are pinned in fonts/. `make test`
# also installs the PDF readers the tests cross-check with (qpdf, Ghostscript, poppler) and the
# headless browser the desk's tests drive (Debian's chromium and chromium-driver).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sample test bench bench-typst mutation fuzz clean

sample: $(STAMP)
	$(BIN)/python -m compileall -q layout
	$(BIN)/layout build issues/2022-01-28.yaml -o output

test: $(STAMP)
	sh tools/install_pdf_tools.sh
	sh tools/install_browser.sh
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_build.py

# ours against typst on the same pages, whole processes, alternating (installs typst, bench only)
bench-typst: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/bench_typst.py

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
	$(BIN)/python -m compileall -q layout  # bytecode once (PYTHONDONTWRITEBYTECODE would leave every run compiling)
	touch $(STAMP)

clean:
	rm -rf $(VENV) output
