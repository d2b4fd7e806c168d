import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run against the TypeScript sources, so a change in core is seen by the server and TUI tests
// without a rebuild. End-to-end tests that spawn the CLIs use the build (the test script builds first).
export default defineConfig({
  resolve: {
    alias: {
      "@pos-tui/core": fileURLToPath(new URL("./packages/core/src/index.ts", import.meta.url)),
      "@pos-tui/server": fileURLToPath(new URL("./packages/server/src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
