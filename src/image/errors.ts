// One error type for everything that can go wrong while building an image, so
// the CLI can print a single clear line (and a hint) instead of a stack trace.

export type ImageErrorKind =
  | "network"
  | "signature"
  | "hash"
  | "missing-package"
  | "not-found"
  | "unsafe-archive"
  | "format"
  | "usage";

export class ImageError extends Error {
  readonly kind: ImageErrorKind;
  readonly hint: string | undefined;

  constructor(kind: ImageErrorKind, message: string, hint?: string) {
    super(message);
    this.name = "ImageError";
    this.kind = kind;
    this.hint = hint;
  }
}

export const NETWORK_HINT =
  "check the network or pick another mirror with --mirror URL (or ARAMID_DEBIAN_MIRROR); " +
  "to run without an image, pass --rootfs DIR";

/** The lines to show a user for an image error ("error: …" and "hint: …"). */
export function describeImageError(e: unknown, prefix = "aramid image"): string | undefined {
  if (!(e instanceof ImageError)) return undefined;
  const hint = e.hint !== undefined ? `${prefix}: hint: ${e.hint}\n` : "";
  return `${prefix}: error: ${e.message}\n${hint}`;
}
