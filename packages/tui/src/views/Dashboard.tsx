import { Box } from "ink";
import type { ReactNode } from "react";
import type { DashboardState } from "../state/dashboard-state.js";
import { stakeRows } from "../state/stake-rows.js";
import { AnnouncementsPanel } from "./AnnouncementsPanel.js";
import { BlockDetails } from "./BlockDetails.js";
import { BpmPrompt } from "./BpmPrompt.js";
import { ChainPanel } from "./ChainPanel.js";
import { Header, type HeaderProps } from "./Header.js";
import { HelpOverlay } from "./HelpOverlay.js";
import { StakePanel } from "./StakePanel.js";
import { StakePrompt } from "./StakePrompt.js";

export type DashboardMode = "stake-prompt" | "bpm" | "watch";
export type Overlay = "none" | "help" | "details";

export interface DashboardProps {
  state: DashboardState;
  columns: number;
  rows: number;
  now: number;
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
}

/** Side by side from this width; below it the panels stack (a third of a wide screen is ~60). */
export const WIDE_COLUMNS = 100;

export function Dashboard(props: DashboardProps) {
  const { state, columns, rows, mode } = props;
  // One line short of the terminal: a frame as tall as the screen makes Ink clear it on every render.
  const height = Math.max(8, rows - 1);
  const promptHeight = mode === "watch" ? 0 : 2;
  const body = Math.max(3, height - 2 - promptHeight);
  const stake = stakeRows(state.validators, state.me);
  const selectedEntry = state.chain[state.chain.length - 1 - props.selected];

  let content: ReactNode;
  if (props.overlay === "help") {
    content = <HelpOverlay width={columns} height={body} spectator={mode === "watch"} />;
  } else if (props.overlay === "details" && selectedEntry !== undefined) {
    const proof =
      selectedEntry.lottery === null ? null : (state.proofs.get(selectedEntry.lottery.round) ?? null);
    content = (
      <BlockDetails
        entry={selectedEntry}
        proof={proof}
        validators={state.validators}
        me={state.me}
        width={columns}
        height={body}
      />
    );
  } else if (columns >= WIDE_COLUMNS) {
    const left = Math.max(52, Math.floor(columns * 0.5));
    const right = columns - left - 2;
    const stakeHeight = Math.min(stake.length + 1, Math.max(3, Math.floor(body / 2)));
    content = (
      <Box flexDirection="row" height={body}>
        <ChainPanel
          entries={state.chain}
          selected={props.selected}
          me={state.me}
          validators={state.validators}
          width={left}
          height={body}
        />
        <Box width={2} />
        <Box flexDirection="column" width={right} height={body}>
          <StakePanel rows={stake} width={right} height={Math.max(2, stakeHeight)} />
          <AnnouncementsPanel
            items={state.announcements}
            width={right}
            height={body - Math.max(2, stakeHeight)}
          />
        </Box>
      </Box>
    );
  } else {
    const stakeHeight = Math.min(stake.length + 1, Math.max(3, Math.floor(body * 0.3)));
    const newsHeight = Math.max(3, Math.floor(body * 0.3));
    const chainHeight = Math.max(2, body - Math.max(2, stakeHeight) - newsHeight);
    content = (
      <Box flexDirection="column" height={body}>
        <ChainPanel
          entries={state.chain}
          selected={props.selected}
          me={state.me}
          validators={state.validators}
          width={columns}
          height={chainHeight}
        />
        <StakePanel rows={stake} width={columns} height={Math.max(2, stakeHeight)} />
        <AnnouncementsPanel items={state.announcements} width={columns} height={newsHeight} />
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
      />
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
        />
      ) : null}
    </Box>
  );
}
