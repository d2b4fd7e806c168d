import { shortHex, type ValidatorInfo } from "@pos-tui/core";
import { Text } from "ink";
import type { ChainEntry, Tamper } from "../state/dashboard-state.js";
import { displayName } from "../state/names.js";
import { clock, fit } from "./format.js";
import { standing } from "./glyphs.js";
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
  /** A block edited locally: it and every block after it are shown as the edit leaves them. */
  tamper?: Tamper | null;
  ascii?: boolean;
}

/**
 * The newest blocks first, each with its check column (verified, failed, pending) as its checks found
 * when it arrived; a failed block's row is red.
 */
export function ChainPanel({
  entries,
  selected,
  me,
  validators,
  width,
  height,
  tamper = null,
  ascii = false,
}: ChainPanelProps) {
  const rows = Math.max(0, height - 1);
  const first = Math.max(0, selected - rows + 1);
  const visible: ChainEntry[] = [];
  for (let i = first; i < first + rows && i < entries.length; i++)
    visible.push(entries[entries.length - 1 - i]!);
  const tip = entries.at(-1)?.block.Index;
  const showTime = width >= 52;
  const nameWidth = Math.max(4, width - 2 - 8 - 9 - 2 - 4 - (showTime ? 9 : 0));
  const position = entries.length > rows ? ` · ${selected + 1}/${entries.length}` : "";
  return (
    <Panel
      title={`Chain${tip === undefined ? "" : ` · tip #${tip}`}${position}`}
      width={width}
      height={height}
    >
      {entries.length === 0 ? <Text dimColor>waiting for the chain…</Text> : null}
      {visible.map((held, i) => {
        const shown = tamper?.entries.get(held.block.Index) ?? held;
        const { block, verdict } = shown;
        const mine = me !== null && block.Validator === me;
        const isSelected = first + i === selected;
        const who = block.Index === 0 ? "genesis" : mine ? "you" : displayName(validators, block.Validator);
        const look = standing(verdict.status, ascii);
        const failed = verdict.status === "failed";
        const color = failed ? "red" : mine ? "green" : undefined;
        return (
          <Text
            key={held.block.Hash}
            inverse={isSelected}
            color={color}
            bold={mine || failed}
            wrap="truncate-end"
          >
            {`${isSelected ? "▸" : " "}${mine ? "*" : " "}${fit(`#${block.Index}`, 8)}${fit(shortHex(block.Hash), 9)}`}
            <Text color={look.color}>{look.glyph}</Text>
            {` ${fit(String(block.BPM), 4)}${fit(who, nameWidth)}${showTime ? ` ${clock(block.Timestamp)}` : ""}`}
          </Text>
        );
      })}
    </Panel>
  );
}
