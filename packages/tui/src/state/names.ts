import { MAX_NAME_LENGTH, sanitizeText, shortHex, type ValidatorInfo } from "@pos-tui/core";

/** Peer-chosen names are untrusted: every one goes through here before it reaches a screen. */
export function cleanName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const clean = sanitizeText(name, MAX_NAME_LENGTH).trim();
  return clean.length === 0 ? null : clean;
}

/** A validator by its name, or the first 8 hex of its key when it has none (an `nc` node). */
export function displayName(validators: ReadonlyMap<string, ValidatorInfo>, key: string): string {
  return cleanName(validators.get(key)?.name) ?? shortHex(key);
}
