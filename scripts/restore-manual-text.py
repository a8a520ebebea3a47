#!/usr/bin/env python3
"""Puts back into the manual pages what swift-argument-parser's generate-manual leaves out.

generate-manual (1.8), the tool of the GenerateManual plugin, writes only the ASCII characters
of each help text: "Bogotá" becomes "Bogot", "1984–2100" becomes "19842100", "UTC−05:00" becomes
"UTC05:00". Every help text comes from the binary's own description of its commands (`sla
--experimental-dump-help`, the JSON the tool reads), so each text the tool shortened is found in
the pages as it wrote it, and replaced by the same text with its characters kept, escaped the same
way. The tool also leaves a paragraph break as an empty line, which groff warns about: it becomes
the paragraph macro `.Pp`.

Usage: restore-manual-text.py HELP_JSON PAGE...   Exit 1 when a text could not be put back.
"""

import json
import sys


def ascii_only(text):
    return "".join(c for c in text if c.isascii())


def text_line(text):
    """generate-manual's escaping of a text line (mdoc: a leading dot, quote or blank is protected)."""
    out, at_beginning = [], True
    for c in text:
        if c == "\\":
            out.append(r"\e")
            at_beginning = False
        elif c in ".'" and at_beginning:
            out.append(r"\&" + c)
            at_beginning = False
        elif c == " " and at_beginning:
            out.append(r"\& ")
        else:
            out.append(c)
            at_beginning = False
    return "".join(out)


def macro_argument(text):
    """generate-manual's escaping of a macro's argument (.Nd): quoted when it holds a blank."""
    out, blank = [], False
    for c in text:
        if c == " ":
            out.append(c)
            blank = True
        elif c == "\\":
            out.append(r"\e")
        elif c == '"':
            out.append(r"\(dq")
        elif c in "\n\r":
            out.append(" ")
            blank = True
        else:
            out.append(c)
    escaped = "".join(out)
    return f'"{escaped}"' if blank or not escaped else escaped


def help_texts(node):
    """Every abstract and discussion of every command and argument."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("abstract", "discussion") and isinstance(value, str):
                yield value
            else:
                yield from help_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from help_texts(value)


def main():
    help_json, pages = sys.argv[1], sys.argv[2:]
    with open(help_json, encoding="utf-8") as file:
        texts = {t for t in help_texts(json.load(file)) if ascii_only(t) != t}
    contents = {}
    for page in pages:
        with open(page, encoding="utf-8") as file:
            contents[page] = file.read()
    missing = []
    # Longest first: a short text may be part of a longer one.
    for text in sorted(texts, key=len, reverse=True):
        found = False
        for escape in (text_line, macro_argument):
            shortened, whole = escape(ascii_only(text)), escape(text)
            for page, content in contents.items():
                if shortened in content or whole in content:
                    contents[page] = content.replace(shortened, whole)
                    found = True
        if not found:
            missing.append(text)
    for page, content in contents.items():
        # generate-manual ends a page without a final newline.
        lines = [".Pp" if line == "" else line for line in content.rstrip("\n").split("\n")]
        with open(page, "w", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")
    for text in missing:
        print(f"restore-manual-text: not found in any page: {text[:80]!r}", file=sys.stderr)
    print(f"restore-manual-text: {len(texts) - len(missing)} help texts with non-ASCII characters put back")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
