/** Cuts or pads to exactly `width` columns (ASCII and simple names; wide glyphs may overhang by one). */
export function fit(text: string, width: number): string {
  if (width <= 0) return "";
  const chars = Array.from(text);
  if (chars.length > width) return width === 1 ? "…" : `${chars.slice(0, width - 1).join("")}…`;
  return text + " ".repeat(width - chars.length);
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Local wall-clock time of an ISO timestamp, HH:MM:SS. */
export function clock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "--:--:--";
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
}
