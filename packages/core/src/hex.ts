const HEX = /^[0-9a-f]*$/;

/** Lower-case hex of exactly `bytes` bytes; upper case is refused so one key has one spelling. */
export function isHex(text: string, bytes: number): boolean {
  return text.length === bytes * 2 && HEX.test(text);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function fromHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "hex"));
}
