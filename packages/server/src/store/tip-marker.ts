import { constants } from "node:fs";
import { type FileHandle, open, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";

/** The marker's file name inside the data directory. */
export const TIP_FILE = "TIP";
/** Every marker has this size, so a rewrite is one write at offset 0 into a single disk sector. */
const MARKER_BYTES = 160;

/** The last block the server announced. */
export interface TipMark {
  index: number;
  hash: string;
}

export type TipRead =
  | { state: "missing" }
  | { state: "ok"; tip: TipMark }
  | { state: "damaged"; reason: string };

const checksum = (tip: TipMark) => crc32(`${tip.index}:${tip.hash}`).toString(16).padStart(8, "0");

export function encodeTip(tip: TipMark): Buffer {
  const json = JSON.stringify({ index: tip.index, hash: tip.hash, crc32: checksum(tip) });
  return Buffer.from(`${json.padEnd(MARKER_BYTES - 1, " ")}\n`, "utf8");
}

export async function readTip(dir: string): Promise<TipRead> {
  let text: string;
  try {
    text = await readFile(join(dir, TIP_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw error;
  }
  try {
    const value = JSON.parse(text) as { index?: unknown; hash?: unknown; crc32?: unknown };
    if (
      typeof value.index === "number" &&
      Number.isSafeInteger(value.index) &&
      typeof value.hash === "string"
    ) {
      const tip = { index: value.index, hash: value.hash };
      if (value.crc32 === checksum(tip)) return { state: "ok", tip };
      return { state: "damaged", reason: "its checksum does not match" };
    }
  } catch {
    // fall through
  }
  return { state: "damaged", reason: "it is not a tip marker" };
}

export async function removeTip(dir: string): Promise<void> {
  await unlink(join(dir, TIP_FILE)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

/**
 * Keeps the marker file open and rewrites it in place: one positional write and one fdatasync per
 * block, on a file whose size never changes after the first write (so no metadata to flush).
 */
export class TipWriter {
  private constructor(private readonly handle: FileHandle) {}

  static async open(dir: string): Promise<TipWriter> {
    // Not "a": append mode ignores the position, and every write must land at offset 0.
    return new TipWriter(await open(join(dir, TIP_FILE), constants.O_RDWR | constants.O_CREAT, 0o644));
  }

  async write(tip: TipMark): Promise<void> {
    const bytes = encodeTip(tip);
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written, written);
      written += bytesWritten;
    }
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
