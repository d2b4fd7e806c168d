import {
  type BlockRecord,
  blockMessage,
  CandidateTree,
  Consensus,
  candidateTimestamp,
  encodeMessage,
  type InclusionMessage,
  inclusionMessage,
  type KeyPair,
  type MessageOf,
  PROTOCOL_VERSION,
  proofMessage,
  type RoundMessage,
  type RuleName,
  type ServerMessage,
  sha256Bytes,
  signBlock,
  type ValidatorInfo,
} from "@pos-tui/core";

export interface ClosedRound {
  record: BlockRecord;
  tree: CandidateTree;
  block: MessageOf<ServerMessage, "block">;
  /** The inclusion proof a candidate's session gets; null for one that took no part. */
  inclusionFor(validator: string): InclusionMessage | null;
  proof: MessageOf<ServerMessage, "proof">;
}

/**
 * The real Consensus behind the messages a server would send a client, without sockets or timers:
 * rounds open and close when the test says. Deterministic: a counter clock and seeded secrets.
 */
export class ServerScript {
  readonly consensus: Consensus;
  private clock = Date.parse("2026-11-25T10:00:00.000Z");
  private secrets = 0;
  private round: RoundMessage | null = null;

  constructor(roundMs = 10_000, rule: RuleName = "lottery") {
    this.consensus = new Consensus(
      [],
      {
        now: () => this.clock,
        monotonic: () => this.clock,
        randomBytes: () => sha256Bytes(`script-secret-${this.secrets++}`),
      },
      roundMs,
      null,
      rule,
    );
  }

  /** A validator joins (counting from the next round); the `validators` push everyone hears. */
  join(keys: KeyPair, stake: bigint, name: string | null = null): MessageOf<ServerMessage, "validators"> {
    const info = this.consensus.validators.join(keys.publicKey, name, stake, this.consensus.nextRoundToStart);
    return { type: "validators", changes: [info] };
  }

  /** What a client connecting now is told. */
  welcome(you: KeyPair | null = null): MessageOf<ServerMessage, "welcome"> {
    const c = this.consensus;
    return {
      type: "welcome",
      version: PROTOCOL_VERSION,
      you: you === null ? null : (c.validators.info(you.publicKey) ?? null),
      tip: { index: c.tip.Index, hash: c.tip.Hash },
      blocks: c.blocks(100),
      validators: c.validators.summary(),
      validatorCount: c.validators.size,
      round: c.currentRound,
    };
  }

  /** Opens the next round: the stake changes that count from it, then the `round` push. */
  openRound(): ServerMessage[] {
    this.clock += 1000;
    const round = this.consensus.startRound();
    const changed: ValidatorInfo[] = this.consensus.applyPendingStakes();
    this.round = round;
    return [...(changed.length > 0 ? [{ type: "validators" as const, changes: changed }] : []), round];
  }

  /** A validator's candidate for the open round; the `accepted` answer its session gets. */
  submit(keys: KeyPair, bpm = 70): MessageOf<ServerMessage, "accepted"> {
    const round = this.round!;
    const block = signBlock(
      {
        Index: round.tipIndex + 1,
        Timestamp: candidateTimestamp(round, this.clock),
        BPM: bpm,
        PrevHash: round.tipHash,
      },
      keys,
    );
    const result = this.consensus.submit(round.round, block);
    if (!result.ok) throw result.error;
    return { type: "accepted", ...result.value };
  }

  /** Closes the round (it must have a candidate): the block push and the proofs around it. */
  closeRound(): ClosedRound {
    this.clock += 9000;
    const outcome = this.consensus.closeRound();
    if (outcome === null) throw new Error("the round had no candidate");
    this.consensus.accept(outcome.record);
    const { block, proof } = outcome.record;
    const tree = CandidateTree.build(
      proof!.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
    );
    const name = this.consensus.validators.info(block.Validator)?.name ?? null;
    return {
      record: outcome.record,
      tree,
      block: blockMessage(block, proof!, tree, name),
      inclusionFor: (validator) => inclusionMessage(block, proof!, tree, validator),
      proof: proofMessage(block, proof!, tree.root),
    };
  }

  /** A page of the chain, as the `chain` request answers. */
  chain(before: number, limit: number): MessageOf<ServerMessage, "chain"> {
    return { type: "chain", blocks: this.consensus.blocks(limit, before) };
  }
}

/** The bytes a message takes on the wire (one NDJSON line). */
export const wireBytes = (message: ServerMessage): number => Buffer.byteLength(encodeMessage(message));
