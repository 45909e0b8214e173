// Lint rules that Redocly's configurable rules cannot express. Loaded by redocly.yaml.

/** JSON-pointer segment → path key ("~1" is "/", "~0" is "~"). */
const unescapePointer = (segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~");

/** An operation whose path addresses one resource (it has a path parameter) must document 404. */
function addressedOperationHas404() {
  return {
    PathItem: {
      Operation(operation, ctx) {
        // The pointer is #/paths/<escaped path>/<method>.
        const path = unescapePointer(ctx.location.pointer.split("/")[2] ?? "");
        if (/\{[^}]+\}/.test(path) && !("404" in (operation.responses ?? {}))) {
          ctx.report({
            message: `${String(ctx.key).toUpperCase()} ${path} addresses one resource by a path parameter but documents no 404 response.`,
            location: ctx.location.child("responses").key(),
          });
        }
      },
    },
  };
}

/**
 * `examples: {}` passes rule/json-response-has-examples (the key is there) but holds no example;
 * a configurable rule cannot count the entries of a map, so this one does.
 */
function examplesNotEmpty() {
  return {
    MediaType(mediaType, ctx) {
      const { examples } = mediaType;
      if (examples !== null && typeof examples === "object" && !Array.isArray(examples) && Object.keys(examples).length === 0) {
        ctx.report({
          message: "`examples` is empty: give the body at least one named example, or one `example`.",
          location: ctx.location.child("examples").key(),
        });
      }
    },
  };
}

const isNullSchema = (node) => node !== null && typeof node === "object" && node.type === "null" && Object.keys(node).length === 1;

/**
 * A nullable field of one plain type is written `type: [T, "null"]`, as OpenAPI 3.1 allows. Redoc
 * renders an `anyOf: [T, null]` as "Any of: T, null" and then T again; a type array reads
 * "T or null". An anyOf whose other branch is a `$ref` or has a union of its own stays as it is:
 * a type array cannot say that.
 */
function nullableAsTypeArray() {
  return {
    Schema(schema, ctx) {
      for (const keyword of ["anyOf", "oneOf"]) {
        const branches = schema[keyword];
        if (!Array.isArray(branches) || branches.length !== 2) continue;
        const other = branches.find((branch) => !isNullSchema(branch));
        if (!branches.some(isNullSchema) || other === undefined || other === null || typeof other !== "object") continue;
        if ("$ref" in other || typeof other.type !== "string" || ["anyOf", "oneOf", "allOf"].some((key) => key in other)) continue;
        ctx.report({
          message: `Write this nullable ${other.type} as \`type: [${other.type}, "null"]\` (with the branch's other keywords beside it) instead of \`${keyword}\`.`,
          location: ctx.location.child(keyword).key(),
        });
      }
    },
  };
}

export default function adminKeysLintPlugin() {
  return {
    id: "admin-keys",
    rules: {
      oas3: {
        "addressed-operation-has-404": addressedOperationHas404,
        "examples-not-empty": examplesNotEmpty,
        "nullable-as-type-array": nullableAsTypeArray,
      },
    },
  };
}
