import { type RefObject, useCallback, useRef, useState } from "react";

/**
 * State plus a ref that always holds the value the last update left. Keys arriving in one chunk are
 * handled in one batch before React re-renders, so each must build on the ref, not on the render.
 */
export function useLatestState<T>(initial: T): [T, (value: T) => void, RefObject<T>] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const set = useCallback((next: T) => {
    ref.current = next;
    setValue(next);
  }, []);
  return [value, set, ref];
}
