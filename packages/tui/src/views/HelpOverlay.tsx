import { Text } from "ink";
import { Panel } from "./Panel.js";

const KEYS: [string, string][] = [
  ["0-9, Enter", "type a BPM, Enter submits it; a refused one is cleared"],
  ["↑ ↓  PgUp PgDn", "scroll the chain, or the panel chosen with s / Tab"],
  ["s", "scroll the stake list (again, or Esc: back to the chain)"],
  ["Tab", "move the arrows on: chain, stake, announcements"],
  ["o", "hide or show the offline validators"],
  ["Enter (empty) / d", "block details: ↑↓ scroll, ← → older/newer, e edits its BPM here (tamper view)"],
  ["c", "chart: each validator's share of the stake over recent blocks"],
  ["a", "auto: submit a plausible BPM every round (on/off)"],
  ["Esc, x", "Esc closes this or the details; x puts down the red alarm banner"],
  ["?", "show or hide these keys"],
  ["q, Ctrl+C", "quit; with text typed, q clears it first (q again quits)"],
];

export function HelpOverlay({
  width,
  height,
  spectator,
}: {
  width: number;
  height: number;
  spectator: boolean;
}) {
  const keys = spectator ? KEYS.filter(([key]) => !["0-9, Enter", "a"].includes(key)) : KEYS;
  return (
    <Panel title="Keys" width={width} height={height}>
      {keys.map(([key, what]) => (
        <Text key={key} wrap="truncate-end">
          <Text bold color="yellow">
            {key.padEnd(18)}
          </Text>
          {what}
        </Text>
      ))}
    </Panel>
  );
}
