/**
 * Every failure the system reports has a stable code (for programs) and a message that tells a person
 * what to do (for humans). Codes travel on the wire in JSON `error` messages, so never rename one.
 */
export enum ErrorCode {
  BadStake = "BAD_STAKE",
  BadBpm = "BAD_BPM",
  BadName = "BAD_NAME",
  BadKey = "BAD_KEY",
  BadIndex = "BAD_INDEX",
  BadLink = "BAD_LINK",
  BadHash = "BAD_HASH",
  BadSignature = "BAD_SIGNATURE",
  BadTimestamp = "BAD_TIMESTAMP",
  BadBlock = "BAD_BLOCK",
  BadLottery = "BAD_LOTTERY",
  BadMessage = "BAD_MESSAGE",
  BadJson = "BAD_JSON",
  LineTooLong = "LINE_TOO_LONG",
  UnsupportedVersion = "UNSUPPORTED_VERSION",
  NotAuthenticated = "NOT_AUTHENTICATED",
  AuthFailed = "AUTH_FAILED",
  KeyOnline = "KEY_ONLINE",
  StaleTip = "STALE_TIP",
  WrongRound = "WRONG_ROUND",
  AlreadySubmitted = "ALREADY_SUBMITTED",
  NotValidator = "NOT_VALIDATOR",
  UnknownRound = "UNKNOWN_ROUND",
  ServerFull = "SERVER_FULL",
  SlowConsumer = "SLOW_CONSUMER",
  HandshakeTimeout = "HANDSHAKE_TIMEOUT",
  ShuttingDown = "SHUTTING_DOWN",
  UnknownCommand = "UNKNOWN_COMMAND",
  /** A request repeated faster than the game allows (e.g. a second stake change in one round). */
  RateLimited = "RATE_LIMITED",
  /** A validator that joined during a round submits from the next one, when its stake counts. */
  JoinedThisRound = "JOINED_THIS_ROUND",
  StakeTooHigh = "STAKE_TOO_HIGH",
  NameTaken = "NAME_TAKEN",
  /** A chain log line that is not a record at all (not JSON, or not a record's shape). */
  BadRecord = "BAD_RECORD",
  /** A stake in a proof that the log's stake ledger (declared stakes and rewards) cannot explain. */
  BadLedger = "BAD_LEDGER",
  /** The chain log lacks a block that was announced (the tip marker names it). */
  Truncated = "TRUNCATED",
  /** `pos-tui bots`: not one bot could join the server. */
  BotsOffline = "BOTS_OFFLINE",
  /** A proposer rule name nobody implements (`lottery`, `round-robin`, `pool` exist). */
  UnknownRule = "UNKNOWN_RULE",
  /** A proposer rule's winner or proof that does not replay: the round cannot have gone that way. */
  BadRule = "BAD_RULE",
  /** The token-pool rule refuses a total stake whose pool (one entry per token) would not fit. */
  PoolTooLarge = "POOL_TOO_LARGE",
  /** A command-line option outside what the command accepts (a count, a range, a list). */
  BadOption = "BAD_OPTION",
  /** A server started with another proposer rule than its chain log's, without recording a change. */
  RuleMismatch = "RULE_MISMATCH",
  /** `pos-server --adversary` without `--memory`: a lying server never writes a chain log. */
  AdversaryNeedsMemory = "ADVERSARY_NEEDS_MEMORY",
}

/** Extra facts that go with each code; codes without an entry carry none. */
export interface ErrorDetails {
  [ErrorCode.BadIndex]: { expected: number; actual: number };
  [ErrorCode.BadLink]: { expected: string; actual: string };
  [ErrorCode.BadHash]: { expected: string; actual: string };
  [ErrorCode.StaleTip]: { tipIndex: number; tipHash: string };
  [ErrorCode.WrongRound]: { expected: number; actual: number };
  [ErrorCode.LineTooLong]: { limit: number };
  [ErrorCode.ServerFull]: { limit: number };
  [ErrorCode.JoinedThisRound]: { firstRound: number };
  [ErrorCode.StakeTooHigh]: { limit: string };
  [ErrorCode.PoolTooLarge]: { limit: string; total: string };
}

export type DetailsOf<C extends ErrorCode> = C extends keyof ErrorDetails
  ? ErrorDetails[C]
  : Record<string, never>;

export class PosError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: DetailsOf<C> | undefined;

  constructor(code: C, message: string, details?: DetailsOf<C>) {
    super(message);
    this.name = "PosError";
    this.code = code;
    this.details = details;
  }
}

export type Result<T, E = PosError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
