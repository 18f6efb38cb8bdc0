// Copies what tsc does not, and gives n8n this package's node and credential at the places n8n's
// community packages have them (dist/nodes/…, dist/credentials/…). tsc compiles from the
// repository's root, because the node uses the kit in ../lib/kit, so the compiled code lands under
// dist/signalwire/ (and the kit under dist/lib/); the entry files n8n loads re-export it, with the
// icons and the codex (*.node.json) beside them, as n8n reads them next to the file it loads.
const { writeFile, mkdir } = require('node:fs/promises');
const { dirname, join, relative } = require('node:path');
const { copyStatic } = require('../gulpfile');

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

exports['build:icons'] = async function buildStatic() {
	await Promise.all([copyStatic(), buildEntries()]);
};
