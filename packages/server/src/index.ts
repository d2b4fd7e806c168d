export type { ChainStore } from "./chain/store.js";
export { MemoryStore } from "./chain/store.js";
export { DEFAULTS, type ServerOptions } from "./options.js";
export { ManualRoundClock, type RoundClock, timerRoundClock } from "./round-clock.js";
export { type RunningServer, startServer } from "./server.js";
