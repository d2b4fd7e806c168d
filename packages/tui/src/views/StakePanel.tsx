import type { Concentration } from "@pos-tui/core";
import { Text } from "ink";
import type { StakeRow } from "../state/stake-rows.js";
import { concentrationLine } from "./concentration-line.js";
import { fit, percent } from "./format.js";
import { glyphsFor } from "./glyphs.js";
import { Panel } from "./Panel.js";
import { type StakeItem, stakeItems, stakeWindow } from "./stake-window.js";

export interface StakePanelProps {
  rows: readonly StakeRow[];
  width: number;
  height: number;
  /** Scroll position: index of the first item shown (clamped here). */
  offset?: number;
  /** Arrows scroll this panel. */
  focused?: boolean;
  hideOffline?: boolean;
  ascii?: boolean;
  /** Concentration of the online stake, and the Gini over recent blocks (oldest first). */
  figures?: { now: Concentration; giniHistory: readonly number[] };
}

/** Lines above the list with figures: the title, and the concentration figures. */
export const STAKE_HEADER_LINES = 2;

function title(rows: readonly StakeRow[], hideOffline: boolean): string {
  const offline = rows.filter((row) => !row.online).length;
  const online = rows.length - offline;
  const who =
    offline === 0
      ? `${rows.length} validator${rows.length === 1 ? "" : "s"}`
      : `${online} online, ${offline} offline${hideOffline ? " (hidden)" : ""}`;
  return `Stake · ${who} · % = expected win% next round`;
}

/**
 * One bar per validator: its chance to win the next round (its share of the stake of those online),
 * beside its real share of wins. Offline validators are listed apart and cannot win. Your own row is
 * always on screen, however far the list is scrolled.
 */
export function StakePanel({
  rows,
  width,
  height,
  offset = 0,
  focused = false,
  hideOffline = false,
  ascii = false,
  figures,
}: StakePanelProps) {
  const g = glyphsFor(ascii);
  const items = stakeItems(rows, hideOffline);
  const room = Math.max(0, height - (figures === undefined ? 1 : STAKE_HEADER_LINES));
  const view = stakeWindow(items, room, offset);
  const labelWidth = Math.min(16, Math.max(8, Math.floor(width / 5)));
  const tail = " 100.0% won 100.0% 9999";
  // One column each for the online dot and the "*" that marks you, as in the chain panel.
  const barWidth = Math.max(3, width - 2 - labelWidth - tail.length);

  const line = (item: StakeItem, key: string) => {
    if (item.kind === "divider")
      return (
        <Text key={key} dimColor wrap="truncate-end">
          {`${g.rule.repeat(2)} offline: ${item.offline}, not in the draw · o hides them ${g.rule.repeat(width)}`}
        </Text>
      );
    const { row } = item;
    const share = row.expectedShare ?? 0;
    const filled = Math.min(barWidth, Math.round(share * barWidth));
    return (
      <Text
        key={key}
        wrap="truncate-end"
        color={row.mine ? "green" : undefined}
        bold={row.mine}
        dimColor={!row.online && !row.mine}
      >
        <Text color={row.online ? "green" : "gray"}>{row.online ? g.online : g.offline}</Text>
        {`${row.mine ? "*" : " "}${fit(row.label, labelWidth)}`}
        <Text color={row.mine ? "green" : "blue"}>{g.full.repeat(filled)}</Text>
        {g.empty.repeat(barWidth - filled)}
        {` ${(row.expectedShare === null ? "off" : percent(row.expectedShare)).padStart(6)} won ${percent(row.winShare).padStart(6)} ${String(row.wins).padStart(4)}`}
      </Text>
    );
  };

  const footer = view.footer;
  const keysHint = focused ? `${g.up}${g.down} PgUp PgDn scroll · o offline · Esc` : "s or Tab: scroll";
  return (
    <Panel title={title(rows, hideOffline)} width={width} height={height} focused={focused}>
      {rows.length === 0 ? <Text dimColor>no validators yet</Text> : null}
      {rows.length === 0 || figures === undefined ? null : (
        <Text wrap="truncate-end" color="magenta">
          {concentrationLine(figures.now, figures.giniHistory, width, ascii)}
        </Text>
      )}
      {view.pinned?.at === "top" ? line(view.pinned.item, "pinned") : null}
      {items.slice(view.first, view.first + view.size).map((item, i) => line(item, `item-${view.first + i}`))}
      {view.pinned?.at === "bottom" ? line(view.pinned.item, "pinned") : null}
      {footer === null ? null : (
        <Text dimColor wrap="truncate-end">
          {[
            footer.above > 0 ? `${g.up} ${footer.above} above` : "",
            footer.below > 0 ? `${g.down} ${footer.below} more` : "",
            keysHint,
          ]
            .filter((part) => part !== "")
            .join(" · ")}
        </Text>
      )}
    </Panel>
  );
}
