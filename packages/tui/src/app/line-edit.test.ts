import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { editLine } from "./line-edit.js";

const none: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe("editLine", () => {
  it("appends printable text and drops control characters", () => {
    expect(editLine("7", "2", none)).toBe("72");
    expect(editLine("", "7\u001b[31m2\u0007", none)).toBe("7[31m2");
  });

  it("deletes one character for a recognised backspace or delete key", () => {
    expect(editLine("123", "", { ...none, backspace: true })).toBe("12");
    expect(editLine("123", "\u007f", { ...none, delete: true })).toBe("12");
  });

  it("applies backspaces that arrive in one chunk with other keys, in order", () => {
    expect(editLine("1e3", "\u007f\u007f00", none)).toBe("100");
    expect(editLine("", "12\b3", none)).toBe("13");
    expect(editLine("9", "\u007f\u007f\u007f", none)).toBe("");
  });

  it("caps the line at 40 characters", () => {
    expect(editLine("", "1".repeat(60), none)).toHaveLength(40);
  });
});
