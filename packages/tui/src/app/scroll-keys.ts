import type { Key } from "ink";

/**
 * Where a scrolling key moves a position in 0..max (0 is the top), or null when the key does not
 * scroll. Pure, so a chunk of keys can be applied one after another to the value the last one left.
 */
export function scrollTarget(key: Key, current: number, max: number, page: number): number | null {
  let next: number;
  if (key.upArrow) next = current - 1;
  else if (key.downArrow) next = current + 1;
  else if (key.pageUp) next = current - page;
  else if (key.pageDown) next = current + page;
  else if (key.home) next = 0;
  else if (key.end) next = max;
  else return null;
  return Math.min(Math.max(0, max), Math.max(0, next));
}
