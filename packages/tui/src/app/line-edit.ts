import type { Key } from "ink";

const MAX_INPUT = 40;

/**
 * One input event applied to a one-line input. Ink hands over a whole chunk when keys arrive together
 * (fast typing, pastes, tmux send-keys), so a chunk may mix characters and backspaces ("\x7f"): each is
 * applied in turn. Only printable characters are kept, so no escape sequence reaches the screen.
 */
export function editLine(value: string, input: string, key: Key): string {
  if (key.backspace || key.delete) return value.slice(0, -1);
  if (key.ctrl || key.meta || key.escape || key.return || key.tab) return value;
  let next = value;
  for (const char of input) {
    if (char === "\u007f" || char === "\b") next = next.slice(0, -1);
    else if (!/[\u0000-\u001f\u007f-\u009f]/.test(char)) next += char;
  }
  return next.slice(0, MAX_INPUT);
}
