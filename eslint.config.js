// eslint-plugin-n8n-nodes-base ships eslintrc-style rule sets; they are spread into flat config
// here: `community` for each package.json, `credentials` for credentials/, `nodes` for nodes/
// (the Plivo package's at the root, the SignalWire package's under signalwire/).
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const tsParser = require('@typescript-eslint/parser');
const jsoncParser = require('jsonc-eslint-parser');
// n8n's own rules for community nodes, the ones its verification scan (npm run scan) applies.
const communityNodes = require('@n8n/eslint-plugin-community-nodes');

const plugins = { 'n8n-nodes-base': n8nNodesBase };

module.exports = [
	{
		ignores: ['dist/**', 'signalwire/dist/**', 'node_modules/**', 'coverage/**', '.n8n-dev/**'],
	},
	{
		files: ['package.json', 'signalwire/package.json'],
		languageOptions: { parser: jsoncParser },
		plugins,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts', 'signalwire/credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Our documentation URL is Plivo's page, not an n8n docs slug.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts', 'signalwire/nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Our documentation URLs are Plivo's pages, not n8n docs slugs.
			'n8n-nodes-base/node-class-description-credentials-name-unsuffixed': 'error',
			// These predate NodeConnectionTypes and ask for the `'main'` literal that n8n's
			// community-nodes rules (below) replace with NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: [
			'nodes/**/*.ts',
			'credentials/**/*.ts',
			'lib/**/*.ts',
			'signalwire/nodes/**/*.ts',
			'signalwire/credentials/**/*.ts',
		],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: communityNodes.configs.recommended.plugins,
		rules: communityNodes.configs.recommended.rules,
	},
];
