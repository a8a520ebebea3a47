#!/usr/bin/env bash
# `make install`: copies what scripts/build-release.sh built (.build/dist/) and the project's
# documents into DESTDIR + PREFIX (default /usr/local):
#   bin/sla                                   the binary (no Swift toolchain needed to run it)
#   share/man/man1/sla*.1                     a manual page per command
#   share/bash-completion/completions/sla     bash completion
#   share/zsh/site-functions/_sla             zsh completion (ZSH_COMPLETION_DIR to change)
#   share/fish/vendor_completions.d/sla.fish  fish completion
#   share/doc/sla/                            README.md, docs/*.md, the built-in policy and an
#                                             installation file as examples
#   share/sla/profiles/                       the sample import profiles (profiles/*.yaml), if any
# COMPRESS=1 compresses the manual pages and the larger documents with gzip -9n, as Debian wants.
# Only files git tracks are installed, so a stray local file never lands in a package.
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
root=$DESTDIR$PREFIX
MANDIR=${MANDIR:-$root/share/man}
DOCDIR=${DOCDIR:-$root/share/doc/sla}
DATADIR=${DATADIR:-$root/share/sla}
BASH_COMPLETION_DIR=${BASH_COMPLETION_DIR:-$root/share/bash-completion/completions}
ZSH_COMPLETION_DIR=${ZSH_COMPLETION_DIR:-$root/share/zsh/site-functions}
FISH_COMPLETION_DIR=${FISH_COMPLETION_DIR:-$root/share/fish/vendor_completions.d}
COMPRESS=${COMPRESS:-0}
dist=.build/dist

if [ ! -x "$dist/sla" ]; then
    echo "install: $dist/sla is missing: run scripts/build-release.sh (make install does)" >&2
    exit 2
fi

# The files of a pattern that git tracks (all of them outside a git checkout).
tracked() {
    if git rev-parse --git-dir >/dev/null 2>&1; then git ls-files -- "$@"; return; fi
    local file
    for file in $@; do if [ -e "$file" ]; then echo "$file"; fi; done
}

install -d "$root/bin" "$MANDIR/man1" "$DOCDIR" "$BASH_COMPLETION_DIR" "$ZSH_COMPLETION_DIR" "$FISH_COMPLETION_DIR"
install -m 0755 "$dist/sla" "$root/bin/sla"
for page in "$dist"/man/*.1; do
    install -m 0644 "$page" "$MANDIR/man1/"
    if [ "$COMPRESS" = 1 ]; then gzip -9nf "$MANDIR/man1/$(basename "$page")"; fi
done
# A completion file is sourced, not run: no #! line.
sed '1{/^#!/d}' "$dist/completions/sla.bash" >"$BASH_COMPLETION_DIR/sla"
chmod 0644 "$BASH_COMPLETION_DIR/sla"
install -m 0644 "$dist/completions/_sla" "$ZSH_COMPLETION_DIR/_sla"
install -m 0644 "$dist/completions/sla.fish" "$FISH_COMPLETION_DIR/sla.fish"

install -m 0644 README.md "$DOCDIR/README.md"
for doc in $(tracked 'docs/*.md'); do install -m 0644 "$doc" "$DOCDIR/"; done
install -d "$DOCDIR/examples"
install -m 0644 policy/default-policy.yaml "$DOCDIR/examples/acuerdos.yaml"
install -m 0644 packaging/sla.yaml "$DOCDIR/examples/sla.yaml"
if [ "$COMPRESS" = 1 ]; then
    # Like dh_compress: documents over 4 kB, never the examples.
    find "$DOCDIR" -maxdepth 1 -type f -size +4k -name '*.md' -exec gzip -9nf {} +
fi

profiles=$(tracked 'profiles/*.yaml')
if [ -n "$profiles" ]; then
    install -d "$DATADIR/profiles"
    for profile in $profiles; do install -m 0644 "$profile" "$DATADIR/profiles/"; done
fi

echo "installed $("$root/bin/sla" --version) in $root"
