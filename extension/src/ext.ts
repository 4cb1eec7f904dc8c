/**
 * The WebExtension namespace, one name for both browsers: Firefox's `browser` where it exists, Chromium's `chrome`
 * elsewhere. Under Manifest V3 both return promises for everything this extension calls, with the same shapes, so
 * the rest of the code is written once against Chromium's types.
 */
export const ext: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
