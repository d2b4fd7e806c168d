// Preloaded with `node --require` by the production-mode test: when the process exits it writes
// which React and reconciler builds was loaded (production or development) to REACT_BUILD_REPORT.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  const loaded = Object.entries(require.cache)
    .filter(([path, module]) => module?.loaded && /[\\/](react|react-reconciler)[\\/]cjs[\\/]/.test(path))
    .map(([path]) => path);
  writeFileSync(process.env.REACT_BUILD_REPORT, JSON.stringify(loaded));
});
