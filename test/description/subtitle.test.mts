import { describe, expect, it } from 'vitest';

import { SignalWire } from '../../signalwire/nodes/SignalWire/SignalWire.node.js';
import { plivoVoiceNode } from '../harness/plivo.mts';

/** What n8n shows under the node: the subtitle expression evaluated for the chosen parameters. */
function subtitle(expression: string | undefined, resource: string, operation: string): unknown {
	const code = String(expression)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	const $parameter = { resource, operation };
	return new Function('$parameter', `return ${code};`)($parameter);
}

describe('subtitles', () => {
	it('show the Plivo Voice operation as users read it', () => {
		const { description } = plivoVoiceNode();
		expect(subtitle(description.subtitle, 'call', 'create')).toBe('Make a call');
		expect(subtitle(description.subtitle, 'recording', 'download')).toMatch(/^[A-Z].* recording/);
	});

	it('show the SignalWire operation as users read it', () => {
		const { description } = new SignalWire();
		expect(subtitle(description.subtitle, 'conference', 'get')).toBe('Get a conference');
	});
});
