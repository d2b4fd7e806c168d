import { type StyledChar, styledCharsToString } from "@alcalzone/ansi-tokenize";

// What Ink last drew, cell by cell, as FrameOutput built it: an edit written straight to the
// terminal (a countdown's digits) is checked against it first, so it only ever replaces characters
// the screen really shows there, and is recorded in it, so the next edit is checked against the
// screen as it now is. One frame per process: Ink draws one dashboard at a time.

type Row = readonly (StyledChar | undefined)[];

export interface DrawnFrame {
  readonly width: number;
  readonly height: number;
  /** The height of the frame drawn before it: Ink draws differently after a frame as tall as the terminal. */
  readonly previousHeight: number;
}

/** Characters that are one column wide and need no shaping: an edit is made of these only. */
const SIMPLE = /^[\x20-\x7e]*$/;

let frame: (DrawnFrame & { rows: Row[] }) | null = null;

/** Called by FrameOutput for each frame it builds (Ink writes each one as soon as it is built). */
export function recordDrawnFrame(rows: Row[], width: number, height: number): void {
  frame = { rows, width, height, previousHeight: frame?.height ?? 0 };
}

export function drawnFrame(): DrawnFrame | null {
  return frame;
}

/** Forgets the frame, as before Ink's first (tests start from none). */
export function forgetDrawnFrame(): void {
  frame = null;
}

/**
 * Replaces `from`, shown at `row` and `col`, with `to` (the same length, printable ASCII) in the
 * drawn frame, each character keeping its cell's style. Returns what to write at that position to
 * make the screen match, or null (and changes nothing) when the frame does not show `from` there.
 */
export function editDrawnFrame(row: number, col: number, from: string, to: string): string | null {
  if (frame === null || from.length !== to.length || from.length === 0) return null;
  if (!SIMPLE.test(from) || !SIMPLE.test(to)) return null;
  const cells = frame.rows[row];
  if (cells === undefined || col < 0 || col + from.length > frame.width) return null;
  const next: StyledChar[] = [];
  for (let i = 0; i < from.length; i++) {
    const cell = cells[col + i];
    if (cell === undefined || cell.value !== from[i]) return null;
    next.push({ ...cell, value: to[i]! });
  }
  // A copy: the row may still be shared with FrameOutput's memo of the rows it built.
  const edited = [...cells];
  edited.splice(col, next.length, ...next);
  frame.rows[row] = edited;
  return styledCharsToString(next);
}
