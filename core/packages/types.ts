/** The manifest inside every Guild package archive, and where things sit in the archive. */

/** Every entry of an archive lives under this folder, as in npm's tarballs. */
export const ROOT = 'package';
/** The manifest's name inside ROOT. */
export const MANIFEST_NAME = 'guild-package.json';

export interface PackageFile {
  /** Relative, "/"-separated, inside the package. */
  readonly path: string;
  readonly size: number;
  /** "sha256-<base64>". */
  readonly integrity: string;
}

export interface PackageManifest {
  readonly guild: 1;
  readonly kind: 'theme' | 'plugin';
  readonly id: string;
  readonly version: string;
  /** Every file of the package but the manifest, sorted by path. */
  readonly files: readonly PackageFile[];
}
