import { EventEmitter } from "node:events";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetDrawnFrame } from "./drawn-frame.js";
import FrameOutput from "./frame-output.js";
import { inPlaceAllowed, inPlaceSequence, inPlaceWriter } from "./in-place.js";

class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly written: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
}

/** A frame as Ink draws it: FrameOutput builds it (and records it as the one on screen). */
function draw(width: number, height: number, lines: string[]): void {
  const output = new FrameOutput({ width, height });
  lines.forEach((line, y) => {
    output.write(0, y, line, { transformers: [] });
  });
  output.get();
}

const edit = { row: 1, col: 21, from: "5", to: "4" };
const header = ["pos-tui · connected", "round 7 · closes in 25s · next block #3"];

describe("writing in place", () => {
  beforeEach(() => forgetDrawnFrame());

  it("moves up from below the frame to the row and column, writes, and puts the cursor back", () => {
    expect(inPlaceSequence(22, 21, "4")).toBe("\u001b7\u001b[22A\u001b[22G4\u001b8");
    expect(inPlaceSequence(0, 0, "x")).toBe("\u001b7\u001b[1Gx\u001b8");
  });

  it("writes an edit of the frame on screen, counting rows up from the line below it", () => {
    const terminal = new FakeTerminal(80, 24);
    const { write } = inPlaceWriter(terminal);
    draw(80, 23, header);
    expect(write(edit)).toBe(true);
    expect(write({ ...edit, from: "4", to: "3" })).toBe(true);
    expect(terminal.written).toEqual([inPlaceSequence(22, 21, "4"), inPlaceSequence(22, 21, "3")]);
  });

  it("declines before Ink's first frame, and for a frame of another width", () => {
    const terminal = new FakeTerminal(80, 24);
    const { write } = inPlaceWriter(terminal);
    expect(write(edit)).toBe(false);
    draw(60, 23, header);
    expect(write(edit)).toBe(false);
    expect(terminal.written).toEqual([]);
  });

  it("declines while the frame, or the one before it, is as tall as the terminal (Ink draws those from the top)", () => {
    const terminal = new FakeTerminal(80, 24);
    const { write } = inPlaceWriter(terminal);
    draw(80, 24, header);
    expect(write(edit)).toBe(false);
    draw(80, 23, header);
    expect(write(edit)).toBe(false);
    draw(80, 23, header);
    expect(write(edit)).toBe(true);
  });

  it("declines an edit the screen does not match", () => {
    const terminal = new FakeTerminal(80, 24);
    const { write } = inPlaceWriter(terminal);
    draw(80, 23, header);
    expect(write({ ...edit, from: "7" })).toBe(false);
    expect(terminal.written).toEqual([]);
  });

  it("declines the first edit after a resize, so that a render draws the screen whole again", () => {
    const terminal = new FakeTerminal(80, 24);
    const { write, close } = inPlaceWriter(terminal);
    draw(80, 23, header);
    terminal.emit("resize");
    expect(write(edit)).toBe(false);
    expect(write(edit)).toBe(true);
    close();
    expect(terminal.listenerCount("resize")).toBe(0);
  });

  it("is allowed on a terminal only, and never with ASCII glyphs, in CI, under TERM=dumb or a screen reader", () => {
    const tty = { isTTY: true };
    const plain = { ascii: false, inCi: false, env: { TERM: "xterm-256color" } };
    expect(inPlaceAllowed(tty, plain)).toBe(true);
    expect(inPlaceAllowed({ isTTY: false }, plain)).toBe(false);
    expect(inPlaceAllowed({}, plain)).toBe(false);
    expect(inPlaceAllowed(tty, { ...plain, ascii: true })).toBe(false);
    expect(inPlaceAllowed(tty, { ...plain, inCi: true })).toBe(false);
    expect(inPlaceAllowed(tty, { ...plain, env: { TERM: "dumb" } })).toBe(false);
    expect(inPlaceAllowed(tty, { ...plain, env: { INK_SCREEN_READER: "true" } })).toBe(false);
  });
});
