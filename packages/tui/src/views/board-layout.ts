import { BIG_HEIGHT } from "./big-digits.js";

/** Columns between two validator columns, and the narrowest column still worth drawing. */
export const BOARD_GAP = 2;
export const MIN_CELL = 32;
/** Wider, and the numbers drift too far from the names to read across. */
export const MAX_CELL = 44;
/** Columns between the round and the tip in big digits. */
export const BIG_SPACING = 6;

export interface BoardLayout {
  /** The whole frame: one line short of the terminal, as a full-height frame makes Ink flicker. */
  height: number;
  /** Round and tip in big digits (else one bold line). */
  big: boolean;
  /** Lines above the validator grid: header, round and tip, the last winner, the legend, headings. */
  top: number;
  gridColumns: number;
  cellWidth: number;
  /** Validators per grid column. */
  perColumn: number;
  /** How many validators fit; the rest are counted in a last line. */
  shown: number;
}

const HEADER = 2;
const WINNER = 3;
/** Two lines saying what the columns mean, and the column headings. */
const LEGEND = 3;

/**
 * Where everything goes on the board: round and tip big when the screen has the room, then as many
 * validator columns as the width allows (no more than needed), so 60 validators fit at 120x40.
 */
export function boardLayout(
  columns: number,
  rows: number,
  validators: number,
  /** Columns the round and tip take in big digits. */
  bigColumns: number,
): BoardLayout {
  const height = Math.max(8, rows - 1);
  const big = rows >= 30 && bigColumns <= columns;
  // Big: a label line, the digits, a blank line under them.
  const top = HEADER + (big ? BIG_HEIGHT + 2 : 1) + WINNER + LEGEND;
  const room = Math.max(1, height - top);
  const maxColumns = Math.max(1, Math.floor((columns + BOARD_GAP) / (MIN_CELL + BOARD_GAP)));
  const gridColumns = Math.min(maxColumns, Math.max(1, Math.ceil(validators / room)));
  const cellWidth = Math.min(MAX_CELL, Math.floor((columns - (gridColumns - 1) * BOARD_GAP) / gridColumns));
  let perColumn = Math.max(1, Math.ceil(validators / gridColumns));
  let shown = validators;
  if (perColumn > room) {
    // One line goes to saying how many more there are.
    perColumn = Math.max(1, room - 1);
    shown = Math.min(validators, perColumn * gridColumns);
  }
  return { height, big, top, gridColumns, cellWidth, perColumn, shown };
}
