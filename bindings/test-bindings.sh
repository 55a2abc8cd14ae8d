#!/bin/sh
# Installs the Python and R packages of bindings/ the way docs/python.md and docs/r.md
# say, into scratch places under the build directory, and runs their tests against the
# library of that build. Called by `make test` after ctest.
#   bindings/test-bindings.sh BUILD_DIR SHARED_DIR
set -eu
build=$(cd "${1:-build}" && pwd)
shared=${2:-../shared}
repo=$(cd "$(dirname "$0")/.." && pwd)
library="$build/plugin/libcitizensdmx.so.0"
[ -f "$library" ] || { echo "test-bindings: $library not found; build first" >&2; exit 1; }
export CITIZEN_SDMX_SHARED="$shared" CITIZEN_SDMX_LIBRARY="$library"

echo "== Python: pip install into a venv that sees Debian's packages (pytest, pandas, setuptools)"
venv="$build/bindings/python-venv"
rm -rf "$venv"
/usr/bin/python3 -m venv --system-site-packages "$venv"
# Offline: no index, and the build backend (Debian's setuptools) taken from the system.
"$venv/bin/pip" install --quiet --no-index --no-build-isolation --no-deps "$repo/bindings/python"
rm -rf "$repo/bindings/python/build" "$repo/bindings/python/citizensdmx.egg-info"
# From a scratch folder, so that the installed package is the one imported.
(cd "$build/bindings" && "$venv/bin/python" -m pytest -q -p no:cacheprovider "$repo/bindings/python/tests")

echo "== R: R CMD INSTALL into a scratch library, then testthat"
rlib="$build/bindings/r-library"
rm -rf "$rlib" && mkdir -p "$rlib"
export CITIZEN_SDMX_CFLAGS="-I$repo/plugin/include"
export CITIZEN_SDMX_LIBS="-L$build/plugin -Wl,-rpath,$build/plugin -lcitizensdmx"
# A copy, so that the objects R builds stay out of the source tree.
rm -rf "$build/bindings/r-source" && cp -r "$repo/bindings/r" "$build/bindings/r-source"
R CMD INSTALL --library="$rlib" "$build/bindings/r-source" >"$build/bindings/r-install.log" 2>&1 ||
  { cat "$build/bindings/r-install.log" >&2; exit 1; }
(cd "$repo/bindings/r/tests" && R_LIBS="$rlib" CITIZEN_SDMX_REPO="$repo" Rscript testthat.R)


echo "== docs: the worked examples of docs/python.md and docs/r.md, as written"
"$venv/bin/python" "$repo/bindings/docs_examples.py" "$repo" python
R_LIBS="$rlib" "$venv/bin/python" "$repo/bindings/docs_examples.py" "$repo" r
