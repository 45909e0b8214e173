// openapi-fetch builds a `Request` for every call and hands it to fetch, which builds a second one
// from it. On loopback that double construction costs about a tenth of the throughput. The client
// behind `adminApiKeys` therefore gives openapi-fetch a `Request` constructor that returns a plain
// description of the request ({ url, method, headers, body, signal, redirect }), and a fetch that
// passes that description to the real fetch as `fetch(url, init)`, so one Request is built, by
// fetch itself. `client.raw` keeps openapi-fetch's defaults (real Requests, for middleware).

/** A `Request` stand-in holding only what fetch(url, init) reads; typed as what it stands in for. */
const DescribedRequest: typeof Request = new Proxy(Request, {
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

/**
 * The `Request` and `fetch` options for an openapi-fetch client that makes a single Request per
 * call, with `fetchImpl` (the user's fetch or the global one) called as `fetchImpl(url, init)`.
 */
export function leanFetchOptions(fetchImpl: typeof fetch): {
  Request: typeof Request;
  fetch: (request: Request) => Promise<Response>;
} {
  return { Request: DescribedRequest, fetch: (request) => fetchImpl(request.url, request) };
}
