#!/usr/bin/env python3
"""README.md is tested: this script turns its code blocks into checks.

    readme_blocks.py cpp README.md OUT_DIR
        Writes each ```cpp block into its own translation unit, OUT_DIR/block_<line>.cpp, with
        a #line directive pointing back at README.md, and lists them in OUT_DIR/blocks.txt. A
        marker comment on the line before a block says how it is wrapped:
          (none) or <!-- readme-test: namespace -->  code at namespace scope (own namespace);
                                                     a block with `int main(` is a whole
                                                     program, compiled as it stands
          <!-- readme-test: run -->                  the body of a Catch2 TEST_CASE, run
          <!-- readme-test: fragment -->             the body of a function that is compiled,
                                                     never called (it talks to a real server)
        and, after a `;`, `include: <h1> <h2>` names headers the block takes as included and
        `given: CODE` declarations it takes as given, e.g.
          <!-- readme-test: fragment; given: std::string client_id, client_secret; -->
        A block that includes no header itself gets the tour's three (reportkit/reports.hpp,
        client.hpp, mock/server.hpp); one that does gets only what it includes, so a header
        that stops bringing what the README says it brings fails the build.

    readme_blocks.py commands README.md --bin BUILD/bin --source SOURCE_DIR
        Checks the shell blocks (```sh and plain ``` blocks that start with a program): every
        program they name exists (a file of the project, a built program, or a command on PATH),
        every --flag they give a program of this project appears in its --help, and a default
        shown as `[--flag VALUE]` is the one --help shows. A ```json block marked
          <!-- readme-test: output of: reportkit example NAME -->
        must be exactly what that command prints.
"""
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

MARKER = re.compile(r"<!--\s*readme-test:\s*(.*?)\s*-->")


def blocks(readme: Path):
    """(language, marker text or '', first line number of the code, code) for every block."""
    lines = readme.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        fence = re.match(r"^\s*```(\S*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        language = fence.group(1)
        marker = MARKER.search(lines[i - 1]) if i > 0 else None
        start = i + 1
        end = start
        while end < len(lines) and not re.match(r"^\s*```\s*$", lines[end]):
            end += 1
        if end == len(lines):
            sys.exit(f"{readme}:{i + 1}: a code block is never closed")
        code = textwrap.dedent("\n".join(lines[start:end]))  # a block inside a list is indented
        yield language, (marker.group(1) if marker else ""), start + 1, code
        i = end + 1


def parse_marker(marker: str):
    kind, _, rest = (marker or "namespace").partition(";")
    kind, rest = kind.strip() or "namespace", rest.strip()
    includes, given = [], ""
    if rest.startswith("include:"):
        names, _, rest = rest[len("include:"):].partition(";")
        includes, rest = names.split(), rest.strip()
    if rest.startswith("given:"):
        given = rest[len("given:"):].strip()
    elif rest:
        raise ValueError(f"unknown marker part '{rest}'")
    if kind not in ("namespace", "run", "fragment") and not kind.startswith("output of:"):
        raise ValueError(f"unknown marker kind '{kind}'")
    return kind, includes, given


TOUR_HEADERS = ["<reportkit/reports.hpp>", "<reportkit/client.hpp>", "<reportkit/mock/server.hpp>"]


def translation_unit(readme: Path, line: int, kind: str, includes: list, given: str, code: str):
    # The block's own #include lines lead it; they move to the top of the unit (a header cannot
    # be included inside a function), and the rest keeps its README line numbers.
    lines = code.split("\n")
    own = []
    while lines and (lines[0].lstrip().startswith("#include") or not lines[0].strip()):
        own.append(lines.pop(0).split("//")[0].strip())
    first = line + len(own)
    own = [h for h in own if h]
    headers = [f"#include {h}" for h in includes] + (own or [f"#include {h}" for h in TOUR_HEADERS])
    name = f"readme_block_{line}"
    out = [f"// Generated from {readme.name} line {line} by tests/readme/readme_blocks.py.",
           *headers, "#include <catch2/catch.hpp>", "#include <iostream>", "#include <string>",
           "", "namespace rk = reportkit;", "namespace rp = reportkit::reports;", ""]
    where = f'#line {first} "{readme}"'
    body = "\n".join(lines)
    if kind == "namespace" and re.search(r"^int main\(", body, re.MULTILINE):
        # A whole program: its main becomes an ordinary function beside the test runner's, and
        # may end without a return as main may.
        out += ["#pragma GCC diagnostic ignored \"-Wreturn-type\"", f"#define main {name}_main",
                given, where, body]
    elif kind == "namespace":
        out += [f"namespace {name} {{", "using namespace reportkit;", given, where, body,
                f"}} // namespace {name}"]
    elif kind == "run":
        out += [f'TEST_CASE("README.md line {line}", "[readme]") {{', given, where, body, "}"]
    else:
        out += [f"namespace {name} {{", "[[maybe_unused]] int fragment() {", given, where, body,
                "return 0;", "}", f"}} // namespace {name}"]
    return "\n".join(out) + "\n"


def write_cpp(readme: Path, out_dir: Path):
    out_dir.mkdir(parents=True, exist_ok=True)
    names = []
    for language, marker, line, code in blocks(readme):
        if language != "cpp":
            continue
        try:
            kind, includes, given = parse_marker(marker)
        except ValueError as e:
            sys.exit(f"{readme}:{line - 1}: {e}")
        path = out_dir / f"block_{line}.cpp"
        text = translation_unit(readme, line, kind, includes, given, code)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")  # an unchanged block is not rebuilt
        names.append(path.name)
    if not names:
        sys.exit(f"{readme}: no ```cpp block found")
    for stale in out_dir.glob("block_*.cpp"):
        if stale.name not in names:
            stale.unlink()
    (out_dir / "blocks.txt").write_text("\n".join(names) + "\n", encoding="utf-8")


# ---- shell blocks -------------------------------------------------------------------------------

OUR_PROGRAMS = {"reportkit", "reportkit-mock"}


def help_text(program: Path, subcommand: str | None) -> str:
    args = [str(program)] + ([subcommand] if subcommand else []) + ["--help"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


def commands_of(code: str, plain: bool):
    """Each simple command of a block: its words, with line continuations joined and comments
    dropped. In a plain block (a synopsis), an indented line continues the one before."""
    joined = re.sub(r"\\\n", " ", code)
    if plain:
        joined = re.sub(r"\n[ \t]+", " ", joined)
    for raw in joined.split("\n"):
        try:
            words = shlex.split(raw, comments=True)
        except ValueError:
            words = raw.split()
        current = []
        for word in words + [";"]:
            if word in ("&&", "||", "|", ";"):
                if current:
                    yield current
                current = []
            else:
                current.append(word)


def check_commands(readme: Path, bin_dir: Path, source: Path) -> list[str]:
    problems = []
    helps = {}
    for language, marker, line, code in blocks(readme):
        where = f"{readme.name}:{line}"
        if marker.startswith("output of:"):
            command = shlex.split(marker[len("output of:"):])
            program = bin_dir / command[0]
            done = subprocess.run([str(program)] + command[1:], capture_output=True, text=True,
                                  timeout=60)
            if done.stdout.rstrip("\n") != code.rstrip("\n"):
                problems.append(f"{where}: the block is not what `{' '.join(command)}` prints")
            continue
        if language not in ("sh", ""):
            continue
        for words in commands_of(code, plain=language == ""):
            while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
                words = words[1:]  # VAR=value before a command
            if not words or words[0] in ("export", "cd"):
                continue
            program = words[0]
            name = Path(program).name
            if program.startswith("build/bin/"):
                path = bin_dir / name
            elif "/" in program:
                path = source / program
            elif name in OUR_PROGRAMS:
                path = bin_dir / name
            elif language == "":
                continue  # a plain block shows other text too; only our programs are checked
            else:
                if shutil.which(program) is None:
                    problems.append(f"{where}: `{program}` is not a command on this machine")
                continue
            if not path.exists():
                problems.append(f"{where}: `{program}` does not exist ({path})")
                continue
            if "--" in words:
                words = words[:words.index("--")]  # what follows is another program's
            flags = [(i, w) for i, w in enumerate(words) if w.lstrip("[").startswith("--")]
            if not flags:
                continue
            if name in OUR_PROGRAMS:
                sub = words[1] if name == "reportkit" and len(words) > 1 and \
                    not words[1].startswith("-") else None
                key = (name, sub)
                if key not in helps:
                    helps[key] = help_text(path, sub)
                text = helps[key]
            else:
                text = path.read_text(encoding="utf-8", errors="replace")
            for i, word in flags:
                flag = re.match(r"^\[?(--[A-Za-z0-9-]*)", word).group(1)
                if flag not in text:
                    problems.append(f"{where}: `{program}` has no flag {flag}")
                    continue
                # `[--threads 32]`: a number shown as the default must be the program's default.
                if word.startswith("[") and i + 1 < len(words):
                    value = words[i + 1].rstrip("]").rstrip(".")
                    if re.fullmatch(r"[0-9]+", value) and name in OUR_PROGRAMS:
                        shown = re.search(re.escape(flag) + r"[^\n]*\(=([^)]*)\)", text)
                        if shown and shown.group(1) != value:
                            problems.append(f"{where}: {flag} is shown with default {value}, "
                                            f"but `{name} --help` says {shown.group(1)}")
    return problems


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "cpp":
        write_cpp(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    if len(sys.argv) == 7 and sys.argv[1] == "commands" and sys.argv[3] == "--bin" \
            and sys.argv[5] == "--source":
        problems = check_commands(Path(sys.argv[2]), Path(sys.argv[4]), Path(sys.argv[6]))
        for p in problems:
            print(p)
        print(f"README commands: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
