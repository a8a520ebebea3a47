#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of Fuzz/ with swiftc (-sanitize=fuzzer,address, outside
# SwiftPM, into .build-fuzz/) and runs each for FUZZ_SECONDS (default 300) on a scratch copy of its
# seed corpus. Crash inputs are written to Fuzz/crashes/<target>/; exits 1 if any target found one.
#
#   FUZZ_SECONDS=60 FUZZ_TARGETS="csv timestamp" scripts/fuzz.sh
#   FUZZ_ARGS="-jobs=2 -workers=2" scripts/fuzz.sh     # extra libFuzzer flags
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-300}
FUZZ_TARGETS=${FUZZ_TARGETS:-csv timestamp calendar policy profile}
FUZZ_ARGS=${FUZZ_ARGS:-}
SWIFTC=${SWIFTC:-swiftc}
BUILD=.build-fuzz

# The sources each target is compiled from, in one module with the fuzz file.
sources() {
    case "$1" in
        csv) echo Sources/SLAStore/CSVReader.swift Fuzz/Checks/CSVCheck.swift Fuzz/FuzzAbort.swift Fuzz/csv.swift ;;
        timestamp) echo Sources/SLACore/*.swift Fuzz/Checks/TimestampCheck.swift Fuzz/FuzzAbort.swift Fuzz/timestamp.swift ;;
        calendar) echo Sources/SLACore/*.swift Fuzz/Checks/CalendarCheck.swift Fuzz/FuzzAbort.swift Fuzz/calendar.swift ;;
        # Against the modules of libs_policy (below), built first.
        policy) echo Fuzz/Checks/PolicyCheck.swift Fuzz/FuzzAbort.swift Fuzz/policy.swift ;;
        # The import profile: the same modules as policy (its error checks are policy's).
        profile) echo Fuzz/Checks/ProfileCheck.swift Fuzz/Checks/PolicyCheck.swift Fuzz/FuzzAbort.swift Fuzz/profile.swift ;;
        *) echo "fuzz: unknown target '$1' (targets: csv timestamp calendar policy profile)" >&2; return 1 ;;
    esac
}

# The same language mode and upcoming features as Package.swift.
SWIFT_FLAGS=(
    -sanitize=fuzzer,address -parse-as-library -O -g
    -swift-version 6
    -enable-upcoming-feature ExistentialAny
    -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault
    # The library files share `package` declarations, as in SwiftPM: compiled into a fuzz target
    # or as SLACore and SLAConfig modules, they are one package.
    -package-name sla
)

# libFuzzer comes with the Swift toolchain (clang's compiler-rt, in swiftc's resource folder): no
# Debian package provides it where swiftc looks, so say so plainly when it is missing.
toolchain=$(dirname "$(readlink -f "$(command -v "$SWIFTC")")")
if ! compgen -G "$toolchain/../lib/clang/*/lib/linux/libclang_rt.fuzzer-$(uname -m).a" >/dev/null \
    && ! compgen -G "$toolchain/../lib/swift/clang/lib/linux/libclang_rt.fuzzer-$(uname -m).a" >/dev/null; then
    echo "fuzz: this Swift toolchain ($toolchain) has no libFuzzer runtime (libclang_rt.fuzzer);" \
        "use a swift.org toolchain for Linux, which ships it" >&2
    exit 2
fi
# The toolchain's lld links quietly; the system's gold warns about every ASan symbol.
if [ -x "$toolchain/ld.lld" ]; then SWIFT_FLAGS+=(-use-ld=lld); fi

for target in $FUZZ_TARGETS; do sources "$target" >/dev/null; done

mkdir -p "$BUILD"

# The policy target checks SLAConfig, which imports SLACore and Yams: each is a module of its own
# here, as in SwiftPM, compiled with the same sanitizers (libyaml's C too, so that its memory
# errors are found) into $BUILD/modules. Yams comes from SwiftPM's checkout.
policy_libs=()
build_policy_modules() {
    local yams=.build/checkouts/Yams/Sources modules=$BUILD/modules
    [ -d "$yams" ] || swift package resolve >/dev/null
    mkdir -p "$modules/cyaml"
    local clang
    clang=$(dirname "$(readlink -f "$(command -v "$SWIFTC")")")/clang
    [ -x "$clang" ] || clang=clang
    for c in "$yams"/CYaml/src/*.c; do
        "$clang" -fsanitize=fuzzer-no-link,address -O1 -g -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" \
            -c "$c" -o "$modules/cyaml/$(basename "$c" .c).o" || return 1
    done
    ar rcs "$modules/libCYaml.a" "$modules"/cyaml/*.o || return 1
    local module_flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I "$modules" -I "$yams/CYaml/include"
        -Xcc -DYAML_DECLARE_STATIC -emit-library -static -emit-module)
    # Yams is written for Swift 5's language mode, and imports libyaml only when built by SwiftPM.
    "$SWIFTC" "${module_flags[@]}" -swift-version 5 -D SWIFT_PACKAGE -module-name Yams "$yams"/Yams/*.swift \
        -emit-module-path "$modules/Yams.swiftmodule" -o "$modules/libYams.a" || return 1
    "$SWIFTC" "${module_flags[@]}" "${SWIFT_FLAGS[@]:4}" -module-name SLACore Sources/SLACore/*.swift \
        -emit-module-path "$modules/SLACore.swiftmodule" -o "$modules/libSLACore.a" || return 1
    "$SWIFTC" "${module_flags[@]}" "${SWIFT_FLAGS[@]:4}" -module-name SLAConfig Sources/SLAConfig/*.swift \
        -emit-module-path "$modules/SLAConfig.swiftmodule" -o "$modules/libSLAConfig.a" || return 1
    policy_libs=(-I "$modules" -I "$yams/CYaml/include" -Xcc -DYAML_DECLARE_STATIC
        "$modules/libSLAConfig.a" "$modules/libSLACore.a" "$modules/libYams.a" "$modules/libCYaml.a")
}

for target in $FUZZ_TARGETS; do
    read -r -a files <<<"$(sources "$target")"
    binary=$BUILD/fuzz-$target
    inputs=("${files[@]}")
    [ "$target" != policy ] && [ "$target" != profile ] || inputs+=(Sources/SLACore/*.swift Sources/SLAConfig/*.swift)
    if [ -x "$binary" ] && [ -z "$(find "${inputs[@]}" -newer "$binary")" ]; then
        echo "fuzz: $binary is up to date"
        continue
    fi
    echo "fuzz: building $binary"
    extra=()
    if [ "$target" = policy ] || [ "$target" = profile ]; then
        if [ ${#policy_libs[@]} -eq 0 ] && ! build_policy_modules >"$BUILD/build-policy-modules.log" 2>&1; then
            cat "$BUILD/build-policy-modules.log" >&2
            echo "fuzz: building the modules of policy failed" >&2
            exit 2
        fi
        extra=("${policy_libs[@]}")
    fi
    if ! "$SWIFTC" "${SWIFT_FLAGS[@]}" -module-name "Fuzz_$target" "${files[@]}" "${extra[@]}" -o "$binary" >"$BUILD/build-$target.log" 2>&1; then
        cat "$BUILD/build-$target.log" >&2
        echo "fuzz: building $target failed" >&2
        exit 2
    fi
done

# One line per target: how long it ran, executions, coverage and what it found.
found=0
summary=()
for target in $FUZZ_TARGETS; do
    binary=$BUILD/fuzz-$target
    corpus=$BUILD/corpus/$target          # grows with what libFuzzer finds; kept between runs
    artifacts=Fuzz/crashes/$target
    log=$BUILD/fuzz-$target.log
    mkdir -p "$corpus" "$artifacts"
    cp Fuzz/corpus/"$target"/* "$corpus"/
    if compgen -G "Fuzz/regressions/$target/*" >/dev/null; then cp Fuzz/regressions/"$target"/* "$corpus"/; fi
    before=$(LC_ALL=C ls "$artifacts")

    echo "fuzz: running $target for ${FUZZ_SECONDS}s (log: $log)"
    start=$(date +%s)
    status=0
    # SWIFT_BACKTRACE=enable=no: Swift's own crash backtracer would wait on the crashed process
    # instead of letting libFuzzer report the crash and write the input.
    # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
    SWIFT_BACKTRACE=enable=no "$binary" \
        -max_total_time="$FUZZ_SECONDS" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" $FUZZ_ARGS "$corpus" >"$log" 2>&1 || status=$?
    seconds=$(($(date +%s) - start))

    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
    entries=$(find "$corpus" -type f | wc -l)
    new=$(LC_ALL=C comm -13 <(echo "$before") <(LC_ALL=C ls "$artifacts") | grep -E '^(crash|leak|timeout|oom)-' || true)
    if [ -n "$new" ] || [ "$status" -ne 0 ]; then
        found=1
        outcome="FOUND (exit $status): $(echo "$new" | sed "s|^|$artifacts/|" | tr '\n' ' ')"
        why=$(grep -m1 -E '^(fuzz check failed|SUMMARY|==[0-9]+==ERROR)' "$log" || true)
        [ -z "$why" ] || outcome+=$'\n'"           $why"
    else
        outcome="nothing found"
    fi
    rmdir "$artifacts" Fuzz/crashes 2>/dev/null || true     # only when empty
    summary+=("$(printf '%-10s %5ss  %10s execs  %7s/s  %-22s corpus %5s  %s' \
        "$target" "$seconds" "${executions:-?}" "${rate:-?}" "${coverage:-cov: ?}" "$entries" "$outcome")")
done

echo
printf '%s\n' "${summary[@]}"
if [ "$found" -ne 0 ]; then
    echo
    echo "fuzz: reproduce with '$BUILD/fuzz-<target> <crash file>' (the log shows the stack)."
    echo "fuzz: copy every crash input to Fuzz/regressions/<target>/ with a descriptive name: it then runs in 'make test'."
    exit 1
fi
