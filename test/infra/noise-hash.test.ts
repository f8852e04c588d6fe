import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { noiseHash } from "../../probes/documents/noise.js";

// Noise is only counted, but its hashes are in every snapshot file: a Secret's
// last-applied-configuration repeats the Secret's data, so a plain SHA-256 of it gives a short
// value away to anyone who can guess the rest of the object and try the likely values.
describe("noise hashes", () => {
  const lastApplied = JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "pin", namespace: "payments" }, data: { PIN: Buffer.from("4821").toString("base64") } });

  it("are keyed: not the plain SHA-256 of the noisy value", () => {
    const plain = createHash("sha256").update(lastApplied, "utf8").digest("hex").slice(0, 16);
    expect(noiseHash(lastApplied)).not.toBe(plain);
    expect(noiseHash(lastApplied)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("still say equal for equal values and changed for changed ones, within an audit", () => {
    expect(noiseHash(lastApplied)).toBe(noiseHash(`${lastApplied}`));
    expect(noiseHash(lastApplied)).not.toBe(noiseHash(lastApplied.replace("NDgyMQ==", "NzMwNQ==")));
    // Short scalars (a uid, a resourceVersion) are kept as they are: they are no secret.
    expect(noiseHash("12345")).toBe("=12345");
  });
});
