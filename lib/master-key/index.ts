import "server-only";
// Public surface of lib/master-key: what a master key does to its sub-accounts' keys (list, delete, orphans).
export { findListedKey, isListed, deleteIfListed, deleteAndConfirmGone, deleteKeysLabelled, type MasterAccess } from "./sub-account-keys";
export { masterAccessOf, masterAccessFor, listedByMaster, deleteStoredKeyOnOkx } from "./stored-key-access";
