#!/usr/bin/env node
// Thin shim so a fresh clone can link the bin before the first build; the CLI itself lives in dist.
import("../dist/cli/main.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND") {
    console.error("pos-server is not built yet: run `pnpm build` (or `npx pnpm@12.4.2 build`) first.");
    process.exit(1);
  }
  throw err;
});
