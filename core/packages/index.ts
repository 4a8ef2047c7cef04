export { integrityOf, packDirectory, type Packed, type PackOptions } from './pack.ts';
export { extractPackage, readPackage, type ReadPackage } from './read.ts';
export { MANIFEST_NAME, ROOT, type PackageFile, type PackageManifest } from './types.ts';
