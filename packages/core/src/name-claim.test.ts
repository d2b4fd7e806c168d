import { describe, expect, it } from "vitest";
import { ErrorCode } from "./errors.js";
import { nameClaimError } from "./name-claim.js";
import type { BlockRecord } from "./record.js";
import { ValidatorRegistry } from "./validators.js";

const A = "aa".repeat(32);
const B = "bb".repeat(32);
const C = "cc".repeat(32);

describe("name claims", () => {
  it("a name is held by one key, compared without case or width", () => {
    const registry = new ValidatorRegistry();
    registry.join(A, "Alice", 10n, 1, false);
    expect(nameClaimError(registry, A, "alice")).toBeNull();
    for (const spelling of ["alice", "ALICE", "ａｌｉｃｅ"]) {
      const error = nameClaimError(registry, B, spelling);
      expect(error?.code).toBe(ErrorCode.NameTaken);
      expect(error?.message).toContain(A.slice(0, 8));
    }
    expect(nameClaimError(registry, null, "alice")?.code).toBe(ErrorCode.NameTaken);
    expect(nameClaimError(registry, B, "bob")).toBeNull();
  });

  it("a rename frees the old name; a throw-away key that leaves frees its name", () => {
    const registry = new ValidatorRegistry();
    registry.join(A, "alice", 10n, 1, false);
    registry.rename(A, "ally");
    expect(registry.nameHolder("alice")).toBeUndefined();
    expect(registry.nameHolder("Ally")).toBe(A);
    registry.join(B, "bob", 10n, 1, true);
    expect(registry.nameHolder("bob")).toBe(B);
    registry.leave(B);
    expect(registry.nameHolder("bob")).toBeUndefined();
  });

  it("an nc session's name is free once it leaves, even after a win; a remembered key keeps its name offline", () => {
    const registry = new ValidatorRegistry();
    registry.join(A, "ada", 10n, 1, true);
    registry.recordWin(A);
    registry.leave(A);
    expect(registry.get(A)?.name).toBe("ada");
    expect(registry.nameHolder("ada")).toBeUndefined();
    registry.join(B, "bob", 10n, 1, false);
    registry.recordWin(B);
    registry.leave(B);
    expect(nameClaimError(registry, null, "BOB")?.code).toBe(ErrorCode.NameTaken);
    // A key that never won is forgotten when it leaves, and its name with it.
    registry.join(C, "cy", 10n, 1, false);
    registry.leave(C);
    expect(registry.nameHolder("cy")).toBeUndefined();
  });

  it("names from the stored chain stay held by their keys after a restart", () => {
    const proof = (validator: string, name: string) => ({
      round: 1,
      commit: "",
      reveal: "",
      ticket: "0",
      total: "1",
      rangeStart: "0",
      rangeEnd: "1",
      candidates: [{ validator, stake: "1", name }],
    });
    const block = (validator: string) => ({
      Index: 1,
      Timestamp: "",
      BPM: 70,
      PrevHash: "",
      Validator: validator,
      Hash: "",
      Signature: "",
    });
    const records: BlockRecord[] = [
      { block: block(A), proof: proof(A, "alice") },
      { block: block(B), proof: proof(B, "Alice") },
    ];
    const registry = ValidatorRegistry.fromRecords(records);
    // Two keys held one name before names were unique: it stays taken while either holds it.
    expect(registry.nameHolder("alice")).toBe(B);
    registry.rename(B, "bea");
    expect(registry.nameHolder("ALICE")).toBe(A);
  });
});
