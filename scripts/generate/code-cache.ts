// Start-up speed for the generator. Its CommonJS dependencies (two TypeScript compilers, one
// for openapi-typescript and one inside ts-morph, ts-morph, Redocly with its hundreds of files,
// ajv) are ~35 MB of JavaScript. Loading them plainly, two costs dominate: V8 compiling them, and
// tsx reading and scanning each one to decide whether it must transform it. This hook loads
// CommonJS files under node_modules itself, with a V8 code cache, and leaves all others to
// tsx/Node. Node 22 has a built-in compile cache (module.enableCompileCache); Node 20, which we
// support, does not.
//
// Import this module first: it only affects modules required after it. The cache is one file in
// node_modules/.cache (disposable, git-ignored). V8 rejects cache data that does not match the
// source, so a changed dependency is recompiled and its entry rewritten, never misread.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { constants as vmConstants, Script } from "node:vm";

const CACHE_FILE = fileURLToPath(
  new URL("../../node_modules/.cache/openai-admin-keys-codegen/v8-code-cache.bin", import.meta.url),
);
const IN_NODE_MODULES = `${sep}node_modules${sep}`;

interface LoadingModule {
  exports: unknown;
  require(id: string): unknown;
}
type ExtensionHandler = (module: LoadingModule, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, ExtensionHandler> })._extensions;
const loadJsAsUsual = extensions[".js"];

/** filename → V8 code cache, as stored by earlier runs. */
const stored = readStore();
/** Scripts compiled without a usable cache entry this run; stored at exit. */
const compiledFresh = new Map<string, Script>();

function readStore(): Map<string, Uint8Array> {
  try {
    const data: unknown = deserialize(readFileSync(CACHE_FILE));
    return data instanceof Map ? data : new Map();
  } catch {
    return new Map();
  }
}

/**
 * Code that calls `import()` from `eval` or `new Function` (Redocly loads its plugins that way)
 * cannot run from a vm.Script on Node 20: such a dynamic import has no loader to call. Those
 * files go the usual way.
 */
const needsUsualLoader = (source: string): boolean =>
  source.includes("import(") && (source.includes("new Function(") || source.includes("eval("));

/** Compiles with the cache; undefined when the file is not a CommonJS script (an ES module). */
function compile(source: string, filename: string): Script | undefined {
  const cachedData = stored.get(filename);
  try {
    const script = new Script(Module.wrap(source), {
      filename,
      cachedData,
      // Let a plain `import()` inside the module work as it does under Node's own loader.
      importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected === true) compiledFresh.set(filename, script);
    return script;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

if (loadJsAsUsual) {
  extensions[".js"] = function loadJsWithCodeCache(module, filename) {
    if (!filename.includes(IN_NODE_MODULES)) return loadJsAsUsual(module, filename);
    const text = readFileSync(filename, "utf8");
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const script = needsUsualLoader(source) ? undefined : compile(source, filename);
    if (!script) return loadJsAsUsual(module, filename);
    // What Node's own loader does next: run the wrapper in the module's scope.
    const require = Object.assign((id: string) => module.require(id), createRequire(filename));
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
  };
}

// Written at exit, so the cache also holds the functions this run compiled lazily.
process.once("exit", () => {
  if (compiledFresh.size === 0) return;
  try {
    for (const [filename, script] of compiledFresh) stored.set(filename, script.createCachedData());
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    const temp = `${CACHE_FILE}.${process.pid}.tmp`;
    writeFileSync(temp, serialize(stored));
    renameSync(temp, CACHE_FILE);
  } catch {
    // A cache that cannot be written only costs the next run its head start.
  }
});
