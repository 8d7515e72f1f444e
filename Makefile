# Kinmu: the two commands of the README, and a few helpers.
#   make plan   plans the default scenario (Scenarios/nankoku) and writes its exports to out/
#   make test   runs the whole test suite
# Both install GLPK (Debian's libglpk-dev) first when it is missing.

SWIFT     ?= swift
SCENARIO  ?= Scenarios/nankoku
# The month to plan: the next calendar month unless given (make plan MONTH=2026-12).
MONTH     ?= $(shell date -d "$$(date +%Y-%m-01) +1 month" +%Y-%m)
OUT       ?= out/$(MONTH)
KINMU      = .build/release/kinmu

.PHONY: plan test build deps bench clean

deps:
	@scripts/ensure-glpk.sh

build: deps
	$(SWIFT) build -c release --product kinmu

plan: build
	@scripts/plan.sh "$(KINMU)" "$(SCENARIO)" "$(MONTH)" "$(OUT)"

test: deps
	$(SWIFT) test

bench: build
	$(SWIFT) build -c release --product kinmu-bench
	.build/release/kinmu-bench $(SCENARIO) $(MONTH)

clean:
	rm -rf .build out
