import "server-only";
// Public surface of lib/scan: run a scan of local folders, read its result, start one in the background.
export { runScan, createScanRun, loadScan, latestScan, scanRootsSchema, type RunScanOptions } from "./scan-store";
export type { ScanResultDto, ScanFileDto, ScanRunDto, ScanFinding } from "./scan-dto";
export { STYLE_LABELS } from "./types";
export { startScanJob, getScanJob, cancelScanJob, runningScanJobId, type ScanJobStatus } from "./scan-jobs";
export { addKeyFromScan } from "./add-from-scan";
