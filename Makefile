# sla: make demo | make test | make bench | make install | make deb | make package-test
SWIFT ?= swift
SLA_DEBUG := .build/debug/sla

.PHONY: all deps test-deps build test lint format demo bench bench-5m fuzz release install deb package-test clean

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

# swift-format (shipped with the toolchain), configured by .swift-format: `make lint` fails on any
# finding, `make format` rewrites the files to pass it.
FORMATTED := Package.swift Sources Tests Benchmarks Fuzz

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED)

format:
	$(SWIFT) format --in-place --recursive --parallel $(FORMATTED)

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

# The release binary (the Swift runtime linked in), a manual page per command and the shell
# completions, in .build/dist/.
release: deps
	@scripts/build-release.sh

# The binary, the manual pages, the completions, the docs and the sample profiles under
# DESTDIR + PREFIX.
PREFIX ?= /usr/local
DESTDIR ?=
install: release
	@PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" scripts/install.sh

# sla_<version>_amd64.deb in this folder, checked by lintian when it is installed.
deb:
	@scripts/ensure-system-packages.sh dpkg-dev binutils lintian
	@scripts/build-deb.sh

# Installs the package on this machine (as root), imports a data set as the user sla, runs the
# night under the real cron daemon, then removes and purges the package and checks what remains.
package-test: deb
	@scripts/ensure-system-packages.sh cron logrotate adduser
	@scripts/package-test.sh

clean:
	rm -rf .build
