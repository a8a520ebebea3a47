# sla: make demo | make test | make bench
SWIFT ?= swift
SLA_DEBUG := .build/debug/sla

.PHONY: all deps test-deps build test demo bench bench-5m fuzz clean

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

# The whole job on a 5,000,000-case history (five times denser; made once, about 1.3 GB of CSV in
# .build/bench-data), BENCH_5M_RUNS runs each (default 1): where memory would grow with the history.
BENCH_5M_RUNS ?= 1
bench-5m: deps
	$(SWIFT) build -c release
	@BENCH_CASES=5000000 scripts/bench-job.sh $(BENCH_5M_RUNS)

# libFuzzer on the CSV, timestamp, calendar and policy/installation parsers (Fuzz/), FUZZ_SECONDS each (default 300).
fuzz: deps
	@scripts/fuzz.sh

clean:
	rm -rf .build
