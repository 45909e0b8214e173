// The API changelog as a page next to the rendered docs: CHANGELOG-API.md turned into one
// self-contained HTML file (inline style, no script, nothing fetched). The Markdown is the one
// scripts/changelog/markdown.ts writes, so only what it uses is read: headings, paragraphs,
// "- " lists, `code`, **bold** and [links](…). Anything else comes out as the text it is.

export interface ChangelogPageOptions {
  /** The API's title, for the page's <title>. */
  readonly title: string;
  /** The rendered API reference, relative to this page. */
  readonly referenceHref: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A link target kept only when it is relative or http(s), so a `javascript:` URL cannot slip in. */
const safeHref = (href: string): string | undefined => (/^(?:https?:\/\/|[#./\w-])/i.test(href) && !/^javascript:/i.test(href) ? href : undefined);

function inline(text: string): string {
  // Code spans first: nothing inside them is formatting.
  return text
    .split(/(`[^`]*`)/)
    .map((part) => {
      if (part.startsWith("`") && part.endsWith("`") && part.length >= 2) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part)
        .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, href: string) => {
          const target = safeHref(href.replace(/&amp;/g, "&"));
          return target === undefined ? whole : `<a href="${escapeHtml(target)}">${label}</a>`;
        });
    })
    .join("");
}

/** `API 1.0.0` → `api-1-0-0`: a stable anchor, so a version's entry can be linked to. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** The Markdown's blocks as HTML. */
function changelogHtmlBody(markdown: string): string {
  const html: string[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) html.push(`<p>${inline(paragraph.join(" "))}</p>`);
    if (list.length > 0) html.push(`<ul>\n${list.map((item) => `<li>${inline(item)}</li>`).join("\n")}\n</ul>`);
    paragraph = [];
    list = [];
  };
  for (const line of markdown.split("\n")) {
    const heading = /^(#{1,4}) (.+)$/.exec(line);
    if (heading !== null) {
      flush();
      const level = heading[1]?.length ?? 1;
      const text = heading[2] ?? "";
      html.push(`<h${level} id="${slug(text)}">${inline(text)}</h${level}>`);
    } else if (line.startsWith("- ")) {
      if (paragraph.length > 0) flush();
      list.push(line.slice(2));
    } else if (line.trim() === "") {
      flush();
    } else {
      if (list.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return html.join("\n");
}

const STYLE = `
  body { margin: 0; font: 16px/1.55 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; }
  nav { padding: 12px 24px; border-bottom: 1px solid #d8dee4; background: #f6f8fa; }
  main { max-width: 920px; margin: 0 auto; padding: 8px 24px 48px; }
  h1 { font-size: 2em; } h2 { margin-top: 2em; padding-bottom: .3em; border-bottom: 1px solid #d8dee4; } h3 { margin-top: 1.4em; font-size: 1.05em; }
  code { font: .88em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eff1f3; padding: .1em .35em; border-radius: 4px; word-break: break-word; }
  li { margin: .3em 0; } a { color: #0550ae; }
  @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } nav { background: #161b22; border-color: #30363d; } h2 { border-color: #30363d; } code { background: #262c36; } a { color: #4493f8; } }
`;

export function changelogPage(markdown: string, options: ChangelogPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API changelog · ${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<nav><a href="${escapeHtml(options.referenceHref)}">← ${escapeHtml(options.title)}: API reference</a></nav>
<main>
${changelogHtmlBody(markdown)}
</main>
</body>
</html>
`;
}
