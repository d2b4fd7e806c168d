import { Chalk } from "chalk";
import { beforeEach, describe, expect, it } from "vitest";
import { drawnFrame, editDrawnFrame, forgetDrawnFrame } from "./drawn-frame.js";
import FrameOutput from "./frame-output.js";

const c = new Chalk({ level: 3 });

/** Builds a frame with FrameOutput, which records it as the one drawn. */
function draw(width: number, height: number, lines: string[]): string {
  const output = new FrameOutput({ width, height });
  lines.forEach((line, y) => {
    output.write(0, y, line, { transformers: [] });
  });
  return output.get().output;
}

describe("the drawn frame", () => {
  beforeEach(() => forgetDrawnFrame());

  it("is the last frame FrameOutput built, with the height of the one before", () => {
    expect(drawnFrame()).toBeNull();
    draw(30, 3, ["a"]);
    draw(40, 5, ["b"]);
    expect(drawnFrame()).toMatchObject({ width: 40, height: 5, previousHeight: 3 });
  });

  it("edits characters it shows, and the next edit starts from the edited screen", () => {
    draw(40, 2, ["header", "round 7 · closes in 25s · next block #3"]);
    expect(editDrawnFrame(1, 21, "5", "4")).toBe("4");
    // The screen now shows 24s: an edit that still expects 25s is refused.
    expect(editDrawnFrame(1, 21, "5", "3")).toBeNull();
    expect(editDrawnFrame(1, 21, "4", "3")).toBe("3");
    expect(editDrawnFrame(1, 20, "23", "19")).toBe("19");
  });

  it("refuses what the frame does not show there, and changes nothing then", () => {
    draw(40, 2, ["header", "closes in 25s"]);
    expect(editDrawnFrame(1, 12, "5", "4")).toBeNull(); // one column off
    expect(editDrawnFrame(0, 11, "5", "4")).toBeNull(); // another row
    expect(editDrawnFrame(2, 0, "h", "x")).toBeNull(); // below the frame
    expect(editDrawnFrame(1, 39, "  ", "ab")).toBeNull(); // past its right edge
    expect(editDrawnFrame(1, 10, "25", "9")).toBeNull(); // a different width
    expect(editDrawnFrame(1, 10, "", "")).toBeNull();
    expect(editDrawnFrame(1, 10, "25", "2€")).toBeNull(); // only plain ASCII
    expect(editDrawnFrame(1, 10, "25", "24")).toBe("24"); // the frame as it was
  });

  it("counts columns, not characters, after wide characters", () => {
    draw(30, 1, ["漢字 closes in 9s"]);
    // 漢字 takes four columns: "9" is in column 15.
    expect(editDrawnFrame(0, 15, "9", "8")).toBe("8");
  });

  it("writes the new characters in the style of the ones they replace", () => {
    draw(40, 1, [`${c.dim("closes in ")}${c.bold.yellow("25")}${c.dim("s")}`]);
    const text = editDrawnFrame(0, 10, "25", "24");
    expect(text).toBe(c.bold.yellow("24"));
  });

  it("leaves the frame FrameOutput compares its next rows with alone", () => {
    const first = draw(40, 2, ["header", "closes in 25s"]);
    editDrawnFrame(1, 11, "5", "4");
    // The same frame again is built from the same text: it still says 25s, as Ink's tree does.
    expect(draw(40, 2, ["header", "closes in 25s"])).toBe(first);
    expect(editDrawnFrame(1, 11, "5", "4")).toBe("4");
  });
});
