import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run against the TypeScript sources, so a change in core is seen by the server and TUI tests
// without a rebuild. End-to-end tests that spawn the CLIs use the build (the test script builds first).
const source = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@pos-tui\/core$/, replacement: source("core/src/index.ts") },
      { find: /^@pos-tui\/core\/stats$/, replacement: source("core/src/stats.ts") },
      { find: /^@pos-tui\/core\/parse$/, replacement: source("core/src/parse.ts") },
      { find: /^@pos-tui\/core\/errors$/, replacement: source("core/src/errors.ts") },
      { find: /^@pos-tui\/server$/, replacement: source("server/src/index.ts") },
      { find: /^@pos-tui\/server\/progress$/, replacement: source("server/src/cli/verify/progress.ts") },
      { find: /^@pos-tui\/testkit\/(.*)$/, replacement: source("testkit/src/$1.ts") },
    ],
  },
  test: {
    include: ["packages/*/src/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
