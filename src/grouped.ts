/**
 * 5000 → "5,000": every count parity writes for people, grouped the way toLocaleString("en-US")
 * groups it, in one place. Hand-written because the first toLocaleString of a process sets up
 * ICU's number formatting (10–20 ms measured here), which `map validate` paid building the option
 * schemas' messages and every report paid again.
 */
export function grouped(n: number): string {
  const text = String(n);
  // Exponent forms (1e+21) and NaN/Infinity are left to the library: never a count parity writes.
  if (!/^-?\d+(\.\d+)?$/.test(text)) return n.toLocaleString("en-US");
  const [whole, fraction] = text.split(".");
  return `${whole!.replace(/\B(?=(\d{3})+$)/g, ",")}${fraction === undefined ? "" : `.${fraction}`}`;
}
