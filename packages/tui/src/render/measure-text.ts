import widestLine from "widest-line";
import { BoundedCache } from "./bounded-cache.js";

// A drop-in for Ink's measure-text (ink/build/measure-text.js), which the bundle puts in its place:
// Ink's keeps the size of every text it ever measured, never emptied; this one is bounded.

const cache = new BoundedCache<{ width: number; height: number }>();

export default function measureText(text: string): { width: number; height: number } {
  if (text.length === 0) return { width: 0, height: 0 };
  return cache.get(text, (key) => ({ width: widestLine(key), height: key.split("\n").length }));
}
