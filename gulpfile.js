// Copies what tsc does not: node and credential icons, and the codex (*.node.json) files
// that n8n reads next to each compiled node. The SignalWire package's gulpfile uses the same copy.
const { src, dest } = require('gulp');

function finished(stream) {
	return new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
}

/** Icons and codex files from the current folder's nodes/ and credentials/ into its dist/. */
async function copyStatic() {
	await Promise.all([
		finished(
			src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
				base: '.',
				encoding: false,
			}).pipe(dest('dist')),
		),
		finished(src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'))),
	]);
}

exports.copyStatic = copyStatic;
exports['build:icons'] = copyStatic;
