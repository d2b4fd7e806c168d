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
  plugins: [inkPackageJson],
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  logLevel: "warning",
});
