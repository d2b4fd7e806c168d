import { type Concentration, concentration } from "@pos-tui/core";
import type { StakeSample } from "../state/stake-history.js";

/** The fleet's stakes as one round's proof listed them. */
export interface RoundStakes {
  round: number;
  /** Candidates of the round: validator key and the stake that counted. */
  candidates: readonly { validator: string; stake: string }[];
}

export interface StakeTrail {
  /** Each member's stake after each listed round, oldest first (index = member). */
  rounds: { round: number; stakes: bigint[] }[];
  /** Each member's stake at the end (its last one seen, or its stake at the start). */
  end: bigint[];
}

/**
 * The fleet's stakes round by round, from the rounds' proofs: a member who was not a candidate in a
 * round keeps the stake it had. Only the fleet's own members count, so start and end compare the
 * same validators (people joining meanwhile do not move the figures).
 */
export function stakeTrail(
  members: readonly { validator: string; stake: bigint }[],
  proofs: readonly RoundStakes[],
): StakeTrail {
  const indexOf = new Map(members.map((m, i) => [m.validator, i]));
  const current = members.map((m) => m.stake);
  const rounds = [...proofs]
    .sort((a, b) => a.round - b.round)
    .map((proof) => {
      for (const candidate of proof.candidates) {
        const i = indexOf.get(candidate.validator);
        if (i !== undefined) current[i] = BigInt(candidate.stake);
      }
      return { round: proof.round, stakes: [...current] };
    });
  return { rounds, end: [...current] };
}

export interface ConcentrationChange {
  start: Concentration;
  end: Concentration;
}

export function concentrationChange(start: readonly bigint[], end: readonly bigint[]): ConcentrationChange {
  return { start: concentration(start), end: concentration(end) };
}

/** The trail as the share chart takes it: every member's share of the fleet's stake, per round. */
export function trailSamples(members: readonly { validator: string }[], trail: StakeTrail): StakeSample[] {
  return trail.rounds.map(({ round, stakes }) => {
    const total = stakes.reduce((a, b) => a + b, 0n);
    const shares = new Map(
      members.map((m, i) => [
        m.validator,
        total === 0n ? 0 : Number((stakes[i]! * 1_000_000n) / total) / 1_000_000,
      ]),
    );
    return { index: round, gini: concentration(stakes).gini, shares };
  });
}
