// The OpenAPI 3 document of the server. tests/server/openapi_test.cc sends every documented
// operation its documented example and checks the answer against the documented response, so
// this text cannot drift from what the server does unnoticed.
#include <nlohmann/json.hpp>

#include "server/api.h"

namespace interdict::server {

namespace {

constexpr const char* kDocument = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "Interdict screening API",
    "version": "1",
    "description": "Sanctions and watch-list screening. Own API under /v1; yente-compatible /match, /search and /entities; Watchman-compatible /v2/search. Errors always have the shape {\"error\": {\"code\", \"message\"}}. When the server runs with API keys, every endpoint but /healthz, /readyz and /openapi.json needs one (Authorization: Bearer <key>, or X-API-Key)."
  },
  "components": {
    "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer"},
      "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    },
    "responses": {
      "BadRequest": {"description": "Malformed or invalid request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "Missing or invalid API key", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such record, source or dataset", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
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
              "code": {"type": "string", "description": "bad_request, invalid_json, invalid_request, batch_too_large, response_too_large, unauthorized, not_found, method_not_allowed, payload_too_large, header_too_large, not_ready, overloaded, deadline_exceeded, audit_unavailable, internal"},
              "message": {"type": "string"}
            }
          }
        }
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
        "properties": {"id": {"type": "string"}, "caption": {"type": "string"}, "schema": {"type": "string", "enum": ["Person", "Organization", "LegalEntity", "Vessel", "Airplane"]}, "properties": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}, "datasets": {"type": "array", "items": {"type": "string"}}, "referents": {"type": "array", "items": {"type": "string"}}, "target": {"type": "boolean"}, "first_seen": {"nullable": true}, "last_seen": {"nullable": true}, "last_change": {"nullable": true}}
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
        "required": ["query", "entities"],
        "properties": {
          "query": {"type": "object"},
          "entities": {"type": "array", "items": {"type": "object", "required": ["name", "entityType", "sourceList", "sourceID", "match"], "properties": {"name": {"type": "string"}, "entityType": {"type": "string"}, "sourceList": {"type": "string"}, "sourceID": {"type": "string"}, "match": {"type": "number"}}}},
          "warnings": {"type": "array", "items": {"type": "string"}}
        }
      },
      "Health": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
      "Ready": {"type": "object", "required": ["status", "lists"], "properties": {"status": {"type": "string", "enum": ["ok"]}, "lists": {"type": "array", "items": {"type": "object"}}}}
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
        "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object", "required": ["openapi", "info", "paths"]}}}}}
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
          "401": {"$ref": "#/components/responses/Unauthorized"}
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
          "404": {"$ref": "#/components/responses/NotFound"}
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
        "summary": "Watchman-compatible search",
        "description": "Unknown parameters are refused (400), as Watchman does. type is a filter. Written to the audit log.",
        "parameters": [
          {"name": "name", "in": "query", "required": true, "schema": {"type": "string"}, "example": "Evin Prison"},
          {"name": "type", "in": "query", "schema": {"type": "string", "enum": ["person", "business", "organization", "aircraft", "vessel"]}},
          {"name": "source", "in": "query", "schema": {"type": "string"}},
          {"name": "sourceID", "in": "query", "schema": {"type": "string"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10, "maximum": 100}},
          {"name": "minMatch", "in": "query", "schema": {"type": "number", "default": 0}},
          {"name": "birthDate", "in": "query", "schema": {"type": "string"}},
          {"name": "altNames", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
          {"name": "imoNumber", "in": "query", "schema": {"type": "string"}},
          {"name": "cryptoAddress", "in": "query", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "Results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WatchmanSearchResponse"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"},
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

}  // namespace

const std::string& OpenApiJson() {
  // Served compact; the text above stays readable. (openapi_test parses the result, so a
  // malformed edit fails the tests rather than reaching clients.)
  static const std::string* doc = [] {
    nlohmann::json j = nlohmann::json::parse(kDocument, nullptr, /*allow_exceptions=*/false);
    return new std::string(j.is_discarded() ? kDocument : j.dump());
  }();
  return *doc;
}

}  // namespace interdict::server
