/** The few non-ASCII characters the views draw, with ASCII stand-ins for terminals that lack them. */
export interface Glyphs {
  online: string;
  offline: string;
  full: string;
  empty: string;
  rule: string;
  star: string;
  up: string;
  down: string;
  /** A block's standing in the chain panel's check column and the details' check list. */
  verified: string;
  failed: string;
  pending: string;
}

const UNICODE: Glyphs = {
  online: "●",
  offline: "○",
  full: "█",
  empty: "░",
  rule: "─",
  star: "★",
  up: "↑",
  down: "↓",
  verified: "✓",
  failed: "✗",
  pending: "…",
};
const ASCII: Glyphs = {
  online: "o",
  offline: ".",
  full: "#",
  empty: "-",
  rule: "-",
  star: "*",
  up: "^",
  down: "v",
  verified: "+",
  failed: "X",
  pending: ".",
};

export const glyphsFor = (ascii: boolean): Glyphs => (ascii ? ASCII : UNICODE);

/** The glyph and colour of a block's or a check's standing. */
export function standing(
  status: "verified" | "ok" | "failed" | "pending",
  ascii: boolean,
): {
  glyph: string;
  color: string;
} {
  const g = glyphsFor(ascii);
  if (status === "failed") return { glyph: g.failed, color: "red" };
  if (status === "pending") return { glyph: g.pending, color: "gray" };
  return { glyph: g.verified, color: "green" };
}
