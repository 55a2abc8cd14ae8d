#!/usr/bin/env python3
"""Validates SDMX-JSON messages against the official JSON schema.

usage: validate_sdmx_json.py SCHEMA FILE...
Exit 0 when every file is valid, 1 when one is not (each problem printed with its
JSON path), 77 when python3-jsonschema is not installed.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("SKIPPED: python3-jsonschema is not installed (Debian: apt-get install python3-jsonschema)")
    sys.exit(77)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 64
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    # The SDMX-JSON schemas say "http://json-schema.org/schema#"; they are written to draft 7.
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    failed = False
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            message = json.load(f)
        for error in validator.iter_errors(message):
            failed = True
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message[:300]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
