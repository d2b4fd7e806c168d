import * as z from "zod";
import { ErrorCode, fail, ok, PosError, type Result } from "./errors.js";
import { MAX_NAME_LENGTH, parseStake, sanitizeText } from "./parse.js";
import { RULE_NAMES } from "./rules/rule.js";

/** Bumped on any change an older peer would misread. */
export const PROTOCOL_VERSION = 1;

const hex = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `expected ${bytes * 2} lower-case hex characters`);
const hashHex = hex(32);
const keyHex = hex(32);
const index = z.number().int().nonnegative();
const isoTime = z.iso.datetime();

/** Stakes travel as decimal strings: JSON numbers lose precision past 2^53. */
export const stakeSchema = z
  .string()
  .refine((s) => parseStake(s).ok, "stake must be decimal digits, 1..10^18");
/** Lottery arithmetic (tickets, totals, ranges) can exceed a stake, so it is any non-negative integer. */
const bigDecimal = z.string().regex(/^(0|[1-9][0-9]{0,39})$/, "expected a non-negative decimal integer");

/**
 * A block's wire shape only: field types and size caps, so no line can carry a huge field. Its rules
 * (hex, key, BPM range, hash, signature, link, window) are checkBlock's in chain.ts, which every
 * receiver runs; they are not repeated here.
 */
export const blockSchema = z.object({
  Index: index,
  Timestamp: z.string().max(40),
  BPM: z.number().int(),
  PrevHash: z.string().max(64),
  Validator: z.string().max(64),
  Hash: z.string().max(64),
  Signature: z.string().max(128),
});

export const validatorInfoSchema = z.object({
  validator: keyHex,
  name: z
    .string()
    .max(MAX_NAME_LENGTH * 4)
    .nullable(),
  stake: stakeSchema,
  wins: z.number().int().nonnegative(),
  online: z.boolean(),
  /** Rewards paid out and not staked (`--reward-mode payout`, or above the stake cap); absent when 0. */
  balance: z
    .string()
    .max(40)
    .regex(/^(0|[1-9][0-9]*)$/)
    .optional(),
});
export type ValidatorInfo = z.infer<typeof validatorInfoSchema>;

const roundFields = {
  round: index,
  commit: hashHex,
  /** Where the round's stretch of chain time starts; candidates stamp inside [opensAt, closesAt]. */
  opensAt: isoTime.optional(),
  closesAt: isoTime,
  tipIndex: index,
  tipHash: hashHex,
};

/** The proposer rule that chose a block; absent from servers older than rules, whose rule is the lottery. */
const ruleSchema = z.enum(RULE_NAMES).optional();

/** A round robin's proposer priority: a signed whole number as a decimal string. */
export const prioritySchema = z.object({
  validator: keyHex,
  priority: z.string().regex(/^(0|-?[1-9][0-9]{0,39})$/, "expected a whole number as a decimal string"),
});

/**
 * What a `block` push says of the round that chose it. The figures read in the rule's terms: the
 * lottery's ticket falls in the winner's range of the total stake; the pool's ticket is the index of
 * the entry picked in a pool of `total` entries (the range is the winner's entries); the round robin's
 * ticket is the winner's priority once every priority grew by its stake, the highest (the range is the
 * winner's share of the total). The priority table itself comes with the round's `proof`.
 */
/**
 * The deepest path a candidate tree can have: counts are JSON numbers (< 2^53), so 53 levels; the cap
 * leaves room and bounds what a lying server can make a client walk.
 */
export const MAX_TREE_DEPTH = 64;

/** A subtree's [hash, stake below it], as in a candidate tree's proofs (see candidate-tree.ts). */
const siblingSchema = z.tuple([hashHex, bigDecimal]);

/** A round's candidate tree root: its hash covers the count; the total is the stake of every leaf. */
export const candidateRootSchema = z.object({
  hash: hashHex,
  total: bigDecimal,
  count: z.number().int().positive(),
});
export type CandidateRootMessage = z.infer<typeof candidateRootSchema>;

/** The winner's leaf in the round's candidate tree, with its path (siblings, top down). */
export const winnerLeafSchema = z.object({
  index,
  stake: stakeSchema,
  siblings: z.array(siblingSchema).max(MAX_TREE_DEPTH),
});

export const drawSummarySchema = z.object({
  rule: ruleSchema,
  /** On the first block after the chain changed rule: the rule before it. */
  previousRule: ruleSchema,
  round: index,
  commit: hashHex,
  reveal: hashHex,
  ticket: bigDecimal,
  total: bigDecimal,
  rangeStart: bigDecimal,
  rangeEnd: bigDecimal,
  candidates: z.number().int().positive(),
  /** The round's candidate tree root; absent from servers before the proofs (then the winner is too). */
  root: candidateRootSchema.optional(),
  winner: winnerLeafSchema.optional(),
});
export type DrawSummary = z.infer<typeof drawSummarySchema>;

/**
 * Sent to each session whose candidate took part in a round, right after that round's block: its own
 * leaf and its sorted neighbours (null at either end), proven together against the block's root.
 */
export const inclusionMessageSchema = z.object({
  type: z.literal("inclusion"),
  round: index,
  blockIndex: index,
  index,
  stake: stakeSchema,
  left: z.object({ validator: keyHex, stake: stakeSchema }).nullable(),
  right: z.object({ validator: keyHex, stake: stakeSchema }).nullable(),
  /** Shared by the (up to three) leaves, in the order a left-to-right walk from the root meets them. */
  siblings: z.array(siblingSchema).max(2 * MAX_TREE_DEPTH),
});
export type InclusionMessage = z.infer<typeof inclusionMessageSchema>;

/** The most validators one `validators-page` answer carries. */
export const MAX_VALIDATORS_PAGE = 500;

export const candidateSchema = z.object({ validator: keyHex, stake: stakeSchema });

// ---- client -> server

export const helloSchema = z
  .object({
    type: z.literal("hello"),
    version: z.number().int().positive(),
    role: z.enum(["validator", "watcher"]),
    name: z.string().max(256).optional(),
    stake: stakeSchema.optional(),
    publicKey: keyHex.optional(),
  })
  .refine((m) => m.role === "watcher" || (m.stake !== undefined && m.publicKey !== undefined), {
    message: "a validator's hello needs stake and publicKey",
  });

export const clientMessageSchema = z.discriminatedUnion("type", [
  helloSchema,
  z.object({ type: z.literal("auth"), signature: hex(64) }),
  z.object({ type: z.literal("submit"), round: index, block: blockSchema }),
  z.object({ type: z.literal("stake"), stake: stakeSchema }),
  z
    .object({ type: z.literal("proof"), round: index.optional(), blockIndex: index.optional() })
    .refine((m) => (m.round === undefined) !== (m.blockIndex === undefined), {
      message: "ask for a proof by round or by blockIndex (one of them)",
    }),
  z.object({
    type: z.literal("chain"),
    limit: z.number().int().min(1).max(1000).optional(),
    before: index.optional(),
  }),
  z.object({
    type: z.literal("validators-page"),
    after: keyHex.optional(),
    limit: z.number().int().min(1).max(MAX_VALIDATORS_PAGE).optional(),
  }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type Hello = z.infer<typeof helloSchema>;

// ---- server -> client

export const roundMessageSchema = z.object({ type: z.literal("round"), ...roundFields });
export type RoundMessage = z.infer<typeof roundMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("challenge"), nonce: hashHex }),
  z.object({
    type: z.literal("welcome"),
    version: z.number().int().positive(),
    you: validatorInfoSchema.nullable(),
    tip: z.object({ index, hash: hashHex }),
    blocks: z.array(blockSchema),
    /** Online validators plus the offline ones with most wins; page the rest with `validators-page`. */
    validators: z.array(validatorInfoSchema),
    /** How many validators the server knows; more than `validators` holds means the list is partial. */
    validatorCount: z.number().int().nonnegative().optional(),
    round: roundMessageSchema.nullable(),
    /** Set when this login changed the key's stake (it counts from the next round). */
    stakeChange: z.object({ from: stakeSchema, to: stakeSchema }).optional(),
  }),
  roundMessageSchema,
  z.object({ type: z.literal("accepted"), round: index, index, hash: hashHex }),
  z.object({
    type: z.literal("block"),
    block: blockSchema,
    lottery: drawSummarySchema,
    winnerName: z.string().nullable(),
  }),
  z.object({ type: z.literal("validators"), changes: z.array(validatorInfoSchema) }),
  z.object({
    type: z.literal("proof"),
    round: index,
    blockIndex: index,
    commit: hashHex,
    reveal: hashHex,
    prevHash: hashHex,
    winner: keyHex,
    candidates: z.array(candidateSchema),
    rule: ruleSchema,
    /** `round-robin`: the priority table the round ran on, one row per candidate, in their order. */
    priorities: z.array(prioritySchema).optional(),
    /** The candidate tree root over `candidates`, to compare with the block's; absent from older servers. */
    root: candidateRootSchema.optional(),
  }),
  inclusionMessageSchema,
  z.object({ type: z.literal("chain"), blocks: z.array(blockSchema) }),
  z.object({
    type: z.literal("validators-page"),
    validators: z.array(validatorInfoSchema),
    /** Pass as `after` for the next page; null on the last one. */
    next: keyHex.nullable(),
  }),
  z.object({ type: z.literal("error"), code: z.string(), message: z.string() }),
  z.object({ type: z.literal("bye"), code: z.string().optional(), reason: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

export type MessageOf<M extends { type: string }, T extends M["type"]> = Extract<M, { type: T }>;

/** A round's proof as the server sends it: what a client needs to re-run the draw (see checkDraw). */
export type ProofMessage = MessageOf<ServerMessage, "proof">;

/** One NDJSON line. */
export function encodeMessage(message: ClientMessage | ServerMessage): string {
  return `${JSON.stringify(message)}\n`;
}

function decodeWith<S extends z.ZodType>(schema: S, line: string): Result<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return fail(new PosError(ErrorCode.BadJson, "the line is not valid JSON: send one JSON object per line"));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    // Issue paths can echo attacker-chosen keys: clean them before they reach a log or a terminal.
    const why = sanitizeText(z.prettifyError(parsed.error).replace(/\s+/g, " "), 300);
    return fail(new PosError(ErrorCode.BadMessage, `the message does not match the protocol: ${why}`));
  }
  return ok(parsed.data);
}

export const decodeClientMessage = (line: string): Result<ClientMessage> =>
  decodeWith(clientMessageSchema, line);
export const decodeServerMessage = (line: string): Result<ServerMessage> =>
  decodeWith(serverMessageSchema, line);
