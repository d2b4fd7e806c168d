// chalk (and Ink through it) ignores NO_COLOR; FORCE_COLOR=0 is what it reads. This module must be
// imported before anything that loads chalk, because chalk settles its colour level on import.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") process.env.FORCE_COLOR = "0";

// CI=false (as scripts/tmux-network.sh sets, so that Ink draws every frame) means "not in CI" to
// Ink, but chalk takes any CI variable as a CI run and drops colour. Both should read it the same.
if (process.env.CI === "false" || process.env.CI === "0") delete process.env.CI;

export {};
