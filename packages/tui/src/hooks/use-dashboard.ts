import { LiveVerifier, type ServerMessage } from "@pos-tui/core";
import { type Dispatch, useEffect, useReducer } from "react";
import type { ConnectionState } from "../client/connection-state.js";
import { takeEarlyEvents } from "../client/early-events.js";
import type { SessionSocket } from "../client/session-socket.js";
import {
  type DashboardEvent,
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
} from "../state/dashboard-state.js";
import { verifiedEvent } from "../state/verified-feed.js";

/**
 * The dashboard state, fed by the connection's messages (each checked by this client's LiveVerifier
 * first, whose background requests go out on the same connection) and state changes.
 */
export function useDashboard(
  connection: SessionSocket,
  me: string | null,
): [DashboardState, Dispatch<DashboardEvent>] {
  const [state, dispatch] = useReducer(dashboardReducer, me, (key) => ({
    ...initialDashboardState(key),
    connection: connection.state,
  }));
  useEffect(() => {
    const verifier = new LiveVerifier();
    const onMessage = (message: ServerMessage) => {
      const { event, requests } = verifiedEvent(verifier, message);
      dispatch(event);
      for (const request of requests) connection.send(request);
    };
    const onState = (next: ConnectionState) => dispatch({ type: "connection", state: next });
    connection.on("message", onMessage).on("state", onState);
    // A connection opened before the dashboard loaded: what it said meanwhile, in order.
    for (const event of takeEarlyEvents(connection)) {
      if (event.type === "message") onMessage(event.message);
      else onState(event.state);
    }
    dispatch({ type: "connection", state: connection.state });
    return () => {
      connection.off("message", onMessage).off("state", onState);
    };
  }, [connection]);
  return [state, dispatch];
}
