import { useEffect, useReducer, useRef } from "react";
import { msToNextSecondChange } from "./next-second-change.js";

/**
 * The wall clock for a component showing whole-second countdowns to `deadlines` (ms since the
 * epoch, null for none): the time of each render, so whatever makes it render shows the current
 * numbers. At the moments a shown number changes (and never once every countdown has reached zero)
 * it re-renders its caller, unless `inPlace(now)` shows the change itself and returns true: each
 * render makes Ink lay out and redraw the whole frame, which is most of an idle dashboard's CPU.
 */
export function useCountdownClock(
  deadlines: readonly (number | null)[],
  enabled = true,
  inPlace?: (now: number) => boolean,
): number {
  const [renders, rerender] = useReducer((count: number) => count + 1, 0);
  // The latest callback, which sees the latest props, without re-arming the timer on each render.
  const latest = useRef(inPlace);
  latest.current = inPlace;
  // The deadlines as one primitive: callers pass a fresh array on every render.
  const key = deadlines.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `deadlines`; `renders` re-arms the timer after each tick's render.
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      const wait = msToNextSecondChange(deadlines, Date.now());
      if (wait === null) return;
      timer = setTimeout(() => {
        if (latest.current?.(Date.now()) === true) arm();
        else rerender();
      }, wait);
    };
    arm();
    return () => clearTimeout(timer);
  }, [key, enabled, renders]);
  return Date.now();
}
