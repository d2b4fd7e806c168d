import { useEffect, useState } from "react";

/**
 * The wall clock, refreshed every `intervalMs` while `enabled`. Only the component that shows a
 * countdown should call it: each tick re-renders the caller and nothing above it.
 */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, enabled]);
  return now;
}
