/**
 * Every Verified Caller ID operation through n8n-core's RoutingNode against the sandbox, and the
 * two-step flow a workflow runs: initiate, read the code the number received, verify.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { failure, locator, paired } from '../harness/common.mts';
import { useSandbox } from '../harness/useSandbox.mts';
import { accountPath, runOneRequest, runPlivoVoice, searchPlivoVoice } from '../harness/plivo.mts';
import { apiId, expectRefusedBeforeSending, expectRequest } from '../harness/plivoExpectations.mts';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

/** `2024-02-09T03:52:22.880098Z`, as the reference writes these times. */
const isoTime = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

const run = (parameters: INodeParameters) =>
	runOneRequest(sandbox, { resource: 'verifiedCallerId', ...parameters });

/** Starts a verification through the node and returns the UUID it gave. */
async function initiate(phoneNumber = '+14155550100'): Promise<string> {
	const output = await runPlivoVoice(sandbox, {
		resource: 'verifiedCallerId',
		operation: 'initiate',
		phoneNumber,
	});
	return String(output[0].json.verification_uuid);
}

describe('Verified Caller ID › the verification flow', () => {
	it('initiate → read the code from the sandbox → verify → get → delete', async () => {
		// 1. Initiate: the number is written loosely and sent in E.164.
		const initiated = await run({
			operation: 'initiate',
			phoneNumber: '+1 (415) 555-0100',
			additionalFields: {
				alias: 'Head Office',
				channel: 'call',
				subaccount: 'SAXXXXXXXXXXXXXXXX01',
			},
		});
		expectRequest(sandbox, initiated.request, 'POST', '/VerifiedCallerId/');
		expect(initiated.request.query).toEqual({});
		expect(initiated.request.body).toEqual({
			phone_number: '+14155550100',
			alias: 'Head Office',
			channel: 'call',
			subaccount: 'SAXXXXXXXXXXXXXXXX01',
		});
		const [pending] = sandbox.state.verifiedCallerIds.pending.values();
		expect(initiated.output).toEqual([
			{
				json: {
					api_id: apiId,
					message: 'Verification code is sent to number +14155550100 which is valid for 15 minutes',
					verification_uuid: pending.verification_uuid,
				},
				pairedItem: paired(0),
			},
		]);

		// 2. The code the number received.
		const otp = sandbox.state.verifiedCallerIds.otpFor(pending.verification_uuid);
		expect(otp).toMatch(/^\d{4}$/);

		// 3. Verify, with the UUID mapped from Initiate's output as the field description suggests.
		const verified = await runOneRequest(
			sandbox,
			{
				resource: 'verifiedCallerId',
				operation: 'verify',
				verificationUuid: '={{ $json.verification_uuid }}',
				otp,
			},
			{ items: initiated.output },
		);
		expectRequest(
			sandbox,
			verified.request,
			'POST',
			`/VerifiedCallerId/Verification/${pending.verification_uuid}/`,
		);
		expect(verified.request.query).toEqual({});
		expect(verified.request.body).toEqual({ otp });
		expect(verified.output).toEqual([
			{
				json: {
					api_id: apiId,
					alias: 'Head Office',
					channel: 'call',
					country: 'US',
					created_at: isoTime,
					phone_number: '+14155550100',
					verification_uuid: pending.verification_uuid,
				},
				pairedItem: paired(0),
			},
		]);

		// 4. Get: picked from the list, which gives the number with its +; the path has digits only.
		const fetched = await run({ operation: 'get', phoneNumber: locator('+14155550100') });
		expectRequest(sandbox, fetched.request, 'GET', '/VerifiedCallerId/14155550100');
		expect(fetched.request.query).toEqual({});
		expect(fetched.output).toEqual([
			{
				json: {
					api_id: apiId,
					alias: 'Head Office',
					country: 'US',
					created_at: isoTime,
					modified_at: isoTime,
					phone_number: '+14155550100',
					subaccount: 'SAXXXXXXXXXXXXXXXX01',
					verification_uuid: pending.verification_uuid,
				},
				pairedItem: paired(0),
			},
		]);

		// 5. Delete, then the number is gone.
		const deleted = await run({
			operation: 'delete',
			phoneNumber: locator('+1 415 555 0100', 'id'),
		});
		expectRequest(sandbox, deleted.request, 'DELETE', '/VerifiedCallerId/14155550100');
		expect(deleted.request.query).toEqual({});
		expect(deleted.request.status).toBe(204);
		expect(deleted.output).toEqual([{ json: { success: true }, pairedItem: paired(0) }]);
		const gone = await failure(
			runPlivoVoice(sandbox, {
				resource: 'verifiedCallerId',
				operation: 'get',
				phoneNumber: locator('+14155550100'),
			}),
		);
		expect((gone as NodeApiError).httpCode).toBe('404');
	});

	it('refuses a wrong code with Plivo’s 400, and still accepts the right one', async () => {
		const uuid = await initiate();
		const otp = sandbox.state.verifiedCallerIds.otpFor(uuid);
		const wrong = otp === '0000' ? '1111' : '0000';
		const error = await failure(
			runPlivoVoice(sandbox, {
				resource: 'verifiedCallerId',
				operation: 'verify',
				verificationUuid: uuid,
				otp: wrong,
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error.message).toBe('Invalid OTP');
		expect(sandbox.state.verifiedCallerIds.verified.size).toBe(0);

		const { output } = await run({ operation: 'verify', verificationUuid: uuid, otp });
		expect(output[0].json).toMatchObject({ phone_number: '+14155550100', channel: '' });
	});

	it('refuses a code after its 15 minutes', async () => {
		const uuid = await initiate();
		const otp = sandbox.state.verifiedCallerIds.otpFor(uuid);
		sandbox.state.core.clockOffsetMs = 15 * 60_000 + 1000;
		const error = await failure(
			runPlivoVoice(sandbox, {
				resource: 'verifiedCallerId',
				operation: 'verify',
				verificationUuid: uuid,
				otp,
			}),
		);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(error.message).toMatch(/expired/);
	});

	it('trims spaces around a mapped code', async () => {
		const uuid = await initiate();
		const otp = sandbox.state.verifiedCallerIds.otpFor(uuid);
		const { request } = await run({
			operation: 'verify',
			verificationUuid: uuid,
			otp: `={{ " ${otp} " }}`,
		});
		expect(request.body).toEqual({ otp });
	});
});

describe('Verified Caller ID › Get Many', () => {
	it('sends the filters under Plivo’s names, the country in capitals', async () => {
		const match = sandbox.state.verifiedCallerIds.add({
			phone_number: '+14155550101',
			alias: 'Sales',
			subaccount: 'SA01',
		});
		sandbox.state.verifiedCallerIds.add({ phone_number: '+14155550102', alias: 'Sales' });
		sandbox.state.verifiedCallerIds.add({
			phone_number: '+919876543210',
			alias: 'Sales',
			subaccount: 'SA01',
		});
		const { output, request } = await run({
			operation: 'getMany',
			returnAll: true,
			filters: { alias: 'Sales', country: ' us ', subaccount: 'SA01' },
		});
		expectRequest(sandbox, request, 'GET', '/VerifiedCallerId/');
		expect(request.query).toEqual({
			alias: 'Sales',
			country: 'US',
			subaccount: 'SA01',
			limit: '20',
			offset: '0',
		});
		expect(output).toEqual([
			{ json: sandbox.state.verifiedCallerIds.toListEntry(match), pairedItem: paired(0) },
		]);
		expect(output[0].json).toMatchObject({
			country: 'US',
			resource_uri: `${accountPath(sandbox)}/VerifiedCallerId/14155550101`,
		});
	});

	it('Return All walks every page; Limit asks only for what it needs', async () => {
		const numbers = Array.from({ length: 24 }, (_, index) =>
			sandbox.state.verifiedCallerIds.add({
				phone_number: `+1415555${String(index).padStart(4, '0')}`,
			}),
		);
		sandbox.server.clearRequests();
		const all = await runPlivoVoice(sandbox, {
			resource: 'verifiedCallerId',
			operation: 'getMany',
			returnAll: true,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([
			{ limit: '20', offset: '0' },
			{ limit: '20', offset: '20' },
		]);
		expect(all.map((item) => item.json.phone_number)).toEqual(
			numbers.map((number) => number.phone_number),
		);

		sandbox.server.clearRequests();
		const some = await runPlivoVoice(sandbox, {
			resource: 'verifiedCallerId',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
		});
		expect(sandbox.requests.map((request) => request.query)).toEqual([{ limit: '3', offset: '0' }]);
		expect(some.map((item) => item.json.phone_number)).toEqual(
			numbers.slice(0, 3).map((number) => number.phone_number),
		);
	});
});

describe('Verified Caller ID › Update', () => {
	it('changes the alias and the subaccount, on the documented path without a trailing slash', async () => {
		const number = sandbox.state.verifiedCallerIds.add({
			phone_number: '+442071234567',
			alias: 'London',
		});
		const { output, request } = await run({
			operation: 'update',
			phoneNumber: locator('+442071234567'),
			updateFields: { alias: 'London Office', subaccount: 'SA02' },
		});
		expectRequest(sandbox, request, 'POST', '/VerifiedCallerId/442071234567');
		expect(request.query).toEqual({});
		expect(request.body).toEqual({ alias: 'London Office', subaccount: 'SA02' });
		expect(output).toEqual([
			{
				json: {
					api_id: apiId,
					alias: 'London Office',
					country: 'GB',
					created_at: isoTime,
					modified_at: isoTime,
					phone_number: '+442071234567',
					subaccount: 'SA02',
					verification_uuid: number.verification_uuid,
				},
				pairedItem: paired(0),
			},
		]);
	});
});

describe('Verified Caller ID › bad input fails before any request, naming the field', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'a number that is not one',
			{ operation: 'initiate', phoneNumber: 'Head Office' },
			/‘Head Office’ in the ‘Phone Number’ field is not a phone number/,
		],
		[
			'an empty number',
			{ operation: 'initiate', phoneNumber: '' },
			/‘Phone Number’ field is empty/,
		],
		[
			'a code of 6 digits',
			{ operation: 'verify', verificationUuid: 'abc', otp: '123456' },
			/‘Verification Code’ must be the 4 digits the number received; got ‘123456’/,
		],
		[
			'a code with letters',
			{ operation: 'verify', verificationUuid: 'abc', otp: '12a4' },
			/‘Verification Code’ must be the 4 digits/,
		],
		[
			'an empty verification UUID',
			{ operation: 'verify', verificationUuid: '={{ $json.verification_uuid }}', otp: '1234' },
			/‘Verification UUID’ field is empty/,
		],
		[
			'a typed number that is not one',
			{ operation: 'get', phoneNumber: locator('abc', 'id') },
			/‘abc’ in the ‘Phone Number’ field is not a phone number/,
		],
		[
			'no number picked',
			{ operation: 'delete', phoneNumber: locator('') },
			/‘Phone Number’ field is empty/,
		],
		[
			'an update with nothing to change',
			{ operation: 'update', phoneNumber: locator('+14155550100'), updateFields: { alias: '' } },
			/Nothing to update: add at least one field under ‘Update Fields’/,
		],
		[
			'a country that is not a code',
			{ operation: 'getMany', returnAll: true, filters: { country: 'USA' } },
			/‘USA’ in the ‘Country’ filter is not a two-letter country code/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, message) => {
		await expectRefusedBeforeSending(
			sandbox,
			{ resource: 'verifiedCallerId', ...parameters },
			message,
		);
	});
});

describe('Verified Caller ID › list search', () => {
	it('lists the verified numbers with their aliases, and filters them', async () => {
		sandbox.state.verifiedCallerIds.add({ phone_number: '+14155550101', alias: 'Sales' });
		sandbox.state.verifiedCallerIds.add({ phone_number: '+14155550102' });
		const all = await searchPlivoVoice(sandbox, 'searchVerifiedCallerIds');
		expect(all).toEqual({
			results: [
				{ name: '+14155550101 (Sales)', value: '+14155550101' },
				{ name: '+14155550102', value: '+14155550102' },
			],
			paginationToken: undefined,
		});
		expect(
			sandbox.requests.map((request) => [request.method, request.path, request.query]),
		).toEqual([['GET', `${accountPath(sandbox)}/VerifiedCallerId/`, { limit: '20', offset: '0' }]]);
		const filtered = await searchPlivoVoice(sandbox, 'searchVerifiedCallerIds', {
			filter: 'sales',
		});
		expect(filtered.results).toEqual([{ name: '+14155550101 (Sales)', value: '+14155550101' }]);
	});
});
