// The docs must open with no network: nothing in a page may load a script, stylesheet or font
// over http(s). Redocly's bundle also draws its attribution logo from its CDN; that image is
// swapped for an inline one, so that opening the page makes no request to any other host.

/** Redocly's attribution logo, as an inline SVG instead of an image on its CDN. */
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="58" height="14" viewBox="0 0 58 14">' +
    '<text x="0" y="11" font-family="sans-serif" font-size="11" font-weight="600" fill="#0044d4">Redocly</text></svg>',
)}`;
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

export function inlineLogo(html: string): string {
  return html.replace(CDN_LOGO, INLINE_LOGO);
}

/** References that make a browser fetch a script, stylesheet or font from the network. */
const REMOTE = String.raw`["']?(?:https?:)?\/\/`;
const REMOTE_RESOURCE_PATTERNS = [
  new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*${REMOTE}`, "i"),
  new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*${REMOTE}`, "i"),
  // An inline module importing from a CDN (Redocly's default page does this).
  new RegExp(String.raw`\bimport\s*(?:[\w{}\s,*]+\bfrom\s*|\(\s*)${REMOTE}`, "i"),
  new RegExp(String.raw`@import\s+(?:url\()?\s*${REMOTE}`, "i"),
  new RegExp(String.raw`@font-face\s*\{[^}]*url\(\s*${REMOTE}`, "i"),
];

/** What in `html` would still be fetched from the network; empty for a self-contained page. */
export function remoteResources(html: string): string[] {
  return REMOTE_RESOURCE_PATTERNS.map((pattern) => pattern.exec(html)?.[0]).filter((match) => match !== undefined);
}
