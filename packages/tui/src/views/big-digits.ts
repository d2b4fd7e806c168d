/**
 * Digits five lines tall for the projector board, drawn from a 3x5 pattern with each cell two
 * columns wide (terminal cells are about twice as tall as wide, so the digits come out upright).
 * Only what the board shows: 0-9 and '#'. Anything else is drawn as a gap.
 */
const PATTERNS: Record<string, readonly string[]> = {
  "0": ["###", "# #", "# #", "# #", "###"],
  "1": [" # ", "## ", " # ", " # ", "###"],
  "2": ["###", "  #", "###", "#  ", "###"],
  "3": ["###", "  #", " ##", "  #", "###"],
  "4": ["# #", "# #", "###", "  #", "  #"],
  "5": ["###", "#  ", "###", "  #", "###"],
  "6": ["###", "#  ", "###", "# #", "###"],
  "7": ["###", "  #", "  #", "  #", "  #"],
  "8": ["###", "# #", "###", "# #", "###"],
  "9": ["###", "# #", "###", "  #", "###"],
  "#": ["# #", "###", "# #", "###", "# #"],
};
const BLANK = ["   ", "   ", "   ", "   ", "   "];

export const BIG_HEIGHT = 5;
/** Columns per character, the gap after it included. */
export const BIG_ADVANCE = 7;

/** How many columns `text` takes in big digits. */
export const bigWidth = (text: string): number => Math.max(0, Array.from(text).length * BIG_ADVANCE - 1);

/** `text` as BIG_HEIGHT lines of equal width; `ascii` draws with '#' instead of full blocks. */
export function bigDigits(text: string, ascii: boolean): string[] {
  const ink = ascii ? "##" : "██";
  const lines: string[] = [];
  for (let row = 0; row < BIG_HEIGHT; row++) {
    const cells = Array.from(text).map((ch) =>
      Array.from((PATTERNS[ch] ?? BLANK)[row]!, (cell) => (cell === "#" ? ink : "  ")).join(""),
    );
    lines.push(cells.join(" "));
  }
  return lines;
}
