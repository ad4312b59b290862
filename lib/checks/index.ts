import "server-only";
export { checkKey, checkLoadedKey, type CheckKeyOptions } from "./check-key";
export { checkAll, type CheckAllOptions, type CheckAllProgress, type CheckAllResult, type CheckAllSummary } from "./check-all";
export { startCheckAllJob, getJob, type CheckAllJobStatus } from "./check-all-jobs";
export { toCheckDto, type CheckDto } from "./check-dto";
export { outcomeForError, recordFromError, recordFromSuccess, type CheckRecord } from "./check-record";
export { goneOnOkx } from "./key-gone";
