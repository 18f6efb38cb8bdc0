/**
 * The public URL a callback was signed for, and the event marker, in isolation.
 */
import { describe, expect, it } from 'vitest';

import type { INode } from 'n8n-workflow';

import {
	hasMoreParametersThan,
	publicWebhookUrl,
	withQueryParameter,
} from '../../nodes/PlivoVoiceTrigger/callback';
import { recogniseEvent } from '../../nodes/PlivoVoiceTrigger/events';

const ID = '1c04a8f4-6c3e-4b8e-9d53-3f8d6c1f0a11';

const node = { webhookId: ID } as INode;
const PRODUCTION_PATH = `/webhook/${ID}/webhook`;
const TEST_PATH = `/webhook-test/${ID}/webhook`;

describe('publicWebhookUrl', () => {
	it('is n8n’s own URL when the option is empty', () => {
		const n8nUrl = `http://127.0.0.1:5678/webhook/${ID}/webhook`;
		expect(publicWebhookUrl(n8nUrl, undefined, node, false)).toBe(n8nUrl);
		expect(publicWebhookUrl(n8nUrl, '  ', node, false)).toBe(n8nUrl);
		// The webhook context gives the production URL on a test run: the served path says which.
		expect(publicWebhookUrl(n8nUrl, '', node, true, TEST_PATH)).toBe(
			`http://127.0.0.1:5678/webhook-test/${ID}/webhook`,
		);
		// The hook context gives the test URL itself.
		const n8nTestUrl = `http://127.0.0.1:5678/webhook-test/${ID}/webhook`;
		expect(publicWebhookUrl(n8nTestUrl, undefined, node, true)).toBe(n8nTestUrl);
	});

	it('is the option exactly as written in production, whatever its path has in common with n8n’s', () => {
		const proxies = [
			// Nothing in common with n8n's path.
			'https://calls.example.net/plivo',
			'https://calls.example.net/',
			'https://calls.example.net',
			// Some segments in common: the last one, the endpoint, the webhook ID.
			'https://calls.example.net/n8n-hooks/webhook',
			'https://calls.example.net/webhook/webhook',
			`https://calls.example.net/${ID}/webhook`,
			`https://calls.example.net/webhook/${ID}`,
			`https://calls.example.net/webhook-test/x/webhook`,
			// n8n's own shape behind a prefix, and exactly n8n's shape.
			`https://n8n.example.com/n8n/webhook/${ID}/webhook`,
			`https://n8n.example.com/webhook/${ID}/webhook`,
			'not a url',
		];
		for (const proxy of proxies) {
			for (const served of [PRODUCTION_PATH, TEST_PATH, '/webhook/other/webhook']) {
				expect(
					publicWebhookUrl(`http://127.0.0.1:5678${PRODUCTION_PATH}`, proxy, node, false, served),
					`${proxy} served at ${served}`,
				).toBe(proxy);
			}
		}
		expect(publicWebhookUrl('', ' https://calls.example.net/plivo ', node, false)).toBe(
			'https://calls.example.net/plivo',
		);
	});

	it('on a test run, takes the test endpoint only for a URL of n8n’s own shape', () => {
		const test = (url: string, served = TEST_PATH) =>
			publicWebhookUrl(`http://127.0.0.1:5678${PRODUCTION_PATH}`, url, node, true, served);
		expect(test(`https://n8n.example.com/webhook/${ID}/webhook`)).toBe(
			`https://n8n.example.com/webhook-test/${ID}/webhook`,
		);
		expect(test(`https://n8n.example.com/n8n/webhook/${ID}/webhook`)).toBe(
			`https://n8n.example.com/n8n/webhook-test/${ID}/webhook`,
		);
		// n8n's endpoints are configurable (N8N_ENDPOINT_WEBHOOK, N8N_ENDPOINT_WEBHOOK_TEST).
		expect(test(`http://localhost:5678/hooks/${ID}/webhook`, `/hooks-test/${ID}/webhook`)).toBe(
			`http://localhost:5678/hooks-test/${ID}/webhook`,
		);
		// Query and fragment stay.
		expect(test(`https://n8n.example.com/webhook/${ID}/webhook?a=1#ct=2000`)).toBe(
			`https://n8n.example.com/webhook-test/${ID}/webhook?a=1#ct=2000`,
		);
		for (const proxy of [
			'https://calls.example.net/n8n-hooks/webhook',
			'https://calls.example.net/webhook/webhook',
			`https://calls.example.net/${ID}/webhook`,
			'https://calls.example.net/plivo',
			`https://calls.example.net/webhook/other-id/webhook`,
		]) {
			expect(test(proxy), proxy).toBe(proxy);
		}
	});
});

describe('hasMoreParametersThan', () => {
	it('counts &-separated parameters in a string or a buffer, up to the limit', () => {
		for (const wrap of [(text: string) => text, (text: string) => Buffer.from(text)]) {
			expect(hasMoreParametersThan(wrap(''), 0)).toBe(false);
			expect(hasMoreParametersThan(wrap('a=1'), 1)).toBe(false);
			expect(hasMoreParametersThan(wrap('a=1'), 0)).toBe(true);
			expect(hasMoreParametersThan(wrap('a=1&b=2&c'), 3)).toBe(false);
			expect(hasMoreParametersThan(wrap('a=1&b=2&c'), 2)).toBe(true);
			// Empty pieces count: URLSearchParams would skip them, but they still cost a pass.
			expect(hasMoreParametersThan(wrap('&&&'), 3)).toBe(true);
			expect(hasMoreParametersThan(wrap('x&'.repeat(999) + 'x'), 1000)).toBe(false);
			expect(hasMoreParametersThan(wrap('x&'.repeat(1000) + 'x'), 1000)).toBe(true);
		}
	});
});

describe('withQueryParameter', () => {
	it('adds a parameter to a URL with or without a query', () => {
		expect(withQueryParameter('https://x.example/a', 'plivoEvent', 'fallback')).toBe(
			'https://x.example/a?plivoEvent=fallback',
		);
		expect(withQueryParameter('https://x.example/a?b=1', 'plivoEvent', 'fall back')).toBe(
			'https://x.example/a?b=1&plivoEvent=fall%20back',
		);
	});
});

describe('recogniseEvent', () => {
	it('lets a known marker name the event, and ignores others', () => {
		expect(recogniseEvent({ Event: 'StartApp' }, 'fallback')).toBe('fallback');
		expect(recogniseEvent({ RecordUrl: 'https://media.plivo.com/r.mp3' }, 'input')).toBe('input');
		expect(recogniseEvent({ Event: 'StartApp' }, 'whatever')).toBe('answer');
		expect(recogniseEvent({ Event: 'StartApp' }, '*')).toBe('answer');
	});

	it('reads the most specific markers first', () => {
		expect(recogniseEvent({ EventName: 'ParticipantRecordingCompleted', CallUUID: 'c' })).toBe(
			'mpcRecordingStatus',
		);
		expect(recogniseEvent({ EventName: 'ParticipantDigitInput', Digits: '1' })).toBe('mpcStatus');
		expect(
			recogniseEvent({ ConferenceAction: 'record', RecordUrl: 'https://media.plivo.com/r.mp3' }),
		).toBe('conference');
		expect(recogniseEvent({ Event: 'Hangup', Machine: 'true' })).toBe('hangup');
		expect(recogniseEvent({ Machine: 'false', CallUUID: 'c' })).toBe('machineDetection');
		expect(recogniseEvent({ Event: ['StartApp', 'Ring'] })).toBe('answer');
		expect(recogniseEvent({ Event: 'SomethingNew' })).toBe('other');
	});

	it('recognises a finished recording from the Record API (snake_case) and from <Record> (CamelCase)', () => {
		// What the sandbox posts to a Record API callback_url, as the reference lists it.
		const api = {
			api_id: 'a',
			record_url: 'https://media.plivo.com/r.mp3',
			call_uuid: 'c',
			recording_id: 'r',
			recording_duration: '12',
		};
		expect(recogniseEvent(api)).toBe('recordingReady');
		expect(recogniseEvent({ RecordUrl: 'https://media.plivo.com/r.mp3', RecordingID: 'r' })).toBe(
			'recordingReady',
		);
		// A transcription names its recording too, but is a transcription.
		expect(recogniseEvent({ transcription: 'hello', recording_id: 'r', call_uuid: 'c' })).toBe(
			'transcriptionReady',
		);
	});
});
