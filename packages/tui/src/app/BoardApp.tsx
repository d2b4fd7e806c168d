import { useApp, useInput, useStdin } from "ink";
import { useEffect, useRef, useState } from "react";
import type { SessionSocket } from "../client/session-socket.js";
import { useDashboard } from "../hooks/use-dashboard.js";
import { useTerminalSize } from "../hooks/use-terminal-size.js";
import { addProof, type BoardTally, emptyTally } from "../state/board-tally.js";
import { Board } from "../views/Board.js";

export interface BoardAppProps {
  connection: SessionSocket;
  /** Tests pin the size; a terminal's own size is used otherwise. */
  size?: { columns: number; rows: number };
  ascii?: boolean;
}

/**
 * `watch --board`: the same connection and state as the dashboard, drawn for a projector. It asks for
 * the candidate list of every block it sees arrive, which gives both the picture of the draw and the
 * expected wins.
 */
export function BoardApp({ connection, size, ascii = false }: BoardAppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const terminal = useTerminalSize();
  const { columns, rows } = size ?? terminal;
  const [state] = useDashboard(connection, null);
  const [help, setHelp] = useState(false);
  const [tally, setTally] = useState<BoardTally>(emptyTally);

  useInput(
    (text, key) => {
      if (text === "q" || (key.ctrl && text === "c")) exit();
      else if (text === "?") setHelp((shown) => !shown);
      else if (key.escape) setHelp(false);
    },
    { isActive: isRawModeSupported === true },
  );

  const lastRound = state.chain.findLast((entry) => entry.lottery !== null)?.lottery?.round ?? null;
  const requested = useRef(new Set<number>());
  useEffect(() => {
    if (lastRound === null || requested.current.has(lastRound)) return;
    // Bounded: a long class must not grow it; a cleared round is at worst asked again.
    if (requested.current.size >= 256) requested.current.clear();
    if (connection.send({ type: "proof", round: lastRound })) requested.current.add(lastRound);
  }, [lastRound, connection]);

  useEffect(() => {
    setTally((current) => {
      let next = current;
      for (const { proof } of state.proofs.values()) next = addProof(next, proof);
      return next;
    });
  }, [state.proofs]);

  return (
    <Board
      state={state}
      tally={tally}
      columns={columns}
      rows={rows}
      server={`${connection.host}:${connection.port}`}
      ascii={ascii}
      help={help}
    />
  );
}
