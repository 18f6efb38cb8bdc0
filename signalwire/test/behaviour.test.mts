/**
 * How the SignalWire node behaves when input is bad or SignalWire fails: clear errors before any
 * request, SignalWire's own error (message, status, code, more_info), retries only where they are
 * safe, Continue On Fail with pairing, and the credential: its test and its Space URL.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SignalWireApi } from '../credentials/SignalWireApi.credentials.js';
import { SPACE_URL } from '../nodes/SignalWire/shared/hosts';
import { SignalWire } from '../nodes/SignalWire/SignalWire.node.js';
import { everythingIn, failure } from '../../test/harness/common.mts';
import { useSandbox } from '../../test/harness/useSandbox.mts';
import { singleNodeWorkflow, testCredential } from '../../test/harness/n8n.mts';
import { basicAuthHeader, runSignalWire, sandboxCredentials } from './harness.mts';
import { SignalWireSandbox } from './sandbox/index.mts';
import type { ConferenceRecord, ParticipantRecord } from './sandbox/conferences.mts';
import { MORE_INFO_URL } from './sandbox/errors.mts';

let sandbox: SignalWireSandbox;
useSandbox(SignalWireSandbox.start, (started) => {
	sandbox = started;
});

function conferenceWith(count: number): {
	conference: ConferenceRecord;
	participants: ParticipantRecord[];
} {
	const conference = sandbox.state.conferences.create({ participants: count });
	return { conference, participants: [...conference.participants.values()] };
}

function participantParameters(
	conference: ConferenceRecord,
	participant: ParticipantRecord,
	operation: string,
): INodeParameters {
	return {
		resource: 'conferenceParticipant',
		operation,
		conferenceSid: conference.sid,
		callSid: participant.call_sid,
	};
}

describe('bad input fails before any request, naming the field', () => {
	const sid = 'b3877c40-da60-4998-90ad-b792e98472cf';
	const update = (updateFields: INodeParameters) => ({
		resource: 'conferenceParticipant',
		operation: 'update',
		conferenceSid: sid,
		callSid: sid,
		updateFields,
	});
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'coaching without saying whom to coach',
			update({ coaching: true }),
			/‘Coaching’ is on but ‘Call SID to Coach’ is empty/,
		],
		[
			'coaching with a call to coach that resolves to nothing',
			update({ coaching: true, callSidToCoach: '={{ $json.missing }}' }),
			/‘Coaching’ is on but ‘Call SID to Coach’ is empty/,
		],
		[
			'a participant update with nothing to change',
			update({}),
			/Nothing to update: add at least one field under ‘Update Fields’/,
		],
		[
			'a hold URL that is not a URL',
			update({ hold: true, holdUrl: 'music.mp3' }),
			/‘music.mp3’ in the ‘Hold URL’ field/,
		],
		[
			'a wait URL that is not a URL',
			update({ waitUrl: 'ftp://example.com/wait.mp3' }),
			/‘Wait URL’ field/,
		],
		[
			'a conference update that only says not to end it',
			{
				resource: 'conference',
				operation: 'update',
				conferenceSid: sid,
				updateFields: { endConference: false },
			},
			/Nothing to update/,
		],
		[
			'a conference announcement URL that is not a URL',
			{
				resource: 'conference',
				operation: 'update',
				conferenceSid: sid,
				updateFields: { announceUrl: 'example.com/a.xml' },
			},
			/‘Announce URL’ field/,
		],
		[
			'a date filter that is not a date',
			{
				resource: 'conference',
				operation: 'getMany',
				returnAll: true,
				filters: { createdOnOrAfter: 'last monday' },
			},
			/‘Created On or After’ is not a date/,
		],
		[
			'an empty conference SID',
			{ resource: 'conference', operation: 'get', conferenceSid: ' ' },
			/‘Conference SID’ field is empty/,
		],
		[
			'an empty call SID',
			{
				resource: 'conferenceParticipant',
				operation: 'remove',
				conferenceSid: sid,
				callSid: '={{ "" }}',
			},
			/‘Call SID’ field is empty/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		const error = await failure(runSignalWire(sandbox, parameters));
		expect(error.cause).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
		expect((error as NodeApiError).description).toBe('This item was not sent to SignalWire.');
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('SignalWire errors', () => {
	it('become a NodeApiError with SignalWire’s message, and the status, code and more_info in the description', async () => {
		const { conference } = conferenceWith(1);
		const error = await failure(
			runSignalWire(sandbox, {
				resource: 'conferenceParticipant',
				operation: 'get',
				conferenceSid: conference.sid,
				callSid: 'no-such-call',
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		const [request] = sandbox.requests;
		expect(request.status).toBe(404);
		expect(request.responseBody).toEqual({
			code: 20404,
			message: `The requested resource /Conferences/${conference.sid}/Participants/no-such-call was not found`,
			more_info: MORE_INFO_URL,
			status: 404,
		});
		expect(error.message).toBe(
			`The requested resource /Conferences/${conference.sid}/Participants/no-such-call was not found`,
		);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect((error as NodeApiError).description).toBe(
			`SignalWire answered HTTP 404 with error code 20404. More information: ${MORE_INFO_URL}`,
		);
		expect(everythingIn(error)).not.toContain(sandbox.project.apiToken);
		expect(everythingIn(error)).not.toContain(basicAuthHeader(sandbox).slice(6));
	});

	it('keep SignalWire’s message for refusals the node cannot foresee: coaching someone from another conference', async () => {
		const { conference, participants } = conferenceWith(2);
		const other = conferenceWith(1);
		const error = await failure(
			runSignalWire(sandbox, {
				...participantParameters(conference, participants[0], 'update'),
				updateFields: { coaching: true, callSidToCoach: other.participants[0].call_sid },
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			`CallSidToCoach ${other.participants[0].call_sid} is not a participant of conference ${conference.sid}`,
		);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect((error as NodeApiError).description).toBe(
			`SignalWire answered HTTP 400 with error code 21100. More information: ${MORE_INFO_URL}`,
		);
		expect(participants[0].coaching).toBe(false);
	});

	it('report a wrong token as SignalWire does, and never show it', async () => {
		const { conference } = conferenceWith(1);
		const error = await failure(
			runSignalWire(
				sandbox,
				{ resource: 'conference', operation: 'get', conferenceSid: conference.sid },
				{ credentials: { apiToken: 'PTwrong-token-123' } },
			),
		);
		expect(sandbox.requests[0].status).toBe(401);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(error.message).toBe('Authentication failed');
		expect((error as NodeApiError).description).toBe(
			`SignalWire answered HTTP 401 with error code 20003. More information: ${MORE_INFO_URL}`,
		);
		expect(everythingIn(error)).not.toContain('PTwrong-token-123');
	});

	it('of the network never show the token either, and a change is not sent twice', async () => {
		const { conference, participants } = conferenceWith(1);
		const error = await failure(
			runSignalWire(
				sandbox,
				{
					...participantParameters(conference, participants[0], 'update'),
					updateFields: { muted: true },
				},
				{
					credentials: { spaceUrl: 'http://127.0.0.1:1' },
				},
			),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Could not reach SignalWire');
		expect((error as NodeApiError).description).toBe(
			'Network error ECONNREFUSED. It was not sent again: SignalWire may already have acted on it (for example, muted the participant or ended the conference). Check the conference before you run it again.',
		);
		expect(everythingIn(error)).not.toContain(sandbox.project.apiToken);
	});

	it('a next page elsewhere than the space is not followed: the request carries the token', async () => {
		sandbox.server.injectFault({
			status: 200,
			body: {
				page: 0,
				page_size: 1000,
				conferences: [],
				next_page_uri: 'https://elsewhere.example/steal?Page=1',
			},
		});
		const error = await failure(
			runSignalWire(sandbox, { resource: 'conference', operation: 'getMany', returnAll: true }),
		);
		expect(error.message).toBe('SignalWire pointed to a next page that is not on your space');
		expect(sandbox.requests).toHaveLength(1);
	});

	describe('nor is a path that resolves to another host or account', () => {
		let elsewhere: Server;
		let elsewhereRequests: IncomingHttpHeaders[];
		let host: string;
		beforeAll(async () => {
			elsewhere = createServer((request, response) => {
				elsewhereRequests.push(request.headers);
				response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"conferences":[]}');
			});
			await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
			host = `127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
		});
		afterAll(async () => {
			await new Promise((resolve) => elsewhere.close(resolve));
		});
		beforeEach(() => {
			elsewhereRequests = [];
		});

		it.each([
			['a backslash after the slash', () => `/\\${host}/steal.json`],
			['a tab inside the double slash', () => `/\t/${host}/steal.json`],
			['a new line inside the double slash', () => `/\n/${host}/steal.json`],
			[
				'another account of the space',
				() => '/api/laml/2010-04-01/Accounts/another-project/Conferences.json?Page=1',
			],
			['a path outside the account', () => '/api/relay/rest/conferences?page=1'],
		])('%s', async (_name, next) => {
			sandbox.server.injectFault({
				status: 200,
				body: { page: 0, page_size: 1000, conferences: [], next_page_uri: next() },
			});
			const error = await failure(
				runSignalWire(sandbox, { resource: 'conference', operation: 'getMany', returnAll: true }),
			);
			expect(error.message).toBe('SignalWire pointed to a next page that is not on your space');
			expect(sandbox.requests).toHaveLength(1);
			expect(elsewhereRequests).toEqual([]);
		});

		it('and a redirect is not followed either', async () => {
			const { conference } = conferenceWith(1);
			sandbox.server.injectFault({
				status: 307,
				headers: { Location: `http://${host}/steal.json` },
			});
			const error = await failure(
				runSignalWire(sandbox, {
					resource: 'conference',
					operation: 'get',
					conferenceSid: conference.sid,
				}),
			);
			expect(error.message).toBe(
				'The API answered with a redirect (HTTP 307), which was not followed',
			);
			expect(elsewhereRequests).toEqual([]);
			expect(everythingIn(error)).not.toContain(sandbox.project.apiToken);
		});
	});
});

describe('retries', () => {
	it('a rate-limited update (HTTP 429) is sent again after Retry-After, and acts once', async () => {
		const { conference, participants } = conferenceWith(1);
		sandbox.server.injectFault({ status: 429, headers: { 'Retry-After': '1' }, method: 'POST' });
		const output = await runSignalWire(sandbox, {
			...participantParameters(conference, participants[0], 'update'),
			updateFields: { hold: true },
		});
		const posts = sandbox.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.status)).toEqual([429, 200]);
		expect(posts[1].receivedAt - posts[0].receivedAt).toBeGreaterThanOrEqual(950);
		expect(output[0].json.hold).toBe(true);
	});

	it('an update is not sent again after a 5xx, since SignalWire may have acted on it', async () => {
		const { conference } = conferenceWith(2);
		sandbox.server.injectFault({ status: 500, method: 'POST', when: 'after' });
		const error = await failure(
			runSignalWire(sandbox, {
				resource: 'conference',
				operation: 'update',
				conferenceSid: conference.sid,
				updateFields: { endConference: true },
			}),
		);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect((error as NodeApiError).description).toMatch(
			/^SignalWire answered HTTP 500.*It was not sent again: SignalWire may already have acted on it/,
		);
		expect(sandbox.requests).toHaveLength(1);
		expect(conference.status).toBe('completed');
	});

	it('a read is retried after a 5xx, and a page of a list too', async () => {
		const { conference } = conferenceWith(3);
		sandbox.server.injectFault({ status: 503, method: 'GET' });
		const output = await runSignalWire(sandbox, {
			resource: 'conferenceParticipant',
			operation: 'getMany',
			conferenceSid: conference.sid,
			returnAll: true,
		});
		expect(sandbox.requests.map((request) => request.status)).toEqual([503, 200]);
		expect(output).toHaveLength(3);
	});
});

describe('Continue On Fail', () => {
	it('gives one error item per failed input item, each paired with its input', async () => {
		const { conference, participants } = conferenceWith(2);
		const [first, second] = participants;
		const items = [
			{ json: { call: first.call_sid } },
			{ json: { call: '' } },
			{ json: { call: 'no-such-call' } },
			{ json: { call: second.call_sid } },
		];
		const output = await runSignalWire(
			sandbox,
			{
				resource: 'conferenceParticipant',
				operation: 'get',
				conferenceSid: conference.sid,
				callSid: '={{ $json.call }}',
			},
			{ items, continueOnFail: true },
		);
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json.call_sid).toBe(first.call_sid);
		expect(output[1].error).toBeInstanceOf(NodeOperationError);
		expect(output[1].json.error).toMatch(/‘Call SID’ field is empty/);
		expect(output[2].error).toBeInstanceOf(NodeApiError);
		expect(output[2].json).toMatchObject({
			httpCode: '404',
			description: expect.stringContaining('error code 20404'),
		});
		expect(output[3].json.call_sid).toBe(second.call_sid);
		expect(sandbox.requests).toHaveLength(3);
	});

	it('keeps pairing when one input item yields several output items, and when coaching is refused', async () => {
		const first = conferenceWith(2);
		const second = conferenceWith(1);
		const output = await runSignalWire(
			sandbox,
			{
				resource: 'conferenceParticipant',
				operation: 'getMany',
				conferenceSid: '={{ $json.conference }}',
				returnAll: true,
			},
			{
				items: [
					{ json: { conference: first.conference.sid } },
					{ json: { conference: second.conference.sid } },
				],
				continueOnFail: true,
			},
		);
		expect(output.map((item) => [item.json.call_sid, item.pairedItem])).toEqual([
			[first.participants[0].call_sid, { item: 0 }],
			[first.participants[1].call_sid, { item: 0 }],
			[second.participants[0].call_sid, { item: 1 }],
		]);

		const refused = await runSignalWire(
			sandbox,
			{
				...participantParameters(first.conference, first.participants[0], 'update'),
				updateFields: { coaching: '={{ $json.coach }}' },
			},
			{ items: [{ json: { coach: false } }, { json: { coach: true } }], continueOnFail: true },
		);
		expect(refused.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(refused[0].json.coaching).toBe(false);
		expect(refused[1].json.error).toMatch(/‘Coaching’ is on but ‘Call SID to Coach’ is empty/);
	});
});

describe('credential', () => {
	const credentialType = new SignalWireApi();

	it('test passes with the right Project ID and token, by listing a conference as the node does', async () => {
		const result = await testCredential(credentialType, {
			...sandboxCredentials(sandbox),
			spaceUrl: `${sandbox.url}/`,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests).toHaveLength(1);
		const [request] = sandbox.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(
			`/api/laml/2010-04-01/Accounts/${sandbox.project.projectId}/Conferences.json`,
		);
		expect(request.query).toEqual({ PageSize: '1' });
		expect(request.headers.authorization).toBe(basicAuthHeader(sandbox));
	});

	it('test fails with a wrong token, without showing it', async () => {
		const result = await testCredential(credentialType, {
			...sandboxCredentials(sandbox),
			apiToken: 'PTnot-the-token',
		});
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('PTnot-the-token');
		expect(sandbox.requests[0].status).toBe(401);
	});

	it('test fails with another project’s ID', async () => {
		const result = await testCredential(credentialType, {
			...sandboxCredentials(sandbox),
			projectId: 'b3877c40-da60-4998-90ad-b792e98472af',
		});
		expect(result.status).toBe('Error');
	});

	it('Space URL: the host SignalWire shows gets https://, a full base URL is kept, trailing slashes go', () => {
		const nodeType = new SignalWire();
		const node = {
			id: 'n',
			name: 'SignalWire',
			type: 'signalWire',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const workflow = singleNodeWorkflow(node, nodeType);
		const resolve = (spaceUrl: string) =>
			workflow.expression.getSimpleParameterValue(
				node,
				SPACE_URL,
				'internal',
				{ $credentials: { spaceUrl } },
				undefined,
				'',
			);
		expect(resolve('example.signalwire.com')).toBe('https://example.signalwire.com');
		expect(resolve(' example.signalwire.com/ ')).toBe('https://example.signalwire.com');
		expect(resolve('https://example.signalwire.com/')).toBe('https://example.signalwire.com');
		expect(resolve('http://127.0.0.1:8089')).toBe('http://127.0.0.1:8089');
		expect(resolve('HTTP://127.0.0.1:8089//')).toBe('HTTP://127.0.0.1:8089');
	});
});
