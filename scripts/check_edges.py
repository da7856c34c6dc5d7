#!/usr/bin/env python3
"""The rules at the edges between postsearch's layers (ARCHITECTURE.md), checked over the sources.

- Only Sources/PostSearch/Xapian/ imports the C shim (CXapianShim).
- Xapian's error classes are named only in the shim and Xapian/: everyone else switches on
  XapianError.kind.
- Term prefixes are spelt only in Sources/PostSearch/Schema/: every other file asks the schema.
- No source file is longer than 400 lines.

Prints each breach with its file and line; exits 1 if there is any. Standard library only.
"""
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_DIRS = ["Sources", "CXapianShim", "CLanguageDetector", "CFileSystem"]
SOURCE_EXTENSIONS = (".swift", ".c", ".cpp", ".h")
MAX_LINES = 400
XAPIAN_LAYER = os.path.join("Sources", "PostSearch", "Xapian") + os.sep
SCHEMA_LAYER = os.path.join("Sources", "PostSearch", "Schema") + os.sep
# Xapian 1.4's exception classes (xapian/error.h).
XAPIAN_ERRORS = {
    "AssertionError", "InvalidArgumentError", "InvalidOperationError", "UnimplementedError", "DatabaseError",
    "DatabaseCorruptError", "DatabaseCreateError", "DatabaseLockError", "DatabaseModifiedError", "DatabaseOpeningError",
    "DatabaseVersionError", "DocNotFoundError", "FeatureUnavailableError", "InternalError", "NetworkError",
    "NetworkTimeoutError", "QueryParserError", "SerialisationError", "RangeError", "WildcardError",
    "DatabaseNotFoundError", "DatabaseClosedError",
}
STRING_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def source_files():
    for top in SOURCE_DIRS:
        for folder, _, names in os.walk(os.path.join(REPO, top)):
            for name in sorted(names):
                if name.endswith(SOURCE_EXTENSIONS):
                    path = os.path.join(folder, name)
                    yield os.path.relpath(path, REPO), path


def schema_prefixes():
    """The prefixes the schema spells: every string given as a prefix or marker there."""
    prefixes = set()
    for relative, path in source_files():
        if relative.startswith(SCHEMA_LAYER):
            text = open(path, encoding="utf-8").read()
            prefixes.update(re.findall(r'(?:[Pp]refix|Marker)\s*[:=]\s*"([A-Z]+)"', text))
    return prefixes


def spells_term(code, literal):
    """Whether a prefix literal is used to make or read a term. A multi-letter prefix (XCAT) is
    one wherever it appears; a one-letter one ("Z" also ends a UTC time) when joined to a term,
    tested as a prefix, or given as one."""
    if len(literal) > 1:
        return True
    quoted = re.escape(f'"{literal}"')
    return re.search(quoted + r"\s*\+|hasPrefix\(\s*" + quoted + r"|[Pp]refix\s*[:=]\s*" + quoted, code) is not None


def main():
    breaches = []
    prefixes = schema_prefixes()
    if not prefixes:
        breaches.append("Sources/PostSearch/Schema: no prefixes found (the check itself is broken)")
    for relative, path in source_files():
        lines = open(path, encoding="utf-8").read().split("\n")
        if len(lines) > MAX_LINES + 1:
            breaches.append(f"{relative}: {len(lines) - 1} lines (at most {MAX_LINES}): split it by job")
        if not relative.endswith(".swift"):
            continue
        for number, line in enumerate(lines, 1):
            code = line.split("//", 1)[0]
            where = f"{relative}:{number}"
            if re.match(r"\s*import\s+CXapianShim\b", code) and not relative.startswith(XAPIAN_LAYER):
                breaches.append(f"{where}: imports CXapianShim outside Sources/PostSearch/Xapian/")
            for literal in STRING_LITERAL.findall(code):
                if literal in XAPIAN_ERRORS and not relative.startswith(XAPIAN_LAYER):
                    breaches.append(f"{where}: names Xapian's {literal}; switch on XapianError.kind instead")
                if literal in prefixes and not relative.startswith(SCHEMA_LAYER) and spells_term(code, literal):
                    breaches.append(f"{where}: spells the term prefix \"{literal}\"; ask Schema for it")
    for breach in breaches:
        print(breach)
    print(f"edges: {len(breaches)} breach(es) in {sum(1 for _ in source_files())} files; prefixes from the schema: "
          f"{', '.join(sorted(prefixes))}")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
