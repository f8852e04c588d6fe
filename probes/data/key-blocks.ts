/**
 * Key-block sampling for MySQL/MariaDB, which have no TABLESAMPLE. `WHERE CRC32(key) % N = 0`
 * picks the same rows every run but makes the server read every row to test it: a 1% sample
 * of 5M rows cost as much as the full scan. Here the client cuts the integer key's span into
 * blocks of consecutive key values, keeps the blocks a seeded hash of their number picks (1 in
 * `modulus`), and asks for them as primary-key ranges, so the server reads only those rows.
 *
 * Blocks are numbered by absolute key value (key ÷ size), so a key is chosen or not whatever
 * the rest of the table holds; sizes are powers of two, so a growing table keeps its blocks.
 * Each block is kept with probability 1/modulus whatever its rows, so rows ÷ share estimates
 * the table's size without bias; TARGET_BLOCKS to twice that are read, enough that a 0.1%
 * category spread over the keys shows in every sample (bench/data.mjs checks 20 seeds).
 */

/** At least this many blocks (and fewer than twice as many) are read per sample: fine enough against clustering, few enough for one statement. */
export const TARGET_BLOCKS = 768;

/** The seed of the profile's own sample; the percentile subsample uses another, so the two never line up. */
export const SAMPLE_SALT = 0x5a17e;
export const QUANTILE_SALT = 0x9e37;

/** An inclusive key range, as the server compares keys (integers, possibly beyond 2^53). */
export interface KeyRange {
  lo: bigint;
  hi: bigint;
}

/** One selection of blocks: keep block b when mix(b, salt) % modulus === 0, b counted in blocks `ratio` times the read size. */
export interface BlockChoice {
  modulus: number;
  salt: number;
  /** This choice's block size ÷ the read's block size (a power of two ≥ 1): a coarser sample's blocks hold several fine ones. */
  ratio?: number;
}

/** murmur3's 32-bit finaliser over the block number's two halves and the salt: even, fast, the same everywhere. */
function mix(lo: number, hi: number, salt: number): number {
  let h = (lo ^ Math.imul(hi ^ salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const TWO_32 = 4294967296;
const SAFE = 9007199254740991n;

/** Whether the choice keeps block `block` (a safe integer) or `big` (when beyond 2^53). */
function keeps(choice: BlockChoice, block: number, big: bigint | undefined): boolean {
  const ratio = choice.ratio ?? 1;
  if (big === undefined) {
    const b = ratio === 1 ? block : Math.floor(block / ratio);
    return mix(b % TWO_32 >>> 0, Math.floor(b / TWO_32) >>> 0, choice.salt) % choice.modulus === 0;
  }
  const b = floorDiv(big, BigInt(ratio));
  return mix(Number(BigInt.asUintN(32, b)), Number(BigInt.asUintN(32, b >> 32n)), choice.salt) % choice.modulus === 0;
}

/** The largest power of two that still cuts `span` keys into at least `blocks` blocks (1 when none does). */
export function blockSize(span: bigint, blocks: number): bigint {
  let size = 1n;
  const want = BigInt(Math.max(1, Math.ceil(blocks)));
  while (span / (size * 2n) >= want) size *= 2n;
  return size;
}

/** The most blocks one sample may walk on the client (a table of 50M keys at the finest useful size). */
const MAX_BLOCKS = 50_000_000;

/**
 * The key ranges of [min, max] in blocks of `size` keys (a power of two) that every choice
 * keeps; adjacent kept blocks merge into one range.
 */
export function chosenRanges(min: bigint, max: bigint, size: bigint, choices: BlockChoice[]): KeyRange[] {
  const first = floorDiv(min, size);
  const count = Number(floorDiv(max, size) - first) + 1;
  if (count > MAX_BLOCKS) throw new Error(`the key span (${max - min + 1n} keys) is too wide to sample in blocks of ${size}`);
  const safe = first >= -SAFE && first + BigInt(count) <= SAFE;
  const firstNumber = Number(first);
  const ranges: KeyRange[] = [];
  let open = -1; // index of the first block of the range being built
  const close = (end: number) => {
    const lo = (first + BigInt(open)) * size;
    const hi = (first + BigInt(end) + 1n) * size - 1n;
    ranges.push({ lo: lo < min ? min : lo, hi: hi > max ? max : hi });
    open = -1;
  };
  for (let i = 0; i < count; i++) {
    const big = safe ? undefined : first + BigInt(i);
    const kept = choices.every((c) => keeps(c, firstNumber + i, big));
    if (kept && open < 0) open = i;
    else if (!kept && open >= 0) close(i - 1);
  }
  if (open >= 0) close(count - 1);
  return ranges;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
