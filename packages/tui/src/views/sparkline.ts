const BLOCKS = "▁▂▃▄▅▆▇█";
const ASCII_LEVELS = "_.-~=*#";

/** Changes smaller than this stay flat: a Gini wobbling in its fourth decimal is no trend. */
const MIN_SPAN = 0.01;

/**
 * The last `width` values as one line of bars, scaled between their own low and high so a slow drift
 * still shows. Fewer values than `width` give a shorter line.
 */
export function sparkline(values: readonly number[], width: number, ascii = false): string {
  if (width <= 0 || values.length === 0) return "";
  const levels = ascii ? ASCII_LEVELS : BLOCKS;
  const shown = values.slice(-width);
  const lo = Math.min(...shown);
  const span = Math.max(MIN_SPAN, Math.max(...shown) - lo);
  return shown
    .map((v) => levels[Math.min(levels.length - 1, Math.floor(((v - lo) / span) * levels.length))])
    .join("");
}
