import { ErrorCode, PosError } from "@pos-tui/core";

// Why the server closes a connection it did not choose to lose. Each dialect says it its own way
// (`error: ...` on nc, an error message with the code in JSON), then the connection closes.

export function lineTooLong(limit: number): PosError {
  return new PosError(ErrorCode.LineTooLong, `lines are limited to ${limit} bytes: connection closed`, {
    limit,
  });
}

export function tooSlow(limit: number): PosError {
  return new PosError(
    ErrorCode.SlowConsumer,
    `more than ${limit} bytes were waiting for you to read them: connection closed, reconnect to catch up`,
  );
}

export function evicted(graceMs: number, limit: number): PosError {
  return new PosError(
    ErrorCode.ServerFull,
    `the server is full and this connection had not identified itself within ${graceMs / 1000} s: reconnect when you are ready`,
    { limit },
  );
}

export const SHUTTING_DOWN = "the server is shutting down";
