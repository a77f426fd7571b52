#!/usr/bin/env python3
"""Assembles the OpenAPI 3.1 document Prism mocks in bench/mock.sh, from `reportkit schema`.

usage: openapi.py REQUEST_SCHEMA.json REPORT_SCHEMA.json SEED_REPORT.json > openapi.json

Paths carry the /api/2 prefix themselves (Prism ignores relative `servers` URLs). Each
schema's `$defs` move to components/schemas and its `$ref`s follow them: a `#/$defs/X`
inside an embedded schema would otherwise resolve against the OpenAPI document's root.
"""
import json
import sys


def hoist(schema, components):
    schema = dict(schema)
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    for name, definition in schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    return schema


def rewrite_refs(node):
    if isinstance(node, dict):
        return {k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" else
                    rewrite_refs(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [rewrite_refs(v) for v in node]
    return node


def main():
    request_path, report_path, example_path = sys.argv[1:4]
    components = {}
    with open(request_path) as f:
        components["ReportRequest"] = hoist(json.load(f), components)
    with open(report_path) as f:
        components["Report"] = hoist(json.load(f), components)
    with open(example_path) as f:
        example = json.load(f)
    error = {"type": "object", "properties": {"error": {"type": "object"}}}
    components["ApiError"] = error

    def answer(schema, ex):
        return {"description": "the report",
                "content": {"application/json": {"schema": {"$ref": schema}, "example": ex}}}

    doc = {
        "openapi": "3.1.0",
        "info": {"title": "Usage reports (reportkit bench)", "version": "2"},
        "security": [{"bearer": []}],
        "paths": {
            "/api/2/reports": {"post": {
                "operationId": "createReport",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/ReportRequest"}}}},
                "responses": {
                    "200": answer("#/components/schemas/Report", example),
                    "400": {"description": "invalid request", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ApiError"}}}},
                },
            }},
            "/api/2/reports/{report_id}": {"get": {
                "operationId": "getReport",
                "parameters": [{"name": "report_id", "in": "path", "required": True,
                                "schema": {"$ref": "#/components/schemas/Uuid"}
                                if "Uuid" in components else {"type": "string"}}],
                "responses": {"200": answer("#/components/schemas/Report", example)},
            }},
        },
        "components": {
            "schemas": rewrite_refs(components),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
    json.dump(doc, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
