/**
 * Milliseconds from `now` until a countdown to any of `deadlines`, shown in whole seconds rounded up
 * (`Math.ceil(left / 1000)`), next shows a different number; null once every deadline has passed
 * (or there is none), when no countdown changes any more.
 */
export function msToNextSecondChange(deadlines: readonly (number | null)[], now: number): number | null {
  let soonest: number | null = null;
  for (const deadline of deadlines) {
    if (deadline === null || !Number.isFinite(deadline)) continue;
    const left = deadline - now;
    if (left <= 0) continue;
    // ceil(left / 1000) drops by one as `left` falls to the multiple of 1000 just below it.
    const wait = ((left - 1) % 1000) + 1;
    if (soonest === null || wait < soonest) soonest = wait;
  }
  return soonest;
}
