// Builds the extension for both browsers from one source: esbuild bundles each entry point (popup, background) to a
// plain script, the two manifests come from the one template below, and each folder is packed.
//
//   dist/chromium/          load unpacked in Chromium (chrome://extensions › Developer mode › Load unpacked)
//   dist/firefox/           load in Firefox (about:debugging › This Firefox › Load Temporary Add-on)
//   dist/cuttings-chromium.zip, dist/cuttings-firefox.xpi   the same, packed
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip } from './scripts/zip.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The public key that fixes the Chromium extension id at kaohbiokcmdbbohijhehcpiaboofkikg (the one the app's API
 *  lets in); only the public half, which is all an unpacked extension needs. */
const CHROMIUM_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqBl/JKHsIjfBsvyIOU6AvpBgTDIrUEFpMFR2Xq0QDKidRx/GVBx6cm6WoSgmbwOq+Vc11V5E0fjhlE2M2pu1JjcIzni4swcv++Qjeus8b58U9u1u3iHShBqtfd/vq/U7r29/hlxpbRAnWVVhg8XRkg8pBW29zwaSbaPU+9JoZpUrGtpvhCsrYb9t7oVi3zRwOZrsXywQ8Q/FJKSIFQl4zWJVqydLF2raWAqVm2qKkRZX9SQiK0KrFcJP+qcg6W7pTAV95NigK4OoLI1leGdEEaUF0i6IrxIZlvY3uWfIxn5S/Vz/isENE05wwDMmCeD+5a7gXhzJHl+PtrFAXrZxPwIDAQAB';

/** The Firefox add-on id (any moz-extension:// origin is let in by the API). */
const GECKO_ID = 'clipper@cuttings.app';

/** The extension's own pages load only their own files and speak only to the local API. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  'connect-src http://127.0.0.1:*',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const ICON_SIZES = [16, 32, 48, 128];
const icons = Object.fromEntries(ICON_SIZES.map((size) => [String(size), `icons/icon-${size}.png`]));

/** The manifest for one browser. */
function manifest(browser) {
  const common = {
    manifest_version: 3,
    name: 'Cuttings',
    version: pkg.version,
    description: 'Clip the page you are reading, as your browser shows it, to your Cuttings library.',
    icons,
    action: {
      default_title: 'Clip to Cuttings (Alt+Shift+C)',
      default_popup: 'popup.html',
      default_icon: { 16: icons[16], 32: icons[32] },
    },
    permissions: ['activeTab', 'scripting', 'contextMenus', 'storage'],
    host_permissions: ['http://127.0.0.1/*', '<all_urls>'],
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Clip the page to Cuttings',
      },
    },
    content_security_policy: { extension_pages: CSP },
  };
  if (browser === 'chromium') {
    return { ...common, key: CHROMIUM_KEY, minimum_chrome_version: '120', background: { service_worker: 'background.js' } };
  }
  return {
    ...common,
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '128.0',
        // Nothing leaves the computer: the extension speaks only to the app on 127.0.0.1.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

/** Every file under a folder, paths relative to it, sorted (manifest.json first, as some tools like). */
function filesUnder(folder) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(folder, path).split('\\').join('/'));
    }
  };
  walk(folder);
  return out.sort((a, b) => (a === 'manifest.json' ? -1 : b === 'manifest.json' ? 1 : a.localeCompare(b)));
}

rmSync(dist, { recursive: true, force: true });
const scripts = join(dist, 'scripts');
await build({
  entryPoints: [join(root, 'src/popup.ts'), join(root, 'src/background.ts')],
  outdir: scripts,
  bundle: true,
  format: 'iife',
  target: ['chrome120', 'firefox128'],
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
});

for (const [browser, packed] of [
  ['chromium', 'cuttings-chromium.zip'],
  ['firefox', 'cuttings-firefox.xpi'],
]) {
  const out = join(dist, browser);
  mkdirSync(join(out, 'icons'), { recursive: true });
  cpSync(scripts, out, { recursive: true });
  for (const file of ['popup.html', 'popup.css']) cpSync(join(root, 'src', file), join(out, file));
  for (const size of ICON_SIZES) cpSync(join(root, 'icons', `icon-${size}.png`), join(out, 'icons', `icon-${size}.png`));
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest(browser), null, 2) + '\n');
  const files = filesUnder(out).map((name) => ({ name, data: readFileSync(join(out, name)) }));
  writeFileSync(join(dist, packed), zip(files));
  console.log(`dist/${browser}/ and dist/${packed}`);
}
rmSync(scripts, { recursive: true, force: true });
