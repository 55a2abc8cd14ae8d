#!/usr/bin/env python3
"""Runs the worked examples of docs/python.md or docs/r.md as written: every ```python
(or ```r) block in order, as one script, from the repository's root. Blocks that use
../shared are skipped when it is absent (a clone without the shared data).
    bindings/docs_examples.py REPO python|r
Exits non-zero when the examples fail."""

import os
import re
import shutil
import subprocess
import sys
import tempfile


def blocks(page, language):
    with open(page, encoding="utf-8") as stream:
        text = stream.read()
    return re.findall(r"^```" + language + r"\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def main():
    repo, language = sys.argv[1], sys.argv[2]
    page = os.path.join(repo, "docs", "python.md" if language == "python" else "r.md")
    found = blocks(page, language)
    if not found:
        sys.exit(f"docs_examples: no {language} examples in {page}")
    have_shared = os.path.isdir(os.path.join(repo, "..", "shared", "sdmx", "schemas"))
    script = []
    for block in found:
        if "../shared" in block and not have_shared:
            print(f"docs_examples: skipping a block that needs ../shared:\n{block}")
            continue
        script.append(block)
    for folder in ("python-example", "python-batch", "r-example", "r-batch"):
        shutil.rmtree(os.path.join(repo, "out", folder), ignore_errors=True)
    suffix = ".py" if language == "python" else ".R"
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as stream:
        stream.write("\n".join(script))
        path = stream.name
    try:
        command = [sys.executable, path] if language == "python" else ["Rscript", path]
        # As the pages say, push credentials come from the environment; a reader who runs the
        # examples has exported theirs (a dry run checks them as the real push does).
        environment = dict(os.environ)
        environment.setdefault("CSDMX_REGISTRY_USER", "docs-example")
        environment.setdefault("CSDMX_REGISTRY_PASSWORD", "not-a-secret")
        completed = subprocess.run(command, cwd=repo, env=environment, check=False)
    finally:
        os.unlink(path)
    print(f"docs_examples: {len(script)} {language} block(s) of {page}: "
          f"{'ok' if completed.returncode == 0 else 'FAILED'}")
    sys.exit(completed.returncode)


if __name__ == "__main__":
    main()
