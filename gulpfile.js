// What `n8n-node build` (tsc, then every icon under the folder) leaves to us. The Plivo package
// needs nothing more: its tsconfig.json includes the codex (*.node.json) files, so tsc emits them
// next to each compiled node. The SignalWire package compiles from the repository's root (see
// signalwire/gulpfile.js), so its codex files are copied here, beside the entry files n8n loads.
const { src, dest } = require('gulp');

function finished(stream) {
	return new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
}

/** The codex files from the current folder's nodes/ into its dist/nodes/, as n8n reads them. */
async function copyCodex() {
	await finished(src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist')));
}

exports.copyCodex = copyCodex;
