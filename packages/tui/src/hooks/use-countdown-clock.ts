import { useEffect, useState } from "react";
import { msToNextSecondChange } from "./next-second-change.js";

const shown = (deadlines: readonly (number | null)[], at: number) =>
  deadlines
    .map((deadline) => (deadline === null ? "" : Math.max(0, Math.ceil((deadline - at) / 1000))))
    .join();

/**
 * The wall clock for a component showing whole-second countdowns to `deadlines` (ms since the
 * epoch, null for none). It re-renders its caller only at the moments a shown number changes, and
 * never once every countdown has reached zero: each re-render makes Ink lay out and redraw the
 * whole frame, which is most of an idle dashboard's CPU.
 */
export function useCountdownClock(deadlines: readonly (number | null)[], enabled = true): number {
  const [now, setNow] = useState(Date.now);
  // The deadlines as one primitive: callers pass a fresh array on every render.
  const key = deadlines.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `deadlines`; `now` re-arms the timer after each change.
  useEffect(() => {
    if (!enabled) return;
    const current = Date.now();
    // New deadlines (a new round) or a late timer: show the right numbers at once.
    if (shown(deadlines, now) !== shown(deadlines, current)) {
      setNow(current);
      return;
    }
    const wait = msToNextSecondChange(deadlines, current);
    if (wait === null) return;
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [key, enabled, now]);
  return now;
}
