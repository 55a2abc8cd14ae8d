#!/bin/sh
# Builds the Debian package with cpack, checks its control data and contents,
# and unpacks it with `dpkg -x` into SCRATCH/root for the tests that run the
# packaged CLI (tests/install/deb_package_test.cpp).
# The oracle for the dependencies is dpkg itself: every library the packaged ELF
# files need (readelf NEEDED) must belong, by `dpkg -S` on this machine, to a
# package named in Depends, unless the package ships it.
# Usage: deb_package_test.sh BUILD_DIR SCRATCH
set -eu
build=$1 scratch=$2
rm -rf "$scratch"
mkdir -p "$scratch"
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/cpack" >"$scratch/cpack.log" 2>&1; then
  cat "$scratch/cpack.log"
  exit 1
fi
deb=$(ls "$scratch"/cpack/citizen-sdmx_*.deb)
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

dpkg-deb -I "$deb" >"$scratch/control.txt"
cat "$scratch/control.txt"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = "citizen-sdmx" ] || { echo "wrong Package"; exit 1; }
[ "$(field Version)" = "0.1.0" ] || { echo "wrong Version"; exit 1; }
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || { echo "wrong Architecture"; exit 1; }
depends=$(field Depends)
[ -n "$depends" ] || { echo "no Depends"; exit 1; }
grep -q ' shlibs' "$scratch/control.txt" || { echo "no shlibs control file for libcitizensdmx"; exit 1; }
grep -q ' triggers' "$scratch/control.txt" || { echo "no ldconfig trigger"; exit 1; }

dpkg-deb -c "$deb" >"$scratch/contents.txt"
for path in ./usr/bin/citizen-sdmx ./usr/lib/libcitizensdmx.so.0.1.0 ./usr/lib/libcitizensdmx.so.0 \
            ./usr/lib/citizen-sdmx/libcitizensdmx-xerces.so ./usr/lib/citizen-sdmx/libcitizensdmx-archive.so \
            ./usr/include/citizensdmx.h ./usr/lib/pkgconfig/citizensdmx.pc \
            ./usr/lib/cmake/CitizenSdmx/CitizenSdmxConfig.cmake ./usr/share/man/man1/citizen-sdmx.1.gz \
            ./usr/share/citizen-sdmx/codelists/citizen-data-codelists.xml; do
  grep -q " $path\( \|$\)" "$scratch/contents.txt" || { echo "missing from the package: $path"; exit 1; }
done
for mapping in "$(dirname "$0")"/../../mappings/sdg/*.yaml; do
  path=./usr/share/citizen-sdmx/mappings/sdg/$(basename "$mapping")
  grep -q " $path$" "$scratch/contents.txt" || { echo "missing from the package: $path"; exit 1; }
done

root=$scratch/root
dpkg -x "$deb" "$root"

# Every shared library the packaged programs need comes from a declared dependency.
for elf in "$root/usr/bin/citizen-sdmx" "$root/usr/lib/libcitizensdmx.so.0.1.0" \
           "$root/usr/lib/citizen-sdmx/libcitizensdmx-xerces.so" "$root/usr/lib/citizen-sdmx/libcitizensdmx-archive.so"; do
  for needed in $(readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    [ -e "$root/usr/lib/$needed" ] && continue
    resolved=$(LD_LIBRARY_PATH=$root/usr/lib ldd "$elf" | sed -n "s|^[[:space:]]*$needed => \([^ ]*\).*|\1|p")
    owner=$(dpkg -S "$resolved" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$owner" ] || owner=$(dpkg -S "*/$needed" 2>/dev/null | head -1 | cut -d: -f1)
    [ -n "$owner" ] || { echo "$needed: no installed package ships it"; exit 1; }
    echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ :].*//' | grep -qx "$owner" \
      || { echo "$(basename "$elf") needs $needed from $owner, which Depends does not name"; exit 1; }
  done
done
echo "every NEEDED library is in Depends: $depends"

# The man page is the CLI's help, subcommands included.
zcat "$root/usr/share/man/man1/citizen-sdmx.1.gz" >"$scratch/citizen-sdmx.1"
grep -q '^\.SH SUBCOMMANDS' "$scratch/citizen-sdmx.1" || { echo "man page without subcommands"; exit 1; }
grep -q '^\.SS "citizen-sdmx schemas install"' "$scratch/citizen-sdmx.1" || { echo "man page lacks schemas install"; exit 1; }
! grep -q "$build" "$scratch/citizen-sdmx.1" || { echo "man page names the build folder"; exit 1; }
if command -v man >/dev/null; then
  man -l "$scratch/citizen-sdmx.1" >/dev/null 2>"$scratch/man.err" || { cat "$scratch/man.err"; exit 1; }
fi

LD_LIBRARY_PATH=$root/usr/lib "$root/usr/bin/citizen-sdmx" --version

if command -v lintian >/dev/null; then
  # Reported, not enforced: see docs/install.md for the tags left and why.
  lintian --allow-root "$deb" || true
fi
