import { type RoundMessage, shortHex } from "@pos-tui/core";
import { Box, type DOMElement, Text } from "ink";
import { useContext, useRef } from "react";
import { type ConnectionState, describeConnectionState } from "../client/connection-state.js";
import { useCountdownClock } from "../hooks/use-countdown-clock.js";
import { InPlaceContext } from "../render/in-place-context.js";
import { editInkText } from "../render/ink-text-edit.js";

export interface HeaderProps {
  /** Null for a spectator. */
  me: { name: string | null; key: string; stake: string | null } | null;
  server: string;
  connection: ConnectionState;
  round: RoundMessage | null;
  /** Tests pin the clock; otherwise the header keeps its own, ticking once a second. */
  now?: number;
  width: number;
  /** The keys that matter now, at the end of the second line. */
  keys?: string;
}

/** The second line while a round is open; its countdown is the only part that changes with time. */
const roundLine = (round: RoundMessage, now: number) =>
  `round ${round.round} · closes in ${Math.ceil(Math.max(0, Date.parse(round.closesAt) - now) / 1000)}s` +
  ` · next block #${round.tipIndex + 1}`;

const STATE_COLOURS: Record<ConnectionState["kind"], string> = {
  idle: "gray",
  connecting: "yellow",
  connected: "green",
  reconnecting: "yellow",
  closed: "red",
};

export function Header({
  me,
  server,
  connection,
  round,
  now: pinned,
  width,
  keys = "? keys · q quit",
}: HeaderProps) {
  // While disconnected the round on screen is stale: the second line says why instead of counting.
  const reason =
    connection.kind === "reconnecting" || connection.kind === "closed" ? connection.reason : null;
  // The header is the only part that changes with time, and only when a countdown it shows
  // changes. The round's countdown, the one that runs while nothing else happens, is written in
  // place when it can be (on a terminal, the digits' width unchanged): no render at all.
  const inPlace = useContext(InPlaceContext);
  const box = useRef<DOMElement>(null);
  const clock = useCountdownClock(
    [
      round === null || reason !== null ? null : Date.parse(round.closesAt),
      connection.kind === "reconnecting" ? connection.retryAt : null,
    ],
    pinned === undefined,
    (at) => {
      const line = box.current?.childNodes[1];
      if (inPlace === null || round === null || reason !== null || line?.nodeName !== "ink-text")
        return false;
      return editInkText(line, roundLine(round, at), inPlace);
    },
  );
  const now = pinned ?? clock;
  const who =
    me === null
      ? "spectator"
      : `${me.name === null ? "" : `${me.name} `}${shortHex(me.key)}${me.stake === null ? "" : ` · stake ${me.stake}`}`;
  return (
    <Box ref={box} flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color="magenta">
          pos-tui
        </Text>
        {" · "}
        <Text color={STATE_COLOURS[connection.kind]}>{describeConnectionState(connection, now)}</Text>
        {` · ${who} · ${server}`}
      </Text>
      {reason !== null ? (
        <Text wrap="truncate-end">
          <Text color={STATE_COLOURS[connection.kind]}>{reason}</Text>
          <Text dimColor>{` · ${keys}`}</Text>
        </Text>
      ) : (
        <Text wrap="truncate-end" dimColor={round === null}>
          {round === null ? "waiting for the first round…" : roundLine(round, now)}
          <Text dimColor>{` · ${keys}`}</Text>
        </Text>
      )}
    </Box>
  );
}
