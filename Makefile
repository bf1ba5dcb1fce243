# Pressroom: `make` builds every edition of every source; `make test` runs the test-suite.
# Both set themselves up: .venv from pyproject.toml + constraints.txt, Debian packages via
# scripts/setup-system (as root), npm test tools via scripts/setup-node.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Python's bytecode for Pressroom's own modules, compiled as `pip install` does for a package: where
# PYTHONDONTWRITEBYTECODE is set (as on CI machines) every run would otherwise compile ~50 modules
# again (~0.1 s a process). Recompiled when a module changes; every target below waits for it.
BYTECODE := $(VENV)/.bytecode
PRESSROOM := $(PY) -m pressroom -q
NAMES := $(sort $(basename $(notdir $(wildcard sources/*.txt sources/*.pdf sources/*.md))))
# A document's images: everything under sources/NAME/, folders included (a file added or removed
# changes its folder), found without a shell.
tree = $(foreach entry,$(wildcard $(1)/*),$(entry) $(call tree,$(entry)))

# What each stage reads: a change to any of these rebuilds exactly the outputs that use it.
NORMALISER_SRC := $(wildcard src/pressroom/normalise/*.py src/pressroom/readers/*.py) src/pressroom/markdown.py src/pressroom/metadata.py \
  src/pressroom/assets.py src/pressroom/links.py src/pressroom/source_lines.py src/pressroom/document.py
MODEL_SRC := src/pressroom/document.py src/pressroom/markdown.py src/pressroom/assets.py \
  src/pressroom/links.py src/pressroom/source_lines.py $(wildcard src/pressroom/render/*.py) editions.yaml
# The templates each edition reads (TEMPLATES_<edition>) are declared by its renderer and listed
# in the generated fragment below; a new or removed file in templates/ regenerates it.
TEMPLATE_DIRS := $(patsubst %/,%,$(sort $(dir $(wildcard templates/*/ templates/*/*/))))

.PHONY: all md test clean help diff repro docs bench bench-parallel fuzz corpus

all: ## Build the default editions of every source (make EDITIONS="pdf-letter epub" for others)

# Editions come from editions.yaml through a generated fragment (regenerated when it changes).
-include build/editions.mk
build/editions.mk: editions.yaml src/pressroom/cli.py $(wildcard src/pressroom/render/*.py) templates $(TEMPLATE_DIRS) | $(BYTECODE)
	@mkdir -p $(@D)
	@$(PRESSROOM) editions --make > $@.tmp && mv $@.tmp $@

EDITIONS ?= $(DEFAULT_EDITIONS)
output_of = build/$(1)/$(subst {name},$(1),$(OUTPUT_$(2)))
outputs = $(foreach n,$(NAMES),$(foreach e,$(1),$(call output_of,$(n),$(e))))
editions_of = $(foreach e,$(ALL_EDITIONS),$(if $(filter $(1),$(RENDERER_$(e))),$(e)))

all: $(call outputs,$(EDITIONS))
md: $(foreach n,$(NAMES),build/$(n)/$(n).md) ## Build the canonical Markdown (and audit) of every source
# One target per format the renderers declare (make pdf, make docx…), from the fragment.
.PHONY: $(FORMATS)
$(foreach f,$(FORMATS),$(eval $(f): $$(call outputs,$$(filter $$(EDITIONS),$$(call editions_of,$(f))))))

define document_rules
build/$(1)/$(1).md: $(firstword $(wildcard sources/$(1).txt sources/$(1).pdf sources/$(1).md)) $(wildcard sources/$(1).yaml) $(wildcard sources/$(1)) $(call tree,sources/$(1)) $(NORMALISER_SRC) constraints.txt | $(BYTECODE)
	@printf '  %-10s %s\n' markdown $$@ >&2
	@$(PRESSROOM) normalise $$< -o $$@ --audit build/$(1)/$(1).audit.json --max-size 16  # as render
endef
$(foreach n,$(NAMES),$(eval $(call document_rules,$(n))))

# Bibliographies and CSL styles a document's metadata may name (under sources/): a change to one
# re-renders the editions (every document's: which one cites it is said only inside its Markdown).
# (A CSL YAML bibliography beside the sources is called .yml there: NAME.yaml is metadata.)
CITATION_FILES := $(wildcard $(addprefix sources/*.,bib bibtex json yml csl) \
                             $(addprefix sources/*/*.,bib bibtex json yaml yml csl))
define edition_rule
$(call output_of,$(1),$(2)): build/$(1)/$(1).md $(TEMPLATES_$(2)) $(MODEL_SRC) $(CITATION_FILES) | $(BYTECODE)
	@$(PY) -m pressroom render $$< --checked --edition $(2) -o $$@  # prints its own progress and timing
endef
$(foreach n,$(NAMES),$(foreach e,$(ALL_EDITIONS),$(eval $(call edition_rule,$(n),$(e)))))

# --- set-up -----------------------------------------------------------------------------------
$(STAMP): pyproject.toml constraints.txt
	@scripts/setup-system build
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "  SETUP $(VENV) (pinned by constraints.txt)" >&2
	@$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,corpus]'
	@touch $@

$(BYTECODE): $(wildcard src/pressroom/*.py src/pressroom/*/*.py) | $(STAMP)
	@$(PY) -m compileall -q src/pressroom > /dev/null
	@touch $@

test: $(BYTECODE) ## Run the whole test-suite (sets up .venv, Debian packages and npm tools first)
	@scripts/setup-system test
	@scripts/setup-node
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

BASE ?= HEAD~1
diff: $(BYTECODE) ## Compare the editions at BASE (default HEAD~1) with this tree: build/diff/index.html; exit 1 if anything changed
	@scripts/diff-base $(BASE)

repro: $(BYTECODE) ## Build every source twice (two folders, two time zones) and compare every output's sha256
	@scripts/repro

bench-parallel: $(BYTECODE) ## The PDF in chunks (1 and 2 workers, cold, warm, one edit) against the single pass → build/bench/parallel.json (BENCH_ARGS="--scales 1,10,50 --runs 3")
	$(PY) -m pressroom.bench.parallel $(BENCH_ARGS)

bench: $(BYTECODE) ## Benchmark every stage at 1×, 10×, 50× and hyphenation on/off → build/bench/results.json (long; BENCH_ARGS=--quick)
	$(PY) -m pressroom.bench $(BENCH_ARGS)

fuzz: $(BYTECODE) ## Fuzz the normaliser (FUZZ_EXAMPLES=100000, or FUZZ_SECONDS=600); totals in build/fuzz/summary.json
	$(PY) scripts/fuzz

corpus: $(BYTECODE) ## Typeset tests/corpus in every design × 3 engines, extract with 5 tools, normalise, score → build/corpus/report.md (cached)
	@scripts/setup-system corpus
	$(PY) -m pressroom.corpus build $(CORPUS_ARGS)

docs: all ## Regenerate the pictures under docs/ (PDF pages, HTML at three widths light and dark, EPUB)
	@scripts/setup-system test
	@scripts/setup-node
	@scripts/screenshots pdf build/shared-future/shared-future.pdf --pages 1,2,5,8 --out docs
	@scripts/screenshots pdf build/central-asia-spirit/central-asia-spirit.pdf --pages 1,3 --out docs
	@scripts/screenshots html build/shared-future/shared-future.html --out docs --width 390
	@scripts/screenshots html build/shared-future/shared-future.html --out docs --width 390 --width 1024 --width 1440 --at fn9
	@scripts/screenshots html build/shared-future/shared-future.html --out docs --width 390 --width 1024 --width 1440 --at fn9 --dark
	@scripts/screenshots epub build/shared-future/shared-future.epub --members cover.xhtml,section-01.xhtml --out docs

clean: ## Remove build/ (the virtualenv and node_modules stay)
	rm -rf build

help: ## List the targets
	@{ grep -hE '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([^:]+):.*## (.*)/  \1\t\2/'; \
	  $(foreach f,$(FORMATS),printf '  %s\tBuild the %s editions (of EDITIONS)\n' $(f) $(f);) } | expand -t 14
