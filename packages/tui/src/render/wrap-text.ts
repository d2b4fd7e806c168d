import cliTruncate from "cli-truncate";
import wrapAnsi from "wrap-ansi";
import { BoundedCache } from "./bounded-cache.js";

// A drop-in for Ink's wrap-text (ink/build/wrap-text.js), which the bundle puts in its place. Ink's
// keeps every text it ever wrapped, in a cache that is never emptied: a dashboard showing new blocks
// five times a second for an hour grows by every one of them. This one gives the same results from
// a bounded cache.

const cache = new BoundedCache<string>();

function wrap(text: string, maxWidth: number, wrapType: string): string {
  if (wrapType === "wrap") return wrapAnsi(text, maxWidth, { trim: false, hard: true });
  if (wrapType.startsWith("truncate")) {
    const position =
      wrapType === "truncate-middle" ? "middle" : wrapType === "truncate-start" ? "start" : "end";
    return cliTruncate(text, maxWidth, { position });
  }
  return text;
}

export default function wrapText(text: string, maxWidth: number, wrapType: string): string {
  // The width and the mode go first: they cannot run into the text as Ink's key (text + width) can.
  return cache.get(`${maxWidth}\u0000${wrapType}\u0000${text}`, () => wrap(text, maxWidth, wrapType));
}
