import { useEffect, useState } from "react";

/** The wall clock, refreshed every `intervalMs`: drives countdowns without a timer per component. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
