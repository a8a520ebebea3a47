#!/usr/bin/env bash
# `make deb`: sla_<version>_amd64.deb in the project's root, built with dpkg-deb from what git
# tracks and scripts/build-release.sh builds. The version is the binary's own (`sla --version`,
# set in Sources/sla/SLACommand.swift); packaging/debian/changelog's latest entry must say the same.
# `Depends` lists the shared libraries the binary links, as dpkg-shlibdeps finds them. When lintian
# is installed, the package is checked and any error fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    echo "deb: warning: the checkout has uncommitted changes; the package holds them" >&2
fi

scripts/build-release.sh
dist=.build/dist
version=$(awk '{ print $2; exit }' "$dist/version")
logged=$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)
if [ "$version" != "$logged" ]; then
    echo "deb: sla --version says $version but packaging/debian/changelog's latest entry is $logged:" >&2
    echo "     add an entry for $version (dch -v $version) or fix the version in Sources/sla/SLACommand.swift" >&2
    exit 2
fi
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l packaging/debian/changelog -S Timestamp)

stage=.build/deb/sla
rm -rf .build/deb
mkdir -p "$stage/DEBIAN"

echo "== staging $stage"
PREFIX=/usr DESTDIR="$root/$stage" COMPRESS=1 \
    ZSH_COMPLETION_DIR="$root/$stage/usr/share/zsh/vendor-completions" \
    scripts/install.sh
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$stage/usr/bin/sla"

doc=$stage/usr/share/doc/sla
install -m 0644 packaging/debian/copyright "$doc/copyright"
gzip -9nc packaging/debian/changelog >"$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"

install -D -m 0644 packaging/lintian-overrides "$stage/usr/share/lintian/overrides/sla"
install -d "$stage/etc/sla" "$stage/etc/cron.d" "$stage/etc/logrotate.d"
install -m 0644 packaging/sla.yaml "$stage/etc/sla/sla.yaml"
install -m 0644 policy/default-policy.yaml "$stage/etc/sla/acuerdos.yaml"
install -m 0644 packaging/cron "$stage/etc/cron.d/sla"
install -m 0644 packaging/logrotate "$stage/etc/logrotate.d/sla"

echo "== control"
shlibs=.build/deb/shlibs
mkdir -p "$shlibs/debian"
printf 'Source: sla\n\nPackage: sla\nArchitecture: amd64\n' >"$shlibs/debian/control"
depends=$(cd "$shlibs" && dpkg-shlibdeps -O "-e$root/$stage/usr/bin/sla" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
if [ -z "$depends" ]; then
    echo "deb: dpkg-shlibdeps found no shared library dependencies" >&2
    exit 4
fi
installed_size=$(du -sk --apparent-size --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@DEPENDS@/$depends/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
    packaging/debian/control.in >"$stage/DEBIAN/control"
install -m 0755 packaging/debian/postinst packaging/debian/postrm "$stage/DEBIAN/"
(cd "$stage" && find etc -type f | sed 's|^|/|' | sort) >"$stage/DEBIAN/conffiles"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/md5sums"
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +

package=sla_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$package" >/dev/null
echo "== $package"
dpkg-deb --info "$package" | sed -n '/Package:/,$p'
dpkg-deb --contents "$package" | awk '{ print $1, $6 }'

if command -v lintian >/dev/null; then
    echo "== lintian"
    lintian --fail-on error --display-info "$package"
    echo "lintian: no error"
else
    echo "deb: lintian is not installed (apt-get install lintian): the package was not checked" >&2
fi
