// Copies what tsc does not: the node's and the credential's icons, and the codex (*.node.json)
// beside the compiled node. tsc compiles from the repository's root (the kit the node uses lives
// in ../lib/kit), so this package's own files land under dist/signalwire/.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist/signalwire'));
}

function buildCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist/signalwire'));
}

exports['build:icons'] = async function buildStatic() {
	await Promise.all([
		new Promise((resolve, reject) => buildIcons().on('end', resolve).on('error', reject)),
		new Promise((resolve, reject) => buildCodex().on('end', resolve).on('error', reject)),
	]);
};
