#!/usr/bin/env node
// Thin shim so a fresh clone can link the bin before the first build; the CLI itself is bundled into
// dist/bundle by `pnpm build` (one file per command loads several times faster than Ink's and
// React's hundreds of modules).
import module from "node:module";
import { setFlagsFromString } from "node:v8";

// Start-up is mostly Node compiling Ink's and React's many modules; Node 22+ can cache that work
// between runs (older Node has no such call: nothing happens).
module.enableCompileCache?.();

// React and its reconciler choose their development or production build from NODE_ENV when first
// loaded; the development build keeps debugging data for every render and grows without bound over
// a long session. Set here, before the dynamic import below loads anything; a user's own value wins.
process.env.NODE_ENV ??= "production";
// The dashboard keeps ~20 MB alive but redraws often; by default V8 lets the garbage of those frames
// pile up past 170 MB before collecting it. Smaller heap growth steps (20% instead of V8's default
// of up to 100%) keep a long session near 100 MB. Set before the heap has grown; the flag only tunes
// collection, so it is safe to set at run time. (--optimize-for-size also keeps the heap small, but
// slows all code down: it doubled an idle dashboard's CPU.)
setFlagsFromString("--heap-growing-percent=20");
// The young generation grows from 1 MB to 16 MB per semi-space when much of a frame's garbage
// outlives a scavenge, which a dashboard redrawing five blocks a second does: ~30 MB of RSS for little
// gain. The size itself is fixed once the heap exists, but its growth step is read at each scavenge:
// a factor of 1 keeps it at its initial size. (This costs some CPU under a heavy load of blocks; an
// idle dashboard allocates too little for it to show.)
setFlagsFromString("--semi-space-growth-factor=1");
import("../dist/bundle/main.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND") {
    console.error("pos-tui is not built yet: run `pnpm build` (or `npx pnpm@12.4.2 build`) first.");
    process.exit(1);
  }
  throw err;
});
