// What `n8n-node build` leaves to this package: it compiles from the repository's root (tsconfig.json's
// rootDir is `..`), because the node uses the kit in ../lib/kit, so the compiled code lands under
// dist/signalwire/ (and the kit under dist/lib/), while n8n's community packages have their node and
// credential at dist/nodes/… and dist/credentials/… (where `n8n-node build` puts the icons). The
// entry files n8n loads there re-export the compiled code, with the codex (*.node.json) beside
// them, as n8n reads it next to the file it loads.
const { writeFile, mkdir } = require('node:fs/promises');
const { dirname, join, relative } = require('node:path');
const { copyCodex } = require('../gulpfile');

/** The entry files n8n loads (package.json's `n8n` section) and the compiled file each re-exports. */
const ENTRIES = ['nodes/SignalWire/SignalWire.node.js', 'credentials/SignalWireApi.credentials.js'];

async function buildEntries() {
	for (const entry of ENTRIES) {
		const file = join('dist', entry);
		const compiled = relative(dirname(file), join('dist/signalwire', entry));
		await mkdir(dirname(file), { recursive: true });
		await writeFile(file, `module.exports = require('${compiled}');\n`);
	}
}

exports['build:entries'] = async function buildEntriesAndCodex() {
	await Promise.all([copyCodex(), buildEntries()]);
};
