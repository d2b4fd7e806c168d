import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface V8Coverage {
  result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
}

const BUILD_FILE = /[\\/](?:react|react-reconciler|scheduler)[\\/]cjs[\\/]([^\\/]+\.js)$/;

/**
 * The React, reconciler and scheduler build files (e.g. `react.production.js`) whose code ran in a
 * process started with NODE_V8_COVERAGE=dir, read from the coverage V8 writes there as it exits.
 * Unbundled, each file is a script of its own; bundled, each is a module factory function named
 * after its original path. Either way a file counts only if its code was executed, not just parsed.
 */
export function reactBuildsRun(coverageDir: string): string[] {
  const run = new Set<string>();
  for (const file of readdirSync(coverageDir).filter((name) => name.endsWith(".json"))) {
    const coverage = JSON.parse(readFileSync(join(coverageDir, file), "utf8")) as V8Coverage;
    for (const script of coverage.result) {
      const own = BUILD_FILE.exec(script.url)?.[1];
      if (own !== undefined && (script.functions[0]?.ranges[0]?.count ?? 0) > 0) run.add(own);
      for (const fn of script.functions) {
        const bundled = BUILD_FILE.exec(fn.functionName)?.[1];
        if (bundled !== undefined && (fn.ranges[0]?.count ?? 0) > 0) run.add(bundled);
      }
    }
  }
  return [...run].sort();
}
