// Kept so that imports of './revisionContent' still work: the revision content types and
// newRevisionContent now live with the field commitments they are hashed through.

export { newRevisionContent } from './fieldCommitments';
export type { RevisionContent, RevisionContentV1, RevisionContentV2, RevisionOrigin } from './fieldCommitments';
