import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keyFileName, loadIdentity } from "./identity.js";

const tmp = () => mkdtempSync(join(tmpdir(), "pos-tui-keys-"));

describe("loadIdentity", () => {
  it("gives a fresh key each run without a name", () => {
    const a = loadIdentity();
    const b = loadIdentity();
    expect(a.file).toBeNull();
    expect(a.keys.publicKey).not.toBe(b.keys.publicKey);
  });

  it("saves a named key with mode 0600 and reads the same one back", () => {
    const keysDir = tmp();
    const first = loadIdentity({ name: "alice", keysDir });
    const again = loadIdentity({ name: "alice", keysDir });
    const bob = loadIdentity({ name: "bob", keysDir });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.keys.publicKey).toBe(first.keys.publicKey);
    expect(bob.keys.publicKey).not.toBe(first.keys.publicKey);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.file!, "utf8").trim()).toBe(first.keys.seed);
  });

  it("keeps odd names inside the keys directory", () => {
    expect(keyFileName("../../etc/passwd")).not.toContain("/");
    expect(keyFileName("..")).toBe("%2E%2E.key");
  });

  it("refuses a damaged key file with a reason", () => {
    const keysDir = tmp();
    writeFileSync(join(keysDir, "eve.key"), "nope");
    expect(() => loadIdentity({ name: "eve", keysDir })).toThrow(/damaged/);
  });
});
