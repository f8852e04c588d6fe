import { describe, expect, it } from "vitest";
import { grouped } from "../../src/grouped.js";

// Every count parity writes for people goes through grouped(); it must read exactly as
// toLocaleString("en-US") does, which it replaces to keep ICU's set-up off start-up.
describe("grouped numbers", () => {
  it("groups thousands as en-US does, for whole numbers, negatives and decimals", () => {
    const values = [0, 7, -7, 999, 1000, -1000, 5000, 60_000, 153_540, 1_000_000, -1_234_567, 2 ** 53 - 1, 0.5, 1234.5, -98765.4321];
    for (let n = 1; n < 1e15; n *= 7) values.push(n, -n, n + 0.25);
    for (const n of values) expect(grouped(n), String(n)).toBe(n.toLocaleString("en-US", { maximumFractionDigits: 20 }));
  });

  it("leaves what is not a plain number to the library", () => {
    expect(grouped(1e21)).toBe((1e21).toLocaleString("en-US"));
    expect(grouped(Number.NaN)).toBe("NaN");
  });
});
