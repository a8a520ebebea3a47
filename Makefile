# sla: make demo | make test | make bench
SWIFT ?= swift
SLA_DEBUG := .build/debug/sla

.PHONY: all deps test-deps build test demo bench fuzz clean

all: build

# The Debian packages the build links against (libxlsxwriter, SQLite): installed when run as root,
# named otherwise.
deps:
	@scripts/ensure-system-packages.sh

# The loopback SMTP server of the end-to-end mail test (aiosmtpd from PyPI, in .build/).
test-deps: deps
	@scripts/ensure-smtp-test-server.sh

build: deps
	$(SWIFT) build

test: test-deps
	$(SWIFT) test

demo: build
	@scripts/demo.sh $(SLA_DEBUG)

# Release build; nanoseconds per clock query beside pandas' CustomBusinessHour, then the whole job
# on a seeded million-case history beside the sqlite3 shell (BENCH_RUNS runs each, default 3).
BENCH_RUNS ?= 3
bench: deps
	$(SWIFT) build -c release
	.build/release/SLABench | tee .build/bench-clock.txt
	@scripts/bench-pandas-reference.sh .build/release/sla .build/bench-clock.txt
	@scripts/bench-job.sh $(BENCH_RUNS)

# libFuzzer on the CSV, timestamp, calendar and policy/installation parsers (Fuzz/), FUZZ_SECONDS each (default 300).
fuzz: deps
	@scripts/fuzz.sh

clean:
	rm -rf .build
