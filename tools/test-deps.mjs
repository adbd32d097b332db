// Installs the system packages the test suite needs, from Debian: chromium (browser tests drive it through
// playwright-core; no browser is ever downloaded; the API prints PDFs with it), fonts-noto-core (Arabic faces for
// those PDFs) and clickhouse-server (the store's HTTP path is tested against a real server process). Skips what is
// already installed.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'clickhouse-server', present: () => existsSync('/usr/sbin/clickhouse-server') },
  // Arabic faces for the PDFs chromium prints (libs/server/reports); DejaVu's Arabic is the fallback.
  { pkg: 'fonts-noto-core', present: () => existsSync('/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf') },
];
const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
if (missing.length === 0) {
  console.log('test dependencies: all present');
  process.exit(0);
}
const asRoot = process.getuid?.() === 0 ? '' : 'sudo ';
const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
console.log(`test dependencies: installing ${missing.join(', ')} from Debian`);
run(`${asRoot}apt-get update -qq`);
run(`${asRoot}apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`);
