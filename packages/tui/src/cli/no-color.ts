// chalk (and Ink through it) ignores NO_COLOR; FORCE_COLOR=0 is what it reads. This module must be
// imported before anything that loads chalk, because chalk settles its colour level on import.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") process.env.FORCE_COLOR = "0";

export {};
