export { formatProblem, formatProblemAt, parseManifest, readManifest, type ManifestResult } from './read.ts';
export * from './types.ts';
export { closest, SCHEMA_FILES, schemaProblems, settingsProblems } from './validate.ts';
export { editSiteManifest, InvalidSiteManifest, type RawManifest } from './write.ts';
