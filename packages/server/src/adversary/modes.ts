/** The lies `pos-server --adversary` can tell, each in one line a teacher can read out. */
export const ADVERSARY_MODES = {
  censor: "drops one accepted candidate from each round's draw, silently",
  regrind: "redraws its secret after seeing the candidates, until another wins",
  forge: "changes each block's BPM after it was signed (and fixes the Hash)",
  rewrite: "every few blocks, cuts everyone off and rewrites recent history",
} as const;

export type AdversaryMode = keyof typeof ADVERSARY_MODES;

export const ADVERSARY_MODE_NAMES = Object.keys(ADVERSARY_MODES) as AdversaryMode[];

/** How many new blocks `rewrite` lets through before it rewrites history again. */
export const DEFAULT_REWRITE_EVERY = 3;
