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
};

export const glyphsFor = (ascii: boolean): Glyphs => (ascii ? ASCII : UNICODE);
