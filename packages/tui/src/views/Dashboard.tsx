import { Box, Text } from "ink";
import { lazy, type ReactNode, Suspense } from "react";
import type { ChainEntry, DashboardState } from "../state/dashboard-state.js";
import { stakeRows } from "../state/stake-rows.js";
import { AnnouncementsPanel } from "./AnnouncementsPanel.js";
import { Banner, bannerCount } from "./Banner.js";
import { BlockDetails } from "./BlockDetails.js";
import { BpmPrompt } from "./BpmPrompt.js";
import { ChainPanel } from "./ChainPanel.js";
import { Header, type HeaderProps } from "./Header.js";
import { HelpOverlay } from "./HelpOverlay.js";
import { dashboardLayout, type Focus } from "./layout.js";
import { StakePanel } from "./StakePanel.js";
import { StakePrompt } from "./StakePrompt.js";
import { stakeItems } from "./stake-window.js";

export type DashboardMode = "stake-prompt" | "bpm" | "watch";
export type Overlay = "none" | "help" | "details" | "chart";

// The chart and its library load when first opened, so the first frame of `connect` never pays for them.
const ShareChartView = lazy(() => import("./ShareChartView.js"));

export interface DashboardProps {
  state: DashboardState;
  columns: number;
  rows: number;
  /** Tests pin the clock; otherwise the header keeps its own. */
  now?: number;
  server: string;
  me: HeaderProps["me"];
  mode: DashboardMode;
  input: string;
  /** A refusal or a hint about the last key, shown under the prompt until the next key. */
  notice?: string | null;
  auto: boolean;
  /** 0 is the newest block. */
  selected: number;
  overlay: Overlay;
  /** The panel the arrows act on (the chain unless another was chosen). */
  focus?: Focus;
  /** Scroll position of the stake list. */
  stakeOffset?: number;
  hideOffline?: boolean;
  /** Lines of the block details scrolled past. */
  detailsScroll?: number;
  /** How many of the newest announcements are scrolled past. */
  newsScrolled?: number;
  /** ASCII glyphs only (terminals without Unicode). */
  ascii?: boolean;
  /** The BPM being typed in the block details' tamper view, or null when not editing. */
  edit?: string | null;
}

/** The entry as the screen shows it: the tamper view's edit of it when one is in progress. */
export function shownEntry(state: DashboardState, entry: ChainEntry): ChainEntry {
  const edited = state.tamper?.entries.get(entry.block.Index);
  return edited === undefined ? entry : { ...entry, ...edited };
}

export { WIDE_COLUMNS } from "./layout.js";

const KEY_HINTS: Record<Focus, string> = {
  chain: "? keys · s stake · c chart · q quit",
  stake: "↑↓ scroll stake · o offline · Esc · q quit",
  news: "↑↓ scroll news · Esc · q quit",
};

export function Dashboard(props: DashboardProps) {
  const { state, columns, rows, mode } = props;
  const focus = props.focus ?? "chain";
  const hideOffline = props.hideOffline ?? false;
  // One line short of the terminal: a frame as tall as the screen makes Ink clear it on every render.
  const height = Math.max(8, rows - 1);
  const stake = stakeRows(state.validators, state.me);
  const banners = bannerCount(state.alarm, state.tamper);
  const layout = dashboardLayout(columns, rows, mode, stakeItems(stake, hideOffline).length, focus, banners);
  const { body } = layout;
  const newsPanel = (
    <AnnouncementsPanel
      items={state.announcements}
      width={layout.sideWidth}
      height={layout.newsHeight}
      scrolled={props.newsScrolled ?? 0}
      focused={focus === "news"}
      ascii={props.ascii ?? false}
    />
  );
  const stakePanel = (
    <StakePanel
      rows={stake}
      width={layout.sideWidth}
      height={layout.stakeHeight}
      offset={props.stakeOffset ?? 0}
      focused={focus === "stake"}
      hideOffline={hideOffline}
      ascii={props.ascii ?? false}
      figures={{ now: state.concentration, giniHistory: state.stakeHistory.map((s) => s.gini) }}
    />
  );
  const selectedEntry = state.chain[state.chain.length - 1 - props.selected];

  let content: ReactNode;
  if (props.overlay === "help") {
    content = <HelpOverlay width={columns} height={body} spectator={mode === "watch"} />;
  } else if (props.overlay === "chart") {
    content = (
      <Suspense fallback={<Text dimColor>loading the chart…</Text>}>
        <ShareChartView state={state} width={columns} height={body} />
      </Suspense>
    );
  } else if (props.overlay === "details" && selectedEntry !== undefined) {
    const proof =
      selectedEntry.lottery === null ? null : (state.proofs.get(selectedEntry.lottery.round) ?? null);
    content = (
      <BlockDetails
        entry={shownEntry(state, selectedEntry)}
        tampered={state.tamper?.entries.has(selectedEntry.block.Index) ?? false}
        edit={props.edit ?? null}
        proof={proof}
        validators={state.validators}
        me={state.me}
        width={columns}
        height={body}
        scroll={props.detailsScroll ?? 0}
        ascii={props.ascii ?? false}
      />
    );
  } else if (layout.wide) {
    content = (
      <Box flexDirection="row" height={body}>
        <ChainPanel
          entries={state.chain}
          selected={props.selected}
          me={state.me}
          validators={state.validators}
          width={layout.chainWidth}
          height={body}
          tamper={state.tamper}
          ascii={props.ascii ?? false}
        />
        <Box width={2} />
        <Box flexDirection="column" width={layout.sideWidth} height={body}>
          {stakePanel}
          {newsPanel}
        </Box>
      </Box>
    );
  } else {
    content = (
      <Box flexDirection="column" height={body}>
        <ChainPanel
          entries={state.chain}
          selected={props.selected}
          me={state.me}
          validators={state.validators}
          width={columns}
          height={layout.chainHeight}
          tamper={state.tamper}
          ascii={props.ascii ?? false}
        />
        {stakePanel}
        {newsPanel}
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={columns} height={height} overflow="hidden">
      <Header
        me={props.me}
        server={props.server}
        connection={state.connection}
        round={state.round}
        now={props.now}
        width={columns}
        keys={
          props.overlay !== "none"
            ? undefined
            : `${state.alarm === null ? "" : "x dismiss · "}${
                props.ascii ? KEY_HINTS[focus].replace("↑↓", "up/down") : KEY_HINTS[focus]
              }`
        }
      />
      <Banner alarm={state.alarm} tamper={state.tamper} width={columns} ascii={props.ascii ?? false} />
      {content}
      {mode === "stake-prompt" ? (
        <StakePrompt value={props.input} notice={props.notice ?? null} width={columns} />
      ) : null}
      {mode === "bpm" ? (
        <BpmPrompt
          value={props.input}
          auto={props.auto}
          round={state.round?.round ?? null}
          submission={state.submission}
          notice={props.notice ?? null}
          width={columns}
          halt={state.autoHalt}
        />
      ) : null}
    </Box>
  );
}
