import { frameOf, linesOf } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { BpmPrompt } from "./BpmPrompt.js";
import { HelpOverlay } from "./HelpOverlay.js";
import { StakePrompt } from "./StakePrompt.js";

describe("StakePrompt", () => {
  it("validates as you type and gives the reason", async () => {
    expect(await frameOf(<StakePrompt value="1e3" width={100} />)).toContain(
      "exponent notation is not accepted",
    );
    expect(await frameOf(<StakePrompt value="0x10" width={100} />)).toContain("hex, octal and binary");
    expect(await frameOf(<StakePrompt value="250" width={100} />)).toContain("ok: 250 tokens, press Enter");
    expect(await frameOf(<StakePrompt value="" width={60} />)).toContain("type a number of tokens");
  });

  it("shows why the last Enter was refused in place of the hint", async () => {
    const frame = await frameOf(<StakePrompt value="" notice='refused "1e3": no exponents' width={60} />);
    expect(linesOf(frame)[1]).toBe('refused "1e3": no exponents');
  });
});

describe("BpmPrompt", () => {
  const base = { auto: false, round: 12, submission: null, width: 100 };

  it("says whether the candidate was accepted and for which block", async () => {
    const frame = await frameOf(
      <BpmPrompt {...base} value="" submission={{ round: 12, bpm: 72, status: "accepted", index: 42 }} />,
    );
    expect(linesOf(frame)).toEqual([
      "BPM for round 12:     [a] auto off",
      "accepted: BPM 72 for block 42 in round 12",
    ]);
  });

  it("shows a refusal, a bad BPM as you type, and auto mode", async () => {
    expect(
      await frameOf(
        <BpmPrompt
          {...base}
          value=""
          submission={{
            round: 12,
            bpm: 72,
            status: "refused",
            code: "ALREADY_SUBMITTED",
            message: "one per round",
          }}
        />,
      ),
    ).toContain("refused: ALREADY_SUBMITTED: one per round");
    expect(await frameOf(<BpmPrompt {...base} value="400" />)).toContain("the BPM is out of range");
    expect(await frameOf(<BpmPrompt {...base} value="" auto />)).toContain("[a] auto on");
    expect(await frameOf(<BpmPrompt {...base} value="" notice="press q again to quit" />)).toContain(
      "press q again to quit",
    );
  });
});

describe("HelpOverlay", () => {
  it("lists the keys, without the validator's ones for a spectator", async () => {
    const full = await frameOf(<HelpOverlay width={100} height={10} spectator={false} />);
    expect(full).toContain("q, Ctrl+C");
    expect(full).toContain("auto: submit a plausible BPM");
    const tall = await frameOf(<HelpOverlay width={100} height={16} spectator={false} />);
    expect(tall).toContain("x puts down the red alarm banner");
    expect(tall).toContain("e edits its BPM here (tamper view)");
    const spectator = await frameOf(<HelpOverlay width={60} height={10} spectator />);
    expect(spectator).not.toContain("auto");
    expect(spectator).toContain("scroll the chain");
  });
});
