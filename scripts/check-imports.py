#!/usr/bin/env python3
"""Static check that each target imports exactly the modules its Package.swift entry declares.

For every Swift target of the manifest (regular, executable, test, macro, plugin) it collects the modules
imported by the target's .swift files, in every form (`import X`, `public import X`, `internal import X`,
`package import X`, `@_exported import X`, `@testable import X`, `@preconcurrency import X`,
`import struct X.Y`, ...), and compares them with the target's `dependencies:`. It reports

  (a) modules imported but not declared as a dependency of that target (toolchain modules such as
      Foundation, Dispatch, Glibc, Synchronization and Testing need no declaration), and
  (b) declared dependencies that no file of the target imports,

and exits 1 if it found either. Nothing is built: the manifest is read with a small parser that knows
the shapes `"Name"`, `.target(name:)`, `.product(name:package:)` and `.byName(name:)`. A product is taken
to vend the modules its package's manifest lists for it (read from .build/checkouts when present), and
otherwise a module of the product's own name.

This is stricter than `swift build --explicit-target-dependency-import-check error`, which only flags an
imported module that is outside the target's *recursive* dependency closure; a module that a dependency
brings in transitively (SystemPackage through swift-nio, say) passes that check but fails (a) here.

Usage (from anywhere):
  python3 scripts/check-imports.py                         # ./Package.swift of this repository
  python3 scripts/check-imports.py Benchmarks/Package.swift
  python3 scripts/check-imports.py --allow-unused AuthBridgeJWTTests:CAuthBridgeOpenSSL
Options:
  --checkouts DIR            where dependency checkouts are (default: <package>/.build/checkouts,
                             then the repository root's .build/checkouts)
  --system MODULE            one more module that needs no declaration (repeatable)
  --allow-undeclared T:M     accept module M imported by target T without a declaration (repeatable)
  --allow-unused T:D         accept dependency D of target T that is never imported (repeatable)
  -v, --verbose              print every target's imports and dependencies
Only the Python 3 standard library is used.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# Modules of the Swift toolchain and of the platforms' SDKs: no package dependency provides them.
SYSTEM_MODULES = {
    # Swift and its runtime libraries
    "Swift", "SwiftOnoneSupport", "_Concurrency", "_StringProcessing", "_RegexParser", "RegexBuilder",
    "Synchronization", "Observation", "Distributed", "Cxx", "CxxStdlib", "_Differentiation", "_Volatile",
    "SwiftShims", "_Backtracing", "Runtime", "std",
    # Foundation and Dispatch
    "Foundation", "FoundationEssentials", "FoundationInternationalization", "FoundationNetworking",
    "FoundationXML", "CoreFoundation", "Dispatch",
    # C libraries of the platforms
    "Glibc", "SwiftGlibc", "Musl", "Android", "Bionic", "WASILibc", "Darwin", "WinSDK", "ucrt", "CRT",
    # Test libraries that ship with the toolchain
    "Testing", "XCTest",
    # Apple SDK frameworks that packages commonly import behind #if canImport
    "os", "ObjectiveC", "Security", "Network", "CryptoKit", "Combine",
}

IMPORT_RE = re.compile(
    r"(?:^|;)[ \t]*"
    r"(?P<attrs>(?:@[A-Za-z_][A-Za-z0-9_]*(?:\([^)\n]*\))?[ \t]+)*)"
    r"(?:(?P<access>public|package|internal|fileprivate|private|open)[ \t]+)?"
    r"import[ \t]+"
    r"(?:(?:typealias|struct|class|enum|protocol|let|var|func)[ \t]+)?"
    r"(?P<module>[A-Za-z_][A-Za-z0-9_]*)",
    re.M,
)


# --------------------------------------------------------------------------------------------------
# Lexing: blank out comments and string literals (Swift's and the manifest's), keeping line breaks.


def strip_comments_and_strings(text: str, keep_strings: bool = False) -> str:
    """Returns text with comments, and string literals unless keep_strings, replaced by spaces.

    The result has the input's length and line breaks. Handles nested block comments, "..." and
    multi-line \"\"\"...\"\"\" literals, raw strings (#"..."#) and string interpolation, whose code is kept
    (so an import can never hide in a string or a comment).
    """
    out: list[str] = []
    n = len(text)
    i = 0
    # Stack of contexts: ("code", paren_depth) for code (the bottom one, or an interpolation),
    # ("str", hashes, multiline) for a string literal.
    stack: list[tuple] = [("code", 0)]

    def blank(s: str) -> str:
        return "".join("\n" if c == "\n" else " " for c in s)

    def string_part(s: str) -> str:
        return s if keep_strings else blank(s)

    while i < n:
        top = stack[-1]
        if top[0] == "code":
            c = text[i]
            if text.startswith("//", i):
                j = text.find("\n", i)
                j = n if j < 0 else j
                out.append(blank(text[i:j]))
                i = j
                continue
            if text.startswith("/*", i):
                depth, j = 1, i + 2
                while j < n and depth:
                    if text.startswith("/*", j):
                        depth, j = depth + 1, j + 2
                    elif text.startswith("*/", j):
                        depth, j = depth - 1, j + 2
                    else:
                        j += 1
                out.append(blank(text[i:j]))
                i = j
                continue
            m = re.match(r'(#*)("""|")', text[i:i + 64])
            if m:
                hashes = len(m.group(1))
                multiline = m.group(2) == '"""'
                out.append(string_part(m.group(0)))
                i += len(m.group(0))
                stack.append(("str", hashes, multiline))
                continue
            if c == "(":
                stack[-1] = ("code", top[1] + 1)
            elif c == ")":
                if len(stack) > 1 and top[1] == 0:
                    # End of an interpolation: back into its string.
                    stack.pop()
                    out.append(string_part(c))
                    i += 1
                    continue
                stack[-1] = ("code", max(0, top[1] - 1))
            out.append(c)
            i += 1
        else:
            _, hashes, multiline = top
            close = ('"""' if multiline else '"') + "#" * hashes
            escape = "\\" + "#" * hashes
            if text.startswith(escape, i):
                j = i + len(escape)
                if j < n and text[j] == "(":
                    out.append(string_part(text[i:j + 1]))
                    i = j + 1
                    stack.append(("code", 0))
                    continue
                out.append(string_part(text[i:j + 1]))
                i = j + 1
                continue
            if text.startswith(close, i):
                out.append(string_part(close))
                i += len(close)
                stack.pop()
                continue
            if text[i] == "\n" and not multiline:
                stack.pop()  # unterminated: resynchronise at the line's end
            out.append(string_part(text[i]))
            i += 1
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# Reading a manifest.


def matching_paren(text: str, start: int) -> int:
    """Index just past the bracket that closes the one at text[start] (in comment-free, string-free text)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[text[start]]]
    i = start + 1
    while i < len(text) and stack:
        c = text[i]
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
        i += 1
    return i


def arguments(call_inner: str, original_inner: str) -> dict[str, str]:
    """Labelled arguments of a call, label -> text. `call_inner` is the blanked view used to find the
    top-level commas; the text comes from `original_inner` (same offsets), so string literals survive."""
    result: dict[str, str] = {}
    for a, b in split_top_level_spans(call_inner):
        m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*:", call_inner[a:b])
        if m:
            result.setdefault(m.group(1), original_inner[a + m.end():b].strip())
    return result


STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def first_string(text: str) -> str | None:
    m = STRING_RE.search(text)
    return m.group(1) if m else None


@dataclass
class Dependency:
    kind: str  # "target", "product" or "byName"
    name: str
    package: str | None = None

    def label(self) -> str:
        if self.kind == "product":
            return f'.product(name: "{self.name}", package: {self.package})'
        if self.kind == "target":
            return f'.target(name: "{self.name}")'
        return f'"{self.name}"'


@dataclass
class Target:
    kind: str
    name: str
    path: str | None
    dependencies: list[Dependency] = field(default_factory=list)

    @property
    def module(self) -> str:
        return c99name(self.name)


@dataclass
class Manifest:
    path: Path
    targets: dict[str, Target]
    products: dict[str, list[str]]  # product name -> its targets
    package_dependencies: list[str]  # identities of .package(...) entries


def c99name(name: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return "_" + name if name[:1].isdigit() else name


TARGET_CALL_RE = re.compile(r"\.(target|executableTarget|testTarget|systemLibrary|binaryTarget|macro|plugin)\s*\(")
PRODUCT_CALL_RE = re.compile(r"\.(library|executable|plugin)\s*\(")
PACKAGE_CALL_RE = re.compile(r"\.package\s*\(")


def package_identity(arguments_text: dict[str, str]) -> str | None:
    for label in ("url", "path"):
        if label in arguments_text:
            value = first_string(arguments_text[label])
            if value:
                last = value.rstrip("/").split("/")[-1]
                return re.sub(r"\.git$", "", last).lower()
    if "id" in arguments_text:
        value = first_string(arguments_text["id"])
        return value.split(".")[-1].lower() if value else None
    return None


def parse_dependencies(original: str, blanked: str, quiet: bool = False) -> list[Dependency]:
    deps = []
    for a, b in split_top_level_spans(blanked):
        text = original[a:b].strip()
        if not text:
            continue  # the space after a trailing comma
        blank = blanked[a:b].strip()
        if text.startswith('"'):
            deps.append(Dependency("byName", first_string(text) or text))
            continue
        m = re.match(r"\.(product|target|byName)\s*\(", blank)
        if not m:
            if not quiet:
                print(f"check-imports: cannot read the dependency {text!r}; skipped", file=sys.stderr)
            continue
        open_at = blank.index("(")
        close_at = matching_paren(blank, open_at)
        args = arguments(blank[open_at + 1:close_at - 1], text[open_at + 1:close_at - 1])
        name = first_string(args.get("name", "")) or ""
        if m.group(1) == "product":
            package = args.get("package")
            deps.append(Dependency("product", name, package.strip() if package else None))
        else:
            deps.append(Dependency(m.group(1), name))
    return deps


def split_top_level_spans(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def parse_manifest(path: Path, quiet: bool = False) -> Manifest:
    original = path.read_text(encoding="utf-8")
    # Comments go; string literals are kept in `original` but blanked in `blanked` for bracket matching.
    no_comments = strip_comments_and_strings(original, keep_strings=True)
    blanked = strip_comments_and_strings(original)

    targets: dict[str, Target] = {}
    extents: list[tuple[int, int]] = []
    for m in TARGET_CALL_RE.finditer(blanked):
        if any(a <= m.start() < b for a, b in extents):
            continue  # a `.target(name:)` dependency or a `.plugin(name:package:)` use inside a target
        open_at = m.end() - 1
        close_at = matching_paren(blanked, open_at)
        inner_blank = blanked[open_at + 1:close_at - 1]
        inner = no_comments[open_at + 1:close_at - 1]
        args = arguments(inner_blank, inner)
        kind = m.group(1)
        if kind == "plugin" and "capability" not in args:
            continue  # a plugin product or a plugin usage, not a plugin target
        name = first_string(args.get("name", ""))
        if not name:
            continue
        extents.append((m.start(), close_at))
        target = Target(kind, name, first_string(args["path"]) if "path" in args else None)
        if "dependencies" in args:
            deps_text = args["dependencies"]
            # Locate the array in the blanked text by position to keep both views aligned.
            label = re.search(r"\bdependencies\s*:\s*\[", inner_blank)
            if label:
                arr_open = label.end() - 1
                arr_close = matching_paren(inner_blank, arr_open)
                target.dependencies = parse_dependencies(inner[arr_open + 1:arr_close - 1],
                                                         inner_blank[arr_open + 1:arr_close - 1], quiet)
            elif deps_text.strip() and not quiet:
                print(f"check-imports: {name}: dependencies are not an array literal; skipped", file=sys.stderr)
        targets[name] = target

    products: dict[str, list[str]] = {}
    for m in PRODUCT_CALL_RE.finditer(blanked):
        open_at = m.end() - 1
        close_at = matching_paren(blanked, open_at)
        inner_blank = blanked[open_at + 1:close_at - 1]
        inner = no_comments[open_at + 1:close_at - 1]
        args = arguments(inner_blank, inner)
        name = first_string(args.get("name", ""))
        if name and "targets" in args:
            products.setdefault(name, STRING_RE.findall(args["targets"]))

    package_dependencies = []
    for m in PACKAGE_CALL_RE.finditer(blanked):
        open_at = m.end() - 1
        close_at = matching_paren(blanked, open_at)
        args = arguments(blanked[open_at + 1:close_at - 1], no_comments[open_at + 1:close_at - 1])
        identity = package_identity(args)
        if identity:
            package_dependencies.append(identity)

    return Manifest(path, targets, products, package_dependencies)


# --------------------------------------------------------------------------------------------------
# Sources and imports.


@dataclass
class Import:
    module: str
    file: Path
    line: int
    text: str
    exported: bool


def target_directory(package_dir: Path, target: Target) -> Path | None:
    if target.path is not None:
        return package_dir / target.path
    if target.kind == "testTarget":
        roots = ["Tests", "Sources", "Source", "src", "srcs"]
    elif target.kind == "plugin":
        roots = ["Plugins"]
    else:
        roots = ["Sources", "Source", "src", "srcs"]
    for root in roots:
        candidate = package_dir / root / target.name
        if candidate.is_dir():
            return candidate
    return None


def swift_files(directory: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(directory, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith(".docc"))
        files.extend(Path(root) / n for n in sorted(names) if n.endswith(".swift"))
    return files


def imports_of(files: list[Path], base: Path) -> list[Import]:
    found = []
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        code = strip_comments_and_strings(text)
        lines = text.split("\n")
        for m in IMPORT_RE.finditer(code):
            line = code.count("\n", 0, m.start()) + 1
            found.append(Import(m.group("module"), relative(file, base), line, lines[line - 1].strip(),
                                "@_exported" in (m.group("attrs") or "")))
    return found


def relative(path: Path, base: Path) -> Path:
    try:
        return path.relative_to(base)
    except ValueError:
        return path


# --------------------------------------------------------------------------------------------------
# Dependency checkouts: which package vends which product and module (for the modules a dependency vends
# and for hints in the report).


@dataclass
class Checkouts:
    products: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (package, product) -> modules
    module_owner: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # module -> (package, product)

    def modules_of(self, product: str, package: str | None) -> list[str] | None:
        if package:
            key = (package.strip('"').lower(), product)
            if key in self.products:
                return self.products[key]
        matches = [modules for (pkg, name), modules in self.products.items() if name == product]
        return matches[0] if len(matches) == 1 else None


def load_checkouts(directories: list[Path]) -> Checkouts:
    result = Checkouts()
    for directory in directories:
        if not directory.is_dir():
            continue
        for package_dir in sorted(directory.iterdir()):
            manifest_path = package_dir / "Package.swift"
            if not manifest_path.is_file():
                continue
            try:
                manifest = parse_manifest(manifest_path, quiet=True)
            except Exception as error:  # a manifest shape this parser does not know: no hints from it
                print(f"check-imports: skipped {manifest_path}: {error}", file=sys.stderr)
                continue
            identity = package_dir.name.lower()
            for product, targets in manifest.products.items():
                result.products.setdefault((identity, product), [c99name(t) for t in targets])
                for t in targets:
                    result.module_owner.setdefault(c99name(t), (identity, product))
            for name in manifest.targets:
                result.module_owner.setdefault(c99name(name), (identity, None))
    return result


# --------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("manifest", nargs="?", help="Package.swift to check (default: the repository's)")
    parser.add_argument("--checkouts", action="append", default=[], type=Path)
    parser.add_argument("--system", action="append", default=[])
    parser.add_argument("--allow-undeclared", action="append", default=[])
    parser.add_argument("--allow-unused", action="append", default=[])
    parser.add_argument("-v", "--verbose", action="store_true")
    options = parser.parse_args()

    repo_root = Path(__file__).resolve().parent.parent
    manifest_path = Path(options.manifest).resolve() if options.manifest else repo_root / "Package.swift"
    package_dir = manifest_path.parent
    manifest = parse_manifest(manifest_path)
    if not manifest.targets:
        print(f"check-imports: no targets found in {manifest_path}", file=sys.stderr)
        return 2

    checkout_dirs = options.checkouts or [package_dir / ".build" / "checkouts", repo_root / ".build" / "checkouts"]
    checkouts = load_checkouts(checkout_dirs)
    system = SYSTEM_MODULES | set(options.system)
    allow_undeclared = {tuple(s.split(":", 1)) for s in options.allow_undeclared}
    allow_unused = {tuple(s.split(":", 1)) for s in options.allow_unused}
    direct_packages = set(manifest.package_dependencies)

    # Every local target's files and imports, and the modules each re-exports.
    target_imports: dict[str, list[Import]] = {}
    missing_dirs = []
    for target in manifest.targets.values():
        if target.kind in ("systemLibrary", "binaryTarget"):
            continue
        directory = target_directory(package_dir, target)
        if directory is None or not directory.is_dir():
            missing_dirs.append(target.name)
            target_imports[target.name] = []
            continue
        target_imports[target.name] = imports_of(swift_files(directory), package_dir)
    reexports = {
        manifest.targets[name].module: {i.module for i in found if i.exported}
        for name, found in target_imports.items()
    }

    def exported_closure(module: str, seen: set[str] | None = None) -> set[str]:
        """The modules that `import module` makes visible through @_exported imports, recursively."""
        seen = set() if seen is None else seen
        for exported in reexports.get(module, set()) - seen:
            seen.add(exported)
            exported_closure(exported, seen)
        return seen

    def modules_of(dep: Dependency) -> list[str]:
        if dep.kind in ("target", "byName") and dep.name in manifest.targets:
            return [manifest.targets[dep.name].module]
        if dep.kind in ("product", "byName"):
            if dep.name in manifest.products and dep.kind == "byName":
                return [c99name(t) for t in manifest.products[dep.name]]
            vended = checkouts.modules_of(dep.name, dep.package)
            if vended:
                return vended
        return [c99name(dep.name)]

    def hint(module: str) -> str:
        local = [t for t in manifest.targets.values() if t.module == module]
        if local:
            return f'a target of this package: add "{local[0].name}" to the dependencies'
        owner = checkouts.module_owner.get(module)
        if owner:
            package, product = owner
            via = f'product "{product}"' if product else "an internal target (no product of its own)"
            if package in direct_packages:
                return f'{via} of {package}, a direct dependency: add .product(name: "{product}", package: "{package}")'
            return (f"{via} of {package}, which is only a transitive dependency: declare the package and the "
                    f"product, or stop importing it")
        return "not found in this manifest or in the dependency checkouts"

    undeclared_count = 0
    unused_count = 0
    lines: list[str] = []
    for target in manifest.targets.values():
        if target.name not in target_imports:
            continue
        found = target_imports[target.name]
        imported = {i.module for i in found}
        declared: dict[str, Dependency] = {}
        for dep in target.dependencies:
            for module in modules_of(dep):
                declared.setdefault(module, dep)

        undeclared = sorted(
            m for m in imported
            if m not in declared and m not in system and m != target.module and (target.name, m) not in allow_undeclared
        )
        unused = [
            dep for dep in target.dependencies
            if not (set(modules_of(dep)) & imported) and (target.name, dep.name) not in allow_unused
        ]

        if options.verbose:
            lines.append(f"{target.name} ({target.kind}): imports {', '.join(sorted(imported)) or '-'}; "
                         f"declares {', '.join(d.name for d in target.dependencies) or '-'}")
        for module in undeclared:
            undeclared_count += 1
            where = [i for i in found if i.module == module]
            first = where[0]
            more = f" (+{len(where) - 1} more)" if len(where) > 1 else ""
            via = sorted(m for m in declared if module in exported_closure(m))
            note = f" (visible only through the @_exported imports of {', '.join(via)})" if via else ""
            lines.append(f"{target.name}: (a) imports {module} without declaring it{note} — {first.file}:{first.line} "
                         f"`{first.text}`{more}; {hint(module)}")
        for dep in unused:
            unused_count += 1
            note = ""
            dep_modules = set(modules_of(dep))
            via = sorted(m for m in imported if exported_closure(m) & dep_modules)
            if via:
                note = f" (its module is re-exported by {', '.join(via)}, which the target imports)"
            lines.append(f"{target.name}: (b) declares {dep.label()} but never imports it{note}")

    for name in missing_dirs:
        lines.append(f"{name}: no source directory found (path: in the manifest?)")
    if lines:
        print("\n".join(lines))
    checked = len([t for t in target_imports])
    print(f"check-imports: {manifest_path.relative_to(repo_root) if manifest_path.is_relative_to(repo_root) else manifest_path}: "
          f"{checked} targets, {undeclared_count} undeclared imports (a), {unused_count} unused dependencies (b)")
    return 1 if undeclared_count or unused_count or missing_dirs else 0


if __name__ == "__main__":
    sys.exit(main())
