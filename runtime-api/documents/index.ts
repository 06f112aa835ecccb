/** Documents of a dossier: pièces uploaded by citizens and agents, documents the workflow generated. */
export { attachDocuments, openForUpload, type Attached } from './attach';
export { listDocuments, openDocument } from './read';
export { receiveUpload, MAX_FILES_PER_UPLOAD, type ReceivedFile, type ReceivedUpload, type ReceiveOptions } from './receive';
export { pieceRules, DEFAULT_ACCEPT, DEFAULT_MAX_SIZE, type PieceRules } from './pieces';
export { contentDisposition, safeFileName } from './names';
export { sniff, mediaTypeLabel, RECOGNISED_DOCUMENT_TYPES } from './sniff';
export { filesRoot, uploadsDir, storedFile, removeQuietly, removeDossierFiles, sweepStaleUploads } from './storage';
export { documentView, type DocumentView } from './view';
