#!/bin/sh
# Installs the build into a scratch prefix with `cmake --install`, then builds the
# consumer project against that tree through pkg-config and through
# find_package(CitizenSdmx), and runs each build. Also checks what the installed
# library promises: a SONAME with the major version, and only csdmx_* exported.
# Usage: install_consumer_test.sh BUILD_DIR SOURCE_DIR SCRATCH SCHEMAS_DIR [C_FLAGS [LINK_FLAGS]]
# (C_FLAGS and LINK_FLAGS: those of the library's build, e.g. its sanitizers.)
set -eu
build=$1 source=$2 scratch=$3 schemas=$4 cflags=${5:-} ldflags=${6:-}
rm -rf "$scratch"
prefix=$scratch/prefix
cmake --install "$build" --prefix "$prefix" >"$scratch.install.log" 2>&1 || { cat "$scratch.install.log"; exit 1; }

library=$(find "$prefix" -name 'libcitizensdmx.so.*.*.*' -type f)
[ -n "$library" ] || { echo "no versioned libcitizensdmx.so.X.Y.Z installed"; exit 1; }
libdir=$(dirname "$library")
soname=$(readelf -d "$library" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
[ "$soname" = "libcitizensdmx.so.0" ] || { echo "SONAME is '$soname', expected libcitizensdmx.so.0"; exit 1; }
[ "$(readlink "$libdir/libcitizensdmx.so")" = "libcitizensdmx.so.0" ] || { echo "no development symlink"; exit 1; }
# The symbol map: every exported function is csdmx_*, in version node CITIZENSDMX_0.
others=$(nm -D --defined-only "$library" | awk '$2 ~ /[TWDBR]/ && $3 !~ /^csdmx_/ && $3 != "CITIZENSDMX_0" {print $3}')
[ -z "$others" ] || { echo "exported beyond the C interface:"; echo "$others" | head; exit 1; }
objdump -T "$library" | grep -q 'CITIZENSDMX_0 *csdmx_version' || { echo "csdmx_version not in CITIZENSDMX_0"; exit 1; }

for use in pkg-config find_package; do
  work=$scratch/$use
  PKG_CONFIG_PATH=$libdir/pkgconfig cmake -S "$source/tests/install/consumer" -B "$work/build" \
    -DUSE=$use -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" >"$work.log" 2>&1 \
    || { cat "$work.log"; exit 1; }
  cmake --build "$work/build" >>"$work.log" 2>&1 || { cat "$work.log"; exit 1; }
  # The consumer must use the installed library, not the build tree's.
  LD_LIBRARY_PATH=$libdir ldd "$work/build/consumer" | grep -q "$libdir/libcitizensdmx.so.0" \
    || { echo "$use: consumer is not linked to $libdir"; LD_LIBRARY_PATH=$libdir ldd "$work/build/consumer"; exit 1; }
  LD_LIBRARY_PATH=$libdir "$work/build/consumer" "$source/samples/disability-access-survey/datapackage.json" \
    "$work/out" "$schemas"
  echo "$use: consumer built and ran against $prefix"
done
