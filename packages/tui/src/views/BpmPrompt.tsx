import { parseBpm } from "@pos-tui/core";
import { Box, Text } from "ink";
import type { AutoHalt, Submission } from "../state/dashboard-state.js";

export interface BpmPromptProps {
  value: string;
  auto: boolean;
  /** The round a candidate would go to, or null while there is none (not connected yet). */
  round: number | null;
  submission: Submission | null;
  width: number;
  /** Why the last Enter was refused (the field is cleared), or what the last key did. */
  notice?: string | null;
  /** Set while auto mode must not build on the chain: a block failed its checks. */
  halt?: AutoHalt | null;
}

function statusLine(submission: Submission | null, round: number | null): [string, string | undefined] {
  if (submission === null) return ["no candidate yet: type your heart rate and press Enter", "gray"];
  const stale = round !== null && submission.round !== round;
  const suffix = stale ? " (earlier round)" : "";
  switch (submission.status) {
    case "pending":
      return [`BPM ${submission.bpm} sent for round ${submission.round}…`, "yellow"];
    case "accepted":
      return [
        `accepted: BPM ${submission.bpm} for block ${submission.index} in round ${submission.round}${suffix}`,
        "green",
      ];
    case "refused": {
      const why =
        submission.code === undefined ? "no reason given" : `${submission.code}: ${submission.message ?? ""}`;
      return [`refused: ${why}${suffix}`, "red"];
    }
  }
}

export function BpmPrompt({
  value,
  auto,
  round,
  submission,
  width,
  notice = null,
  halt = null,
}: BpmPromptProps) {
  const invalid = value.length > 0 ? parseBpm(value) : null;
  const stopped = auto && halt !== null;
  const [status, colour] =
    notice !== null
      ? [notice, "yellow"]
      : invalid !== null && !invalid.ok
        ? [invalid.error.message, "red"]
        : stopped
          ? [
              `auto stopped: block ${halt.index} failed its ${halt.check} check, so no BPM is sent · x resumes once the tip is good`,
              "red",
            ]
          : statusLine(submission, round);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{round === null ? "BPM: " : `BPM for round ${round}: `}</Text>
        {value}
        <Text inverse> </Text>
        <Text color={stopped ? "red" : auto ? "green" : "gray"}>
          {`   [a] auto ${stopped ? "stopped" : auto ? "on" : "off"}`}
        </Text>
      </Text>
      <Text color={colour} wrap="truncate-end">
        {status}
      </Text>
    </Box>
  );
}
