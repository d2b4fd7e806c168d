import type { Key } from "ink";

const MAX_INPUT = 40;

/** One keystroke applied to a one-line input; printable characters only, so no escape reaches it. */
export function editLine(value: string, input: string, key: Key): string {
  if (key.backspace || key.delete) return value.slice(0, -1);
  if (key.ctrl || key.meta || key.escape || key.return || key.tab) return value;
  const printable = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
  return (value + printable).slice(0, MAX_INPUT);
}
