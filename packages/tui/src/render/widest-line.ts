import widestLine from "widest-line";
import { BoundedCache } from "./bounded-cache.js";

// A drop-in for the widest-line package where Ink's renderer uses it: it measures every text on
// screen again on every frame (the countdown's included), each one character by character. The
// texts repeat from frame to frame, so their widths are remembered, in a bounded cache.

const cache = new BoundedCache<number>();

export default function cachedWidestLine(text: string): number {
  return cache.get(text, widestLine);
}
