import { Text } from "ink";
import type { StakeRow } from "../state/stake-rows.js";
import { bar, fit, percent } from "./format.js";
import { Panel } from "./Panel.js";

export interface StakePanelProps {
  rows: readonly StakeRow[];
  width: number;
  height: number;
}

/** One bar per validator: its stake share is its expected share of wins, shown beside the real one. */
export function StakePanel({ rows, width, height }: StakePanelProps) {
  const room = Math.max(0, height - 1);
  const overflow = rows.length > room;
  const shown = overflow ? rows.slice(0, Math.max(0, room - 1)) : rows;
  const labelWidth = Math.min(16, Math.max(8, Math.floor(width / 5)));
  const tail = " 100.0% won 100.0% 9999";
  // One column each for the online dot and the "*" that marks you, as in the chain panel.
  const barWidth = Math.max(3, width - 2 - labelWidth - tail.length);
  return (
    <Panel
      title={`Stake · ${rows.length} validator${rows.length === 1 ? "" : "s"} · stake% = expected win%`}
      width={width}
      height={height}
    >
      {rows.length === 0 ? <Text dimColor>no validators yet</Text> : null}
      {shown.map((row) => (
        <Text
          key={row.validator}
          wrap="truncate-end"
          color={row.mine ? "green" : undefined}
          bold={row.mine}
          dimColor={!row.online && !row.mine}
        >
          <Text color={row.online ? "green" : "gray"}>{row.online ? "●" : "○"}</Text>
          {`${row.mine ? "*" : " "}${fit(row.label, labelWidth)}`}
          <Text color={row.mine ? "green" : "blue"}>{bar(row.stakeShare, barWidth)}</Text>
          {` ${percent(row.stakeShare).padStart(6)} won ${percent(row.winShare).padStart(6)} ${String(row.wins).padStart(4)}`}
        </Text>
      ))}
      {overflow ? <Text dimColor>{`+${rows.length - shown.length} more`}</Text> : null}
    </Panel>
  );
}
