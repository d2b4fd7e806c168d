// Bundles the compiled CLI (dist/cli/main.js, from `tsc -b`) into dist/bundle/: Node loading Ink's
// and React's hundreds of small modules one by one is most of the start-up time; one file per
// command loads in a fraction of it. Splitting keeps each command's lazily imported handler in its
// own chunk, so `pos-tui --help` does not load Ink at all.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outdir = here("../dist/bundle");

// Under DEV=true Ink reads its own package.json next to its sources, which the bundle does not have
// beside it: hand it the file's contents at build time instead.
const inkPackageJson = {
  name: "ink-package-json",
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, ({ path }) => {
      const read = "fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')";
      const source = readFileSync(path, "utf8");
      if (!source.includes(read)) throw new Error(`${path} no longer reads its package.json as expected`);
      const { name, version } = JSON.parse(readFileSync(join(dirname(path), "../package.json"), "utf8"));
      const text = JSON.stringify({ name, version });
      return { contents: source.replace(read, JSON.stringify(text)), loader: "js" };
    });
  },
};

// Emscripten's loader for yoga (Ink's layout engine) fetches its wasm from a data: URL whenever a
// global fetch exists, and Node's fetch loads undici and zlib first: ~100 ms of every dashboard's
// start-up. Without fetch it decodes the same base64 itself.
const yogaWithoutFetch = {
  name: "yoga-without-fetch",
  setup(build) {
    build.onLoad(
      { filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ },
      ({ path }) => {
        const check = '"function"!=typeof fetch';
        const source = readFileSync(path, "utf8");
        const uses = source.split(check).length - 1;
        if (uses !== 2) throw new Error(`${path} no longer checks for fetch as expected (${uses} checks)`);
        return { contents: source.replaceAll(check, "true"), loader: "js" };
      },
    );
  },
};

// Some of Ink's modules are swapped for drop-ins of ours (src/render/*, each says why): its Output,
// which rebuilds every frame from nothing; its text wrapping and measuring, whose caches are never
// emptied and grow with every new line of text for as long as the dashboard runs; and widest-line,
// which it calls for every text of every frame. (measure-text keeps its own widest-line.)
const inkDropIns = {
  "./output.js": "../dist/render/frame-output.js",
  "./wrap-text.js": "../dist/render/wrap-text.js",
  "./measure-text.js": "../dist/render/measure-text.js",
  "widest-line": "../dist/render/widest-line.js",
};
const inkModules = {
  name: "ink-drop-ins",
  setup(build) {
    const swapped = new Set();
    build.onResolve(
      { filter: /^(\.\/(output|wrap-text|measure-text)\.js|widest-line)$/ },
      ({ path, importer }) => {
        if (!/[\\/]ink[\\/]build[\\/][^\\/]+\.js$/.test(importer)) return undefined;
        swapped.add(path);
        return { path: here(inkDropIns[path]) };
      },
    );
    build.onEnd((result) => {
      const missing = Object.keys(inkDropIns).filter((path) => !swapped.has(path));
      if (result.errors.length === 0 && missing.length > 0)
        throw new Error(`Ink no longer imports ${missing.join(", ")}: its drop-in was not swapped in`);
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: here("../dist/cli/main.js") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // NODE_ENV is deliberately not defined: the bin sets it at run time (a user's own value wins), and
  // React picks its production or development build from it then.
  // The server (demo) runs pino, which finds its worker threads by file path: it stays a package.
  // Ink imports react-devtools-core only when DEV=true; it is not installed, and Ink prints how to
  // install it when that import fails, as it does unbundled.
  external: ["@pos-tui/server", "pino", "pino-pretty", "react-devtools-core"],
  // Some dependencies are CommonJS and call require() or look for optional files beside them with
  // __dirname: give the ESM output all three.
  banner: {
    js:
      "import{createRequire as __cr}from'node:module';import{fileURLToPath as __fu}from'node:url';" +
      "const require=__cr(import.meta.url);const __filename=__fu(import.meta.url);" +
      "const __dirname=__fu(new URL('.',import.meta.url));",
  },
  plugins: [inkPackageJson, yogaWithoutFetch, inkModules],
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  logLevel: "warning",
});
