import type { BlockVerdict, DrawSummary, ValidatorInfo } from "@pos-tui/core";
import type { CandidateList } from "../state/candidate-list.js";
import type { ChainEntry } from "../state/dashboard-state.js";
import { displayName } from "../state/names.js";
import { fit } from "./format.js";
import { standing } from "./glyphs.js";
import { type RangeCandidate, type RangePicture, rangePicture } from "./range-picture.js";

/** A run of text in one style; a line is a list of them, already cut to the panel's width. */
export interface Span {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}
export type Line = Span[];

export interface DetailInput {
  entry: ChainEntry;
  proof: CandidateList | null;
  validators: ReadonlyMap<string, ValidatorInfo>;
  me: string | null;
  width: number;
  ascii: boolean;
  /** The BPM being typed for the tamper view, or null when not editing. */
  edit?: string | null;
  /** The entry is a local edit (the tamper view), not what the server sent. */
  tampered?: boolean;
}

const LABEL = 11;
const SEGMENT_CHARS = { unicode: ["▓", "▒", "▚", "░"], ascii: ["=", "+", ":", "%"] };
const SEGMENT_COLOURS = ["blue", "magenta", "cyan", "yellow"];

/** Cuts text into pieces of at most `width` characters, at spaces where it can. */
export function wrapWords(text: string, width: number): string[] {
  const size = Math.max(1, width);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    let rest = word;
    while (rest.length > size) {
      if (line !== "") lines.push(line);
      lines.push(rest.slice(0, size));
      line = "";
      rest = rest.slice(size);
    }
    if (line === "") line = rest;
    else if (line.length + 1 + rest.length <= size) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  lines.push(line);
  return lines;
}

const CHECK_LABEL = 12;

/**
 * Every check of the block with what it found, as the checks ran when the block (or its candidate
 * list) arrived: a heading with the block's standing, then one entry per check, its message wrapped
 * under itself.
 */
export function checkLines(verdict: BlockVerdict, width: number, ascii: boolean): Line[] {
  const heading = standing(verdict.status, ascii);
  const lines: Line[] = [
    [
      { text: "checks".padEnd(LABEL), bold: true },
      { text: `${heading.glyph} ${verdict.status}`, color: heading.color, bold: true },
    ],
  ];
  const room = Math.max(8, width - CHECK_LABEL);
  for (const check of verdict.checks) {
    const look = standing(check.status, ascii);
    wrapWords(check.message, room).forEach((piece, i) => {
      lines.push([
        i === 0
          ? { text: `${look.glyph} ${check.id}`.padEnd(CHECK_LABEL), color: look.color }
          : { text: " ".repeat(CHECK_LABEL) },
        check.status === "failed"
          ? { text: piece, color: "red" }
          : { text: piece, dim: check.status === "pending" },
      ]);
    });
  }
  return lines;
}

/** A label and its value, the value hard-wrapped under itself (hashes have no spaces to break at). */
function field(label: string, value: string, width: number, color?: string): Line[] {
  const room = Math.max(8, width - LABEL);
  const pieces = wrapWords(value, room);
  return pieces.map((piece, i) => [
    i === 0 ? { text: label.padEnd(LABEL), bold: true } : { text: " ".repeat(LABEL) },
    color === undefined ? { text: piece } : { text: piece, color },
  ]);
}

const prose = (text: string, width: number, style: Omit<Span, "text"> = {}): Line[] =>
  wrapWords(text, width).map((piece) => [{ ...style, text: piece }]);

/**
 * Everything needed to check a block and its lottery by hand, as lines cut to `width`: full hashes,
 * signature, the lottery proof, and a picture of the ranges with the ticket marked. The checks ran when
 * the block and its candidate list arrived; this only says what they found. The view shows a window
 * of the lines; the key handling uses the count to know how far it can scroll.
 */
export function detailLines(input: DetailInput): Line[] {
  const { entry, proof, validators, me, width, ascii, edit = null, tampered = false } = input;
  const { block, lottery } = entry;
  const who =
    block.Index === 0 ? "genesis" : block.Validator === me ? "you" : displayName(validators, block.Validator);
  const lines: Line[] = [];
  if (edit !== null)
    lines.push(
      ...prose(`edit BPM (tamper view, nothing is sent): ${edit}_ · Enter applies · Esc restores`, width, {
        color: "yellow",
        bold: true,
      }),
    );
  else if (tampered)
    lines.push(
      ...prose("tamper view: this block as edited here, never sent · e edits again · Esc restores", width, {
        color: "yellow",
        bold: true,
      }),
    );
  lines.push(
    ...field("hash", block.Hash, width),
    ...field("prev hash", block.PrevHash || "(none: genesis)", width),
    ...field("validator", block.Validator || "(none)", width),
    ...field("signature", block.Signature || "(none)", width),
    ...field("time, BPM", `${block.Timestamp} · ${block.BPM}`, width),
  );
  lines.push([], ...checkLines(entry.verdict, width, ascii));
  if (lottery === null) {
    lines.push(
      [],
      ...prose("lottery: not seen live (this block came before you connected)", width, { dim: true }),
    );
    return lines;
  }
  lines.push(
    [],
    ...field("round", `${lottery.round} · ${lottery.candidates} candidate(s)`, width),
    ...field("commit", lottery.commit, width),
    ...field("reveal", lottery.reveal, width),
    ...field("ticket", `${lottery.ticket} of ${lottery.total}`, width),
    ...field("range", `${lottery.rangeStart}..${lottery.rangeEnd} (${who})`, width),
  );
  if (proof === null) {
    lines.push(
      ...prose(`asking the server for the candidate list${ascii ? "..." : "…"}`, width, { dim: true }),
    );
    return lines;
  }
  const { candidates } = proof;
  lines.push(
    [],
    ...prose(
      "How the draw works: each candidate owns a range as wide as its stake, side by side from 0 to the " +
        "total; the ticket (from the reveal, the previous hash and the round) falls in the winner's.",
      width,
      { dim: true },
    ),
  );
  const drawn = rangeBar({ candidates, winner: block.Validator, lottery, width, ascii });
  if (drawn === null) return lines;
  const { picture, look } = drawn;
  lines.push([], drawn.bar, drawn.caret, []);
  const nameWidth = 12;
  for (const segment of picture.segments) {
    const index = picture.segments.indexOf(segment);
    const mark = look(index);
    const name = segment.validator === me ? "you" : displayName(validators, segment.validator);
    lines.push([
      { ...mark, text: `${mark.text} ` },
      {
        text: fit(
          `${fit(name, nameWidth)} ${segment.start}..${segment.end} stake ${segment.stake}${segment.winner ? " winner" : ""}`,
          Math.max(1, width - 2),
        ).trimEnd(),
        ...(segment.winner ? { color: "green", bold: true } : {}),
      },
    ]);
  }
  return lines;
}

export interface RangeBarInput {
  candidates: readonly RangeCandidate[];
  winner: string;
  lottery: DrawSummary;
  width: number;
  ascii: boolean;
}

export interface RangeBar {
  picture: RangePicture;
  /** The ranges side by side, one span per run of cells of the same candidate. */
  bar: Line;
  /** The caret under the ticket's cell, with the ticket beside it. */
  caret: Line;
  /** How a segment is drawn, for a legend. */
  look: (segment: number) => Span;
}

/** The ticket-in-range picture as two lines, shared by the block details and the board. */
export function rangeBar({ candidates, winner, lottery, width, ascii }: RangeBarInput): RangeBar | null {
  const ticket = BigInt(lottery.ticket);
  const picture = rangePicture(candidates, winner, ticket, width);
  if (picture === null) return null;
  const chars = ascii ? SEGMENT_CHARS.ascii : SEGMENT_CHARS.unicode;
  const winnerChar = ascii ? "#" : "█";
  const look = (index: number): Span => {
    const segment = picture.segments[index]!;
    if (segment.winner) return { text: winnerChar, color: "green", bold: true };
    return {
      text: chars[segment.style % chars.length]!,
      color: SEGMENT_COLOURS[segment.style % SEGMENT_COLOURS.length]!,
    };
  };
  const bar: Line = [];
  picture.cells.forEach((index, c) => {
    const span = look(index);
    const last = bar.at(-1);
    if (last !== undefined && c > 0 && picture.cells[c - 1] === index) last.text += span.text;
    else bar.push(span);
  });
  const label = ` ticket ${lottery.ticket}`;
  const caretText =
    picture.caret + 1 + label.length <= width
      ? `${" ".repeat(picture.caret)}^${label}`
      : `${" ".repeat(Math.max(0, picture.caret - label.length))}${label.trimStart()} ^`;
  return { picture, bar, caret: [{ text: caretText, bold: true, color: "green" }], look };
}
