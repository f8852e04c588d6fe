import type { PresetName } from "../types.js";
import { composePreset } from "./compose.js";
import { helmPreset } from "./helm.js";
import { kubernetesPreset } from "./kubernetes.js";
import { lockfilePreset, sbomPreset } from "./packages.js";
import type { Preset } from "./preset.js";
import { terraformPreset } from "./terraform.js";

export const PRESET_TABLE: Record<PresetName, Preset> = {
  kubernetes: kubernetesPreset,
  terraform: terraformPreset,
  helm: helmPreset,
  compose: composePreset,
  lockfile: lockfilePreset,
  sbom: sbomPreset,
};
