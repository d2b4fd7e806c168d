import type { DOMElement } from "ink";
import stringWidth from "string-width";
import type { InPlaceWriter } from "./in-place.js";

/** Where two texts of the same length differ, from the first differing character to the last. */
export function changedSpan(
  previous: string,
  next: string,
): { start: number; from: string; to: string } | null {
  if (previous.length !== next.length || previous === next) return null;
  let start = 0;
  while (previous[start] === next[start]) start++;
  let end = previous.length;
  while (previous[end - 1] === next[end - 1]) end--;
  return { start, from: previous.slice(start, end), to: next.slice(start, end) };
}

/** An element's column and row in the frame, from Ink's last layout. */
function placeOf(element: DOMElement): { left: number; top: number } {
  let left = 0;
  let top = 0;
  for (let node: DOMElement | undefined = element; node !== undefined; node = node.parentNode) {
    left += node.yogaNode?.getComputedLeft() ?? 0;
    top += node.yogaNode?.getComputedTop() ?? 0;
  }
  return { left, top };
}

/**
 * Shows `next` in place of the text of `line`, a one-line <Text> whose own text is one string
 * (styled children may follow it), without a render: the changed characters are written straight
 * to the terminal, and the text in Ink's tree is set to `next`, so every later frame (drawn for
 * whatever reason, from that tree) shows it too. React still holds the text it last rendered; its
 * next render of `line` replaces Ink's text again, with the then current one.
 *
 * True when done (or nothing changed); false when the caller must render instead: `next` is not
 * the same length as the text shown (the rest of the line would move), or the writer declines.
 */
export function editInkText(line: DOMElement, next: string, write: InPlaceWriter): boolean {
  const text = line.childNodes[0];
  if (line.nodeName !== "ink-text" || text?.nodeName !== "#text") return false;
  if (text.nodeValue === next) return true;
  const span = changedSpan(text.nodeValue, next);
  if (span === null) return false;
  const { left, top } = placeOf(line);
  const col = left + stringWidth(text.nodeValue.slice(0, span.start));
  if (!write({ row: top, col, from: span.from, to: span.to })) return false;
  text.nodeValue = next;
  // Ink's own setTextNodeValue does the same: the text's size is measured again at the next layout.
  line.yogaNode?.markDirty();
  return true;
}
