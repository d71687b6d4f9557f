// The OpenAPI 3 document of the server. tests/server/openapi_test.cc sends every documented
// operation its documented example and checks the answer against the documented response, so
// this text cannot drift from what the server does unnoticed; tests/cli/openapi_lint_test.sh
// lints it (Redocly CLI, tools/openapi-lint).
//
// Error responses are written once, in Interdict's shape; OpenApiJson() derives each dialect's
// (ErrorDialectOf) and adds the errors every operation can get, so the document says what
// api.cc and ShapeError send.
#include <nlohmann/json.hpp>

#include "server/api.h"

namespace interdict::server {

namespace {

constexpr const char* kDocument = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "Interdict screening API",
    "version": "1",
    "description": "Sanctions and watch-list screening. Own API under /v1; yente-compatible /match, /search and /entities; Watchman-compatible /v2/search and /v2/listinfo. Errors take the shape each dialect's clients decode: {\"error\": {\"code\", \"message\"}} (Error) on Interdict's own paths, the same plus \"detail\" (YenteError) on yente's, {\"error\": \"<message>\", \"code\"} (WatchmanError) on Watchman's. When the server runs with API keys, every endpoint but /healthz, /readyz and /openapi.json needs one (Authorization: Bearer <key>, or X-API-Key)."
  },
  "servers": [{"url": "/", "description": "The server that serves this document (interdict serve)"}],
  "components": {
    "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer"},
      "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    },
    "responses": {
      "BadRequest": {"description": "Malformed or invalid request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "Missing or invalid API key", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such record, source or dataset", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "MethodNotAllowed": {"description": "The path has no such method (the Allow header lists those it has)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "PayloadTooLarge": {"description": "The request body is over the server's limit (--body-limit)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "HeaderTooLarge": {"description": "The request header (the URL included) is over the server's limit", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Internal": {"description": "Internal error; the server log has the details under the request id (X-Request-Id)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unavailable": {"description": "Not ready (no list loaded), overloaded or past the request deadline (retry after the Retry-After header), or the audit log cannot record the request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
              "code": {"$ref": "#/components/schemas/ErrorCode"},
              "message": {"type": "string"}
            }
          }
        }
      },
      "ErrorCode": {"type": "string", "description": "bad_request, invalid_json, invalid_request, batch_too_large, response_too_large, unauthorized, not_found, forbidden, conflict, not_implemented, method_not_allowed, payload_too_large, header_too_large, not_ready, overloaded, deadline_exceeded, audit_unavailable, internal"},
      "YenteError": {
        "description": "The errors of the yente paths: Interdict's, plus detail (the message), which yente (FastAPI) clients read.",
        "allOf": [{"$ref": "#/components/schemas/Error"}, {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}]
      },
      "WatchmanError": {
        "description": "The errors of the Watchman paths: error is the message, a string, as Watchman's Go client decodes it; code is Interdict's machine-readable code.",
        "type": "object",
        "required": ["error", "code"],
        "properties": {"error": {"type": "string"}, "code": {"$ref": "#/components/schemas/ErrorCode"}}
      },
      "Query": {
        "type": "object",
        "required": ["name"],
        "properties": {
          "id": {"description": "Echoed back; any JSON value"},
          "name": {"type": "string"},
          "type": {"type": "string", "enum": ["person", "organization", "organisation", "company", "vessel", "aircraft", "entity"]},
          "birth_date": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}], "description": "YYYY, YYYY-MM or YYYY-MM-DD"},
          "country": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
          "identifiers": {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "object", "required": ["value"], "properties": {"type": {"type": "string"}, "value": {"type": "string"}}}]}}
        }
      },
      "ScreenRequest": {
        "allOf": [
          {"$ref": "#/components/schemas/Query"},
          {"type": "object", "properties": {
            "threshold": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.8},
            "limit": {"type": "integer", "minimum": 1, "maximum": 500, "default": 10}}}
        ]
      },
      "Explanation": {
        "type": "object",
        "required": ["matched_name", "name_kind", "name_score", "tokens", "query_only", "list_only", "attributes", "sentence"],
        "properties": {
          "matched_name": {"type": "string"},
          "name_kind": {"type": "string"},
          "name_score": {"type": "number"},
          "tokens": {"type": "array", "items": {"type": "object"}},
          "query_only": {"type": "array", "items": {"type": "string"}},
          "list_only": {"type": "array", "items": {"type": "string"}},
          "attributes": {"type": "array", "items": {"type": "object"}},
          "sentence": {"type": "string"}
        }
      },
      "Match": {
        "type": "object",
        "required": ["entity", "score", "name", "schema", "source", "explanation"],
        "properties": {
          "entity": {"type": "string", "example": "us-ofac-sdn:24586"},
          "score": {"type": "number"},
          "name": {"type": "string"},
          "schema": {"type": "string"},
          "source": {"type": "string"},
          "explanation": {"$ref": "#/components/schemas/Explanation"}
        }
      },
      "ListVersionRef": {
        "type": "object",
        "required": ["source", "version", "published", "imported_at"],
        "properties": {"source": {"type": "string"}, "version": {"type": "integer"}, "published": {"type": "string"}, "imported_at": {"type": "string"}}
      },
      "ScreenResponse": {
        "type": "object",
        "required": ["id", "query", "list_versions", "threshold", "matches", "warnings"],
        "properties": {
          "id": {},
          "query": {"type": "object"},
          "list_versions": {"type": "array", "items": {"$ref": "#/components/schemas/ListVersionRef"}},
          "threshold": {"type": "number"},
          "matches": {"type": "array", "items": {"$ref": "#/components/schemas/Match"}},
          "warnings": {"type": "array", "items": {"type": "string"}}
        }
      },
      "BatchRequest": {
        "type": "object",
        "required": ["queries"],
        "properties": {
          "queries": {"type": "array", "items": {"$ref": "#/components/schemas/Query"}, "maxItems": 100},
          "threshold": {"type": "number"},
          "limit": {"type": "integer"}
        }
      },
      "BatchResponse": {
        "type": "object",
        "required": ["list_versions", "threshold", "results"],
        "properties": {
          "list_versions": {"type": "array", "items": {"$ref": "#/components/schemas/ListVersionRef"}},
          "threshold": {"type": "number"},
          "results": {"type": "array", "items": {"type": "object", "required": ["id", "matches", "warnings"], "properties": {"id": {}, "matches": {"type": "array", "items": {"$ref": "#/components/schemas/Match"}}, "warnings": {"type": "array", "items": {"type": "string"}}}}}
        }
      },
      "CompareResponse": {
        "type": "object",
        "required": ["score", "threshold", "match", "explanation"],
        "properties": {"score": {"type": "number"}, "threshold": {"type": "number"}, "match": {"type": "boolean"}, "explanation": {"$ref": "#/components/schemas/Explanation"}}
      },
      "Entity": {
        "type": "object",
        "description": "A list record in Interdict's own model (core/entity_json.h), plus the list version it comes from.",
        "required": ["id", "source", "schema", "names", "list_version"],
        "properties": {"id": {"type": "string"}, "source": {"type": "string"}, "schema": {"type": "string"}, "names": {"type": "array", "items": {"type": "object"}}, "list_version": {"type": "object"}}
      },
      "ListVersion": {
        "type": "object",
        "required": ["source", "version", "published", "imported_at", "record_count", "content_sha256", "schema_counts", "files"],
        "properties": {"source": {"type": "string"}, "version": {"type": "integer"}, "published": {"type": "string"}, "imported_at": {"type": "string"}, "record_count": {"type": "integer"}, "content_sha256": {"type": "string"}, "schema_counts": {"type": "object"}, "files": {"type": "array", "items": {"type": "string"}}, "age_seconds": {"type": "number"}}
      },
      "FtmEntity": {
        "type": "object",
        "required": ["id", "caption", "schema", "properties", "datasets", "referents", "target"],
        "properties": {"id": {"type": "string"}, "caption": {"type": "string"}, "schema": {"type": "string", "enum": ["Person", "Organization", "LegalEntity", "Vessel", "Airplane"]}, "properties": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}, "datasets": {"type": "array", "items": {"type": "string"}}, "referents": {"type": "array", "items": {"type": "string"}}, "target": {"type": "boolean"}, "first_seen": {"type": "string", "nullable": true}, "last_seen": {"type": "string", "nullable": true}, "last_change": {"type": "string", "nullable": true}}
      },
      "YenteMatchResponse": {
        "type": "object",
        "required": ["responses", "limit"],
        "properties": {
          "limit": {"type": "integer"},
          "responses": {"type": "object", "additionalProperties": {
            "type": "object",
            "required": ["status", "results", "total", "query"],
            "properties": {
              "status": {"type": "integer"},
              "results": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/FtmEntity"}, {"type": "object", "required": ["score", "match", "explanations"], "properties": {"score": {"type": "number"}, "match": {"type": "boolean"}, "explanations": {"type": "object"}, "explanation": {"$ref": "#/components/schemas/Explanation"}}}]}},
              "total": {"type": "object", "properties": {"value": {"type": "integer"}, "relation": {"type": "string"}}},
              "query": {"type": "object"},
              "warnings": {"type": "array", "items": {"type": "string"}}
            }
          }}
        }
      },
      "YenteSearchResponse": {
        "type": "object",
        "required": ["results", "total", "limit", "offset", "facets"],
        "properties": {"results": {"type": "array", "items": {"$ref": "#/components/schemas/FtmEntity"}}, "total": {"type": "object"}, "limit": {"type": "integer"}, "offset": {"type": "integer"}, "facets": {"type": "object"}}
      },
      "WatchmanSearchResponse": {
        "type": "object",
        "required": ["query", "entities", "warnings"],
        "properties": {
          "query": {"type": "object"},
          "entities": {"type": "array", "items": {"type": "object", "required": ["name", "entityType", "sourceList", "sourceID", "match"], "properties": {"name": {"type": "string"}, "entityType": {"type": "string", "enum": ["person", "business", "organization", "aircraft", "vessel"]}, "sourceList": {"type": "string", "description": "Watchman's name of the list (us_ofac, us_non_sdn, un_csl) where Watchman has it, else Interdict's source name"}, "sourceID": {"type": "string"}, "match": {"type": "number"}, "explanation": {"$ref": "#/components/schemas/Explanation"}}}},
          "warnings": {"type": "array", "items": {"type": "string"}, "description": "Parameters not compared, and defaults used for unreadable limit or minMatch"}
        }
      },
      "WatchmanListInfoResponse": {
        "type": "object",
        "required": ["lists", "listHashes", "startedAt", "endedAt", "version", "listVersions"],
        "properties": {
          "lists": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "Records per list in service, by Watchman's list name"},
          "listHashes": {"type": "object", "additionalProperties": {"type": "string"}, "description": "SHA-256 of each list version's input files"},
          "startedAt": {"type": "string", "format": "date-time", "description": "The newest import of the lists in service"},
          "endedAt": {"type": "string", "format": "date-time", "description": "When the lists went into service"},
          "version": {"type": "string"},
          "listVersions": {"type": "array", "items": {"type": "object", "required": ["sourceList", "source", "version", "published", "importedAt", "records"], "properties": {"sourceList": {"type": "string"}, "source": {"type": "string"}, "version": {"type": "integer"}, "published": {"type": "string"}, "importedAt": {"type": "string"}, "records": {"type": "integer"}}}}
        }
      },
      "Health": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
      "Ready": {"type": "object", "required": ["status", "lists"], "properties": {"status": {"type": "string", "enum": ["ok"]}, "lists": {"type": "array", "items": {"type": "object"}}, "monitor": {"type": "object", "nullable": true, "description": "The server's monitoring runs (shown, never a reason to be not ready)", "properties": {"runs_ok": {"type": "integer"}, "runs_failed": {"type": "integer"}, "last_error": {"type": "string", "nullable": true}}}}}
    }
  },
  "security": [{"bearer": []}, {"apiKey": []}],
  "paths": {
    "/healthz": {
      "get": {
        "summary": "The process is up",
        "security": [],
        "responses": {"200": {"description": "Up", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
      }
    },
    "/readyz": {
      "get": {
        "summary": "Lists are loaded, fresh (within --max-list-age) and the audit log is writable",
        "security": [],
        "responses": {
          "200": {"description": "Ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ready"}}}},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics (text format 0.0.4)",
        "responses": {
          "200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"}
        }
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This document",
        "security": [],
        "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object", "required": ["openapi", "info", "paths"], "properties": {"openapi": {"type": "string"}, "info": {"type": "object"}, "paths": {"type": "object"}}}}}}}
      }
    },
    "/v1/screen": {
      "post": {
        "summary": "Screen one party",
        "description": "The fields of a query are those of `interdict screen --jsonl`. Matches at or above the threshold, best first, each with its explanation. Written to the audit log.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScreenRequest"}, "example": {"id": "cust-42", "name": "Evin Prison", "type": "organization", "country": "Iran"}}}},
        "responses": {
          "200": {"description": "Screened", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScreenResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/v1/screen/batch": {
      "post": {
        "summary": "Screen several parties",
        "description": "Every query is checked before any is screened; one invalid query fails the whole batch (400 naming it). At most --max-batch queries (default 100).",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchRequest"}, "example": {"queries": [{"id": 1, "name": "Evin Prison"}, {"id": 2, "name": "Jane Example", "type": "person"}], "threshold": 0.8}}}},
        "responses": {
          "200": {"description": "Screened", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/v1/compare": {
      "post": {
        "summary": "Score two names against each other (name1 is read as the query)",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["name1", "name2"], "properties": {"name1": {"type": "string"}, "name2": {"type": "string"}, "type": {"type": "string"}, "threshold": {"type": "number"}}}, "example": {"name1": "Mohammed Yousef", "name2": "MUHAMMAD, Yusuf", "type": "person"}}}},
        "responses": {
          "200": {"description": "Compared", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CompareResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/v1/entities/{id}": {
      "get": {
        "summary": "One list record",
        "description": "From the lists in service, or with ?version=N from that list version in the store.",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "us-ofac-sdn:24586"},
          {"name": "version", "in": "query", "required": false, "schema": {"type": "integer"}}
        ],
        "responses": {
          "200": {"description": "The record", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Entity"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/v1/sources": {
      "get": {
        "summary": "The list versions in service",
        "responses": {
          "200": {"description": "Sources", "content": {"application/json": {"schema": {"type": "object", "required": ["loaded_at", "record_count", "sources"], "properties": {"loaded_at": {"type": "string"}, "record_count": {"type": "integer"}, "sources": {"type": "array", "items": {"$ref": "#/components/schemas/ListVersion"}}}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/v1/sources/{source}/versions": {
      "get": {
        "summary": "Every version of one source in the store, oldest first",
        "parameters": [{"name": "source", "in": "path", "required": true, "schema": {"type": "string"}, "example": "us-ofac-sdn"}],
        "responses": {
          "200": {"description": "Versions", "content": {"application/json": {"schema": {"type": "object", "required": ["source", "versions"], "properties": {"source": {"type": "string"}, "versions": {"type": "array", "items": {"$ref": "#/components/schemas/ListVersion"}}}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/v1/scan": {
      "post": {
        "summary": "Scan free text, or payment messages, for listed parties and sanctioned jurisdictions",
        "description": "As `interdict scan`: give `text` (a document), or `message` with `format` mt (SWIFT MT103/MT202COV) or pacs008 (ISO 20022). Hits carry byte and code-point offsets, the matched record or jurisdiction and an explanation. Written to the audit log. 501 when the server has no scanning tables.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"text": {"type": "string"}, "message": {"type": "string"}, "format": {"type": "string", "enum": ["mt", "pacs008"]}, "threshold": {"type": "number"}, "parties": {"type": "boolean", "default": true}, "jurisdictions": {"type": "boolean", "default": true}, "sectoral": {"type": "boolean", "default": false}}}, "example": {"text": "Please wire the balance to EVIN PRISON in Tehran."}}}},
        "responses": {
          "200": {"description": "Hits (text) or messages with their hits", "content": {"application/json": {"schema": {"type": "object", "required": ["list_versions", "threshold"], "properties": {"list_versions": {"type": "array", "items": {"$ref": "#/components/schemas/ListVersionRef"}}, "threshold": {"type": "number"}, "hits": {"type": "array", "items": {"type": "object", "required": ["kind", "begin", "end", "text", "score"], "properties": {"kind": {"type": "string", "enum": ["party", "identifier", "jurisdiction"]}, "begin": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}, "score": {"type": "number"}}}}, "messages": {"type": "array", "items": {"type": "object"}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "501": {"description": "Scanning is not configured", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/match/{dataset}": {
      "post": {
        "summary": "yente-compatible matching",
        "description": "FollowTheMoney query examples; `default` means every loaded source, otherwise a source name (us-ofac-sdn or us_ofac_sdn). Results below min(cutoff, threshold) are dropped; `match` is score >= threshold. Any FtM property of the query's schema is accepted; a query with identifiers and no name is screened on them. `algorithm` may be best, default or interdict; `config` and `weights` must be empty; a valid `changed_since` is refused (400, records carry no change date). Written to the audit log.",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"},
          {"name": "threshold", "in": "query", "schema": {"type": "number", "default": 0.8}},
          {"name": "cutoff", "in": "query", "schema": {"type": "number"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 5, "maximum": 500}},
          {"name": "algorithm", "in": "query", "schema": {"type": "string"}},
          {"name": "include_dataset", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "exclude_dataset", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "exclude_schema", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "exclude_entity_ids", "in": "query", "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 50}},
          {"name": "topics", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["queries"], "properties": {"queries": {"type": "object", "additionalProperties": {"type": "object", "required": ["schema", "properties"], "properties": {"schema": {"type": "string"}, "properties": {"type": "object"}}}}}}, "example": {"queries": {"q1": {"schema": "Organization", "properties": {"name": ["Evin Prison"], "country": ["ir"]}}}}}}},
        "responses": {
          "200": {"description": "Matched", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/YenteMatchResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/search/{dataset}": {
      "get": {
        "summary": "yente-compatible name search",
        "description": "With q: names scoring 0.5 or more against it, best first; without: every record the filters keep. Facets count every result. Written to the audit log.",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"},
          {"name": "q", "in": "query", "schema": {"type": "string"}, "example": "Evin Prison"},
          {"name": "countries", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "datasets", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "filter", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "description": "field:value, fields countries, datasets, topics, schema"},
          {"name": "filter_op", "in": "query", "schema": {"type": "string", "enum": ["OR", "AND"], "default": "OR"}},
          {"name": "facets", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["countries", "topics", "datasets", "schema"]}}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}},
          {"name": "offset", "in": "query", "schema": {"type": "integer", "default": 0}},
          {"name": "schema", "in": "query", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "Results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/YenteSearchResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/entities/{id}": {
      "get": {
        "summary": "yente-compatible entity fetch (FtM form)",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "us-ofac-sdn:24586"}],
        "responses": {
          "200": {"description": "The entity", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FtmEntity"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/v2/search": {
      "get": {
        "operationId": "watchmanSearch",
        "summary": "Watchman-compatible search",
        "description": "As Watchman's Go client sends it. Unknown parameters are refused (400), as Watchman does. type is a filter. Written to the audit log.",
        "parameters": [
          {"name": "name", "in": "query", "description": "The name to screen; may be left out when sourceID, a gov_* identifier or cryptoAddress is given (a lookup: the records holding it, scored 1)", "schema": {"type": "string"}, "example": "Evin Prison"},
          {"name": "altNames", "in": "query", "description": "More names, each screened; the best score per record counts", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "type", "in": "query", "description": "person, business, organization, aircraft or vessel, in any case; empty: any. A filter; business and organization records are reported as the type asked for", "schema": {"type": "string"}},
          {"name": "source", "in": "query", "description": "A list: Watchman's name (us_ofac, us_non_sdn, un_csl, any case) or Interdict's (us-ofac-sdn); 404 when not loaded", "schema": {"type": "string"}},
          {"name": "sourceList", "in": "query", "description": "Read as source", "schema": {"type": "string"}},
          {"name": "sourceID", "in": "query", "description": "The record's id in its list", "schema": {"type": "string"}},
          {"name": "birthDate", "in": "query", "description": "YYYY, YYYY-MM or YYYY-MM-DD", "schema": {"type": "string"}},
          {"name": "limit", "in": "query", "description": "Results (default 10, at most 100); a value that is not a positive integer is read as 10, with a warning", "schema": {"type": "integer"}},
          {"name": "minMatch", "in": "query", "description": "Lowest score returned, in [0, 1] (default 0); a value that is not a number is read as 0, with a warning", "schema": {"type": "number"}},
          {"name": "imoNumber", "in": "query", "description": "Vessel IMO number, compared as an identifier", "schema": {"type": "string"}},
          {"name": "mmsi", "in": "query", "description": "Vessel MMSI, compared as an identifier", "schema": {"type": "string"}},
          {"name": "callSign", "in": "query", "description": "Vessel call sign, compared as an identifier", "schema": {"type": "string"}},
          {"name": "serialNumber", "in": "query", "description": "Aircraft serial number, compared as an identifier", "schema": {"type": "string"}},
          {"name": "icaoCode", "in": "query", "description": "Compared as an identifier", "schema": {"type": "string"}},
          {"name": "cryptoAddress", "in": "query", "description": "CURRENCY:ADDRESS or ADDRESS, compared as an identifier", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "cryptoAddresses", "in": "query", "description": "Read as cryptoAddress", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "gov_passport", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_drivers-license", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_national-id", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_tax-id", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_ssn", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_cedula", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_curp", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_cuit", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_electoral", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_business-registration", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_commercial-registry", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_birth-certificate", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_refugee-id", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_diplomatic-passport", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_personal-id", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_citizenship", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gov_nationality", "in": "query", "description": "CC:IDENTIFIER or IDENTIFIER, compared as an identifier", "schema": {"type": "string"}},
          {"name": "gender", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "deathDate", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "created", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "dissolved", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "flag", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "built", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "model", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "aircraftType", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "vesselType", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "owner", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "string"}},
          {"name": "tonnage", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "integer"}},
          {"name": "grossRegisteredTonnage", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "integer"}},
          {"name": "titles", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "email", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "emailAddress", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "emailAddresses", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "phone", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "phoneNumber", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "phoneNumbers", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "fax", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "faxNumber", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "faxNumbers", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "website", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "websites", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "address", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "addresses", "in": "query", "description": "Accepted and not compared (named in warnings)", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "debug", "in": "query", "description": "Accepted; changes nothing", "schema": {"type": "string"}},
          {"name": "debugSourceIDs", "in": "query", "description": "Accepted; changes nothing", "schema": {"type": "string"}},
          {"name": "requestID", "in": "query", "description": "Accepted; changes nothing (X-Request-Id names requests)", "schema": {"type": "string"}},
          {"name": "format", "in": "query", "description": "json only; anything else is refused (400)", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "Results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WatchmanSearchResponse"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/v2/listinfo": {
      "get": {
        "operationId": "watchmanListInfo",
        "summary": "Watchman-compatible list information: records, hashes and versions of the lists in service",
        "responses": {
          "200": {"description": "The lists in service", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WatchmanListInfoResponse"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/entities/{id}/adjacent": {
      "get": {
        "summary": "yente-compatible adjacent entities",
        "description": "The entity and the entities linked to it. Records hold no links (relationships are not imported), so `adjacent` is always empty.",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "us-ofac-sdn:24586"},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10, "maximum": 500}},
          {"name": "offset", "in": "query", "schema": {"type": "integer", "default": 0, "maximum": 10000}}
        ],
        "responses": {
          "200": {"description": "The entity", "content": {"application/json": {"schema": {"type": "object", "required": ["entity", "adjacent"], "properties": {"entity": {"$ref": "#/components/schemas/FtmEntity"}, "adjacent": {"type": "object"}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/catalog": {
      "get": {
        "summary": "yente-compatible data catalog",
        "description": "One dataset per list in service (OpenSanctions-style name, e.g. us_ofac_sdn, un_sc_sanctions) and the collections `default` and `sanctions`.",
        "responses": {
          "200": {"description": "The catalog", "content": {"application/json": {"schema": {"type": "object", "required": ["datasets", "current", "outdated", "index_stale"], "properties": {"datasets": {"type": "array", "items": {"type": "object", "required": ["name", "title", "children"], "properties": {"name": {"type": "string"}, "title": {"type": "string"}, "children": {"type": "array", "items": {"type": "string"}}}}}, "current": {"type": "array", "items": {"type": "string"}}, "outdated": {"type": "array", "items": {"type": "string"}}, "index_stale": {"type": "boolean"}}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/algorithms": {
      "get": {
        "summary": "yente-compatible list of scoring algorithms",
        "description": "Interdict's one algorithm, `interdict`, which is also `default` and `best`.",
        "responses": {
          "200": {"description": "The algorithms", "content": {"application/json": {"schema": {"type": "object", "required": ["algorithms", "default", "best"], "properties": {"algorithms": {"type": "array", "items": {"type": "object", "required": ["name", "features"], "properties": {"name": {"type": "string"}, "features": {"type": "object"}}}}, "default": {"type": "string"}, "best": {"type": "string"}}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"}
        }
      }
    },
    "/updatez": {
      "post": {
        "summary": "yente-compatible forced index update: always refused",
        "description": "Answers 403 as yente does without an update token: lists are replaced by `interdict update`, and the server puts new versions in service by itself.",
        "responses": {
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "403": {"description": "Invalid token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
      }
    },
    "/reconcile/{dataset}": {
      "get": {
        "summary": "OpenRefine reconciliation: service manifest, or queries / extend as parameters",
        "description": "Without `queries` or `extend`: the Reconciliation API 0.2 service manifest. With `queries=<JSON batch>`: candidates per query; with `extend=<JSON>`: property values. Written to the audit log.",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"},
          {"name": "queries", "in": "query", "schema": {"type": "string"}},
          {"name": "extend", "in": "query", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "Manifest, query results or extension", "content": {"application/json": {"schema": {"type": "object"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      },
      "post": {
        "summary": "OpenRefine reconciliation queries and data extension",
        "description": "A form body `queries=<JSON batch>` or `extend=<JSON>` (what OpenRefine sends), or a JSON body: {\"queries\": ...}, {\"extend\": ...} or a bare batch. Each query {query, type?, limit?, properties?: [{pid, v}]} is screened as an FtM example, as /match does. One unreadable query fails the batch (400). Written to the audit log.",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}, "example": {"queries": {"q0": {"query": "Evin Prison", "type": "Organization", "limit": 3}}}}, "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {"queries": {"type": "string"}, "extend": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "Per query {result: [{id, name, description, type, score, match}]}, or {meta, rows} for extend", "content": {"application/json": {"schema": {"type": "object"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/reconcile/{dataset}/suggest/entity": {
      "get": {
        "summary": "OpenRefine entity suggestions",
        "description": "Records whose names score 0.5 or more against the prefix; none for an empty prefix. Written to the audit log.",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"},
          {"name": "prefix", "in": "query", "schema": {"type": "string"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10, "maximum": 500}}
        ],
        "responses": {
          "200": {"description": "Suggestions", "content": {"application/json": {"schema": {"type": "object", "required": ["prefix", "result"], "properties": {"prefix": {"type": "string"}, "result": {"type": "array", "items": {"type": "object", "required": ["id", "name"]}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/reconcile/{dataset}/suggest/type": {
      "get": {
        "summary": "OpenRefine type suggestions (matchable FtM schemata)",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"},
          {"name": "prefix", "in": "query", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "Suggestions", "content": {"application/json": {"schema": {"type": "object", "required": ["prefix", "result"], "properties": {"result": {"type": "array", "items": {"type": "object", "required": ["id", "name"]}}}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/reconcile/{dataset}/suggest/property": {
      "get": {
        "summary": "OpenRefine property suggestions (Schema:property)",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"},
          {"name": "prefix", "in": "query", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "Suggestions", "content": {"application/json": {"schema": {"type": "object", "required": ["prefix", "result"], "properties": {"result": {"type": "array", "items": {"type": "object", "required": ["id", "name"]}}}}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/reconcile/{dataset}/extend/property": {
      "get": {
        "summary": "OpenRefine data extension: properties of a type",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"},
          {"name": "type", "in": "query", "schema": {"type": "string", "default": "LegalEntity"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 0}}
        ],
        "responses": {
          "200": {"description": "Properties", "content": {"application/json": {"schema": {"type": "object", "required": ["limit", "type", "properties"], "properties": {"properties": {"type": "array", "items": {"type": "object", "required": ["id", "name"]}}}}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    },
    "/reconcile/{dataset}/preview": {
      "get": {
        "summary": "OpenRefine preview: an HTML card of one record",
        "parameters": [
          {"name": "dataset", "in": "path", "required": true, "schema": {"type": "string"}, "example": "default"},
          {"name": "id", "in": "query", "required": true, "schema": {"type": "string"}, "example": "us-ofac-sdn:24586"}
        ],
        "responses": {
          "200": {"description": "HTML", "content": {"text/html": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
          "503": {"$ref": "#/components/responses/Unavailable"}
        }
      }
    }
  }
})json";

// The case-work endpoints (case_api.h), merged into kDocument's paths and components. The
// examples are what openapi_test's store answers 200 to, sent once each in path order.
constexpr const char* kCaseWork = R"json({
  "paths": {
    "/v1/me": {
      "get": {"summary": "The key's user, role and permissions", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "responses": {"200": {"description": "The user", "content": {"application/json": {"schema": {"type": "object", "required": ["user", "role", "permissions", "four_eyes"], "properties": {"user": {"type": "string"}, "role": {"type": "string"}, "permissions": {"type": "array", "items": {"type": "string", "enum": ["work", "decide", "decide_escalated", "approve", "reopen", "rules", "users", "settings"]}}, "four_eyes": {"type": "boolean"}}}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
    },
    "/v1/alerts": {
      "get": {"summary": "Alerts, filtered, sorted and paged, with counts per status", "description": "The alerts are read from the store and filtered in the server: a request costs time in proportion to the alerts the customer, entity, assignee and min_score filters leave. Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "status", "in": "query", "schema": {"type": "string", "enum": ["open", "in_review", "escalated", "confirmed", "false_positive", "delisted"]}, "description": "Any of these statuses: repeat the parameter for several", "example": "open"}, {"name": "customer", "in": "query", "schema": {"type": "string"}, "description": "Customer id"}, {"name": "entity", "in": "query", "schema": {"type": "string"}, "description": "List record id"}, {"name": "assignee", "in": "query", "schema": {"type": "string"}, "description": "Assigned user"}, {"name": "source", "in": "query", "schema": {"type": "string"}, "description": "Source of the record (us-ofac-sdn or us_ofac_sdn)"}, {"name": "program", "in": "query", "schema": {"type": "string"}, "description": "A programme of the record (SDGT, ...)"}, {"name": "min_score", "in": "query", "schema": {"type": "number"}, "description": "Score at least"}, {"name": "max_score", "in": "query", "schema": {"type": "number"}, "description": "Score at most"}, {"name": "created_after", "in": "query", "schema": {"type": "string"}, "description": "Raised after (ISO 8601 date or UTC time)"}, {"name": "created_before", "in": "query", "schema": {"type": "string"}, "description": "Raised before"}, {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["id", "score", "-score", "created", "-created", "updated", "-updated"], "default": "id"}, "description": "Order; '-' for descending (ties by id)", "example": "-score"}, {"name": "after_id", "in": "query", "schema": {"type": "integer"}, "description": "Paging in id order (sort=id): alerts with a larger id"}, {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 100, "minimum": 1, "maximum": 1000}, "description": "At most this many"}], "responses": {"200": {"description": "Alerts", "content": {"application/json": {"schema": {"type": "object", "required": ["alerts", "total", "counts"], "properties": {"alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}}, "total": {"type": "integer", "description": "Every alert the filters select (limit and after_id aside)"}, "counts": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "Alerts per status under the filters other than status"}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
    },
    "/v1/alerts/{id}": {
      "get": {"summary": "One alert with its history, customer, list record and related alerts", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Alert id", "example": "1"}], "responses": {"200": {"description": "The alert", "content": {"application/json": {"schema": {"type": "object", "required": ["alert", "history", "customer", "entity", "entity_version", "related"], "properties": {"alert": {"$ref": "#/components/schemas/Alert"}, "history": {"type": "array", "items": {"$ref": "#/components/schemas/AlertEvent"}}, "customer": {"type": "object", "allOf": [{"$ref": "#/components/schemas/Customer"}], "nullable": true}, "entity": {"type": "object", "allOf": [{"$ref": "#/components/schemas/Entity"}], "nullable": true, "description": "As GET /v1/entities/{id}; from the list version that raised the alert when no longer served; null when unavailable"}, "entity_version": {"type": "object", "nullable": true, "properties": {"source": {"type": "string"}, "version": {"type": "integer"}, "imported_at": {"type": "string"}}}, "related": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}}}}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
    },
    "/v1/alerts/{id}/move": {
      "post": {"summary": "Move an alert between open, in_review and escalated", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Alert id", "example": "4"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["to"], "properties": {"to": {"type": "string", "enum": ["in_review", "open", "escalated"]}, "reason": {"type": "string"}, "rev": {"type": "integer", "minimum": 0, "description": "The alert's rev as read; 0 or absent: no check. A stale rev is refused with 409 (someone changed the alert since)."}}}, "example": {"to": "in_review", "reason": "Looking into it"}}}}, "responses": {"200": {"description": "The alert as changed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Alert"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
    },
    "/v1/alerts/{id}/assign": {
      "post": {"summary": "Assign an alert (empty assignee: unassign)", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Alert id", "example": "1"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["assignee"], "properties": {"assignee": {"type": "string"}, "rev": {"type": "integer", "minimum": 0, "description": "The alert's rev as read; 0 or absent: no check. A stale rev is refused with 409 (someone changed the alert since)."}}}, "example": {"assignee": "openapi-test"}}}}, "responses": {"200": {"description": "The alert as changed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Alert"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
    },
    "/v1/alerts/{id}/decide": {
      "post": {"summary": "Decide an alert: confirmed or false_positive", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Alert id", "example": "2"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["decision", "reason"], "properties": {"decision": {"type": "string", "enum": ["confirmed", "false_positive"]}, "reason": {"type": "string"}, "rev": {"type": "integer", "minimum": 0, "description": "The alert's rev as read; 0 or absent: no check. A stale rev is refused with 409 (someone changed the alert since)."}}}, "example": {"decision": "confirmed", "reason": "Same person: the passport number matches."}}}}, "responses": {"200": {"description": "The alert as changed (a false positive under four-eyes stays in_review with pending set)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Alert"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
    },
    "/v1/alerts/{id}/review": {
      "post": {"summary": "Four-eyes: approve or reject a colleague's pending false positive", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Alert id", "example": "3"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["approve"], "properties": {"approve": {"type": "boolean"}, "reason": {"type": "string"}, "rev": {"type": "integer", "minimum": 0, "description": "The alert's rev as read; 0 or absent: no check. A stale rev is refused with 409 (someone changed the alert since)."}}}, "example": {"approve": true, "reason": "Agreed: another date of birth."}}}}, "responses": {"200": {"description": "The alert as changed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Alert"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}}
    },
    "/v1/rules": {
      "get": {"summary": "Good-guy rules", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "active", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}, "description": "true: rules in force; false: the others; absent: all", "example": "true"}], "responses": {"200": {"description": "Rules", "content": {"application/json": {"schema": {"type": "object", "required": ["rules"], "properties": {"rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}},
      "post": {"summary": "Make a good-guy rule from an alert or for a customer-record pair (supervisor, admin)", "description": "Give `alert`, or `customer` and `entity`. Closes the pair's open alert as false_positive. Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "properties": {"alert": {"type": "integer"}, "customer": {"type": "string"}, "entity": {"type": "string"}, "reason": {"type": "string"}, "expires_at": {"type": "string", "description": "ISO 8601 date or UTC time in the future; absent: never"}}}, "example": {"alert": 5, "reason": "Known customer: another person (born 1987).", "expires_at": "2099-12-31"}}}}, "responses": {"200": {"description": "The rule", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rule"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
    },
    "/v1/rules/{id}/revoke": {
      "post": {"summary": "Revoke a rule (supervisor, admin)", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Rule id", "example": "1"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}, "example": {"reason": "New evidence."}}}}, "responses": {"200": {"description": "The rule as revoked", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Rule"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
    },
    "/v1/customers": {
      "get": {"summary": "Customers in the book", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Substring of the id or name", "example": "C-"}, {"name": "after", "in": "query", "schema": {"type": "string"}, "description": "Paging: ids after this one"}, {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 100, "minimum": 1, "maximum": 1000}, "description": "At most this many"}], "responses": {"200": {"description": "Customers", "content": {"application/json": {"schema": {"type": "object", "required": ["customers", "total"], "properties": {"customers": {"type": "array", "items": {"$ref": "#/components/schemas/Customer"}}, "total": {"type": "integer"}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
    },
    "/v1/customers/{id}": {
      "get": {"summary": "One customer and its alerts", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Customer id", "example": "C-1"}], "responses": {"200": {"description": "The customer", "content": {"application/json": {"schema": {"allOf": [{"$ref": "#/components/schemas/Customer"}, {"type": "object", "required": ["alerts"], "properties": {"alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}}}}]}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
    },
    "/v1/audit": {
      "get": {"summary": "Audit-chain events, oldest first", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "kind", "in": "query", "schema": {"type": "string"}, "description": "Kind prefix: alert selects alert.decision, alert.transition, ...", "example": "alert"}, {"name": "who", "in": "query", "schema": {"type": "string"}, "description": "Acting user"}, {"name": "subject", "in": "query", "schema": {"type": "string"}, "description": "Subject (alert:12, customer:C-1, ...)"}, {"name": "since", "in": "query", "schema": {"type": "string"}, "description": "At or after (ISO 8601)"}, {"name": "until", "in": "query", "schema": {"type": "string"}, "description": "Before (ISO 8601)"}, {"name": "after_id", "in": "query", "schema": {"type": "integer"}, "description": "Paging: events with a larger seq"}, {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 100, "minimum": 1, "maximum": 1000}, "description": "At most this many"}], "responses": {"200": {"description": "Events", "content": {"application/json": {"schema": {"type": "object", "required": ["events"], "properties": {"events": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEvent"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
    },
    "/v1/audit/verify": {
      "get": {"summary": "Verify the audit chain's hashes and links", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "responses": {"200": {"description": "The verdict", "content": {"application/json": {"schema": {"type": "object", "required": ["ok", "events", "first_bad", "message"], "properties": {"ok": {"type": "boolean"}, "events": {"type": "integer"}, "first_bad": {"type": "integer", "nullable": true}, "message": {"type": "string"}}}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
    },
    "/v1/monitor/runs": {
      "get": {"summary": "Monitoring runs, newest first (their monitor.run audit events)", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "default": 20, "minimum": 1, "maximum": 1000}, "description": "At most this many"}], "responses": {"200": {"description": "Runs", "content": {"application/json": {"schema": {"type": "object", "required": ["runs"], "properties": {"runs": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEvent"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
    },
    "/v1/monitor/run": {
      "post": {"summary": "Run monitoring now (supervisor, admin)", "description": "Waits for a run the server has in progress, then runs on the request's thread. Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "responses": {"200": {"description": "The run's report (run 0: nothing to do)", "content": {"application/json": {"schema": {"type": "object", "required": ["run", "full", "resumed", "list_versions", "book_rev", "raised"], "properties": {"run": {"type": "integer"}, "full": {"type": "boolean"}, "resumed": {"type": "boolean"}, "list_versions": {"type": "array", "items": {"type": "object"}}, "book_rev": {"type": "integer"}, "records_screened": {"type": "integer"}, "customers_screened": {"type": "integer"}, "hits": {"type": "integer"}, "raised": {"type": "integer"}, "reopened": {"type": "integer"}, "rescored": {"type": "integer"}, "unchanged": {"type": "integer"}, "suppressed": {"type": "integer"}, "delisted": {"type": "integer"}, "no_longer_matches": {"type": "integer"}, "customers_deleted": {"type": "integer"}}}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "409": {"$ref": "#/components/responses/Conflict"}}}
    },
    "/v1/users": {
      "get": {"summary": "Users and their roles", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "responses": {"200": {"description": "Users", "content": {"application/json": {"schema": {"type": "object", "required": ["users"], "properties": {"users": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}}}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}}
    },
    "/v1/sources/{source}/diff": {
      "get": {"summary": "Records added, removed and changed between two versions of a source", "description": "Case work: the API key's id is the user (app_user); that user's role applies and every write is recorded under that name in the alert's history and the audit chain.", "parameters": [{"name": "source", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Source name", "example": "test-list"}, {"name": "from", "in": "query", "schema": {"type": "integer"}, "description": "Version (default: the one before `to`)"}, {"name": "to", "in": "query", "schema": {"type": "integer"}, "description": "Version (default: the newest)"}], "responses": {"200": {"description": "The difference", "content": {"application/json": {"schema": {"type": "object", "required": ["source", "from", "to", "added", "removed", "changed"], "properties": {"source": {"type": "string"}, "from": {"type": "integer"}, "to": {"type": "integer"}, "added": {"type": "array", "items": {"$ref": "#/components/schemas/DiffRecord"}}, "removed": {"type": "array", "items": {"$ref": "#/components/schemas/DiffRecord"}}, "changed": {"type": "array", "items": {"$ref": "#/components/schemas/DiffRecord"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}
    }
  },
  "components": {
    "schemas": {
      "Alert": {"type": "object", "required": ["id", "customer", "entity", "source", "list_version", "score", "status", "assignee", "rev", "pending", "explanation", "customer_fp", "entity_fp", "created_at", "updated_at", "customer_name", "entity_name", "entity_schema", "programs"], "properties": {"id": {"type": "integer"}, "customer": {"type": "string"}, "entity": {"type": "string"}, "source": {"type": "string"}, "list_version": {"type": "integer"}, "score": {"type": "number"}, "status": {"type": "string", "enum": ["open", "in_review", "escalated", "confirmed", "false_positive", "delisted"]}, "assignee": {"type": "string"}, "rev": {"type": "integer"}, "pending": {"type": "object", "nullable": true, "description": "A false-positive decision awaiting four-eyes approval: {decision, by, at, reason}"}, "explanation": {"type": "object"}, "customer_fp": {"type": "string"}, "entity_fp": {"type": "string"}, "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "customer_name": {"type": "string", "nullable": true, "description": "The customer's name in the book"}, "entity_name": {"type": "string", "nullable": true, "description": "The record's caption: from the lists in service, else from the list version that raised the alert"}, "entity_schema": {"type": "string", "nullable": true}, "programs": {"type": "array", "items": {"type": "string"}}}},
      "AlertEvent": {"type": "object", "required": ["id", "at", "who", "kind", "reason", "detail"], "properties": {"id": {"type": "integer"}, "at": {"type": "string"}, "who": {"type": "string"}, "kind": {"type": "string"}, "reason": {"type": "string"}, "detail": {"type": "object"}, "from_status": {"type": "string"}, "to_status": {"type": "string"}, "list_version": {"type": "integer"}, "score": {"type": "number"}}},
      "Rule": {"type": "object", "required": ["id", "customer", "entity", "reason", "created_by", "created_at", "expires_at", "revoked_at"], "properties": {"id": {"type": "integer"}, "customer": {"type": "string"}, "entity": {"type": "string"}, "customer_fp": {"type": "string"}, "entity_fp": {"type": "string"}, "based_on": {"type": "object"}, "reason": {"type": "string"}, "created_by": {"type": "string"}, "created_at": {"type": "string"}, "expires_at": {"type": "string", "nullable": true}, "revoked_at": {"type": "string", "nullable": true}, "revoked_by": {"type": "string", "nullable": true}, "revoke_reason": {"type": "string", "nullable": true}, "lapsed_at": {"type": "string", "nullable": true}, "lapse_reason": {"type": "string", "nullable": true}}},
      "Customer": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}}, "dob": {"type": "array", "items": {"type": "string"}}, "countries": {"type": "array", "items": {"type": "string"}}, "identifiers": {"type": "array", "items": {"type": "object"}}, "attributes": {"type": "object"}}},
      "User": {"type": "object", "required": ["name", "role", "created_at", "created_by", "disabled_at"], "properties": {"name": {"type": "string"}, "role": {"type": "string", "enum": ["analyst", "supervisor", "admin"]}, "created_at": {"type": "string"}, "created_by": {"type": "string"}, "disabled_at": {"type": "string", "nullable": true}}},
      "AuditEvent": {"type": "object", "required": ["seq", "at", "who", "kind", "subject", "detail", "list_versions", "settings", "engine_version", "prev_hash", "hash"], "properties": {"seq": {"type": "integer"}, "at": {"type": "string"}, "who": {"type": "string"}, "kind": {"type": "string"}, "subject": {"type": "string"}, "detail": {}, "list_versions": {}, "settings": {}, "engine_version": {"type": "string"}, "prev_hash": {"type": "string"}, "hash": {"type": "string"}}},
      "DiffRecord": {"type": "object", "required": ["id", "caption"], "properties": {"id": {"type": "string"}, "caption": {"type": "string"}, "fields": {"type": "array", "items": {"type": "string"}}}}
    },
    "responses": {
      "Forbidden": {"description": "Case work: the server runs without API keys, the key's id is not an enabled user (`interdict users add ID --role analyst`), or the user's role lacks the permission (the message names who may)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Conflict": {"description": "The alert changed since it was read (stale rev), or another monitoring run holds the store", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    }
  }
})json";

constexpr const char* kResponses = "#/components/responses/";

// Errors any operation can get, whatever it does: a malformed request (400), a method its path
// does not have (405), a body or header over the limits (413, 431), an internal error (500).
constexpr std::pair<const char*, const char*> kCommonErrors[] = {{"400", "BadRequest"},
                                                                 {"405", "MethodNotAllowed"},
                                                                 {"413", "PayloadTooLarge"},
                                                                 {"431", "HeaderTooLarge"},
                                                                 {"500", "Internal"}};

struct DialectNames {
  ErrorDialect dialect;
  const char* prefix;  // of its responses' names: "" (Interdict's), "Yente", "Watchman"
  const char* schema;  // its error schema
};
constexpr DialectNames kDialects[] = {{ErrorDialect::kInterdict, "", "Error"},
                                      {ErrorDialect::kYente, "Yente", "YenteError"},
                                      {ErrorDialect::kWatchman, "Watchman", "WatchmanError"}};

const DialectNames& NamesOf(ErrorDialect d) {
  for (const DialectNames& n : kDialects)
    if (n.dialect == d) return n;
  return kDialects[0];
}

// Adds each dialect's copy of the error responses (same description, the dialect's schema), the
// common errors to every operation, and points each operation's error responses to its path's
// dialect.
void DeriveDialectErrors(nlohmann::json* doc) {
  nlohmann::json& responses = (*doc)["components"]["responses"];
  const nlohmann::json generic = responses;
  for (const DialectNames& n : kDialects) {
    if (*n.prefix == '\0') continue;
    for (const auto& [name, r] : generic.items()) {
      nlohmann::json copy = r;
      copy["content"]["application/json"]["schema"]["$ref"] =
          std::string("#/components/schemas/") + n.schema;
      responses[n.prefix + name] = std::move(copy);
    }
  }
  for (auto& [path, item] : (*doc)["paths"].items()) {
    const std::string prefix = NamesOf(ErrorDialectOf(path)).prefix;
    for (auto& [method, op] : item.items()) {
      nlohmann::json& answers = op["responses"];
      for (const auto& [status, name] : kCommonErrors)
        if (!answers.contains(status)) answers[status] = {{"$ref", kResponses + std::string(name)}};
      for (auto& [status, answer] : answers.items()) {
        if (!answer.contains("$ref")) continue;
        std::string ref = answer["$ref"];
        if (ref.rfind(kResponses, 0) == 0)
          answer["$ref"] = kResponses + prefix + ref.substr(std::string_view(kResponses).size());
      }
    }
  }
}

}  // namespace

const std::string& OpenApiJson() {
  // Served compact; the text above stays readable. (openapi_test parses the result, so a
  // malformed edit fails the tests rather than reaching clients.)
  static const std::string* doc = [] {
    nlohmann::json j = nlohmann::json::parse(kDocument, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return new std::string(kDocument);
    const nlohmann::json cases = nlohmann::json::parse(kCaseWork, nullptr, false);
    if (cases.is_discarded()) return new std::string(kCaseWork);
    j["paths"].update(cases["paths"]);
    j["components"]["schemas"].update(cases["components"]["schemas"]);
    j["components"]["responses"].update(cases["components"]["responses"]);
    DeriveDialectErrors(&j);
    return new std::string(j.dump());
  }();
  return *doc;
}

}  // namespace interdict::server
