import { z } from "zod";

const table = z
  .strictObject({
    name: z.string().min(1).describe("Table name, optionally schema-qualified (public.transactions)"),
    columns: z.array(z.string().min(1)).min(1).optional().describe("Columns to profile (default: all)"),
    timestampColumn: z.string().min(1).optional().describe("Column whose newest value measures freshness"),
    expectedRatio: z
      .number()
      .positive()
      .optional()
      .describe("Staging rows ÷ production rows you expect (e.g. 0.02); the volume check is judged against it"),
    keyColumn: z
      .string()
      .min(1)
      .optional()
      .describe("Key that MySQL/MariaDB sampling hashes (default: the single-column primary key)"),
    where: z
      .string()
      .min(1)
      .optional()
      .describe("SQL condition restricting the rows profiled (runs inside a read-only transaction)"),
  })
  .describe("A table to profile");

/** The data probe's options in the parity map. */
export const dataOptions = {
  tables: z.array(table).min(1).describe("Tables to profile on both sides"),
  sample: z
    .union([z.literal("auto"), z.literal("full"), z.number().gt(0).max(100)])
    .default("auto")
    .describe("auto: sample tables above ~200,000 rows; full: every row; a number: that percentage of rows"),
  maskValues: z
    .boolean()
    .default(true)
    .describe("Report text category values as counts and hashes, unless listed in showValues"),
  showValues: z
    .array(z.string().min(1))
    .default([])
    .describe("Columns (globs over table.column, e.g. public.transactions.type) whose category values may be shown"),
  topCategories: z
    .number()
    .int()
    .min(2)
    .max(10_000)
    .default(200)
    .describe("Most categories kept per text column (one bounded GROUP BY … LIMIT each)"),
  statementTimeoutMs: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Timeout of each profiling statement (default: the probe's timeoutMs)"),
};
