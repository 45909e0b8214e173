// The options of the openapi-fetch client behind `adminApiKeys`, chosen to keep per-request work
// small (bench/profile.ts shows where it goes; `client.raw` keeps openapi-fetch's defaults):
//
// - One Request per call. openapi-fetch builds a `Request` and hands it to fetch, which builds a
//   second one from it; on loopback that costs about a tenth of the throughput. We give it a
//   `Request` constructor that returns a plain description ({ url, method, headers, body, signal,
//   redirect }) and a fetch that calls the real fetch as `fetch(url, init)`.
// - Serializers made once. Without a query serializer function openapi-fetch builds one on every
//   call; its default path serializer runs a global regular expression over the whole URL.
//
// The Request stand-in is made on first use, not at import: in Node 20 the first read of the
// global `Request` loads all of undici (about 35 ms), and importing this package should not.

import { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";

let describedRequest: typeof Request | undefined;

/** A `Request` stand-in holding only what fetch(url, init) reads; typed as what it stands in for. */
function describedRequestClass(): typeof Request {
  describedRequest ??= new Proxy(Request, {
    construct(_target, args): object {
      const url: unknown = args[0];
      const init: RequestInit = args[1];
      return {
        url,
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: init.signal,
        redirect: init.redirect,
      };
    },
  });
  return describedRequest;
}

/**
 * openapi-fetch's path serialization without its pass of a global regular expression over the whole
 * URL: each `{name}` becomes `encodeURIComponent(value)`. Anything but a plain name with a string
 * or number value (the label, matrix and explode styles, arrays, objects, a missing value) goes to
 * openapi-fetch's own serializer, so the result is always the same as its.
 */
export function serializePath(url: string, params: Record<string, unknown>): string {
  let result = "";
  let done = 0;
  for (let open = url.indexOf("{"); open !== -1; open = url.indexOf("{", done)) {
    const close = url.indexOf("}", open);
    if (close === -1) break;
    const name = url.slice(open + 1, close);
    const value = params[name];
    // An empty name or one holding "{" is not a parameter to openapi-fetch; "." and ";" open the
    // label and matrix styles, and "*" ends an exploded name.
    const plain = name !== "" && !/[{.;*]/.test(name);
    if (!plain || (typeof value !== "string" && typeof value !== "number")) return defaultPathSerializer(url, params);
    result += url.slice(done, open) + encodeURIComponent(value);
    done = close + 1;
  }
  return done === 0 ? url : result + url.slice(done);
}

/**
 * The options for an openapi-fetch client that makes a single Request per call, with `fetchImpl`
 * (the user's fetch or the global one) called as `fetchImpl(url, init)`, and serializers made once.
 */
export function leanFetchOptions(fetchImpl: typeof fetch): {
  Request: typeof Request;
  fetch: (request: Request) => Promise<Response>;
  querySerializer: ReturnType<typeof createQuerySerializer>;
  pathSerializer: typeof serializePath;
} {
  return {
    Request: describedRequestClass(),
    fetch: (request) => fetchImpl(request.url, request),
    querySerializer: createQuerySerializer(),
    pathSerializer: serializePath,
  };
}
