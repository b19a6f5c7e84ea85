#!/usr/bin/env python3
"""Counts word-list literal lines in the Rust sources that ship (tests excluded).

    python3 scripts/count_wordlists.py [--files] [--lines] [repo_root]

Knowledge belongs in `crates/factx-core/data/`, not in code; this keeps the count honest. A line
counts when it holds a string literal and is a line of a list of them:
  - inside an array/slice literal `[...]` or a `matches!(...)` (tuples within them included), the
    line holds nothing but literals, numbers and list punctuation `[ ] ( ) , | & ;`;
  - or it is a match arm whose pattern is an alternation of string literals (`"a" | "b" => ...`,
    or a `| "c"` continuation line).
Scanned: `src/` and `crates/*/src/`; skipped: `tests.rs`, `testkit.rs`, `tests/` directories and
items behind `#[cfg(test)]`.
"""
import os
import re
import sys

RAW = re.compile(r'b?r(#*)".*?"\1')
STR = re.compile(r'"(?:[^"\\]|\\.)*"')
# Char literals are removed too (so `'"'` does not open a string); lifetimes are left alone.
CHAR = re.compile(r"'(?:[^'\\]|\\.|\\u\{[0-9a-fA-F]+\})'")
PURE = re.compile(r"^[\s\[\]\(\),|&;0-9.\-_]*(=>.*)?$")
ARM = re.compile(r"^[\s|\0]*$")


def literals_and_code(line):
    """Splits a line into its string literals and the code around them (comment dropped)."""
    lits, code, i, n = [], [], 0, len(line)
    while i < n:
        m = RAW.match(line, i) or (STR.match(line, i) if line[i] == '"' else None)
        if m and (i == 0 or not (line[i - 1].isalnum() or line[i - 1] == "_")):
            lits.append(m.group(0))
            code.append("\0")
            i = m.end()
            continue
        c = CHAR.match(line, i) if line[i] == "'" else None
        if c:
            code.append("_")
            i = c.end()
            continue
        if line.startswith("//", i):
            break
        code.append(line[i])
        i += 1
    return lits, "".join(code)


class Scanner:
    """Tracks open brackets across lines, to tell list elements from call arguments."""

    def __init__(self):
        self.stack = []

    def line(self, line):
        """True when `line` is a line of a list of string literals."""
        lits, code = literals_and_code(line)
        in_list = []
        for i, ch in enumerate(code):
            if ch == "\0":
                in_list.append(self.listy())
            elif ch in "[({":
                kind = ch
                if ch == "(" and code[:i].rstrip().endswith("matches!"):
                    kind = "m"
                self.stack.append(kind)
            elif ch in "])}" and self.stack:
                self.stack.pop()
        if not lits:
            return False
        rest = code.replace("\0", "")
        if all(in_list) and PURE.match(rest):
            return True
        # A match arm whose pattern is an alternation of literals: `"a" | "b" => ...`.
        pattern = code.split("=>")[0] if "=>" in code else code
        if ARM.match(pattern) and (pattern.count("\0") >= 2 or pattern.lstrip().startswith("|")):
            return True
        return False

    def listy(self):
        """Inside `[...]` or `matches!(...)`, possibly within tuples."""
        for kind in reversed(self.stack):
            if kind in "[m":
                return True
            if kind != "(":
                return False
        return False


def shipped_lines(path):
    """Yields (lineno, line) outside `#[cfg(test)]` items."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip() == "#[cfg(test)]":
            # Skip the item that follows: one line (`mod tests;`) or a braced block.
            j = i + 1
            depth = 0
            opened = False
            while j < len(lines):
                code = literals_and_code(lines[j])[1]
                depth += code.count("{") - code.count("}")
                opened = opened or "{" in code
                j += 1
                if (opened and depth <= 0) or (not opened and code.rstrip().endswith(";")):
                    break
            i = j
            continue
        yield i + 1, lines[i]
        i += 1


def rust_files(root):
    dirs = [os.path.join(root, "src")]
    crates = os.path.join(root, "crates")
    if os.path.isdir(crates):
        dirs += [os.path.join(crates, c, "src") for c in sorted(os.listdir(crates))]
    for d in dirs:
        for base, subdirs, files in os.walk(d):
            subdirs[:] = sorted(s for s in subdirs if s != "tests")
            for f in sorted(files):
                if f.endswith(".rs") and f not in ("tests.rs", "testkit.rs"):
                    yield os.path.join(base, f)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    total = 0
    per_file = []
    for path in rust_files(root):
        sc = Scanner()
        hits = [(n, l) for n, l in shipped_lines(path) if sc.line(l)]
        if hits:
            per_file.append((len(hits), os.path.relpath(path, root)))
            if "--lines" in sys.argv:
                for n, l in hits:
                    print(f"{os.path.relpath(path, root)}:{n}: {l.strip()}")
        total += len(hits)
    if "--files" in sys.argv:
        for n, p in sorted(per_file, reverse=True):
            print(f"{n:6d}  {p}")
    print(f"{total} word-list literal lines")


if __name__ == "__main__":
    main()
