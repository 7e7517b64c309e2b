#!/usr/bin/env python3
"""Extract a contract of Genesys Cloud's published API from the official Python SDK.

The Genesys Cloud Python SDK (`PureCloudPlatformClientV2` on PyPI) is generated
from Genesys's OpenAPI definition. This script reads an SDK wheel (a zip file)
directly -- nothing is installed or imported -- and writes a deterministic JSON
contract (operations, models reachable from them, region hosts, OAuth token
endpoint) that AuthBridge's Swift contract tests read.

Only facts are extracted; no SDK code is copied.

Getting the wheels:

    pip download --no-deps PureCloudPlatformClientV2==269.0.0 -d /tmp/w
    pip download --no-deps PureCloudPlatformClientV2==263.0.0 -d /tmp/w   # last release with web chat v2
    # optional, to confirm the web chat operations really are gone right after 263:
    pip download --no-deps PureCloudPlatformClientV2==264.0.0 -d /tmp/w

Regenerating the contract (from Tests/Contracts/genesys/):

    python3 extract.py \\
        --wheel /tmp/w/purecloudplatformclientv2-269.0.0-py3-none-any.whl \\
        --legacy-wheel /tmp/w/purecloudplatformclientv2-263.0.0-py3-none-any.whl \\
        --confirm-absent-wheel /tmp/w/purecloudplatformclientv2-264.0.0-py3-none-any.whl \\
        --out genesys-contract.json

What the SDK does (and does not) encode -- and therefore what this script emits:

* Operations (apis/*.py): HTTP method and resource path (the `call_api` call
  and the `resource_path` literal), path/query parameter wire names (the
  `path_params[...]` / `query_params[...]` assignments), parameter types (the
  docstring `:param <type> <name>:` lines), required parameters (positional
  arguments of the method, mirrored by "(required)" in the docstring and the
  "verify the required parameter" checks), the body type, the response type
  (`response_type=`), and deprecation (the `@deprecated(...)` decorator).
* Models (models/*.py): `swagger_types` (Python attribute -> type),
  `attribute_map` (Python attribute -> wire name), property docstrings
  (descriptions), enum `allowed_values` in setters, and setter validation
  (`len(x) > N` -> maxLength/maxItems, `len(x) < N` -> minLength/minItems,
  `x > N` -> maximum, `x < N` -> minimum, `re.match(P, x)` -> pattern).
* NOT encoded by the Python SDK: the OpenAPI `required` list of a model and the
  `readOnly` flag of a property. Every setter accepts None and every property is
  settable. The only hints are free-text descriptions. This script therefore
  sets `readOnly` only when a property's description says so in words
  ("read-only", "readonly", "not user-writeable") and never sets `required`
  from code; `required` is set only if a description literally starts with
  "Required." or "Required:" (conditional "Required if/when ..." does not
  count). Limits that appear only in descriptions ("Max: 256 characters",
  "Between 1 and 32,000 characters", "Max: 10 ids") are emitted too.
  Every flag or limit taken from a description is listed in the field's
  `evidence` map with the value "docstring"; those from setter code have
  "setter".

Output is deterministic: sorted keys, indent=2, trailing newline.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import zipfile
from collections import deque

PKG = "PureCloudPlatformClientV2/"
SCRIPT_PATH = "Tests/Contracts/genesys/extract.py"

# (method, path) of the current operations the contract must cover.
CURRENT_TARGETS = [
    ("PATCH", "/api/v2/conversations/messages/{conversationId}/participants/{participantId}/attributes"),
    ("PATCH", "/api/v2/conversations/{conversationId}/participants/{participantId}/attributes"),
    ("GET", "/api/v2/conversations/messages/{conversationId}"),
    ("GET", "/api/v2/conversations/{conversationId}"),
    ("POST", "/api/v2/externalcontacts/contacts"),
    ("GET", "/api/v2/externalcontacts/contacts/{contactId}"),
    ("PUT", "/api/v2/externalcontacts/contacts/{contactId}"),
    ("PATCH", "/api/v2/externalcontacts/contacts/{contactId}/identifiers"),
    ("POST", "/api/v2/externalcontacts/contacts/{contactId}/notes"),
    ("GET", "/api/v2/externalcontacts/contacts/{contactId}/notes"),
    ("POST", "/api/v2/externalcontacts/identifierlookup/contacts"),
    ("POST", "/api/v2/externalcontacts/contacts/enrich"),
    ("GET", "/api/v2/externalcontacts/externalsources"),
    ("POST", "/api/v2/externalcontacts/externalsources"),
    ("GET", "/api/v2/externalcontacts/externalsources/{externalSourceId}"),
    ("PUT", "/api/v2/externalcontacts/conversations/{conversationId}"),
    ("POST", "/api/v2/webdeployments/token/oauthcodegrantjwtexchange"),
    ("POST", "/api/v2/webdeployments/token/refresh"),
    ("DELETE", "/api/v2/webdeployments/token/revoke"),
    ("GET", "/api/v2/webdeployments/deployments/{deploymentId}"),
    ("GET", "/api/v2/webdeployments/deployments/{deploymentId}/identityresolution"),
]

# Every legacy operation under these prefixes is included (retired if absent in the current wheel).
LEGACY_PREFIXES = ["/api/v2/webchat/guest/", "/api/v2/conversations/chats"]

# Models always included (plus everything reachable from them).
# OAuthClientRequest: the per-client token lifetime range the emulator accepts (accessTokenValiditySeconds).
EXTRA_MODELS = ["ErrorBody", "OAuthClientRequest"]

# Paths whose presence is reported (expected absent).
PROBE_PATHS = ["/api/v2/signeddata"]


# --------------------------------------------------------------------------- wheel access

class Wheel:
    def __init__(self, path: str):
        self.path = path
        self.zip = zipfile.ZipFile(path)
        self.names = set(self.zip.namelist())
        self.version = self._version()
        self._model_index: dict[str, str] | None = None
        self._model_cache: dict[str, dict] = {}

    def _version(self) -> str:
        for n in self.names:
            if n.endswith(".dist-info/METADATA"):
                for line in self.read(n).splitlines():
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
        m = re.search(r"-(\d+\.\d+\.\d+)-", self.path)
        return m.group(1) if m else "unknown"

    def read(self, name: str) -> str:
        return self.zip.read(name).decode("utf-8")

    def files(self, folder: str) -> list[str]:
        prefix = PKG + folder + "/"
        return sorted(n for n in self.names
                      if n.startswith(prefix) and n.endswith(".py")
                      and "/" not in n[len(prefix):] and not n.endswith("__init__.py"))

    # ----- models
    def model_index(self) -> dict[str, str]:
        if self._model_index is None:
            idx = {}
            for n in self.files("models"):
                for m in re.finditer(r"^class (\w+)\(object\):", self.read(n), re.M):
                    idx[m.group(1)] = n
            self._model_index = idx
        return self._model_index

    def model(self, name: str) -> dict | None:
        if name in self._model_cache:
            return self._model_cache[name]
        fname = self.model_index().get(name)
        if fname is None:
            return None
        parsed = parse_model(self.read(fname), name)
        parsed["file"] = fname[len(PKG):]
        self._model_cache[name] = parsed
        return parsed


# --------------------------------------------------------------------------- types

SCALARS = {
    "str": "string", "int": "integer", "float": "number", "bool": "boolean",
    "datetime": "date-time", "date": "date", "object": "object",
}


def norm_type(t: str | None) -> str | None:
    if t is None:
        return None
    t = t.strip()
    if t in SCALARS:
        return SCALARS[t]
    m = re.fullmatch(r"list\[(.*)\]", t)
    if m:
        return "array<%s>" % norm_type(m.group(1))
    m = re.fullmatch(r"dict\(\s*str\s*,\s*(.*)\)", t)
    if m:
        return "map<string,%s>" % norm_type(m.group(1))
    return t  # model (class) name


def model_names_in(t: str | None) -> list[str]:
    if not t:
        return []
    out = []
    for tok in re.findall(r"[A-Za-z_][\w-]*", t):
        if tok in ("array", "map", "string") or tok in SCALARS.values():
            continue
        if tok == "date" or tok == "time":
            continue
        out.append(tok)
    return out


def is_array(t: str) -> bool:
    return t.startswith("array<")


# --------------------------------------------------------------------------- helpers

def const(node):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        return -node.operand.value
    return None


def subscript_key(node) -> str | None:
    """`x['k']` -> 'k'"""
    if isinstance(node, ast.Subscript):
        return const(node.slice)
    return None


def subscript_base(node) -> str | None:
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return node.value.id
    return None


def docstring_description(doc: str | None) -> str:
    """Text between the 'Gets/Sets the x of this Y.' line and the ':return:'/':param' block."""
    if not doc:
        return ""
    lines = doc.strip().splitlines()
    body = []
    for i, line in enumerate(lines):
        s = line.strip()
        if i == 0 and re.match(r"(Gets|Sets) the \w+ of this \w+\.$", s):
            continue
        if s.startswith(":"):
            break
        body.append(s)
    return " ".join(x for x in body if x).strip()


# --------------------------------------------------------------------------- models

DOC_READONLY = re.compile(r"\bread[- ]?only\b|\bnot user[- ]writ(?:e)?able\b", re.I)
# Only an unconditional "Required." / "Required:" prefix counts; "Required if ..." / "Required when
# updating ..." are conditional and are NOT turned into required=true.
DOC_REQUIRED = re.compile(r"^\(?Required\)?[.:](\s|$)")
DOC_MAXCHARS = re.compile(r"\bMax(?:imum)?(?: length)?:?\s*(\d[\d,]*)\s*characters\b"
                          r"|\blimited to (\d[\d,]*) characters\b|\b(\d[\d,]*) character limit\b", re.I)
DOC_MINCHARS = re.compile(r"\bminimum length of (\d[\d,]*) characters\b", re.I)
DOC_PATTERN = re.compile(r"\bMust match pattern: (\S+)")
DOC_BETWEEN = re.compile(r"\bBetween ([\d,]+) and ([\d,]+) characters\b", re.I)
DOC_BETWEEN_ITEMS = re.compile(r"\bBetween (\d[\d,]*) and (\d[\d,]*)(?![\d,]*\s*characters)", re.I)
DOC_MAXITEMS = re.compile(r"\bMax:?\s*(\d[\d,]*)\s*(?:ids?|items?|entries|values|identifiers)\b", re.I)


def _int(s: str) -> int:
    return int(s.replace(",", ""))


def parse_model(src: str, class_name: str) -> dict:
    tree = ast.parse(src)
    cls = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name), None)
    if cls is None:
        raise ValueError("class %s not found" % class_name)
    swagger_types: dict[str, str] = {}
    attribute_map: dict[str, str] = {}
    getters: dict[str, ast.FunctionDef] = {}
    setters: dict[str, ast.FunctionDef] = {}
    order: list[str] = []
    for fn in cls.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        if fn.name == "__init__":
            for st in ast.walk(fn):
                if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Attribute) \
                        and isinstance(st.value, ast.Dict):
                    d = {const(k): const(v) for k, v in zip(st.value.keys, st.value.values)}
                    if st.targets[0].attr == "swagger_types":
                        swagger_types = d
                        order = [const(k) for k in st.value.keys]
                    elif st.targets[0].attr == "attribute_map":
                        attribute_map = d
            continue
        for dec in fn.decorator_list:
            if isinstance(dec, ast.Name) and dec.id == "property":
                getters[fn.name] = fn
            elif isinstance(dec, ast.Attribute) and dec.attr == "setter":
                setters[fn.name] = fn

    fields = {}
    for attr in order:
        wire = attribute_map.get(attr, attr)
        ftype = norm_type(swagger_types[attr])
        desc = docstring_description(ast.get_docstring(getters[attr])) if attr in getters else ""
        f = {
            "type": ftype, "required": False, "readOnly": False,
            "maxLength": None, "minLength": None, "maximum": None, "minimum": None,
            "maxItems": None, "minItems": None, "pattern": None, "enum": None,
            "description": desc or None,
        }
        evidence = {}
        setter = setters.get(attr)
        if setter is not None:
            for node in ast.walk(setter):
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \
                        and node.targets[0].id == "allowed_values" and isinstance(node.value, ast.List):
                    f["enum"] = [const(e) for e in node.value.elts]
                    evidence["enum"] = "setter"
                if isinstance(node, ast.If) and any(isinstance(s, ast.Raise) for s in node.body):
                    for cmp_ in ast.walk(node.test):
                        if isinstance(cmp_, ast.Compare) and len(cmp_.ops) == 1:
                            lhs, op, rhs = cmp_.left, cmp_.ops[0], const(cmp_.comparators[0])
                            is_len = isinstance(lhs, ast.Call) and isinstance(lhs.func, ast.Name) \
                                and lhs.func.id == "len"
                            if rhs is None:
                                continue
                            if isinstance(op, (ast.Gt, ast.GtE)):
                                key = ("maxItems" if is_array(ftype) else "maxLength") if is_len else "maximum"
                                f[key] = rhs if isinstance(op, ast.Gt) else rhs - 1
                            elif isinstance(op, (ast.Lt, ast.LtE)):
                                key = ("minItems" if is_array(ftype) else "minLength") if is_len else "minimum"
                                f[key] = rhs if isinstance(op, ast.Lt) else rhs + 1
                            else:
                                continue
                            evidence[key] = "setter"
                        if isinstance(cmp_, ast.Call) and isinstance(cmp_.func, ast.Attribute) \
                                and cmp_.func.attr == "match" and cmp_.args and const(cmp_.args[0]):
                            f["pattern"] = const(cmp_.args[0])
                            evidence["pattern"] = "setter"
        # free-text hints
        if desc:
            if DOC_READONLY.search(desc):
                f["readOnly"] = True
                evidence["readOnly"] = "docstring"
            if DOC_REQUIRED.search(desc):
                f["required"] = True
                evidence["required"] = "docstring"
            m = DOC_BETWEEN.search(desc)
            if m and ftype == "string":
                if f["minLength"] is None:
                    f["minLength"] = _int(m.group(1))
                    evidence["minLength"] = "docstring"
                if f["maxLength"] is None:
                    f["maxLength"] = _int(m.group(2))
                    evidence["maxLength"] = "docstring"
            m = DOC_MAXCHARS.search(desc)
            if m and f["maxLength"] is None and ftype == "string":
                f["maxLength"] = _int(next(g for g in m.groups() if g))
                evidence["maxLength"] = "docstring"
            m = DOC_MINCHARS.search(desc)
            if m and f["minLength"] is None and ftype == "string":
                f["minLength"] = _int(m.group(1))
                evidence["minLength"] = "docstring"
            m = DOC_PATTERN.search(desc)
            if m and f["pattern"] is None and ftype == "string":
                f["pattern"] = m.group(1)
                evidence["pattern"] = "docstring"
            m = DOC_BETWEEN_ITEMS.search(desc)
            if m and is_array(ftype):
                if f["minItems"] is None:
                    f["minItems"] = _int(m.group(1))
                    evidence["minItems"] = "docstring"
                if f["maxItems"] is None:
                    f["maxItems"] = _int(m.group(2))
                    evidence["maxItems"] = "docstring"
            m = DOC_MAXITEMS.search(desc)
            if m and f["maxItems"] is None and is_array(ftype):
                f["maxItems"] = _int(m.group(1))
                evidence["maxItems"] = "docstring"
        f["evidence"] = evidence or None
        fields[wire] = f
    return {"fields": fields}


# --------------------------------------------------------------------------- operations

PARAM_RE = re.compile(r"^\s*:param (.+?) (\w+):[ \t]*(.*)$", re.M)


def parse_api_file(src: str, fname: str) -> list[dict]:
    tree = ast.parse(src)
    ops = []
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
                continue
            op = parse_operation(fn)
            if op is not None:
                op["sdkFile"] = fname[len(PKG):]
                op["sdkClass"] = cls.name
                ops.append(op)
    return ops


def parse_operation(fn: ast.FunctionDef) -> dict | None:
    resource_path = method = None
    response_type = None
    path_map, query_map, header_map = {}, {}, {}
    body_param = None
    auth_settings = None
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            tgt, val = node.targets[0], node.value
            if isinstance(tgt, ast.Name) and tgt.id == "resource_path":
                if isinstance(val, ast.Call) and isinstance(val.func, ast.Attribute):
                    resource_path = const(val.func.value)
                else:
                    resource_path = const(val)
            elif isinstance(tgt, ast.Name) and tgt.id == "body_params" and subscript_base(val) == "params":
                body_param = subscript_key(val)
            elif isinstance(tgt, ast.Name) and tgt.id == "auth_settings" and isinstance(val, ast.List):
                auth_settings = [const(e) for e in val.elts]
            elif subscript_base(tgt) in ("path_params", "query_params", "header_params") \
                    and subscript_base(val) == "params":
                target = {"path_params": path_map, "query_params": query_map,
                          "header_params": header_map}[subscript_base(tgt)]
                target[subscript_key(tgt)] = subscript_key(val)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "call_api":
            if len(node.args) > 1:
                method = const(node.args[1])
            for kw in node.keywords:
                if kw.arg == "response_type":
                    response_type = const(kw.value)
    if resource_path is None or method is None:
        return None
    doc = ast.get_docstring(fn) or ""
    ptypes, pdesc = {}, {}
    for m in PARAM_RE.finditer(doc):
        ptypes[m.group(2)] = m.group(1)
        pdesc[m.group(2)] = m.group(3)
    positional = [a.arg for a in fn.args.args if a.arg != "self"]

    def required(py):
        return py in positional or "(required)" in pdesc.get(py, "")

    deprecated = any(isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == "deprecated"
                     for d in fn.decorator_list)
    summary = doc.strip().splitlines()[0].strip() if doc.strip() else None
    return {
        "operationId": fn.name,
        "method": method.upper(),
        "path": resource_path,
        "pathParameters": [w for w in re.findall(r"\{(\w+)\}", resource_path)],
        "queryParameters": [
            {"name": wire, "type": norm_type(ptypes.get(py)), "required": required(py),
             "description": re.sub(r"\s*\(required\)$", "", pdesc.get(py, "")).strip() or None}
            for wire, py in query_map.items()
        ],
        "headerParameters": [
            {"name": wire, "type": norm_type(ptypes.get(py)), "required": required(py),
             "description": re.sub(r"\s*\(required\)$", "", pdesc.get(py, "")).strip() or None}
            for wire, py in header_map.items()
        ],
        "authSettings": auth_settings,
        "sdkLine": fn.lineno,
        "requestModel": norm_type(ptypes.get(body_param)) if body_param else None,
        "requestRequired": required(body_param) if body_param else False,
        "responseModel": norm_type(response_type),
        "deprecated": deprecated,
        "summary": summary,
    }


_OPS_CACHE: dict[str, list[dict]] = {}


def all_operations(wheel: Wheel) -> list[dict]:
    if wheel.path not in _OPS_CACHE:
        ops = []
        for n in wheel.files("apis"):
            ops.extend(parse_api_file(wheel.read(n), n))
        _OPS_CACHE[wheel.path] = ops
    return _OPS_CACHE[wheel.path]


# --------------------------------------------------------------------------- regions / oauth

def parse_regions(wheel: Wheel) -> dict:
    src = wheel.read(PKG + "purecloud_region_hosts.py")
    tree = ast.parse(src)
    regions = {}
    for cls in tree.body:
        if isinstance(cls, ast.ClassDef) and cls.name == "PureCloudRegionHosts":
            for st in cls.body:
                if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name) and isinstance(const(st.value), str):
                    api = const(st.value)
                    # login host derived exactly as ApiClient.get_conf_url("login", host) does: //api. -> //login.
                    login = re.sub(r"//(api)\.", "//login.", api)
                    domain = re.sub(r"^https?://api\.", "", api)
                    regions[st.targets[0].id] = {"api": api, "login": login, "domain": domain,
                                                 "sdkLine": st.lineno}
    return regions


def parse_oauth(wheel: Wheel) -> dict:
    src = wheel.read(PKG + "api_client.py")
    tree = ast.parse(src)
    endpoints = []
    login_rewrite = None
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef):
                continue
            if fn.name == "get_conf_url":
                for node in ast.walk(fn):
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sub" \
                            and len(node.args) >= 2:
                        login_rewrite = {"pattern": const(node.args[0]), "replacement": const(node.args[1]),
                                         "sdkLine": node.lineno}
            url = grant = None
            line = None
            headers = {}
            for node in ast.walk(fn):
                if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Call) \
                        and isinstance(node.left.func, ast.Attribute) and node.left.func.attr == "get_conf_url":
                    url = {"hostKind": const(node.left.args[0]), "path": const(node.right)}
                    line = node.lineno
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \
                        and node.targets[0].id == "post_params" and isinstance(node.value, ast.Dict):
                    d = {const(k): const(v) for k, v in zip(node.value.keys, node.value.values)}
                    grant = d.get("grant_type")
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \
                        and node.targets[0].id == "header_params" and isinstance(node.value, ast.Dict):
                    headers = {const(k): const(v) for k, v in zip(node.value.keys, node.value.values)}
            if url and url["hostKind"] == "login":
                endpoints.append({"sdkMethod": fn.name, "method": "POST", "host": "login", "path": url["path"],
                                  "grantType": grant, "sdkLine": line,
                                  "contentType": headers.get("Content-Type"),
                                  "authorizationHeader": "Authorization" in headers})
    endpoints.sort(key=lambda e: e["sdkMethod"])
    return {"sdkFile": "api_client.py", "loginHostRewrite": login_rewrite, "tokenEndpoints": endpoints}


def index_operations(ops: list[dict]) -> dict[tuple[str, str], dict]:
    """(method, path) -> operation. The SDK repeats some operations in several *Api
    classes (one per OpenAPI tag); the first file in sorted order wins and the
    others are listed in `alsoIn`."""
    by_key: dict[tuple[str, str], dict] = {}
    for op in sorted(ops, key=lambda o: (o["sdkFile"], o["operationId"])):
        k = (op["method"], op["path"])
        if k in by_key:
            by_key[k].setdefault("alsoIn", []).append("%s:%s" % (op["sdkFile"], op["operationId"]))
            continue
        by_key[k] = dict(op)
    return by_key


# --------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", required=True, help="current SDK wheel (269.0.0)")
    ap.add_argument("--legacy-wheel", help="legacy SDK wheel with web chat v2 (263.0.0)")
    ap.add_argument("--confirm-absent-wheel", action="append", default=[],
                    help="extra wheel(s) in which every retired operation must be absent (e.g. 264.0.0)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    cur = Wheel(args.wheel)
    legacy = Wheel(args.legacy_wheel) if args.legacy_wheel else None
    log = lambda *a: print(*a, file=sys.stderr)

    by_key = index_operations(all_operations(cur))

    selected = []
    missing = []
    for k in CURRENT_TARGETS:
        if k in by_key:
            selected.append(dict(by_key[k], status="current", sdkVersion=cur.version))
        else:
            missing.append(k)
    for k in missing:
        log("MISSING in %s: %s %s" % (cur.version, k[0], k[1]))

    legacy_roots = []
    checks = {"missingOperations": ["%s %s" % k for k in missing],
              "retiredOperationsStillPresent": {}, "pathProbes": {}}
    if legacy is not None:
        leg_by_key = index_operations(all_operations(legacy))
        seen = set()
        for k, op in sorted(leg_by_key.items()):
            if not any(op["path"] == p.rstrip("/") or op["path"].startswith(p.rstrip("/") + "/")
                                    for p in LEGACY_PREFIXES):
                continue
            seen.add(k)
            if k in by_key:
                selected.append(dict(by_key[k], status="current", sdkVersion=cur.version))
            else:
                selected.append(dict(op, status="retired", sdkVersion=legacy.version))
                legacy_roots.append(op)
        for path in args.confirm_absent_wheel:
            w = Wheel(path)
            keys = {(o["method"], o["path"]) for o in all_operations(w)}
            still = sorted("%s %s" % k for k in seen if k in keys)
            log("confirm-absent %s: %d of %d legacy operations present" % (w.version, len(still), len(seen)))
            for k in still:
                log("  still present in %s: %s" % (w.version, k))
            checks["retiredOperationsStillPresent"][w.version] = still

    for probe in PROBE_PATHS:
        checks["pathProbes"][probe] = {}
        for w in [cur] + ([legacy] if legacy else []):
            hits = sorted("%s %s" % (o["method"], o["path"]) for o in all_operations(w)
                          if o["path"] == probe or o["path"].startswith(probe + "/"))
            mentions = sorted(n[len(PKG):] for n in w.names
                              if n.startswith(PKG) and n.endswith(".py") and probe in w.read(n))
            log("probe %s in %s: %d operation(s), mentioned in %s" % (probe, w.version, len(hits), mentions))
            checks["pathProbes"][probe][w.version] = {"operations": hits, "mentionedIn": mentions}

    selected.sort(key=lambda o: (o["status"], o["path"], o["method"]))

    # ---- models: BFS from request/response models (current wheel first, legacy as fallback)
    models = {}
    unresolved = set()
    queue = deque()
    for op in selected:
        for t in (op["requestModel"], op["responseModel"]):
            queue.extend(model_names_in(t))
    queue.extend(EXTRA_MODELS)
    while queue:
        name = queue.popleft()
        if name in models or name in unresolved:
            continue
        m, ver = cur.model(name), cur.version
        if m is None and legacy is not None:
            m, ver = legacy.model(name), legacy.version
        if m is None:
            unresolved.add(name)
            continue
        models[name] = {"fields": m["fields"], "sdkFile": m["file"], "sdkVersion": ver}
        for f in m["fields"].values():
            queue.extend(model_names_in(f["type"]))
    for n in sorted(unresolved):
        log("unresolved type (no model class): %s" % n)

    out = {
        "source": {
            "package": "PureCloudPlatformClientV2",
            "version": cur.version,
            "legacyVersion": legacy.version if legacy else None,
            "script": SCRIPT_PATH,
        },
        "operations": selected,
        "models": models,
        "regions": parse_regions(cur),
        "oauth": parse_oauth(cur),
        "checks": checks,
    }
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=2, sort_keys=True, ensure_ascii=False)
        fh.write("\n")
    log("wrote %s: %d operations (%d retired), %d models" % (
        args.out, len(selected), sum(o["status"] == "retired" for o in selected), len(models)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
