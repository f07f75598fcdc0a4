// Public API of the image tooling, for the CLI and `aramid run`.
export { buildImage, type BuildOptions, type BuildResult } from "./build.js";
export { listImages, removeImage, imageDir, type ImageInfo } from "./images.js";
export { ensureDefaultImage } from "./default-image.js";
export { ImageError, describeImageError, type ImageErrorKind } from "./errors.js";
export { DEFAULT_PACKAGES, DEFAULT_SUITE, DEFAULT_MIRROR, MIRROR_ENV, DEFAULT_IMAGE_NAME } from "./defaults.js";
export { cacheRoot } from "./paths.js";
export type { Manifest, ManifestPackage } from "./manifest.js";
