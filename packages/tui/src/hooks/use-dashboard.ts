import { type Dispatch, useEffect, useReducer } from "react";
import type { Connection } from "../client/connection.js";
import {
  type DashboardEvent,
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
} from "../state/dashboard-state.js";

/** The dashboard state, fed by the connection's messages and state changes. */
export function useDashboard(
  connection: Connection,
  me: string | null,
): [DashboardState, Dispatch<DashboardEvent>] {
  const [state, dispatch] = useReducer(dashboardReducer, me, (key) => ({
    ...initialDashboardState(key),
    connection: connection.state,
  }));
  useEffect(() => {
    const offMessage = connection.on("message", (message) => dispatch({ type: "server", message }));
    const offState = connection.on("state", (next) => dispatch({ type: "connection", state: next }));
    dispatch({ type: "connection", state: connection.state });
    return () => {
      offMessage();
      offState();
    };
  }, [connection]);
  return [state, dispatch];
}
