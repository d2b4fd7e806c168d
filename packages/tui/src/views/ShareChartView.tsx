import { Text } from "ink";
import type { DashboardState } from "../state/dashboard-state.js";
import { displayName } from "../state/names.js";
import { percent } from "./format.js";
import { Panel } from "./Panel.js";
import { shareChart } from "./share-chart.js";

export interface ShareChartViewProps {
  state: Pick<DashboardState, "stakeHistory" | "validators" | "me">;
  width: number;
  height: number;
}

/**
 * Each validator's share of all stake over the recent blocks: with rewards on, whether the big get
 * bigger is seen here at a glance. Loaded only when opened, with its chart library.
 */
export function ShareChartView({ state, width, height }: ShareChartViewProps) {
  // Title, legend and the block range below the plot.
  const chart = shareChart(
    state.stakeHistory,
    (key) => (key === state.me ? "you" : displayName(state.validators, key)),
    { width, height: height - 3, colour: true },
  );
  if (chart === null)
    return (
      <Panel title="Stake share over time" width={width} height={height}>
        <Text dimColor>Waiting for blocks: the chart starts with the second one seen.</Text>
      </Panel>
    );
  return (
    <Panel
      title={`Stake share over time · blocks ${chart.from} to ${chart.to} · c or Esc closes`}
      width={width}
      height={height}
    >
      <Text wrap="truncate-end">
        {chart.legend.map((item, i) => (
          <Text key={item.key} color={item.colour}>
            {`${i === 0 ? "" : "  "}${item.label} ${percent(item.share)}`}
          </Text>
        ))}
      </Text>
      {chart.lines.map((line, i) => (
        // The plot's lines are fixed rows of one picture: their position is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Panel>
  );
}

export default ShareChartView;
