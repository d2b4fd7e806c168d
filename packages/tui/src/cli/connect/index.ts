import type { Command } from "commander";
import { serverCommand } from "../server-command.js";
import { type ConnectOptions, connectOptions } from "./options.js";

export function connectCommand(): Command {
  return serverCommand<ConnectOptions>(
    "connect",
    "join a server as a validator: stake, submit BPMs, watch the chain",
    connectOptions,
    async (address, options) => (await import("./handler.js")).connectHandler(address, options),
  );
}
