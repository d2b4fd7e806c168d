import { ErrorCode, fail, ok, PosError, type Result } from "./errors.js";

export const MAX_STAKE = 10n ** 18n;
export const MIN_BPM = 1;
export const MAX_BPM = 300;
export const MAX_NAME_LENGTH = 32;

const DIGITS = /^[0-9]+$/;

function stakeError(message: string): Result<bigint> {
  return fail(new PosError(ErrorCode.BadStake, message));
}

/**
 * A stake is a whole number of tokens, 1..10^18, written in decimal digits and nothing else.
 * Anything a lenient parser would coerce (exponents, hex, signs, spaces, fractions) is refused with
 * the reason, because a silently "fixed" balance is how the tutorial stored garbage.
 */
export function parseStake(text: string): Result<bigint> {
  if (text.length === 0) return stakeError("the stake is empty: type a whole number of tokens, e.g. 100");
  if (text.trim() !== text) return stakeError("the stake has spaces around it: type only the digits");
  if (text.length > 40) return stakeError("the stake is too long: it must be at most 10^18 tokens");
  if (text.startsWith("-")) return stakeError("the stake cannot be negative: type at least 1 token");
  if (text.startsWith("+")) return stakeError("the stake takes no sign: type only the digits");
  if (/^0[xob]/i.test(text)) return stakeError("hex, octal and binary are not accepted: use decimal digits");
  if (/^[0-9.]*[eE][-+]?[0-9]*$/.test(text) && /[0-9]/.test(text))
    return stakeError("exponent notation is not accepted: write the number out in digits (1e3 -> 1000)");
  if (/^[0-9]*[.,][0-9]*$/.test(text)) return stakeError("the stake must be a whole number of tokens");
  if (!DIGITS.test(text)) return stakeError("the stake must be decimal digits only, e.g. 100");
  // One spelling per stake: stakes are stored in lottery proofs and compared as text on the wire.
  if (text.length > 1 && text.startsWith("0"))
    return stakeError(`the stake has leading zeros: write it without them (${text} -> ${BigInt(text)})`);
  const value = BigInt(text);
  if (value < 1n) return stakeError("the stake must be at least 1 token");
  if (value > MAX_STAKE) return stakeError("the stake is too large: at most 10^18 tokens");
  return ok(value);
}

function bpmError(message: string): Result<number> {
  return fail(new PosError(ErrorCode.BadBpm, message));
}

/** A heart rate: a whole number of beats per minute, 1..300. */
export function parseBpm(text: string): Result<number> {
  if (text.length === 0) return bpmError("the BPM is empty: type your heart rate, e.g. 72");
  if (text.trim() !== text) return bpmError("the BPM has spaces around it: type only the digits");
  if (/^[0-9]*[.,][0-9]*$/.test(text) && /[0-9]/.test(text))
    return bpmError("the BPM must be a whole number of beats per minute");
  if (text.startsWith("-")) return bpmError("the BPM cannot be negative: type 1 to 300");
  if (!DIGITS.test(text)) return bpmError("the BPM must be decimal digits only, e.g. 72");
  if (text.length > 3) return bpmError(`the BPM is out of range: type ${MIN_BPM} to ${MAX_BPM}`);
  const value = Number(text);
  if (value < MIN_BPM || value > MAX_BPM)
    return bpmError(`the BPM is out of range: type ${MIN_BPM} to ${MAX_BPM}`);
  return ok(value);
}

export function isValidBpm(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= MIN_BPM && value <= MAX_BPM;
}

// Decided by Unicode property rather than a list, so characters added in later Unicode versions are
// covered too: controls (Cc), format characters (Cf: bidi overrides, soft hyphen, tag characters,
// interlinear annotations), line and paragraph separators, private use, lone surrogates, unassigned
// code points and every default-ignorable code point (variation selectors, Hangul fillers): anything a
// terminal draws as nothing, or as something other than what it is.
const INVISIBLE = String.raw`\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}`;

// Free text keeps the joiners (U+200C/D): emoji sequences and several scripts need them. Names do not.
const UNSAFE_CHARS = new RegExp(`(?![\u200c\u200d])[${INVISIBLE}]`, "gu");
const INVISIBLE_CHAR = new RegExp(`[${INVISIBLE}]`, "u");
const CONTROL_CHARS = /\p{Cc}/gu;

// Whole ANSI escape sequences, so "\x1b[31mbob" becomes "bob" rather than "[31mbob": strings (OSC, DCS,
// SOS, PM, APC) up to BEL or ST, CSI (7- and 8-bit) up to their final byte, then any other ESC sequence.
// The classes are disjoint and a string body stops at the next ESC, so matching stays linear.
const ANSI_SEQUENCES =
  /\u001b[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;

// What makes a name visible: a letter, number, symbol or punctuation mark. The braille blank (U+2800)
// is a symbol by category but draws as a space, so it does not count.
const VISIBLE_CHAR = /(?!\u2800)[\p{L}\p{N}\p{S}\p{P}]/u;

/** Removes everything that could move a cursor, recolour or reorder someone else's terminal. */
export function stripControl(text: string): string {
  return text.replace(ANSI_SEQUENCES, "").replace(UNSAFE_CHARS, "");
}

/** Makes untrusted text safe to print: control characters removed, then capped to `max` code points. */
export function sanitizeText(text: string, max: number): string {
  const clean = stripControl(text);
  const chars = Array.from(clean);
  if (max <= 0) return "";
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : clean;
}

/**
 * A display name: 1..32 characters, at least one of them visible. Escape sequences and control
 * characters (typing and copy-paste debris) are stripped; an invisible character is refused rather than
 * stripped, because stripping would turn "ad\u00admin" into a name that passes for "admin".
 */
export function parseName(text: string): Result<string> {
  const clean = text.replace(ANSI_SEQUENCES, "").replace(CONTROL_CHARS, "").trim();
  const invisible = INVISIBLE_CHAR.exec(clean);
  if (invisible)
    return fail(
      new PosError(
        ErrorCode.BadName,
        `the name contains an invisible or unassigned character (${codePointLabel(invisible[0])}): use only visible characters`,
      ),
    );
  const length = Array.from(clean).length;
  if (length === 0)
    return fail(new PosError(ErrorCode.BadName, "the name is empty: use 1 to 32 printable characters"));
  if (length > MAX_NAME_LENGTH)
    return fail(
      new PosError(ErrorCode.BadName, `the name is too long: use at most ${MAX_NAME_LENGTH} characters`),
    );
  if (!VISIBLE_CHAR.test(clean))
    return fail(
      new PosError(
        ErrorCode.BadName,
        "the name looks blank: use at least one visible letter, digit or symbol",
      ),
    );
  return ok(clean);
}

function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}
