/** The map every command reads when none is named: the file teams commit at their repository's root. */
export const DEFAULT_MAP = "parity-map.yaml";
