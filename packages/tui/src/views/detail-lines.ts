import type { DrawSummary, ValidatorInfo } from "@pos-tui/core";
import type { CheckedProof } from "../state/check-block.js";
import type { ChainEntry } from "../state/dashboard-state.js";
import { displayName } from "../state/names.js";
import { fit } from "./format.js";
import { type RangeCandidate, type RangePicture, rangePicture } from "./range-picture.js";
import { figureFields, priorityRows, RULE_TITLE, ruleHowTo, ruleOfDraw } from "./rule-words.js";

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
  proof: CheckedProof | null;
  validators: ReadonlyMap<string, ValidatorInfo>;
  me: string | null;
  width: number;
  ascii: boolean;
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
export function detailLines({ entry, proof, validators, me, width, ascii }: DetailInput): Line[] {
  const { block, lottery } = entry;
  const who =
    block.Index === 0 ? "genesis" : block.Validator === me ? "you" : displayName(validators, block.Validator);
  const lines: Line[] = [
    ...field("hash", block.Hash, width),
    ...field("prev hash", block.PrevHash || "(none: genesis)", width),
    ...field("validator", block.Validator || "(none)", width),
    ...field("signature", block.Signature || "(none)", width),
    ...field("time, BPM", `${block.Timestamp} · ${block.BPM}`, width),
  ];
  if (lottery === null) {
    lines.push(
      ...prose("lottery: not seen live (this block came before you connected)", width, { dim: true }),
    );
    return lines;
  }
  const revealOk = entry.revealOk === true;
  const [good, bad] = ascii ? ["ok:", "BAD:"] : ["✓", "✗"];
  const rule = ruleOfDraw(lottery);
  lines.push(
    ...field("round", `${lottery.round} · ${lottery.candidates} candidate(s)`, width),
    ...(rule === "lottery" ? [] : field("rule", RULE_TITLE[rule], width)),
    ...(lottery.previousRule === undefined
      ? []
      : prose(`the chain switched from ${lottery.previousRule} to ${rule} at this block`, width, {
          dim: true,
        })),
    ...field("commit", lottery.commit, width),
    ...field(
      "reveal",
      `${lottery.reveal} ${revealOk ? `${good} sha256 = commit` : `${bad} does not match the commit`}`,
      width,
      revealOk ? undefined : "red",
    ),
    ...figureFields(lottery, who).flatMap(([label, value]) => field(label, value, width)),
  );
  if (proof === null) {
    lines.push(
      ...prose(`asking the server for the candidate list${ascii ? "..." : "…"}`, width, { dim: true }),
    );
    return lines;
  }
  const { candidates, check } = proof;
  lines.push(
    ...prose(
      check.ok ? `${good} re-checked here: the draw picks the same winner` : `${bad} ${check.message}`,
      width,
      { color: check.ok ? "green" : "red" },
    ),
    [],
    ...prose(ruleHowTo(rule), width, { dim: true }),
  );
  if (rule === "round-robin") {
    const nameOf = (key: string) => (key === me ? "you" : displayName(validators, key));
    const table = priorityRows(proof.proof, block.Validator, nameOf, width);
    lines.push([], [{ text: table.header, dim: true }]);
    for (const row of table.rows)
      lines.push([{ text: row.text, ...(row.winner ? { color: "green", bold: true } : {}) }]);
    return lines;
  }
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
          `${fit(name, nameWidth)} ${rule === "pool" ? "entries " : ""}${segment.start}..${segment.end} stake ${segment.stake}${segment.winner ? " winner" : ""}`,
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
  const label = ` ${ruleOfDraw(lottery) === "pool" ? "entry" : "ticket"} ${lottery.ticket}`;
  const caretText =
    picture.caret + 1 + label.length <= width
      ? `${" ".repeat(picture.caret)}^${label}`
      : `${" ".repeat(Math.max(0, picture.caret - label.length))}${label.trimStart()} ^`;
  return { picture, bar, caret: [{ text: caretText, bold: true, color: "green" }], look };
}
