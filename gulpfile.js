// Copies what tsc does not: node and credential icons, and the codex (*.node.json) files
// that n8n reads next to each compiled node.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function buildCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = async function buildStatic() {
	await Promise.all([
		new Promise((resolve, reject) => buildIcons().on('end', resolve).on('error', reject)),
		new Promise((resolve, reject) => buildCodex().on('end', resolve).on('error', reject)),
	]);
};
