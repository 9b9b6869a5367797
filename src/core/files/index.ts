// Files other people made, handled as hostile: recognised by their bytes, pictures redrawn,
// everything else saved under a safe name as bytes a browser only downloads.
export { DOWNLOAD_TYPE, claimsToBePicture, prepareFile, type FileView, type NotShownReason, type PreparedFile } from './prepareFile';
export { MEDIA_TYPES, playableMedia, type MediaElement, type PlayableMedia } from './media';
export { MAX_METADATA_FILE_BYTES, readFileMetadata, readPictureMetadata, type MetadataKind, type PictureMetadata } from './pictureMetadata';
export { MAX_PICTURE_PIXELS, pictureSize, withinPixelCap, type PictureSize } from './pictureSize';
export { MAX_REDRAWN_SIDE, REDRAWN_TYPES, redrawPicture, type RedrawOptions, type RedrawOutcome } from './redrawPicture';
export { safeDownloadName } from './safeName';
export { PICTURE_TYPES, extensionFor, sniffContent, sniffPicture, type ContentFormat, type PictureFormat } from './sniff';
