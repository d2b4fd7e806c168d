export * from "./format-lab.js";
export * from "./heap-probe.js";
export * from "./LabView.js";
export * from "./lab.js";
export * from "./lab-csv.js";
export * from "./lab-validators.js";
export * from "./run-rule.js";
