import { grouped } from "../../src/grouped.js";
/** Numbers in messages, written the way a release manager reads them. */

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

export const count = (n: number): string => grouped(Math.round(n));

export function percent(share: number): string {
  const p = share * 100;
  if (p === 0) return "0%";
  if (p < 0.1) return `${p.toPrecision(1)}%`;
  return `${p.toFixed(1)}%`;
}

/** A probability: "< 10⁻¹³" when tiny, "0.4%" otherwise. */
export function chance(p: number): string {
  if (p <= 0) return "< 10⁻³⁰⁰";
  if (p < 1e-3) {
    const exponent = Math.floor(Math.log10(p)) + 1;
    return `< 10${String(exponent).split("").map((ch) => SUPERSCRIPT[ch]).join("")}`;
  }
  return percent(p);
}

export const days = (d: number): string => (d >= 10 ? `${Math.round(d)} days` : `${d.toFixed(1)} days`);

export const fixed = (v: number, digits = 3): number => Number(v.toFixed(digits));
