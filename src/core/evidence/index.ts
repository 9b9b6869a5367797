// Public API of the evidence core: canonical JSON, hashing, the diary's hash chain, per-field
// commitments, the Merkle tree over the chain, fingerprints and the sealed head.

export { canonicalJson } from './canonicalJson';
export { contentHash, contentHashOrNull, sha256Hex } from './hash';
export { bytesToHex, hexToBytes, isSaltHex, isSha256Hex } from './hex';
export {
  commitContent,
  commitmentsOf,
  committedContentHash,
  fieldCommitment,
  newRevisionContent,
  openedFields,
  revisionContentHash,
  revisionContentHashOrNull,
  saltOf,
  wireContent,
} from './fieldCommitments';
export { PackedSalts } from './packedSalts';
export type { CommittedContent, RevisionContent, RevisionContentV1, RevisionContentV2, RevisionOrigin } from './fieldCommitments';
export { tombstoneBody, tombstoneContentHash } from './tombstone';
export type { TombstoneBody } from './tombstone';
export { CLOCK_AHEAD_MS, clockNoteFor, computeLinkHash, contentKey, GENESIS_HASH, isIsoTimestamp, isWellFormedLink } from './chainLink';
export type { ChainLink, ClockNote, LinkKind } from './chainLink';
export { appendLink, chainHead, verifyChain } from './chain';
export type { ChainBreak, ChainVerification, LinkInput, VerifyOptions } from './chain';
export {
  consistencyProof,
  inclusionProof,
  inclusionProofs,
  MAX_PROOF_LENGTH,
  prefixRoots,
  treeHead,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
export type { TreeHead } from './merkle';
export { fingerprintMatches, formatFingerprint, parseFingerprint } from './fingerprint';
export type { ParsedFingerprint } from './fingerprint';
export { isWellFormedSeal, sealChain, verifySeal } from './chainSeal';
export type { ChainSeal } from './chainSeal';
