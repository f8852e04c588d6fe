// What every bench prints with its figures: the machine, the real date and time, the load
// average before and after (this is a shared two-core VM: above the core count, other work
// shared the cores and every figure, parity's and the peers', is an upper bound).
import { cpus, loadavg, totalmem } from "node:os";

export function loadNow() {
  return loadavg()[0];
}

/** One paragraph: machine, Node, date, load before/after, and the command to reproduce. */
export function machineLine({ loadBefore, loadAfter = loadNow(), command, extra = "" }) {
  const cores = cpus().length;
  const now = new Date();
  return (
    `Machine: ${cores} cores (${cpus()[0]?.model.trim() ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}${extra ? `, ${extra}` : ""}; ` +
    `run ${now.toISOString().slice(0, 16).replace("T", " ")} UTC; 1-minute load average ${loadBefore.toFixed(2)} before and ${loadAfter.toFixed(2)} after ` +
    `(above ${cores} means other work shared the cores). Reproduce: \`${command}\`.`
  );
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
};
