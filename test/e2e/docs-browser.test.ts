// Opens the rendered API docs in a real headless Chromium, the way a reader would, with no
// network beyond the file itself: the page must render every operation from its inline bundle.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const docsFile = join(root, "docs/index.html");
const artifacts = join(root, "test-artifacts");

function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const which = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" });
  if (which.status !== 0) {
    throw new Error("Debian's chromium is not installed: run `node scripts/ensure-chromium.mjs` (npm test does).");
  }
  return which.stdout.trim();
}

const SUMMARIES = [
  "List organization API keys",
  "Create an organization admin API key",
  "Retrieve a single organization API key",
  "Delete an organization admin API key",
];

describe("docs/index.html in headless Chromium", () => {
  let browser: Browser;
  const requestedUrls: string[] = [];
  const consoleErrors: string[] = [];
  let bodyText = "";
  const renderedHeadings: string[] = [];

  beforeAll(async () => {
    execFileSync("npm", ["run", "-s", "docs"], { cwd: root, stdio: "pipe" });
    expect(existsSync(docsFile)).toBe(true);
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("request", (request) => requestedUrls.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await page.goto(pathToFileURL(docsFile).href, { waitUntil: "load" });
    // Redoc renders client-side, folds each tag's operations behind "Show" and draws an operation
    // when it is scrolled to; so open each one from the sidebar, as a reader would.
    await page.getByRole("button", { name: /Show/ }).first().click({ timeout: 20_000 });
    for (const summary of SUMMARIES) {
      await page.getByText(summary, { exact: true }).first().click();
      await page.getByRole("heading", { name: summary }).waitFor({ state: "visible", timeout: 20_000 });
      renderedHeadings.push(summary);
    }
    bodyText = await page.locator("body").innerText();
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "docs.png"), fullPage: false });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("renders the four operations under their summaries", () => {
    expect(renderedHeadings).toEqual(SUMMARIES);
    for (const summary of SUMMARIES) expect(bodyText).toContain(summary);
  });

  it("shows the AdminApiKey schema's fields", () => {
    expect(bodyText).toContain("redacted_value");
    expect(bodyText).toContain("expires_at");
    expect(bodyText).toContain("organization.admin_api_key");
  });

  it("makes no request to another host", () => {
    // file: is the page itself; data: and blob: are made inside it.
    const external = requestedUrls.filter((url) => !/^(file|data|blob):/.test(url));
    expect(external).toEqual([]);
    expect(requestedUrls.some((url) => url.startsWith("file://"))).toBe(true);
  });

  it("logs no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("leaves a screenshot in test-artifacts/docs.png", () => {
    expect(existsSync(join(artifacts, "docs.png"))).toBe(true);
  });
});
