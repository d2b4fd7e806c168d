import { type KeyPair, parseBpm, parseStake } from "@pos-tui/core";
import { type Key, useApp, useInput, useStdin } from "ink";
import { useCallback, useEffect, useRef, useState } from "react";
import { nextAutoBpm } from "../client/auto-bpm.js";
import { candidateFor } from "../client/candidate.js";
import type { SessionSocket } from "../client/session-socket.js";
import { useDashboard } from "../hooks/use-dashboard.js";
import { useTerminalSize } from "../hooks/use-terminal-size.js";
import { refusedUntilNextRound } from "../state/dashboard-state.js";
import { stakeRows } from "../state/stake-rows.js";
import { bannerCount } from "../views/Banner.js";
import { detailsMaxScroll } from "../views/BlockDetails.js";
import { Dashboard, type DashboardMode, type Overlay, shownEntry } from "../views/Dashboard.js";
import { dashboardLayout, type Focus } from "../views/layout.js";
import { STAKE_HEADER_LINES } from "../views/StakePanel.js";
import { stakeItems, stakeWindow } from "../views/stake-window.js";
import { editLine } from "./line-edit.js";
import { scrollTarget } from "./scroll-keys.js";
import { useLatestState } from "./use-latest-state.js";

export interface AppProps {
  connection: SessionSocket;
  /** Null for `watch`: a spectator has no key. */
  keys: KeyPair | null;
  name: string | null;
  /** Null asks for it in the TUI first. */
  stake: bigint | null;
  auto: boolean;
  random?: () => number;
  /** Tests pin the size; a terminal's own size is used otherwise. */
  size?: { columns: number; rows: number };
  /** ASCII glyphs only, for terminals without Unicode. */
  ascii?: boolean;
}

const PAGE = 10;

export function App({
  connection,
  keys,
  name,
  stake: initialStake,
  auto: initialAuto,
  random = Math.random,
  size,
  ascii = false,
}: AppProps) {
  const { exit } = useApp();
  // Without a TTY (pipes, CI) Ink leaves this undefined, and useInput must then stay off or it throws.
  const { isRawModeSupported } = useStdin();
  const terminal = useTerminalSize();
  const { columns, rows } = size ?? terminal;
  const [state, dispatch] = useDashboard(connection, keys?.publicKey ?? null);
  const [stake, setStake] = useState(initialStake);
  const [input, setInput, inputRef] = useLatestState("");
  // Why the last Enter was refused, or what the last key did (e.g. "q again quits"); the next key clears it.
  const [notice, setNotice] = useState<string | null>(null);
  const [auto, setAuto] = useState(initialAuto);
  // Several arrows can arrive in one chunk (tmux, slow ssh): each moves on from where the last one left.
  const [selected, setSelected, selectedRef] = useLatestState(0);
  const [overlay, setOverlay, overlayRef] = useLatestState<Overlay>("none");
  const [focus, setFocus, focusRef] = useLatestState<Focus>("chain");
  const [detailsScroll, setDetailsScroll, detailsScrollRef] = useLatestState(0);
  // The BPM being typed in the block details' tamper view; null when not editing.
  const [edit, setEdit, editRef] = useLatestState<string | null>(null);
  const [stakeOffset, setStakeOffset, stakeOffsetRef] = useLatestState(0);
  const [hideOffline, setHideOffline, hideOfflineRef] = useLatestState(false);
  // The newest announcement in view while scrolled back (null follows the news): news arriving
  // meanwhile does not move what is being read.
  const [newsAnchor, setNewsAnchor, newsAnchorRef] = useLatestState<number | null>(null);
  const newsScrolled = (anchor: number | null) =>
    anchor === null ? 0 : state.announcements.filter((item) => item.id > anchor).length;
  const lastAutoBpm = useRef<number | null>(null);

  const mode: DashboardMode = keys === null ? "watch" : stake === null ? "stake-prompt" : "bpm";
  const maxSelected = Math.max(0, state.chain.length - 1);
  const banners = bannerCount(state.alarm, state.tamper);

  // Input handlers are re-subscribed in an effect, after the frame is drawn: a key pressed in between
  // must still build on the round on screen, not the one before it (e.g. just after a reconnect).
  const roundRef = useRef(state.round);
  roundRef.current = state.round;
  const submit = useCallback(
    (bpm: number) => {
      const round = roundRef.current;
      if (keys === null || round === null) {
        dispatch({ type: "not-sent", why: "no-round" });
        return;
      }
      const sent = connection.send(candidateFor(round, bpm, keys, new Date()));
      if (sent) dispatch({ type: "submitted", round: round.round, bpm });
      else dispatch({ type: "not-sent", why: "offline" });
    },
    [connection, keys, dispatch],
  );

  // Auto mode: one plausible BPM per round, a moment after it opens so the round message settles.
  const roundNumber = state.round?.round ?? null;
  const submittedRound = state.submission?.round ?? null;
  const submitRef = useRef(submit);
  submitRef.current = submit;
  // A block that failed its checks stops it (autoHalt) until it is acknowledged on a good tip.
  const halted = state.autoHalt !== null;
  useEffect(() => {
    if (!auto || mode !== "bpm" || roundNumber === null || submittedRound === roundNumber) return;
    if (state.connection.kind !== "connected" || halted) return;
    const timer = setTimeout(
      () => {
        const bpm = nextAutoBpm(lastAutoBpm.current, random);
        lastAutoBpm.current = bpm;
        submitRef.current(bpm);
      },
      50 + Math.floor(random() * 250),
    );
    return () => clearTimeout(timer);
  }, [auto, mode, roundNumber, submittedRound, state.connection.kind, halted, random]);

  // Refused for its timing (joined during that round, or the round closed in transit): send the same BPM in the next one.
  const submission = state.submission;
  useEffect(() => {
    if (!refusedUntilNextRound(submission)) return;
    if (roundNumber !== null && roundNumber > submission.round) submitRef.current(submission.bpm);
  }, [submission, roundNumber]);

  const openDetails = () => {
    if (state.chain.length === 0) return;
    setDetailsScroll(0);
    setOverlay("details");
  };

  /** In the details, ↑↓ PgUp PgDn scroll the details themselves; ← → go to an older or newer block. */
  const detailsKeys = (key: Key): boolean => {
    if (key.leftArrow || key.rightArrow) {
      const next = selectedRef.current + (key.leftArrow ? 1 : -1);
      setSelected(Math.min(maxSelected, Math.max(0, next)));
      setDetailsScroll(0);
      return true;
    }
    const entry = state.chain[state.chain.length - 1 - Math.min(selectedRef.current, maxSelected)];
    if (entry === undefined) return false;
    const layout = dashboardLayout(columns, rows, mode, 0, "chain", banners);
    const proof = entry.lottery === null ? null : (state.proofs.get(entry.lottery.round) ?? null);
    const max = detailsMaxScroll({
      entry: shownEntry(state, entry),
      tampered: state.tamper?.entries.has(entry.block.Index) ?? false,
      edit: editRef.current,
      proof,
      validators: state.validators,
      me: state.me,
      width: columns,
      height: layout.body,
      ascii,
    });
    const next = scrollTarget(key, Math.min(detailsScrollRef.current, max), max, PAGE);
    if (next === null) return false;
    setDetailsScroll(next);
    return true;
  };

  // Whatever block the details show (it can change under them as blocks arrive or you scroll),
  // ask once for its round's candidate list so the draw can be re-checked here.
  const shownRound =
    overlay === "details" ? (state.chain[state.chain.length - 1 - selected]?.lottery?.round ?? null) : null;
  const requested = useRef(new Set<number>());
  useEffect(() => {
    if (shownRound === null || state.proofs.has(shownRound) || requested.current.has(shownRound)) return;
    // Bounded: a long session of scrolling must not grow it; a cleared round is at worst asked again.
    if (requested.current.size >= 256) requested.current.clear();
    if (connection.send({ type: "proof", round: shownRound })) requested.current.add(shownRound);
  }, [shownRound, state.proofs, connection]);

  /** `e` in the details: type a BPM for the block shown; it is only ever applied on this screen. */
  const startEdit = () => {
    setEdit("");
    setDetailsScroll(0);
  };

  /** While editing: digits and Backspace edit, Enter applies and shows the chain, Esc restores. */
  const tamperKeys = (text: string, key: Key) => {
    if (key.escape) {
      setEdit(null);
      dispatch({ type: "restore" });
      return;
    }
    // A chunk can carry the Enter with the digits ("99\r" from a paste or tmux).
    const parts = text.split(/\r\n|\r|\n/);
    let value = editRef.current ?? "";
    for (const [i, part] of parts.entries()) {
      value = editLine(value, part, key)
        .replace(/[^0-9]/g, "")
        .slice(0, 3);
      if (i < parts.length - 1) return applyEdit(value);
    }
    setEdit(value);
  };

  const applyEdit = (value: string) => {
    const parsed = parseBpm(value);
    if (!parsed.ok) {
      setNotice(`refused ${JSON.stringify(value)}: ${parsed.error.message}`);
      return setEdit("");
    }
    const entry = state.chain[state.chain.length - 1 - Math.min(selectedRef.current, maxSelected)];
    setEdit(null);
    if (entry === undefined) return;
    dispatch({ type: "tamper", index: entry.block.Index, bpm: parsed.value });
    // The chain panel is where the breakage shows, block after block.
    setOverlay("none");
  };

  /** `x`: the alarm was seen. Auto builds again only if the tip is good; if not, say so. */
  const acknowledgeAlarm = () => {
    const tip = state.chain.at(-1);
    dispatch({ type: "acknowledge" });
    if (state.autoHalt !== null && tip?.verdict.status === "failed")
      setNotice(`the tip, block ${tip.block.Index}, failed its checks: auto waits for a good tip`);
  };

  /** How far the stake list can scroll with the panel the size it is now. */
  const stakeMaxOffset = () => {
    const items = stakeItems(stakeRows(state.validators, state.me), hideOfflineRef.current);
    const layout = dashboardLayout(columns, rows, mode, items.length, focusRef.current, banners);
    return stakeWindow(items, layout.stakeHeight - STAKE_HEADER_LINES, 0).maxOffset;
  };

  const scrollStake = (key: Key): boolean => {
    const max = stakeMaxOffset();
    const next = scrollTarget(key, Math.min(stakeOffsetRef.current, max), max, PAGE);
    if (next === null) return false;
    setStakeOffset(next);
    return true;
  };

  const scrollNews = (key: Key): boolean => {
    const items = state.announcements;
    const max = Math.max(0, items.length - 1);
    const next = scrollTarget(key, Math.min(newsScrolled(newsAnchorRef.current), max), max, PAGE);
    if (next === null) return false;
    setNewsAnchor(next === 0 ? null : (items[items.length - 1 - next]?.id ?? null));
    return true;
  };

  /** Tab moves the arrows to the next panel; s jumps to the stake list, Esc back to the chain. */
  const focusKeys = (text: string, key: Key): boolean => {
    const order: Focus[] = ["chain", "stake", "news"];
    if (key.tab) setFocus(order[(order.indexOf(focusRef.current) + 1) % order.length]!);
    else if (key.escape && focusRef.current !== "chain") setFocus("chain");
    else if (text === "s") setFocus(focusRef.current === "stake" ? "chain" : "stake");
    else if (text === "o") setHideOffline(!hideOfflineRef.current);
    else return false;
    return true;
  };

  const scroll = (key: Key): boolean => {
    if (focusRef.current === "stake") return scrollStake(key);
    if (focusRef.current === "news") return scrollNews(key);
    const next = scrollTarget(key, Math.min(selectedRef.current, maxSelected), maxSelected, PAGE);
    if (next === null) return false;
    setSelected(next);
    return true;
  };

  /**
   * Enter in the stake prompt; returns what the input holds afterwards. A refused value is cleared
   * (typing on after it would only make it worse) and the reason stays on screen until the next key.
   */
  const enterStake = (value: string): string => {
    if (value === "" || keys === null) return value;
    const parsed = parseStake(value);
    if (!parsed.ok) {
      setNotice(`refused ${JSON.stringify(value)}: ${parsed.error.message}`);
      return "";
    }
    setStake(parsed.value);
    connection.rehello({ role: "validator", name: name ?? undefined, stake: parsed.value, keys });
    return "";
  };

  const enterBpm = (value: string): string => {
    const parsed = parseBpm(value);
    if (!parsed.ok) {
      setNotice(`refused ${JSON.stringify(value)}: ${parsed.error.message}`);
      return "";
    }
    submit(parsed.value);
    return "";
  };

  /** `q` never throws typed text away and quits in one go: with text, it clears and asks again. */
  const quit = () => {
    if (inputRef.current === "") return exit();
    setInput("");
    setNotice("cleared what you typed · press q again to quit");
  };

  // Fast typists, pastes and tmux send-keys deliver "72\r" as one chunk: Ink hands it over whole,
  // so the Enter inside it is found here rather than lost.
  const typed = (text: string, key: Key, enter: (value: string) => string): string => {
    const parts = text.split(/\r\n|\r|\n/);
    let value = inputRef.current;
    parts.forEach((part, i) => {
      value = editLine(value, part, key);
      if (i < parts.length - 1) value = enter(value);
    });
    return value;
  };

  // The stake and BPM fields take digits only, so `?` and `q` are always commands, as the header says;
  // anything else is typed into the field, where the prompt explains what is wrong with it.
  const onKey = (text: string, key: Key) => {
    if (key.ctrl && text === "c") return exit();
    setNotice(null);
    if (text === "q") return quit();
    const overlay = overlayRef.current;
    if (overlay === "help") {
      if (text === "?" || key.escape || key.return) setOverlay("none");
      return;
    }
    if (overlay === "chart") {
      if (text === "?") setOverlay("help");
      else if (text === "c" || key.escape || key.return) setOverlay("none");
      return;
    }
    if (overlay === "details") {
      if (editRef.current !== null) return tamperKeys(text, key);
      if (key.escape && state.tamper !== null) dispatch({ type: "restore" });
      else if (text === "?") setOverlay("help");
      else if (text === "e") startEdit();
      else if (key.escape || key.return || text === "d") setOverlay("none");
      else detailsKeys(key);
      return;
    }
    if (key.escape && state.tamper !== null) return dispatch({ type: "restore" });
    if (text === "x") return acknowledgeAlarm();
    if (text === "?") return setOverlay("help");
    if (mode === "stake-prompt") {
      // The stake field takes whatever is typed (the prompt explains a bad one), so only Tab and Esc.
      if ((key.tab || key.escape) && focusKeys("", key)) return;
      if (scroll(key)) return;
      if (key.return) return setInput(enterStake(inputRef.current));
      return setInput(typed(text, key, enterStake));
    }
    if (scroll(key)) return;
    if (focusKeys(text, key)) return;
    if (text === "d") return openDetails();
    if (text === "c") return setOverlay("chart");
    if (mode === "watch") {
      if (key.return) openDetails();
      return;
    }
    if (text === "a") return setAuto(!auto);
    if (key.return) {
      if (inputRef.current === "") return openDetails();
      return setInput(enterBpm(inputRef.current));
    }
    setInput(typed(text, key, enterBpm));
  };
  // Ink re-subscribes a new handler in an effect, which can run well after the frame that needed it (a
  // block that arrived while idle): keys would then act on the state before it. One stable handler
  // that calls the latest render's instead.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  const handleKey = useCallback((text: string, key: Key) => onKeyRef.current(text, key), []);
  useInput(handleKey, { isActive: isRawModeSupported === true });

  const me =
    keys === null
      ? null
      : {
          name,
          key: keys.publicKey,
          stake: stake === null ? null : stake.toString(),
        };

  return (
    <Dashboard
      state={state}
      columns={columns}
      rows={rows}
      server={`${connection.host}:${connection.port}`}
      me={me}
      mode={mode}
      input={input}
      notice={notice}
      auto={auto}
      selected={Math.min(selected, maxSelected)}
      overlay={overlay}
      focus={focus}
      stakeOffset={stakeOffset}
      hideOffline={hideOffline}
      newsScrolled={newsScrolled(newsAnchor)}
      detailsScroll={detailsScroll}
      ascii={ascii}
      edit={edit}
    />
  );
}
