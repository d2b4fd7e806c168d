import { type BlockRecord, commitFor, type RewardRule, shortHex, toHex } from "@pos-tui/core";
import { confess, type Liar, type Tamper } from "./liar.js";
import { redraw } from "./redraw.js";

/** A winner holding nearly all the stake takes many draws to unseat; past this the lie takes what it has. */
const MAX_DRAWS = 1000;

/**
 * `--adversary regrind`: once the round has closed and the candidates are known, the server draws
 * fresh secrets until the lottery picks someone other than the honest winner, and publishes that
 * secret with its own commit. The reveal matches the commit it is published with, so only a client
 * that remembers the commit announced when the round opened can tell.
 */
export function regrind(liar: Liar, reward: RewardRule | null): Tamper {
  return (outcome, consensus) => {
    const { record, candidates } = outcome;
    if (record.proof === null) return record;
    const honestWinner = record.block.Validator;
    let lie: BlockRecord | null = null;
    let draws = 0;
    // With one candidate no secret changes the winner: the new secret is published all the same.
    while (draws < MAX_DRAWS) {
      draws++;
      const reveal = toHex(liar.randomBytes(32));
      lie = redraw(outcome, { candidates, reveal, commit: commitFor(reveal) }, consensus, reward) ?? lie;
      if (candidates.length < 2 || lie?.block.Validator !== honestWinner) break;
    }
    if (lie === null) return record;
    const nameOf = (key: string) => consensus.validators.get(key)?.name ?? shortHex(key);
    const changed = lie.block.Validator !== honestWinner;
    confess(
      liar,
      { mode: "regrind", round: record.proof.round, honestWinner, winner: lie.block.Validator, draws },
      changed
        ? `regrind: round ${record.proof.round}'s committed secret picked ${nameOf(honestWinner)}; ` +
            `${draws} new secret(s) later ${nameOf(lie.block.Validator)} wins, published with a new commit`
        : `regrind: round ${record.proof.round}'s winner ${nameOf(honestWinner)} could not be changed; ` +
            "a new secret and commit are published anyway",
    );
    return lie;
  };
}
