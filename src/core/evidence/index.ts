// Public API of the evidence core: canonical JSON, hashing, and the diary's hash chain.

export { canonicalJson } from './canonicalJson';
export { contentHash, contentHashOrNull, sha256Hex } from './hash';
export { bytesToHex, isSha256Hex } from './hex';
export { newRevisionContent } from './revisionContent';
export type { RevisionContent, RevisionOrigin } from './revisionContent';
export { tombstoneBody, tombstoneContentHash } from './tombstone';
export type { TombstoneBody } from './tombstone';
export { computeLinkHash, contentKey, GENESIS_HASH, isIsoTimestamp, isWellFormedLink } from './chainLink';
export type { ChainLink, LinkKind } from './chainLink';
export { appendLink, chainHead, verifyChain } from './chain';
export type { ChainBreak, ChainVerification, LinkInput, VerifyOptions } from './chain';
