import type { ValidatorInfo } from "@pos-tui/core";
import { Text } from "ink";
import type { CandidateList } from "../state/candidate-list.js";
import type { ChainEntry } from "../state/dashboard-state.js";
import { displayName } from "../state/names.js";
import { detailLines } from "./detail-lines.js";
import { Panel } from "./Panel.js";

export interface BlockDetailsProps {
  entry: ChainEntry;
  proof: CandidateList | null;
  validators: ReadonlyMap<string, ValidatorInfo>;
  me: string | null;
  width: number;
  height: number;
  /** Lines scrolled past (clamped here). */
  scroll?: number;
  ascii?: boolean;
  /** The BPM being typed for the tamper view, or null when not editing. */
  edit?: string | null;
  /** The entry shown is a local edit (the tamper view), not what the server sent. */
  tampered?: boolean;
}

/** How far the details of a block can scroll in a panel of `height` lines. */
export function detailsMaxScroll(props: Omit<BlockDetailsProps, "scroll">): number {
  const lines = detailLines({ ...props, ascii: props.ascii ?? false });
  return Math.max(0, lines.length - Math.max(0, props.height - 1));
}

/** Everything needed to check the block and its lottery by hand, in a window that scrolls. */
export function BlockDetails(props: BlockDetailsProps) {
  const { entry, validators, me, width, height, scroll = 0, ascii = false, tampered = false } = props;
  const { block } = entry;
  const who =
    block.Index === 0 ? "genesis" : block.Validator === me ? "you" : displayName(validators, block.Validator);
  const lines = detailLines({ ...props, ascii });
  const room = Math.max(0, height - 1);
  const first = Math.min(Math.max(0, scroll), Math.max(0, lines.length - room));
  const shown = lines.slice(first, first + room);
  const more = lines.length > room;
  const position = more
    ? ` · ${ascii ? "^v" : "↑↓"} ${first + 1}-${first + shown.length}/${lines.length}`
    : "";
  return (
    <Panel
      title={`Block #${block.Index}${tampered ? " (edited here)" : ""} · by ${who} · Esc ${tampered ? "restores" : "closes"}${position} · ${ascii ? "<>" : "←→"} other blocks · e edits`}
      width={width}
      height={height}
    >
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions in a fixed window
        <Text key={i} wrap="truncate-end">
          {line.length === 0
            ? " "
            : line.map((span, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: spans are positions in a line
                <Text key={j} color={span.color} bold={span.bold} dimColor={span.dim}>
                  {span.text}
                </Text>
              ))}
        </Text>
      ))}
    </Panel>
  );
}
