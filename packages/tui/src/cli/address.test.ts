import { describe, expect, it } from "vitest";
import { parseAddress } from "./address.js";

describe("parseAddress", () => {
  it("reads host:port, [ipv6]:port and a bare port", () => {
    expect(parseAddress("127.0.0.1:9090")).toEqual({ host: "127.0.0.1", port: 9090 });
    expect(parseAddress("example.org:1")).toEqual({ host: "example.org", port: 1 });
    expect(parseAddress("[::1]:9090")).toEqual({ host: "::1", port: 9090 });
    expect(parseAddress("9091")).toEqual({ host: "127.0.0.1", port: 9091 });
  });

  it("refuses what is not an address", () => {
    for (const bad of ["", "host", "host:0", "host:70000", "a b:1", "host:12x"])
      expect(() => parseAddress(bad), bad).toThrow(/HOST:PORT/);
  });
});
