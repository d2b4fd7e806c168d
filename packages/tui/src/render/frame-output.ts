import {
  type StyledChar,
  styledCharsFromTokens,
  styledCharsToString,
  tokenize,
} from "@alcalzone/ansi-tokenize";
import sliceAnsi from "slice-ansi";
import stringWidth from "string-width";
import { BoundedCache, GenerationCache } from "./bounded-cache.js";
import { recordDrawnFrame } from "./drawn-frame.js";

// A drop-in for Ink's Output (ink/build/output.js), which the bundle puts in its place: it turns the
// text Ink writes at each position into the frame's lines. Ink's own starts from nothing every
// frame: it tokenizes every line of text again and allocates a cell object per column and row, so
// the once-a-second countdown costs as much as a screen full of new blocks. This one gives the same
// output, but keeps what it learnt from the frame before: the tokenized lines and widths (in
// bounded caches), and each row's string, reused while the row holds the very same cells.

type Transformer = (line: string, index: number) => string;
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
type Operation =
  | { type: "write"; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: "clip"; clip: Clip }
  | { type: "unclip" };

/**
 * A line's cells, column by column: a wide character is followed by an empty cell styled like it,
 * for its second column, as Ink draws it. Kept from one frame to the next only: at ~100 objects a
 * line, thousands of old lines would weigh tens of megabytes.
 */
const cellsOfLines = new GenerationCache<StyledChar[]>();
const widths = new BoundedCache<number>();
const widestLines = new BoundedCache<number>();
const slices = new BoundedCache<string>();

const widthOf = (text: string) => widths.get(text, stringWidth);
const widestLineOf = (text: string) =>
  widestLines.get(text, (block) =>
    block.split("\n").reduce((widest, line) => Math.max(widest, widthOf(line)), 0),
  );
const cellsOf = (line: string) =>
  cellsOfLines.get(line, (text) =>
    styledCharsFromTokens(tokenize(text)).flatMap((char) => {
      const width = Math.max(1, widthOf(char.value));
      if (width === 1) return [char];
      const filler: StyledChar = { type: "char", value: "", fullWidth: false, styles: char.styles };
      return [char, ...Array<StyledChar>(width - 1).fill(filler)];
    }),
  );
const sliceOf = (line: string, from: number, to: number) =>
  slices.get(`${from}:${to}:${line}`, () => sliceAnsi(line, from, to));

// Cells are only read once placed, so every blank one can be the same object.
const BLANK: StyledChar = Object.freeze({ type: "char", value: " ", fullWidth: false, styles: [] });

/** The last frame's rows (by line number) and their strings. */
const lastRows: (StyledChar | undefined)[][] = [];
const lastStrings: string[] = [];

function sameCells(
  a: readonly (StyledChar | undefined)[],
  b: readonly (StyledChar | undefined)[] | undefined,
) {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function rowString(y: number, row: (StyledChar | undefined)[]): string {
  if (sameCells(row, lastRows[y])) return lastStrings[y]!;
  const text = styledCharsToString(row.filter((cell): cell is StyledChar => cell !== undefined)).trimEnd();
  lastRows[y] = row;
  lastStrings[y] = text;
  return text;
}

export default class FrameOutput {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: "write", x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: "clip", clip });
  }

  unclip(): void {
    this.operations.push({ type: "unclip" });
  }

  get(): { output: string; height: number } {
    const rows: (StyledChar | undefined)[][] = [];
    for (let y = 0; y < this.height; y++) rows.push(new Array<StyledChar>(this.width).fill(BLANK));
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === "clip") clips.push(operation.clip);
      else if (operation.type === "unclip") clips.pop();
      else this.place(rows, operation, clips.at(-1));
    }
    cellsOfLines.nextGeneration();
    recordDrawnFrame(rows, this.width, this.height);
    return { output: rows.map((row, y) => rowString(y, row)).join("\n"), height: rows.length };
  }

  /** One write, clipped as Ink clips it. */
  private place(
    rows: (StyledChar | undefined)[][],
    operation: Extract<Operation, { type: "write" }>,
    clip: Clip | undefined,
  ): void {
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split("\n");
    if (clip) {
      const horizontally = typeof clip.x1 === "number" && typeof clip.x2 === "number";
      const vertically = typeof clip.y1 === "number" && typeof clip.y2 === "number";
      if (horizontally && (x + widestLineOf(text) < clip.x1! || x > clip.x2!)) return;
      if (vertically && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (horizontally) {
        const x1 = clip.x1!;
        const x2 = clip.x2!;
        lines = lines.map((line) => {
          const width = widthOf(line);
          return sliceOf(line, x < x1 ? x1 - x : 0, x + width > x2 ? x2 - x : width);
        });
        if (x < x1) x = x1;
      }
      if (vertically) {
        const y1 = clip.y1!;
        const from = y < y1 ? y1 - y : 0;
        const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
        lines = lines.slice(from, to);
        if (y < y1) y = y1;
      }
    }
    let offsetY = 0;
    for (let [index, line] of lines.entries()) {
      const row = rows[y + offsetY];
      if (!row) continue;
      for (const transformer of transformers) line = transformer(line, index);
      const cells = cellsOf(line);
      for (let i = 0; i < cells.length; i++) row[x + i] = cells[i];
      offsetY++;
    }
  }
}
