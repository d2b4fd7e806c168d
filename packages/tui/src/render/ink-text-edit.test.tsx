import { flush } from "@pos-tui/testkit/render";
import { Box, type DOMElement, Text } from "ink";
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import type { InPlaceWriter, ScreenEdit } from "./in-place.js";
import { changedSpan, editInkText } from "./ink-text-edit.js";

describe("changedSpan", () => {
  it("is the run from the first to the last differing character", () => {
    expect(changedSpan("closes in 25s", "closes in 24s")).toEqual({ start: 11, from: "5", to: "4" });
    expect(changedSpan("closes in 20s", "closes in 19s")).toEqual({ start: 10, from: "20", to: "19" });
    expect(changedSpan("a 1 b 2", "a 3 b 4")).toEqual({ start: 2, from: "1 b 2", to: "3 b 4" });
  });

  it("is null for texts of different lengths, or the same text", () => {
    expect(changedSpan("closes in 10s", "closes in 9s")).toBeNull();
    expect(changedSpan("same", "same")).toBeNull();
  });
});

/** A countdown line below a title, inside a padded box: `line` is its <Text> in Ink's tree. */
function Screen({ text, other, onBox }: { text: string; other: string; onBox: (box: DOMElement) => void }) {
  return (
    <Box flexDirection="column" paddingLeft={3} paddingTop={1}>
      <Text>{other}</Text>
      <Box
        ref={(element) => {
          if (element !== null) onBox(element);
        }}
      >
        <Text>
          {text}
          <Text color="green"> · keys</Text>
        </Text>
      </Box>
    </Box>
  );
}

async function setup(accept: boolean) {
  const edits: ScreenEdit[] = [];
  const write: InPlaceWriter = (edit) => {
    edits.push(edit);
    return accept;
  };
  let box: DOMElement | null = null;
  const onBox = (element: DOMElement) => {
    box = element;
  };
  const app = render(<Screen text="round 7 · closes in 25s" other="title" onBox={onBox} />);
  await flush();
  const line = (box as DOMElement | null)?.childNodes[0];
  if (line?.nodeName !== "ink-text") throw new Error("no <Text> in the box");
  return { app, edits, write, line, onBox };
}

describe("editInkText", () => {
  it("writes the changed characters where Ink's layout put them", async () => {
    const { app, edits, write, line } = await setup(true);
    try {
      expect(editInkText(line, "round 7 · closes in 24s", write)).toBe(true);
      // Three columns of padding, one row of padding and the title above.
      expect(edits).toEqual([{ row: 2, col: 3 + 21, from: "5", to: "4" }]);
    } finally {
      app.unmount();
    }
  });

  it("leaves the edited text in Ink's tree: a frame drawn for another reason shows it", async () => {
    const { app, write, line, onBox } = await setup(true);
    try {
      editInkText(line, "round 7 · closes in 24s", write);
      app.rerender(<Screen text="round 7 · closes in 25s" other="another title" onBox={onBox} />);
      await flush();
      expect(app.lastFrame()).toContain("another title");
      expect(app.lastFrame()).toContain("round 7 · closes in 24s · keys");
      // React's next text for the line replaces it.
      app.rerender(<Screen text="round 7 · closes in 23s" other="another title" onBox={onBox} />);
      await flush();
      expect(app.lastFrame()).toContain("round 7 · closes in 23s · keys");
    } finally {
      app.unmount();
    }
  });

  it("changes nothing and says so when the writer declines, or the text's length changes", async () => {
    const declined = await setup(false);
    try {
      expect(editInkText(declined.line, "round 7 · closes in 24s", declined.write)).toBe(false);
      expect(declined.line.childNodes[0]).toMatchObject({ nodeValue: "round 7 · closes in 25s" });
    } finally {
      declined.app.unmount();
    }
    const { app, edits, write, line } = await setup(true);
    try {
      expect(editInkText(line, "round 7 · closes in 9s", write)).toBe(false);
      expect(edits).toEqual([]);
      expect(editInkText(line, "round 7 · closes in 25s", write)).toBe(true); // nothing to change
      expect(edits).toEqual([]);
    } finally {
      app.unmount();
    }
  });
});
