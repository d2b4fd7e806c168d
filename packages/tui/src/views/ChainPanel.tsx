import { shortHex, type ValidatorInfo } from "@pos-tui/core";
import { Text } from "ink";
import type { ChainEntry } from "../state/dashboard-state.js";
import { displayName } from "../state/names.js";
import { clock, fit } from "./format.js";
import { Panel } from "./Panel.js";

export interface ChainPanelProps {
  /** Oldest first, as the state keeps them. */
  entries: readonly ChainEntry[];
  /** 0 is the newest block. */
  selected: number;
  me: string | null;
  validators: ReadonlyMap<string, ValidatorInfo>;
  width: number;
  height: number;
}

export function ChainPanel({ entries, selected, me, validators, width, height }: ChainPanelProps) {
  const rows = Math.max(0, height - 1);
  const first = Math.max(0, selected - rows + 1);
  const visible: ChainEntry[] = [];
  for (let i = first; i < first + rows && i < entries.length; i++)
    visible.push(entries[entries.length - 1 - i]!);
  const tip = entries.at(-1)?.block.Index;
  const showTime = width >= 52;
  const nameWidth = Math.max(4, width - 2 - 8 - 9 - 4 - (showTime ? 9 : 0));
  const position = entries.length > rows ? ` · ${selected + 1}/${entries.length}` : "";
  return (
    <Panel
      title={`Chain${tip === undefined ? "" : ` · tip #${tip}`}${position}`}
      width={width}
      height={height}
    >
      {entries.length === 0 ? <Text dimColor>waiting for the chain…</Text> : null}
      {visible.map((entry, i) => {
        const { block } = entry;
        const mine = me !== null && block.Validator === me;
        const isSelected = first + i === selected;
        const who = block.Index === 0 ? "genesis" : mine ? "you" : displayName(validators, block.Validator);
        const line =
          `${isSelected ? "▸" : " "}${mine ? "*" : " "}` +
          `${fit(`#${block.Index}`, 8)}${fit(shortHex(block.Hash), 9)}${fit(String(block.BPM), 4)}` +
          `${fit(who, nameWidth)}${showTime ? ` ${clock(block.Timestamp)}` : ""}`;
        return (
          <Text
            key={block.Hash}
            inverse={isSelected}
            color={mine ? "green" : undefined}
            bold={mine}
            wrap="truncate-end"
          >
            {line}
          </Text>
        );
      })}
    </Panel>
  );
}
