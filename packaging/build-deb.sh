#!/usr/bin/env bash
# Build dist/dala-kiosk_VERSION_ARCH.deb from this checkout with dpkg-deb (packaging/README.md).
#
#   packaging/build-deb.sh                      wheelhouse of the kiosk and all its dependencies
#                                               (pip wheel: needs the pip registry at BUILD time)
#   packaging/build-deb.sh --wheelhouse DIR     take the dependency wheels from DIR instead
#   packaging/build-deb.sh --project-only       only the kiosk's own wheel (tests of the layout;
#                                               such a package cannot install offline)
#   packaging/build-deb.sh --version V          override the version (default: pyproject.toml)
#
# The package carries the wheels under /opt/dala-kiosk/wheels/VERSION; its postinst builds
# /opt/dala-kiosk/venvs/VERSION from them with --no-index: nothing is downloaded at install.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${PYTHON:-$REPO/.venv/bin/python}
[ -x "$PY" ] || PY=python3
MODE=full WHEELHOUSE="" VERSION="" OUT="$REPO/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --wheelhouse) WHEELHOUSE=$2; shift 2 ;;
    --project-only) MODE=project; shift ;;
    --version) VERSION=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "build-deb.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$VERSION" ] || VERSION=$("$PY" -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dala-deb.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
STAGE=$WORK/root
WHEELS=$STAGE/opt/dala-kiosk/wheels/$VERSION
mkdir -p "$WHEELS" "$OUT"

echo "==> wheels ($MODE)" >&2
# build from a copy: setuptools writes build/ and *.egg-info next to the sources
SRC=$WORK/src
mkdir -p "$SRC"
tar -C "$REPO" --exclude=./.venv --exclude=./.git --exclude=./dist --exclude=./build \
  --exclude=./.cache --exclude=node_modules --exclude=__pycache__ --exclude='*.egg-info' \
  --exclude=./tests -cf - . | tar -C "$SRC" -xf -
"$PY" -m pip wheel --quiet --no-deps --wheel-dir "$WHEELS" "$SRC" 2>"$WORK/pip.log" \
  || { cat "$WORK/pip.log" >&2; exit 1; }
if [ "$MODE" = full ]; then
  if [ -n "$WHEELHOUSE" ]; then
    "$PY" -m pip wheel --quiet --wheel-dir "$WHEELS" --no-index --find-links "$WHEELS" \
      --find-links "$WHEELHOUSE" dala-kiosk
  else
    "$PY" -m pip wheel --quiet --wheel-dir "$WHEELS" --find-links "$WHEELS" "$SRC"
  fi
fi

echo "==> files" >&2
install -D -m 0644 packaging/systemd/dala-kiosk.service "$STAGE/lib/systemd/system/dala-kiosk.service"
install -D -m 0644 packaging/systemd/dala-kiosk-x.service "$STAGE/lib/systemd/system/dala-kiosk-x.service"
install -D -m 0644 packaging/systemd/dala-kiosk-backup.service "$STAGE/lib/systemd/system/dala-kiosk-backup.service"
install -D -m 0644 packaging/systemd/dala-kiosk-backup.timer "$STAGE/lib/systemd/system/dala-kiosk-backup.timer"
install -D -m 0644 packaging/systemd/bluetooth.service.d/dala-kiosk.conf "$STAGE/lib/systemd/system/bluetooth.service.d/dala-kiosk.conf"
install -D -m 0644 packaging/bluetooth/dala-kiosk.conf "$STAGE/etc/bluetooth/dala-kiosk.conf"
install -d "$STAGE/lib/udev/rules.d"
"$PY" packaging/gen_udev_rules.py "$STAGE/lib/udev/rules.d/70-dala-kiosk.rules"
chmod 0644 "$STAGE/lib/udev/rules.d/70-dala-kiosk.rules"
install -D -m 0755 packaging/bin/kiosk "$STAGE/usr/bin/kiosk"
install -D -m 0755 packaging/bin/dala-kiosk-rollback "$STAGE/usr/sbin/dala-kiosk-rollback"
install -D -m 0755 packaging/bin/dala-kiosk-seal-key "$STAGE/usr/sbin/dala-kiosk-seal-key"
for doc in docs/technician.md docs/configuration.md packaging/README.md; do
  [ -f "$doc" ] && install -D -m 0644 "$doc" "$STAGE/usr/share/doc/dala-kiosk/$(basename "$doc")"
done

echo "==> control" >&2
install -d "$STAGE/DEBIAN"
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" packaging/debian/control.in > "$STAGE/DEBIAN/control"
for script in postinst prerm postrm; do
  sed -e "s/@VERSION@/$VERSION/" "packaging/debian/$script" > "$STAGE/DEBIAN/$script"
  chmod 0755 "$STAGE/DEBIAN/$script"
done
echo "/etc/bluetooth/dala-kiosk.conf" > "$STAGE/DEBIAN/conffiles"
DEB="$OUT/dala-kiosk_${VERSION}_${ARCH}.deb"
fakeroot dpkg-deb --build -Zxz -z1 "$STAGE" "$DEB" >/dev/null 2>&1 || dpkg-deb --root-owner-group --build -Zxz -z1 "$STAGE" "$DEB" >/dev/null
echo "$DEB"
