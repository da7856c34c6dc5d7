import PostSearch

/// The OpenAPI 3.1 description of every endpoint, served at `/openapi.json`. A test checks real
/// responses against these schemas, so keep them in step with `SearchResponse` and `Post`. The
/// facet names come from the schema table, and the index's custom fields add a filter parameter
/// and a facet each.
enum OpenAPIDocument {
    /// `["category", "author", …, "series"]` as a JSON array.
    private static func facetNames(_ custom: [String]) -> String {
        "[" + (Schema.facetNames + custom).map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    /// One filter parameter per custom field of the index.
    private static func customParameters(_ custom: [String]) -> String {
        custom.map { name in
            #",\#n          {"name": "\#(name)", "in": "query", "allowEmptyValue": true, "description": "Filter on the index's custom field \#(name); repeat for any of several.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true}"#
        }.joined()
    }

    /// `/search`'s query parameters: `/search.atom` takes the same (one decoder for both).
    private static func searchParameters(_ custom: [String]) -> String {
        #"""
          {"name": "q", "in": "query", "allowEmptyValue": true, "description": "Query in postsearch's query syntax.", "schema": {"type": "string", "maxLength": 1000}},
          {"name": "category", "in": "query", "allowEmptyValue": true, "description": "Filter; repeat for any of several.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          {"name": "author", "in": "query", "allowEmptyValue": true, "description": "Filter; repeat for any of several.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          {"name": "tag", "in": "query", "allowEmptyValue": true, "description": "Filter; repeat for any of several.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          {"name": "from", "in": "query", "allowEmptyValue": true, "description": "Inclusive start: YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601 timestamp.", "schema": {"type": "string"}},
          {"name": "to", "in": "query", "allowEmptyValue": true, "description": "Inclusive end, same forms as from.", "schema": {"type": "string"}},
          {"name": "sort", "in": "query", "allowEmptyValue": true, "schema": {"type": "string", "enum": ["relevance", "newest", "oldest"], "default": "relevance"}},
          {"name": "limit", "in": "query", "allowEmptyValue": true, "schema": {"type": "integer", "minimum": 0, "maximum": 100, "default": 10}},
          {"name": "offset", "in": "query", "allowEmptyValue": true, "schema": {"type": "integer", "minimum": 0, "maximum": 100000, "default": 0}},
          {"name": "facets", "in": "query", "allowEmptyValue": true, "description": "Facets to count, comma-separated.", "style": "form", "explode": false, "schema": {"type": "array", "items": {"type": "string", "enum": \#(facetNames(custom))}}},
          {"name": "facet_limit", "in": "query", "allowEmptyValue": true, "description": "Values per facet, 0 for all.", "schema": {"type": "integer", "minimum": 0, "default": 10}},
          {"name": "suggest", "in": "query", "allowEmptyValue": true, "description": "Suggest a spelling correction.", "schema": {"type": "boolean", "default": true}},
          {"name": "prefix", "in": "query", "allowEmptyValue": true, "description": "Search as you type: the last word of q (unless followed by a space) also finds the words it begins.", "schema": {"type": "boolean", "default": false}},
          {"name": "autocorrect", "in": "query", "allowEmptyValue": true, "description": "When a word is in no post, search the corrected query instead (corrected_query says so).", "schema": {"type": "boolean", "default": true}},
          {"name": "boost", "in": "query", "allowEmptyValue": true, "description": "recent, or recent:HALF_LIFE (90d, 6m, 1y): newer posts weigh more.", "schema": {"type": "string", "pattern": "^recent(:[1-9][0-9]{0,4}[dwmy]?)?$"}},
          {"name": "proximity", "in": "query", "allowEmptyValue": true, "description": "Posts where the query's words stand together weigh more.", "schema": {"type": "boolean", "default": false}},
          {"name": "language", "in": "query", "allowEmptyValue": true, "description": "Only posts in these languages (codes such as en, fr, ja, or names such as french; comma-separated or repeated), the query's words stemmed in them alone. Default: every language the index holds.", "schema": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$"}}, "style": "form", "explode": true},
          {"name": "lang", "in": "query", "allowEmptyValue": true, "description": "The same as language.", "schema": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$"}}, "style": "form", "explode": true}\#(customParameters(custom))
"""#
    }

    /// The document, for an index whose custom fields are `custom`.
    static func json(customFields custom: [String] = []) -> String {
        #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "postsearch",
    "version": "0.1.0",
    "description": "Read-only full-text search over an archive of posts, on Xapian.",
    "license": {"name": "GPL-2.0-or-later", "identifier": "GPL-2.0-or-later"}
  },
  "paths": {
    "/search": {
      "get": {
        "summary": "Search posts",
        "description": "The same parameters and JSON as `postsearch search --json`. An empty q lists every post, newest first. An unknown parameter is a 400 (bad_parameter) naming it and listing the known ones; an empty value (category=) is the same as none.",
        "parameters": [
\#(searchParameters(custom))
        ],
        "responses": {
          "200": {"description": "Results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "405": {"$ref": "#/components/responses/Error"},
          "414": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/search.atom": {
      "get": {
        "summary": "A search as an Atom feed",
        "description": "Any search as an Atom 1.0 feed: the same parameters as /search (an unknown one is a 400), newest first unless sort is given. Each hit is an entry (id and link: the post's url, else the search page's view of it; title; updated and published: the post's date; authors; categories and tags; summary: the snippet as HTML). Errors are JSON.",
        "parameters": [
\#(searchParameters(custom))
        ],
        "responses": {
          "200": {"description": "The feed", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "405": {"$ref": "#/components/responses/Error"},
          "414": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/opensearch.xml": {
      "get": {
        "summary": "OpenSearch description",
        "description": "OpenSearch 1.1: lets browsers add the site's search. Its URL templates point at the search page (text/html), /search (application/json) and /search.atom (application/atom+xml).",
        "responses": {
          "200": {"description": "The description", "content": {"application/opensearchdescription+xml": {"schema": {"type": "string"}}}},
          "405": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/posts/{id}": {
      "get": {
        "summary": "One post with its full body",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "description": "The post id, percent-encoded as one path segment (/ as %2F).", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "The post", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Post"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "405": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/posts/{id}/related": {
      "get": {
        "summary": "Posts like this one",
        "description": "Relevance feedback from the post's own terms; the post itself is left out. Takes /search's filter, sort, paging and facet parameters (q is ignored) and answers the same shape.",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "description": "The post id, percent-encoded as one path segment (/ as %2F).", "schema": {"type": "string"}},
          {"name": "category", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          {"name": "author", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          {"name": "tag", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
          {"name": "from", "in": "query", "schema": {"type": "string"}},
          {"name": "to", "in": "query", "schema": {"type": "string"}},
          {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "newest", "oldest"], "default": "relevance"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 100, "default": 10}},
          {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 100000, "default": 0}},
          {"name": "facets", "in": "query", "style": "form", "explode": false, "schema": {"type": "array", "items": {"type": "string", "enum": \#(facetNames(custom))}}},
          {"name": "facet_limit", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 10}}
        ],
        "responses": {
          "200": {"description": "Related posts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "405": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/health": {
      "get": {
        "summary": "Liveness and index state",
        "responses": {
          "200": {"description": "Healthy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
          "405": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This description",
        "responses": {
          "200": {"description": "OpenAPI 3.1 document", "content": {"application/json": {"schema": {"type": "object"}}}},
          "405": {"$ref": "#/components/responses/Error"}
        }
      }
    }
  },
  "components": {
    "responses": {
      "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "SearchResponse": {
        "type": "object",
        "required": ["query", "total", "offset", "limit", "hits", "facets", "suggestion", "corrected_query", "partial"],
        "additionalProperties": false,
        "properties": {
          "query": {"type": "string"},
          "total": {"type": "integer", "minimum": 0, "description": "Exact when facets are asked for, else Xapian's estimate."},
          "offset": {"type": "integer", "minimum": 0},
          "limit": {"type": "integer", "minimum": 0},
          "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
          "facets": {
            "type": "object",
            "propertyNames": {"enum": \#(facetNames(custom))},
            "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}
          },
          "suggestion": {"type": ["string", "null"], "description": "Did you mean: the query with words no post holds corrected."},
          "corrected_query": {"type": ["string", "null"], "description": "When set, the hits are for this corrected query, not for query (autocorrect)."},
          "partial": {"type": "boolean", "description": "True when some shards could not be reached and were left out (only when the server allows partial results)."}
        }
      },
      "Hit": {
        "type": "object",
        "required": ["id", "title", "date", "authors", "categories", "tags", "url", "language", "fields", "title_html", "score", "snippet"],
        "additionalProperties": false,
        "properties": {
          "id": {"type": "string"},
          "title": {"type": "string"},
          "date": {"type": ["string", "null"], "description": "YYYY-MM-DD, or a full ISO 8601 timestamp when the source had a time."},
          "authors": {"type": "array", "items": {"type": "string"}},
          "categories": {"type": "array", "items": {"type": "string"}},
          "tags": {"type": "array", "items": {"type": "string"}},
          "url": {"type": ["string", "null"]},
          "language": {"type": ["string", "null"]},
          "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}, "description": "Custom fields (site taxonomies, --field front-matter keys)."},
          "title_html": {"type": "string", "description": "The title HTML-escaped, matches wrapped in <mark>…</mark>."},
          "score": {"type": "number"},
          "snippet": {"type": "string", "description": "HTML-escaped; matches wrapped in <mark>…</mark>."}
        }
      },
      "FacetValue": {
        "type": "object",
        "required": ["value", "count", "selected"],
        "additionalProperties": false,
        "properties": {
          "value": {"type": "string"},
          "count": {"type": "integer", "minimum": 0},
          "selected": {"type": "boolean", "description": "Whether the request's filters select this value."}
        }
      },
      "Post": {
        "type": "object",
        "required": ["id", "title", "date", "authors", "categories", "tags", "url", "language", "excerpt", "image", "fields", "blocks", "body"],
        "additionalProperties": false,
        "properties": {
          "id": {"type": "string"},
          "title": {"type": "string"},
          "date": {"type": ["string", "null"]},
          "authors": {"type": "array", "items": {"type": "string"}},
          "categories": {"type": "array", "items": {"type": "string"}},
          "tags": {"type": "array", "items": {"type": "string"}},
          "url": {"type": ["string", "null"]},
          "language": {"type": ["string", "null"]},
          "excerpt": {"type": ["string", "null"]},
          "image": {"type": ["string", "null"], "description": "The featured image's URL."},
          "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}, "description": "Custom fields (site taxonomies, --field front-matter keys)."},
          "blocks": {
            "type": "array",
            "description": "The body's headings, paragraphs, list items, code and quotes: [kind, start, end], offsets in UTF-16 code units into body.",
            "items": {"type": "array", "minItems": 3, "maxItems": 3, "items": {"type": ["string", "integer"]},
                      "description": "kind (h1 … h6, p, li, pre, blockquote), start, end"}
          },
          "body": {"type": "string"}
        }
      },
      "Health": {
        "type": "object",
        "required": ["status", "posts", "revision", "last_updated"],
        "additionalProperties": false,
        "properties": {
          "status": {"type": "string", "enum": ["ok"]},
          "posts": {"type": "integer", "minimum": 0},
          "revision": {"type": "integer", "minimum": 0},
          "last_updated": {"type": ["string", "null"]}
        }
      },
      "Error": {
        "type": "object",
        "required": ["error"],
        "additionalProperties": false,
        "properties": {
          "error": {
            "type": "object",
            "required": ["code", "message"],
            "additionalProperties": false,
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}
          }
        }
      }
    }
  }
}
"""#
    }
}
