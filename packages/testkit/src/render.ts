import { render } from "ink-testing-library";
import { type ReactElement, useEffect } from "react";

/** Lets React 19 and Ink flush a render before the frame is read (the Shopify cli-kit habit). */
export const flush = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function frameOf(element: ReactElement): Promise<string> {
  const instance = render(element);
  await flush();
  const frame = instance.lastFrame() ?? "";
  instance.unmount();
  return frame;
}

export const linesOf = (frame: string): string[] => frame.split("\n");

/** Widest line in terminal columns (frames from ink-testing-library carry no colour codes here). */
export const widest = (frame: string): number =>
  Math.max(...linesOf(frame).map((line) => Array.from(line).length));

/** Renders nothing and calls `onUnmount` when Ink unmounts it: how a test sees an app exit. */
export function Unmounted({ onUnmount }: { onUnmount: () => void }): null {
  useEffect(() => onUnmount, [onUnmount]);
  return null;
}
