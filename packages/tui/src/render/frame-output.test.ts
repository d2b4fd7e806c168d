import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import FrameOutput from "./frame-output.js";

// Ink's own Output, which FrameOutput replaces in the bundle: both must draw every frame alike.
const inkBuild = dirname(createRequire(import.meta.url).resolve("ink"));
const InkOutput = (await import(pathToFileURL(join(inkBuild, "output.js")).href))
  .default as typeof FrameOutput;

const c = new Chalk({ level: 3 });
type Out = InstanceType<typeof FrameOutput>;

/** A frame like the dashboard's: a header, a clipped panel of rows, a side panel; `tick` changes some. */
function drawFrame(output: Out, tick: number): void {
  output.write(0, 0, `${c.bold.magenta("pos-tui")} · ${c.green("connected")} · round ${tick}`, {
    transformers: [],
  });
  output.write(0, 1, c.dim(`closes in ${30 - tick}s · ? keys`), { transformers: [] });
  output.clip({ x1: 0, x2: 30, y1: 2, y2: 8 });
  const rows = Array.from(
    { length: 9 },
    (_, i) =>
      `${i === tick % 9 ? "▸" : " "}#${100 - i} ${c.cyan("ab12cd34")} 漢字 ${c.yellow("█".repeat(i + 3))} and some text past the clip`,
  );
  output.write(0, 2, rows.join("\n"), { transformers: [] });
  output.unclip();
  output.clip({ x1: 32, x2: 60 });
  output.write(28, 3, `${c.red("●")} alice ${"█".repeat(tick)}\n${c.gray("○")} bob 🙂 wide`, {
    transformers: [(line, index) => (index === 0 ? c.bold(line) : line)],
  });
  output.unclip();
  output.write(2, 9, `${c.inverse(" BPM ")} 72`, { transformers: [] });
  output.write(0, 12, "off the frame", { transformers: [] });
}

function both(width: number, height: number, draw: (output: Out) => void): [string, string] {
  const ink = new InkOutput({ width, height });
  const ours = new FrameOutput({ width, height });
  draw(ink);
  draw(ours);
  return [ours.get().output, ink.get().output];
}

describe("FrameOutput", () => {
  it("draws each frame of a changing screen exactly as Ink's Output does", () => {
    for (let tick = 0; tick < 12; tick++) {
      const [ours, ink] = both(64, 11, (output) => drawFrame(output, tick % 5));
      expect(ours).toBe(ink);
    }
  });

  it("draws alike when the frame changes size between frames", () => {
    for (const [width, height] of [
      [64, 11],
      [40, 6],
      [80, 14],
      [64, 11],
    ] as const) {
      const [ours, ink] = both(width, height, (output) => drawFrame(output, 2));
      expect(ours).toBe(ink);
    }
  });

  it("stays right after its caches have been emptied many times over", () => {
    for (let i = 0; i < 4200; i++) {
      const [ours, ink] = both(20, 2, (output) =>
        output.write(0, i % 2, c.blue(`line ${i}`), { transformers: [] }),
      );
      if (i % 1000 === 0 || i === 4199) expect(ours).toBe(ink);
    }
  });

  it("keeps no text across frames that the new frame does not write", () => {
    both(20, 2, (output) => output.write(0, 0, "old text", { transformers: [] }));
    const [ours, ink] = both(20, 2, (output) => output.write(0, 1, "new", { transformers: [] }));
    expect(ours).toBe("\nnew");
    expect(ink).toBe("\nnew");
  });
});
