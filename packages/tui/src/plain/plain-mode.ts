/** Why the full-screen dashboard cannot run here, or null when it can. */
export type PlainReason = "stdin" | "stdout" | "dumb";

export interface TerminalFacts {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  term: string | undefined;
}

/**
 * The dashboard needs keys from a terminal (without one, `q` could never arrive) and a screen that
 * takes cursor movement. Anything else gets the plain line mode.
 */
export function plainReason(facts: TerminalFacts): PlainReason | null {
  // First: it also decides that the lines stay ASCII.
  if (facts.term === "dumb") return "dumb";
  if (!facts.stdinIsTTY) return "stdin";
  if (!facts.stdoutIsTTY) return "stdout";
  return null;
}

export function plainReasonHere(): PlainReason | null {
  return plainReason({
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    term: process.env.TERM,
  });
}

const ASCII: Record<string, string> = {
  "·": "-",
  "…": "...",
  "–": "-",
  "—": "-",
  "▸": ">",
  "●": "*",
  "✓": "+",
  "✗": "X",
};

/** For TERM=dumb: every character outside printable ASCII becomes a plain stand-in or `?`. */
export function toAscii(text: string): string {
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) return ch;
    return ASCII[ch] ?? "?";
  }).join("");
}
