import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { joinAddresses, joinBanner } from "./join-banner.js";

const v4 = (address: string, internal: boolean): NetworkInterfaceInfo => ({
  address,
  family: "IPv4",
  internal,
  netmask: "255.255.255.0",
  mac: "00:00:00:00:00:00",
  cidr: null,
});
const v6 = (address: string, internal: boolean): NetworkInterfaceInfo => ({
  address,
  family: "IPv6",
  internal,
  netmask: "ffff:ffff:ffff:ffff::",
  mac: "00:00:00:00:00:00",
  cidr: null,
  scopeid: 0,
});

const laptop = {
  lo: [v4("127.0.0.1", true), v6("::1", true)],
  wlan0: [v4("192.168.1.23", false), v6("fe80::1", false)],
  eth0: [v4("10.0.0.5", false)],
};

describe("join banner", () => {
  it("bound to all interfaces: one pos-tui and one nc line per external IPv4 address", () => {
    expect(joinAddresses("0.0.0.0", laptop)).toEqual(["192.168.1.23", "10.0.0.5"]);
    expect(joinAddresses("::", laptop)).toEqual(["192.168.1.23", "10.0.0.5"]);
    const banner = joinBanner("0.0.0.0", 9191, laptop);
    expect(banner).toContain("pos-tui connect 192.168.1.23:9191");
    expect(banner).toContain("nc 192.168.1.23 9191");
    expect(banner).toContain("pos-tui connect 10.0.0.5:9191");
    expect(banner).toContain("nc 10.0.0.5 9191");
    expect(banner).not.toContain("127.0.0.1");
    expect(banner).not.toContain("fe80");
  });

  it("bound to one address: that address, with a hint when only this computer can reach it", () => {
    expect(joinAddresses("192.168.1.23", laptop)).toEqual(["192.168.1.23"]);
    const local = joinBanner("127.0.0.1", 9090, laptop);
    expect(local).toContain("pos-tui connect 127.0.0.1:9090");
    expect(local).toContain("nc 127.0.0.1 9090");
    expect(local).toContain("--host 0.0.0.0");
    expect(joinBanner("fd00::2", 9090, laptop)).toContain("pos-tui connect [fd00::2]:9090");
  });

  it("bound to all with no network up: says only this computer can join", () => {
    expect(joinBanner("0.0.0.0", 9090, { lo: laptop.lo })).toMatch(/no network interface is up/);
  });
});
