#!/usr/bin/env bash
# The release build that `make install` and `make deb` install: the `sla` binary with the Swift
# runtime and Foundation linked in (it runs where no Swift toolchain is), a manual page per command
# and the shell completions, all in .build/dist/.
#
# The manual pages are made by swift-argument-parser's generate-manual, the tool its GenerateManual
# plugin (`swift package plugin generate-manual --multi-page`) runs, here run on the very binary
# installed: it asks the binary for its commands, options and help texts (`sla
# --experimental-dump-help`), so the pages say what `sla <command> --help` says. The plugin itself
# works on Linux and makes the same pages, but builds the whole package again without
# --static-swift-stdlib (a flag every module is compiled with), doubling the build. The pages' date
# is the latest release's, from packaging/debian/changelog, so a rebuild makes the same pages.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
dist=.build/dist
rm -rf "$dist"
mkdir -p "$dist/man" "$dist/completions"

echo "== the release binary, the Swift runtime linked statically"
"$swift" build -c release --static-swift-stdlib --product sla
bin=$("$swift" build -c release --static-swift-stdlib --show-bin-path)
cp "$bin/sla" "$dist/sla"
if ldd "$dist/sla" | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libicu'; then
    echo "build-release: $dist/sla still links the Swift runtime dynamically (above)" >&2
    exit 4
fi

echo "== manual pages (swift-argument-parser's generate-manual)"
"$swift" build -c release --static-swift-stdlib --product generate-manual
release_date=$(date -u -d "$(dpkg-parsechangelog -l packaging/debian/changelog -S Date)" +%Y-%m-%d)
"$bin/generate-manual" "$dist/sla" --multi-page --date "$release_date" --output-directory "$dist/man" \
    --authors "sla maintainers<maintainers@users.noreply.r-seed-96fd3b42.example>"
# generate-manual (1.8) keeps only the ASCII characters of the help texts ("Bogotá" would read
# "Bogot"), and more: scripts/fix-manual-pages.py mends the pages.
"$dist/sla" --experimental-dump-help >"$dist/help.json"
python3 scripts/fix-manual-pages.py "$dist/help.json" "$("$dist/sla" --version | cut -d" " -f2)" "$dist"/man/*.1
for page in "$dist"/man/*.1; do
    if command -v man >/dev/null && LC_ALL=C.UTF-8 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null | grep .; then
        echo "build-release: man warns about $page (above)" >&2
        exit 4
    fi
done

echo "== completions (sla --generate-completion-script)"
"$dist/sla" --generate-completion-script bash >"$dist/completions/sla.bash"
"$dist/sla" --generate-completion-script zsh >"$dist/completions/_sla"
"$dist/sla" --generate-completion-script fish >"$dist/completions/sla.fish"

"$dist/sla" --version >"$dist/version"
echo "built $("$dist/sla" --version) in $dist/: $(ls "$dist/man" | wc -l) manual pages"
