import { render } from "ink-testing-library";
import type { ReactElement } from "react";

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

/** Polls until `predicate` holds, for frames fed by a real server; prints `show()` when it never does. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs = 10_000,
  what = "condition",
  show: () => string = () => "",
): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) {
      const shown = show();
      if (shown !== "") console.error(`last frame while waiting for ${what}:\n${shown}`);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await flush(20);
  }
}
