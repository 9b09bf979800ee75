// The browser tests drive Debian's Chromium (npm cannot download browsers on these machines).
// Installs it when missing and we are allowed to; otherwise says exactly what to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    console.error(
      `Nettlesertestene trenger Chromium i ${CHROMIUM}. Installer den med: sudo apt-get install -y chromium`,
    );
    process.exit(1);
  }
  console.log('Installerer Chromium fra Debian for nettlesertestene …');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  });
}

// The export tests render PDF pages to images with poppler's pdftoppm (and read them with pdftotext).
if (!existsSync('/usr/bin/pdftoppm')) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error('Eksporttestene trenger pdftoppm. Installer den med: sudo apt-get install -y poppler-utils');
    process.exit(1);
  }
  console.log('Installerer poppler-utils fra Debian for eksporttestene …');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils', {
    stdio: 'inherit',
  });
}
