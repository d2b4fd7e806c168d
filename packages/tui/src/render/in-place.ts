import { drawnFrame, editDrawnFrame } from "./drawn-frame.js";

/** Characters to replace on screen: `from` is what the frame shows at `row`, `col`; `to` the same length. */
export interface ScreenEdit {
  row: number;
  col: number;
  from: string;
  to: string;
}

/** Writes an edit straight to the terminal; false when it cannot, and the caller must render. */
export type InPlaceWriter = (edit: ScreenEdit) => boolean;

// DECSC / DECRC: every terminal Ink supports has them, and they put the cursor back exactly where
// Ink left it, whatever the column.
const SAVE_CURSOR = "\u001b7";
const RESTORE_CURSOR = "\u001b8";

/**
 * The bytes that write `text` at column `col` of the line `up` lines above the cursor and put the
 * cursor back.
 */
export function inPlaceSequence(up: number, col: number, text: string): string {
  const move = up > 0 ? `\u001b[${up}A` : "";
  return `${SAVE_CURSOR}${move}\u001b[${col + 1}G${text}${RESTORE_CURSOR}`;
}

/**
 * Whether edits may go straight to the terminal: only where Ink draws frames as they come (a TTY,
 * not in CI, where it draws only the last; not for a screen reader), and never with ASCII glyphs
 * or under TERM=dumb, where no cursor tricks are played.
 */
export function inPlaceAllowed(
  stdout: { isTTY?: boolean },
  options: { ascii: boolean; inCi: boolean; env: Record<string, string | undefined> },
): boolean {
  return (
    stdout.isTTY === true &&
    !options.ascii &&
    !options.inCi &&
    options.env.TERM !== "dumb" &&
    options.env.INK_SCREEN_READER !== "true"
  );
}

export interface TerminalOut {
  isTTY?: boolean;
  rows?: number;
  columns?: number;
  write(text: string): unknown;
  on(event: "resize", listener: () => void): unknown;
  off(event: "resize", listener: () => void): unknown;
}

/**
 * An InPlaceWriter for the terminal Ink draws on. Ink writes each frame followed by a newline, which
 * leaves the cursor at the start of the line below the frame, as long as the frame is shorter than
 * the terminal (a frame as tall as the terminal is drawn differently, from its top): each edit
 * moves up from there to its row, writes, and moves back. It declines whatever it cannot be sure
 * of: no frame yet, a frame of another width or as tall as the terminal, the screen not showing
 * `from` where expected, and the first edit after a resize (the terminal may have reflowed the
 * screen; the render that follows draws it whole again).
 */
export function inPlaceWriter(stdout: TerminalOut): { write: InPlaceWriter; close(): void } {
  let resized = false;
  const onResize = () => {
    resized = true;
  };
  stdout.on("resize", onResize);
  const write: InPlaceWriter = ({ row, col, from, to }) => {
    if (resized) {
      resized = false;
      return false;
    }
    const frame = drawnFrame();
    const rows = stdout.rows ?? 0;
    if (frame === null || frame.width !== stdout.columns) return false;
    if (frame.height >= rows || frame.previousHeight >= rows || row >= frame.height) return false;
    const text = editDrawnFrame(row, col, from, to);
    if (text === null) return false;
    stdout.write(inPlaceSequence(frame.height - row, col, text));
    return true;
  };
  return { write, close: () => void stdout.off("resize", onResize) };
}
