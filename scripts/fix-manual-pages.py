#!/usr/bin/env python3
"""Mends the manual pages swift-argument-parser's generate-manual (1.8) writes from `sla`'s help.

- It writes only the ASCII characters of each help text: "Bogotá" becomes "Bogot", "1984–2100"
  becomes "19842100", "UTC−05:00" becomes "UTC05:00". Every help text comes from the binary's own
  description of its commands (`sla --experimental-dump-help`, the JSON the tool reads), so each
  text it shortened is found in the pages as it wrote it, and replaced by the same text with its
  characters kept, escaped the same way.
- It leaves a paragraph break as an empty line, which groff warns about: `.Pp` instead.
- A subcommand's NAME is `sla nightly`, which man-db's whatis parser cannot read (`apropos`, `man
  -k` would not find the page): NAME gives the page's name, `sla.nightly`; the synopsis and the
  text keep `sla nightly`. Its description loses the quotes whatis would show.
- EXIT STATUS says "exits 0 on success, and >0 if an error occurs": it gives sla's own statuses,
  the paragraph of the main command's help that starts with "Exit status:".
- The footer names sla and its version instead of "BSD".

Usage: fix-manual-pages.py HELP_JSON VERSION PAGE...   Exit 1 when a text could not be put back.
"""

import json
import os
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


def restore_texts(contents, texts):
    """Puts back each shortened text; returns the texts found in no page."""
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
    return missing


def mend_macros(content, page_name, exit_status, version):
    out, section, command = [], None, None
    # generate-manual ends a page without a final newline.
    for line in content.rstrip("\n").split("\n"):
        if line.startswith(".Sh "):
            section = line[4:].strip('"')
        if line == "":
            line = ".Pp"
        elif line == ".Os":
            line = f'.Os "sla {version}"'
        elif section == "NAME" and line.startswith(".Nm "):
            command = line[4:]
            line = f".Nm {page_name}"
        elif section == "NAME" and line.startswith('.Nd "') and line.endswith('"'):
            # man-db's whatis reader keeps the quotes of a quoted description; .Nd needs none.
            line = ".Nd " + line[5:-1]
        elif line == ".Nm" and command:
            line = f".Nm {command}"
        elif line == ".Ex -std" and exit_status:
            line = text_line(exit_status.removeprefix("Exit status: "))
        out.append(line)
    return "\n".join(out) + "\n"


def main():
    help_json, version, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(help_json, encoding="utf-8") as file:
        tool = json.load(file)
    texts = {t for t in help_texts(tool) if ascii_only(t) != t}
    paragraphs = (tool["command"].get("discussion") or "").split("\n\n")
    exit_status = next((p for p in paragraphs if p.startswith("Exit status:")), None)
    contents = {}
    for page in pages:
        with open(page, encoding="utf-8") as file:
            contents[page] = file.read()
    missing = restore_texts(contents, texts)
    for page, content in contents.items():
        page_name = os.path.basename(page).rsplit(".", 1)[0]
        with open(page, "w", encoding="utf-8") as file:
            file.write(mend_macros(content, page_name, exit_status, version))
    for text in missing:
        print(f"fix-manual-pages: not found in any page: {text[:80]!r}", file=sys.stderr)
    print(f"fix-manual-pages: {len(pages)} pages; {len(texts) - len(missing)} help texts with "
          "non-ASCII characters put back")
    return 1 if missing or not exit_status else 0


if __name__ == "__main__":
    sys.exit(main())
