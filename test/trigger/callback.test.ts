/**
 * The public URL a callback was signed for, and the event marker, in isolation.
 */
import { describe, expect, it } from 'vitest';

import { publicWebhookUrl } from '../../nodes/PlivoVoiceTrigger/application';
import { withQueryParameter, withServedEndpoint } from '../../nodes/PlivoVoiceTrigger/callback';
import { recogniseEvent } from '../../nodes/PlivoVoiceTrigger/events';

const ID = '1c04a8f4-6c3e-4b8e-9d53-3f8d6c1f0a11';

describe('withServedEndpoint', () => {
	it('leaves the URL as it is when n8n served the production webhook', () => {
		expect(withServedEndpoint(`https://n8n.example.com/webhook/${ID}/webhook`, `/webhook/${ID}/webhook`)).toBe(`https://n8n.example.com/webhook/${ID}/webhook`);
		expect(withServedEndpoint(`https://n8n.example.com/n8n/webhook/${ID}/webhook`, `/webhook/${ID}/webhook`)).toBe(`https://n8n.example.com/n8n/webhook/${ID}/webhook`);
	});

	it('takes the test endpoint n8n served, behind a path prefix too', () => {
		expect(withServedEndpoint(`https://n8n.example.com/webhook/${ID}/webhook`, `/webhook-test/${ID}/webhook`)).toBe(`https://n8n.example.com/webhook-test/${ID}/webhook`);
		expect(withServedEndpoint(`https://n8n.example.com/n8n/webhook/${ID}/webhook`, `/webhook-test/${ID}/webhook`)).toBe(`https://n8n.example.com/n8n/webhook-test/${ID}/webhook`);
		expect(withServedEndpoint(`http://localhost:5678/hooks/${ID}/webhook`, `/hooks-test/${ID}/webhook`)).toBe(`http://localhost:5678/hooks-test/${ID}/webhook`);
	});

	it('leaves a URL a proxy rewrites completely alone', () => {
		expect(withServedEndpoint('https://calls.example.com/plivo', `/webhook-test/${ID}/webhook`)).toBe('https://calls.example.com/plivo');
		expect(withServedEndpoint('https://calls.example.com/', `/webhook/${ID}/webhook`)).toBe('https://calls.example.com/');
		expect(withServedEndpoint('not a url', '/webhook/x')).toBe('not a url');
	});
});

describe('publicWebhookUrl', () => {
	it('is n8n’s URL unless the option is set, then the option with n8n’s current endpoint', () => {
		const n8nTestUrl = `http://127.0.0.1:5678/webhook-test/${ID}/webhook`;
		expect(publicWebhookUrl(n8nTestUrl, undefined)).toBe(n8nTestUrl);
		expect(publicWebhookUrl(n8nTestUrl, '  ')).toBe(n8nTestUrl);
		expect(publicWebhookUrl(n8nTestUrl, ` https://n8n.example.com/webhook/${ID}/webhook `)).toBe(`https://n8n.example.com/webhook-test/${ID}/webhook`);
	});
});

describe('withQueryParameter', () => {
	it('adds a parameter to a URL with or without a query', () => {
		expect(withQueryParameter('https://x.example/a', 'plivoEvent', 'fallback')).toBe('https://x.example/a?plivoEvent=fallback');
		expect(withQueryParameter('https://x.example/a?b=1', 'plivoEvent', 'fall back')).toBe('https://x.example/a?b=1&plivoEvent=fall%20back');
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
		expect(recogniseEvent({ EventName: 'ParticipantRecordingCompleted', CallUUID: 'c' })).toBe('mpcRecordingStatus');
		expect(recogniseEvent({ EventName: 'ParticipantDigitInput', Digits: '1' })).toBe('mpcStatus');
		expect(recogniseEvent({ ConferenceAction: 'record', RecordUrl: 'https://media.plivo.com/r.mp3' })).toBe('conference');
		expect(recogniseEvent({ Event: 'Hangup', Machine: 'true' })).toBe('hangup');
		expect(recogniseEvent({ Machine: 'false', CallUUID: 'c' })).toBe('machineDetection');
		expect(recogniseEvent({ Event: ['StartApp', 'Ring'] })).toBe('answer');
		expect(recogniseEvent({ Event: 'SomethingNew' })).toBe('other');
	});

	it('recognises a finished recording from the Record API (snake_case) and from <Record> (CamelCase)', () => {
		// What the sandbox posts to a Record API callback_url, as the reference lists it.
		const api = { api_id: 'a', record_url: 'https://media.plivo.com/r.mp3', call_uuid: 'c', recording_id: 'r', recording_duration: '12' };
		expect(recogniseEvent(api)).toBe('recordingReady');
		expect(recogniseEvent({ RecordUrl: 'https://media.plivo.com/r.mp3', RecordingID: 'r' })).toBe('recordingReady');
		// A transcription names its recording too, but is a transcription.
		expect(recogniseEvent({ transcription: 'hello', recording_id: 'r', call_uuid: 'c' })).toBe('transcriptionReady');
	});
});
