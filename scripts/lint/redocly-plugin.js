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

export default function adminKeysLintPlugin() {
  return {
    id: "admin-keys",
    rules: {
      oas3: {
        "addressed-operation-has-404": addressedOperationHas404,
      },
    },
  };
}
