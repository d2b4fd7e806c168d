export { App, type AppProps } from "./app/App.js";
export { type DashboardOptions, helloFor, runDashboard } from "./app/run-dashboard.js";
export { nextAutoBpm } from "./client/auto-bpm.js";
export { candidateFor } from "./client/candidate.js";
export { type ConnectionState, describeConnectionState } from "./client/connection-state.js";
export { defaultKeysDir, type Identity, loadIdentity } from "./client/identity.js";
export { reconnectDelay } from "./client/reconnect-delay.js";
export {
  type HelloSpec,
  type LeanOptions,
  type ReconnectOptions,
  SessionSocket,
  type SessionSocketEvents,
  type SessionSocketOptions,
} from "./client/session-socket.js";
export { dashboardReducer, initialDashboardState } from "./state/dashboard-state.js";
