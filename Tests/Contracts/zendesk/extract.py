#!/usr/bin/env python3
"""Extract the parts of the Sunshine Conversations OpenAPI spec that AuthBridge uses.

Input : the bundled spec `openapi.yaml` of github.com/zendesk/sunshine-conversations-api-spec
        at a pinned commit (see PIN below).
Output: sunshine-contract.json (next to this script unless --out is given).

Usage:
    python3 extract.py --spec /path/to/openapi.yaml
    python3 extract.py --git-dir /path/to/sunshine-conversations-api-spec/.git
        (reads `<PIN commit>:openapi.yaml` with `git show`)

Stdlib + PyYAML only (Python 3.11). The output is deterministic: sorted keys, indent 2,
trailing newline. The script refuses a spec whose SHA-256 differs from the pin unless
--allow-unpinned is given (then the actual hash and info.version are recorded instead).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

PIN = {
    "repository": "https://github.com/zendesk/sunshine-conversations-api-spec",
    "commit": "81dc589444407fb31a0654be753b0b763d02712d",
    "commitDate": "2026-06-30T14:21:15Z",
    "commitSubject": "Generate version 17.12.1",
    "branch": "master",
    "path": "openapi.yaml",
    "infoVersion": "17.12.1",
    "sha256": "87c086e2dd2449ff2c1e316e7bfd33b0d555660a78e9b3ddfc6935e4f1880ee0",
}

# Operations AuthBridge calls (operationId -> why). There is no separate
# "list identities" endpoint in the spec: identities are returned inside the user
# object, and ListUsers is the only lookup by an identity (email).
OPERATIONS = {
    "ListMessages": "read the message history of a conversation",
    "ListConversations": "find the conversations of a user (filter[userId] / filter[userExternalId])",
    "GetConversation": "read one conversation's metadata",
    "GetUser": "resolve a user by id or externalId (brandId for brand-separated users)",
    "ListUsers": "look a user up by an email identity (filter[identities.email])",
}

# Hand-written notes (our words, not copied text) attached to the contract, each
# anchored to the spec element that states the fact.
NOTES = {
    "ListMessages": [
        "Paginated backwards: without page params the most recent page is returned.",
        "Page size is fixed at 100 for this endpoint; page[size] does not apply.",
        "To go back in history send page[before]=meta.beforeCursor (or follow links.prev).",
        "Only one of page[after] / page[before] may be sent.",
        "meta.hasMore refers to the direction currently being paged.",
    ],
    "ListConversations": [
        "filter is required; exactly one of filter[userId] or filter[userExternalId] must be given (not both).",
        "page[size] default 25, range 1..100.",
    ],
    "GetUser": [
        "The path segment accepts either the Sunco user id or the externalId.",
        "brandId (query) identifies the brand; give it when looking up a brand-separated user by externalId or identity.",
    ],
    "ListUsers": [
        "filter[identities.email] is required; it matches emails in user.identities[], never user.profile.email.",
        "No pagination parameters are declared for this operation; response has users[] only (no meta/links).",
    ],
}

DATETIME_RE = re.compile(r"YYYY-MM-DDThh:mm:ss\.(?:SSS|sss)Z")
LIMIT_KEYS = ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "uniqueItems", "pattern")


class Spec:
    def __init__(self, doc: dict):
        self.doc = doc
        self.schemas = doc["components"]["schemas"]
        self.params = doc["components"]["parameters"]
        self.examples = doc["components"].get("examples", {})
        self.models: dict[str, dict] = {}
        self.queue: list[tuple[str, dict]] = []

    # ---------- refs ----------
    @staticmethod
    def ref_name(ref: str) -> str:
        return ref.rsplit("/", 1)[-1]

    def deref_param(self, p: dict) -> dict:
        if "$ref" in p:
            return self.params[self.ref_name(p["$ref"])]
        return p

    def is_model(self, schema: dict) -> bool:
        """Object-like or polymorphic schemas become models; primitives are inlined."""
        if "oneOf" in schema or "anyOf" in schema:
            return True
        if "allOf" in schema:
            return any(self.is_model(self.resolve(s)) for s in schema["allOf"])
        return schema.get("type") == "object" and bool(schema.get("properties"))

    def resolve(self, schema: dict) -> dict:
        if "$ref" in schema:
            return self.schemas[self.ref_name(schema["$ref"])]
        return schema

    # ---------- models ----------
    def want(self, name: str, schema: dict | None = None) -> str:
        if name not in self.models and all(n != name for n, _ in self.queue):
            self.queue.append((name, schema if schema is not None else self.schemas[name]))
        return name

    def drain(self) -> None:
        while self.queue:
            name, schema = self.queue.pop(0)
            if name in self.models:
                continue
            self.models[name] = {}  # reserve (recursion: quotedMessage -> message)
            self.models[name] = self.build_model(name, schema)

    def flatten(self, schema: dict) -> tuple[dict, set, dict]:
        """Merge allOf parts: returns (properties, required, extra)."""
        props: dict = {}
        required: set = set()
        extra: dict = {}
        parts = schema.get("allOf", []) + [{k: v for k, v in schema.items() if k != "allOf"}]
        for part in parts:
            if "$ref" in part:
                extra.setdefault("allOf", []).append(self.want(self.ref_name(part["$ref"])))
                part = self.resolve(part)
            if "allOf" in part:
                p2, r2, e2 = self.flatten(part)
                props.update(p2)
                required |= r2
                for k, v in e2.items():
                    if k == "allOf":
                        extra.setdefault("allOf", []).extend(x for x in v if x not in extra.get("allOf", []))
                continue
            props.update(part.get("properties", {}))
            required |= set(part.get("required", []))
            if part.get("additionalProperties") is not None:
                extra["additionalProperties"] = bool(part["additionalProperties"])
        return props, required, extra

    def build_model(self, name: str, schema: dict) -> dict:
        out: dict = {}
        if schema.get("title"):
            out["title"] = schema["title"]
        if "oneOf" in schema or "anyOf" in schema:
            key = "oneOf" if "oneOf" in schema else "anyOf"
            out[key] = sorted(self.want(self.ref_name(s["$ref"])) for s in schema[key] if "$ref" in s)
            disc = schema.get("discriminator")
            if disc:
                d = {"propertyName": disc["propertyName"]}
                if disc.get("mapping"):
                    d["mapping"] = {k: self.want(self.ref_name(v)) for k, v in disc["mapping"].items()}
                else:
                    # No explicit mapping: derive the values from each variant's
                    # discriminator property (enum or default).
                    derived = {}
                    for variant in out[key]:
                        vp, _, _ = self.flatten(self.schemas[variant])
                        prop = vp.get(disc["propertyName"], {})
                        for v in prop.get("enum", []) or ([prop["default"]] if "default" in prop else []):
                            derived[v] = variant
                    d["derivedMapping"] = derived
                    missing = sorted(set(out[key]) - set(derived.values()))
                    if missing:
                        d["variantsWithoutDiscriminatorValue"] = missing
                out["discriminator"] = d
            return out
        props, required, extra = self.flatten(schema)
        if "allOf" in extra:
            out["composedOf"] = sorted(set(extra["allOf"]))
        if "additionalProperties" in extra:
            out["additionalProperties"] = extra["additionalProperties"]
        if schema.get("nullable"):
            out["nullable"] = True
        out["fields"] = {
            wire: self.field(name, wire, prop, wire in required or prop.get("required") is True)
            for wire, prop in props.items()
        }
        out["required"] = sorted(w for w in props if w in required)
        return out

    def field(self, owner: str, wire: str, prop: dict, required: bool) -> dict:
        f: dict = {"required": bool(required)}
        # Sibling keywords of an allOf-wrapped $ref (nullable, readOnly, ...) apply to the field.
        wrapper = prop
        if "allOf" in prop and len(prop["allOf"]) == 1 and "$ref" in prop["allOf"][0]:
            prop = {**prop["allOf"][0], **{k: v for k, v in wrapper.items() if k != "allOf"}}
        if "$ref" in prop:
            ref = self.ref_name(prop["$ref"])
            target = self.schemas[ref]
            if self.is_model(target):
                f["type"] = "object"
                f["ref"] = self.want(ref)
            else:
                f["ref"] = ref  # primitive alias (or free-form object), inlined below
                self.describe(f, target)
                if target.get("type") == "object":
                    f["freeForm"] = True
            self.describe(f, {k: v for k, v in prop.items() if k != "$ref"})
            return f
        self.describe(f, prop)
        t = prop.get("type")
        if t == "array":
            items = prop.get("items", {})
            it: dict = {}
            if "$ref" in items or "allOf" in items:
                ref = self.ref_name(items.get("$ref") or items["allOf"][0]["$ref"])
                target = self.schemas[ref]
                if self.is_model(target):
                    it = {"type": "object", "ref": self.want(ref)}
                else:
                    it = {"ref": ref}
                    self.describe(it, target)
            else:
                self.describe(it, items)
                if items.get("type") == "object" and items.get("properties"):
                    sub = f"{owner}.{wire}[]"
                    it["ref"] = self.want(sub, items)
            f["items"] = it
            if "enum" in it:
                f["enum"] = it["enum"]
                f["enumAppliesTo"] = "items"
        elif t == "object" and prop.get("properties"):
            sub = f"{owner}.{wire}"
            f["ref"] = self.want(sub, prop)
        elif t == "object" and not prop.get("properties"):
            f["freeForm"] = True
        return f

    @staticmethod
    def describe(f: dict, s: dict) -> None:
        for k in ("type", "format", "default", "readOnly", "writeOnly", "nullable", "deprecated"):
            if k in s and k not in f:
                f[k] = s[k]
        if "enum" in s:
            f["enum"] = list(s["enum"])
        limits = {k: s[k] for k in LIMIT_KEYS if k in s}
        if limits:
            f.setdefault("limits", {}).update(limits)
        if isinstance(s.get("example"), (str, int, float, bool)) and "example" not in f:
            f["example"] = s["example"]
        desc = s.get("description") or ""
        m = DATETIME_RE.search(desc)
        if m and "documentedFormat" not in f:
            f["documentedFormat"] = m.group(0)

    # ---------- operations ----------
    def operation(self, op_id: str) -> dict:
        for path, item in self.doc["paths"].items():
            for method, op in item.items():
                if isinstance(op, dict) and op.get("operationId") == op_id:
                    return self.build_op(path, method, item, op)
        raise SystemExit(f"operation {op_id} not found in spec")

    def build_op(self, path: str, method: str, item: dict, op: dict) -> dict:
        params = [self.deref_param(p) for p in item.get("parameters", []) + op.get("parameters", [])]
        path_params, query_params = [], []
        for p in params:
            schema = self.resolve(p.get("schema", {}))
            if p["in"] == "path":
                path_params.append({"name": p["name"], "type": schema.get("type"), "required": bool(p.get("required"))})
            elif p["in"] == "query":
                query_params.extend(self.query_param(p, schema))
        security = op.get("security", self.doc.get("security", []))
        sec = []
        for alt in security:
            for scheme, scopes in alt.items():
                sec.append({"scheme": scheme, "scopes": sorted(scopes)})
        responses = op.get("responses", {})
        ok = next((c for c in ("200", "201") if c in responses), None)
        model = None
        if ok:
            schema = responses[ok].get("content", {}).get("application/json", {}).get("schema", {})
            if "$ref" in schema:
                model = self.want(self.ref_name(schema["$ref"]))
        errors = {}
        for code, r in sorted(responses.items()):
            if code == ok:
                continue
            ex = r.get("content", {}).get("application/json", {}).get("examples", {}).get("default", {})
            codes = [e.get("code") for e in ex.get("value", {}).get("errors", [])] if isinstance(ex, dict) else []
            errors[code] = {"errorCodes": codes}
        out = {
            "operationId": op["operationId"],
            "method": method.upper(),
            "path": path,
            "pathParameters": path_params,
            "queryParameters": sorted(query_params, key=lambda q: q["name"]),
            "security": sec,
            "successStatus": int(ok) if ok else None,
            "responseModel": model,
            "errorResponses": errors,
            "purpose": OPERATIONS[op["operationId"]],
        }
        if op["operationId"] in NOTES:
            out["notes"] = NOTES[op["operationId"]]
        ex_ref = (responses.get(ok, {}).get("content", {}).get("application/json", {})
                  .get("examples", {}).get("default", {}).get("$ref"))
        if ex_ref and model:
            extra = sorted(self.undocumented(self.examples[self.ref_name(ex_ref)].get("value"), model, ""))
            if extra:
                out["exampleFieldsNotInSchema"] = extra
        return out

    def query_param(self, p: dict, schema: dict) -> list[dict]:
        base = {"style": p.get("style", "form")}
        if p.get("style") == "deepObject" and schema.get("type") == "object":
            out = []
            req_list = set(schema.get("required", []))
            for sub, sp in schema.get("properties", {}).items():
                q = {
                    "name": f"{p['name']}[{sub}]",
                    "type": sp.get("type"),
                    "required": bool(p.get("required")) and (sub in req_list or sp.get("required") is True),
                    "groupRequired": bool(p.get("required")),
                    **base,
                }
                self.describe(q, {k: v for k, v in sp.items() if k != "type"})
                out.append(q)
            return out
        q = {"name": p["name"], "type": schema.get("type"), "required": bool(p.get("required")), **base}
        self.describe(q, {k: v for k, v in schema.items() if k != "type"})
        return [q]

    def undocumented(self, value, model: str, prefix: str):
        """Yield dotted paths present in an example but absent from the schema."""
        m = self.models.get(model) or (self.build_model(model, self.schemas[model]) if model in self.schemas else None)
        if not isinstance(value, dict) or not m or "fields" not in m:
            return
        for k, v in value.items():
            fld = m["fields"].get(k)
            path = f"{prefix}{k}"
            if fld is None:
                yield f"{model}:{path}"
                continue
            ref = fld.get("ref") or fld.get("items", {}).get("ref")
            if ref and ref in self.schemas or (ref and ref in self.models):
                vals = v if isinstance(v, list) else [v]
                for x in vals:
                    yield from self.undocumented(x, ref, "")


def load_text(args) -> bytes:
    if args.spec:
        return Path(args.spec).read_bytes()
    return subprocess.run(
        ["git", "--git-dir", args.git_dir, "show", f"{PIN['commit']}:{PIN['path']}"],
        check=True, capture_output=True,
    ).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--spec", help="path to openapi.yaml")
    src.add_argument("--git-dir", help="git dir of zendesk/sunshine-conversations-api-spec")
    ap.add_argument("--out", default=str(Path(__file__).with_name("sunshine-contract.json")))
    ap.add_argument("--allow-unpinned", action="store_true")
    args = ap.parse_args()

    raw = load_text(args)
    digest = hashlib.sha256(raw).hexdigest()
    doc = yaml.safe_load(raw)
    source = dict(PIN)
    if digest != PIN["sha256"] or doc["info"]["version"] != PIN["infoVersion"]:
        if not args.allow_unpinned:
            print(f"spec sha256 {digest} / version {doc['info']['version']} != pin "
                  f"{PIN['sha256']} / {PIN['infoVersion']}; use --allow-unpinned", file=sys.stderr)
            return 2
        source = {"repository": PIN["repository"], "path": PIN["path"], "sha256": digest,
                  "infoVersion": doc["info"]["version"], "unpinned": True}

    spec = Spec(doc)
    ops = [spec.operation(o) for o in OPERATIONS]
    # Always include the whole message/user graph even if a response wrapper changes.
    for root in ("message", "user", "conversation", "identity", "profile", "author", "content",
                 "source", "quotedMessage", "page", "meta", "links", "errorResponse"):
        spec.want(root)
    spec.drain()
    info_desc = doc["info"].get("description", "")
    limits = {}
    m = re.search(r"Conversations are limited to ([\d,]+) messages", info_desc)
    if m:
        limits["messagesPerConversation"] = int(m.group(1).replace(",", ""))
    m = re.search(r"\|\s*JSON\s*\|\s*(\w+)\s*\|", info_desc)
    if m:
        limits["jsonRequestBody"] = m.group(1)
    m = re.search(r"\|\s*File upload\s*\|\s*(\w+)\s*\|", info_desc)
    if m:
        limits["fileUpload"] = m.group(1)

    contract = {
        "source": source,
        "servers": [s["url"] for s in doc.get("servers", [])],
        "securitySchemes": doc["components"]["securitySchemes"],
        "defaultSecurity": [{"scheme": k, "scopes": sorted(v)} for alt in doc.get("security", []) for k, v in alt.items()],
        "documentedLimits": limits,
        "pagination": {
            "style": "cursor",
            "queryParameters": ["page[after]", "page[before]", "page[size]"],
            "cursorIs": "a record id (page.after/page.before: string, length exactly 24)",
            "exclusive": "only one of page[after] or page[before] per request",
            "responseMeta": ["meta.hasMore", "meta.afterCursor", "meta.beforeCursor", "links.next", "links.prev"],
        },
        "operations": ops,
        "models": spec.models,
    }
    text = json.dumps(contract, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(ops)} operations, {len(spec.models)} models, spec sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
