// Opens the rendered API docs in a real headless Chromium, the way a reader would, with no
// network beyond the file itself: the page must render every operation from its inline bundle,
// offer each operation's TypeScript, CLI and curl samples exactly as the docs build wrote them,
// say which version is the API's and which the package's, and link to the changelog page.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeSamples, SAMPLE_LANGUAGES } from "../../scripts/docs/code-samples.js";
import { readSpecFile } from "../../scripts/spec/load.js";

const root = resolve(import.meta.dirname, "../..");
const docsFile = join(root, "docs/index.html");
const artifacts = join(root, "test-artifacts");

function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const which = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" });
  if (which.status !== 0) {
    throw new Error("Debian's chromium is not installed: run `node scripts/ensure-test-tools.mjs` (npm test does).");
  }
  return which.stdout.trim();
}

const SUMMARIES = [
  "List organization API keys",
  "Create an organization admin API key",
  "Retrieve a single organization API key",
  "Delete an organization admin API key",
];
const OPERATION_IDS = ["admin-api-keys-list", "admin-api-keys-create", "admin-api-keys-get", "admin-api-keys-delete"];
const LABELS = Object.values(SAMPLE_LANGUAGES).map((language) => language.label);
const LABEL_PATTERN = new RegExp(`^(${LABELS.join("|")})$`);

async function apiVersion(): Promise<string> {
  const { data } = await readSpecFile(join(root, "spec/openapi.yaml"), "spec/openapi.yaml");
  return String((data as { info: { version: string } }).info.version);
}

/**
 * Each sample of an operation as the page shows it: in the operation's request panel, the sample
 * picker set to each label in turn, the code block's text read back.
 */
async function shownSamples(page: Page, operationId: string): Promise<Record<string, string>> {
  const operation = page.locator(`[id$="/${operationId}"]`);
  const picker = () => page.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: LABEL_PATTERN });
  const panel = operation.getByTestId("right-panel").locator('[data-component-name="Panel/Panel"]').filter({ has: picker() });
  const shown: Record<string, string> = {};
  for (const label of LABELS) {
    await panel.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: LABEL_PATTERN }).click({ timeout: 10_000 });
    await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: new RegExp(`^${label}$`) }).click({ timeout: 10_000 });
    shown[label] = await panel.getByTestId("source-code").innerText({ timeout: 10_000 });
  }
  return shown;
}

describe("docs/index.html in headless Chromium", () => {
  let browser: Browser;
  const requestedUrls: string[] = [];
  const consoleErrors: string[] = [];
  let bodyText = "";
  const renderedHeadings: string[] = [];
  const samplesShown: Record<string, Record<string, string>> = {};
  let introText = "";
  let changelogTitle = "";
  let changelogText = "";

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
    // The title and the description are drawn only while they are in view: read them first.
    await page.getByText("(the HTTP contract described here)").first().waitFor({ state: "visible", timeout: 20_000 });
    introText = await page.locator("body").innerText();
    await page.getByRole("button", { name: /Show/ }).first().click({ timeout: 20_000 });
    for (const [index, summary] of SUMMARIES.entries()) {
      await page.getByText(summary, { exact: true }).first().click();
      await page.getByRole("heading", { name: summary }).waitFor({ state: "visible", timeout: 20_000 });
      renderedHeadings.push(summary);
      const operationId = OPERATION_IDS[index] ?? "";
      samplesShown[operationId] = await shownSamples(page, operationId);
    }
    bodyText = await page.locator("body").innerText();
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "docs.png"), fullPage: false });
    // Last, as a reader would: from the docs to the changelog, by the link on the page.
    await page.getByRole("link", { name: "API changelog" }).first().click();
    await page.waitForURL(/changelog\.html$/, { timeout: 20_000 });
    changelogTitle = await page.title();
    changelogText = await page.locator("main").innerText();
  }, 120_000);

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

  it("offers each operation's TypeScript, CLI and curl samples, exactly as the docs build wrote them", async () => {
    const expected = codeSamples(await readSpecFile(join(root, "spec/openapi.yaml"), "spec/openapi.yaml"));
    expect(Object.keys(samplesShown)).toEqual(OPERATION_IDS);
    for (const operation of expected) {
      const shown = samplesShown[operation.request.operationId] ?? {};
      expect(Object.keys(shown)).toEqual(["TypeScript", "CLI", "curl"]);
      for (const [kind, sample] of Object.entries(operation.samples)) {
        expect(shown[sample.label]?.trim(), `${operation.request.operationId} ${kind}`).toBe(sample.source.trim());
      }
    }
    expect(samplesShown["admin-api-keys-create"]?.CLI).toContain("admin-keys create --name 'New Admin Key' --expires-in 30d --json");
  });

  it("says which version is the API's and which the package's", async () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    const api = await apiVersion();
    expect(introText).toContain(`(API ${api})`);
    expect(introText).toContain(`API ${api} (the HTTP contract described here) · openai-admin-keys ${version} (the client and CLI the code samples use) · API changelog`);
  });

  it("links to the API changelog page, which opens offline too", async () => {
    expect(changelogTitle).toMatch(/^API changelog · /);
    expect(changelogText).toMatch(/^API changelog\n/);
    expect(changelogText).toContain(`API ${await apiVersion()}`);
  });

  it("makes no request to another host", () => {
    // file: is the page itself; data: and blob: are made inside it.
    const external = requestedUrls.filter((url) => !/^(file|data|blob):/.test(url));
    expect(external).toEqual([]);
    expect(requestedUrls.some((url) => url.startsWith("file://"))).toBe(true);
    expect(requestedUrls.some((url) => url.startsWith("file://") && url.endsWith("/docs/changelog.html"))).toBe(true);
  });

  it("logs no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("leaves a screenshot in test-artifacts/docs.png", () => {
    expect(existsSync(join(artifacts, "docs.png"))).toBe(true);
  });
});
