/**
 * The Verified Caller ID resource, from the reference's "Verified Caller ID" section: initiating
 * sends a four-digit OTP to the number (valid 15 minutes); submitting that OTP verifies the
 * number, which can then be fetched, listed, updated and deleted. Tests read the OTP that "was
 * sent" with `otpFor(verificationUuid)`.
 */
import { randomInt } from 'node:crypto';

import type { FakeServer } from '../core.mts';
import type { Args } from './arguments.mts';
import {
	PHONE,
	badRequest,
	notFound,
	onlyKnown,
	oneOf,
	optionalString,
	queryArgs,
	requiredString,
} from './arguments.mts';
import type { PlivoState } from './index.mts';
import { paginate } from './pagination.mts';
import type { PlivoCore } from './state.mts';
import { apiReply, newUuid } from './state.mts';

/** "Once created, an OTP is valid for 15 mins." */
const OTP_VALIDITY_MS = 15 * 60_000;

/** Country calling codes of the numbers tests use, to fill `country` (ISO 3166 alpha-2). */
const COUNTRY_BY_CALLING_CODE: Array<[string, string]> = [
	['1', 'US'],
	['33', 'FR'],
	['34', 'ES'],
	['44', 'GB'],
	['49', 'DE'],
	['55', 'BR'],
	['61', 'AU'],
	['65', 'SG'],
	['81', 'JP'],
	['91', 'IN'],
];

export interface PendingVerification {
	verification_uuid: string;
	phone_number: string;
	alias: string;
	/** As requested; '' when the request named no channel (the reference's example then shows ''). */
	channel: string;
	subaccount: string;
	otp: string;
	sent_at: Date;
}

export interface VerifiedCallerIdRecord {
	verification_uuid: string;
	phone_number: string;
	alias: string;
	channel: string;
	country: string;
	subaccount: string;
	created_at: Date;
	modified_at: Date;
}

/** `2024-02-09T03:52:22.880098Z`: how the reference writes these times (UTC, microseconds). */
function isoMicro(date: Date): string {
	return date.toISOString().replace(/Z$/, '000Z');
}

/** `+12025551234`, whichever way the number was written (`12025551234`, `%2B12025551234`). */
function e164(number: string): string {
	return `+${number.replace(/^\+/, '')}`;
}

function countryOf(phoneNumber: string): string {
	const digits = phoneNumber.replace(/^\+/, '');
	const match = COUNTRY_BY_CALLING_CODE.filter(([code]) => digits.startsWith(code)).sort(
		(a, b) => b[0].length - a[0].length,
	)[0];
	return match?.[1] ?? '';
}

export class VerifiedCallerIdStore {
	readonly pending = new Map<string, PendingVerification>();
	/** By E.164 number, in the order they were verified. */
	readonly verified = new Map<string, VerifiedCallerIdRecord>();

	constructor(private readonly core: PlivoCore) {}

	reset(): void {
		this.pending.clear();
		this.verified.clear();
	}

	/** The OTP "sent" for a verification, as the number's owner would read it. */
	otpFor(verificationUuid: string): string {
		const pending = this.pending.get(verificationUuid);
		if (!pending) throw new Error(`no verification ${verificationUuid} is pending`);
		return pending.otp;
	}

	initiate(
		args: Omit<PendingVerification, 'verification_uuid' | 'otp' | 'sent_at'>,
	): PendingVerification {
		const verification: PendingVerification = {
			...args,
			verification_uuid: newUuid(),
			otp: String(randomInt(0, 10_000)).padStart(4, '0'),
			sent_at: this.core.now(),
		};
		this.pending.set(verification.verification_uuid, verification);
		return verification;
	}

	verify(verificationUuid: string, otp: string): VerifiedCallerIdRecord {
		const pending = this.pending.get(verificationUuid);
		if (!pending) throw notFound('verification not found');
		if (this.core.now().getTime() - pending.sent_at.getTime() > OTP_VALIDITY_MS) {
			this.pending.delete(verificationUuid);
			throw badRequest('OTP has expired, initiate the verification again');
		}
		if (otp !== pending.otp) throw badRequest('Invalid OTP');
		this.pending.delete(verificationUuid);
		const now = this.core.now();
		return this.add({ ...pending, created_at: now });
	}

	/** A verified number, as if verified earlier (list tests). */
	add(args: Partial<VerifiedCallerIdRecord> & { phone_number: string }): VerifiedCallerIdRecord {
		const now = this.core.now();
		const phoneNumber = e164(args.phone_number);
		const record: VerifiedCallerIdRecord = {
			verification_uuid: newUuid(),
			alias: '',
			channel: 'sms',
			subaccount: '',
			created_at: now,
			modified_at: now,
			...args,
			phone_number: phoneNumber,
			country: countryOf(phoneNumber),
		};
		this.verified.delete(phoneNumber);
		this.verified.set(phoneNumber, record);
		return record;
	}

	/** A number from a path: with `+`, `%2B` (already decoded) or digits only. */
	find(pathNumber: string): VerifiedCallerIdRecord {
		const record = this.verified.get(e164(pathNumber.trim()));
		if (!record) throw notFound('verified caller ID not found');
		return record;
	}

	/** What "retrieve" and "update" answer with. */
	toResource(record: VerifiedCallerIdRecord): Record<string, unknown> {
		return {
			alias: record.alias,
			country: record.country,
			created_at: isoMicro(record.created_at),
			modified_at: isoMicro(record.modified_at),
			phone_number: record.phone_number,
			subaccount: record.subaccount,
			verification_uuid: record.verification_uuid,
		};
	}

	/** An entry of the list, with its `resource_uri` (digits only, no trailing slash, as documented). */
	toListEntry(record: VerifiedCallerIdRecord): Record<string, unknown> {
		return {
			...this.toResource(record),
			resource_uri: this.core.accountPath(
				`/VerifiedCallerId/${record.phone_number.replace(/^\+/, '')}`,
			),
		};
	}
}

/**
 * Shows each code the sandbox "sends", standing in for the SMS or call that brings it to the
 * number's owner (`npm run sandbox` and `npm run dev` print them).
 */
export function showVerificationCodes(state: PlivoState, show: (line: string) => void): void {
	state.events.on('verification.initiated', (verification: PendingVerification) => {
		show(
			`Verification code for ${verification.phone_number}: ${verification.otp} (valid for 15 minutes)`,
		);
	});
}

function e164Argument(args: Args, name: string): string {
	const value = requiredString(args, name);
	if (!PHONE.test(value)) throw badRequest(`${name} must be a phone number in E.164 format`);
	return e164(value);
}

function countryArgument(args: Args): string | undefined {
	const value = optionalString(args, 'country');
	if (value !== undefined && !/^[A-Z]{2}$/.test(value))
		throw badRequest('country must be a two-letter ISO country code');
	return value;
}

export function registerVerifiedCallerIdRoutes(server: FakeServer<PlivoState>): void {
	const base = '/v1/Account/:authId/VerifiedCallerId';

	// The reference's endpoint line has no trailing slash, its curl sample and the SDKs one: every
	// route answers both (index.mts).
	server.route('POST', `${base}/`, ({ body, state }) => {
		onlyKnown(body, ['phone_number', 'alias', 'channel', 'subaccount']);
		const phoneNumber = e164Argument(body, 'phone_number');
		const channel = oneOf(body, 'channel', ['sms', 'call'] as const);
		const verification = state.verifiedCallerIds.initiate({
			phone_number: phoneNumber,
			alias: optionalString(body, 'alias') ?? '',
			channel: channel ?? '',
			subaccount: optionalString(body, 'subaccount') ?? '',
		});
		// What the number's owner would receive: the CLI prints it, tests may listen for it.
		state.events.emit('verification.initiated', verification);
		// No status code is stated for this request.
		return apiReply(200, {
			message: `Verification code is sent to number ${phoneNumber} which is valid for 15 minutes`,
			verification_uuid: verification.verification_uuid,
		});
	});

	server.route('POST', `${base}/Verification/:verificationUuid/`, ({ params, body, state }) => {
		onlyKnown(body, ['otp']);
		const otp = requiredString(body, 'otp');
		const record = state.verifiedCallerIds.verify(params.verificationUuid, otp);
		// The verified caller ID object as the reference's example shows it after verification.
		const { alias, country, created_at, phone_number, verification_uuid } =
			state.verifiedCallerIds.toResource(record);
		return apiReply(200, {
			alias,
			channel: record.channel,
			country,
			created_at,
			phone_number,
			verification_uuid,
		});
	});

	server.route('GET', `${base}/`, ({ query, state }) => {
		const args = queryArgs(query);
		onlyKnown(args, ['alias', 'subaccount', 'country', 'limit', 'offset']);
		const alias = optionalString(args, 'alias');
		const subaccount = optionalString(args, 'subaccount');
		const country = countryArgument(args);
		const list = [...state.verifiedCallerIds.verified.values()]
			.filter((record) => alias === undefined || record.alias === alias)
			.filter((record) => subaccount === undefined || record.subaccount === subaccount)
			.filter((record) => country === undefined || record.country === country)
			.map((record) => state.verifiedCallerIds.toListEntry(record));
		return {
			status: 200,
			body: paginate(list, args, {
				apiId: newUuid(),
				path: state.core.accountPath('/VerifiedCallerId/'),
			}),
		};
	});

	// Get, update and delete: `/VerifiedCallerId/{phone_number}` (the reference without a final slash, the SDKs with one).
	const oneNumber = `${base}/:phoneNumber`;

	server.route('GET', oneNumber, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		return apiReply(
			200,
			state.verifiedCallerIds.toResource(state.verifiedCallerIds.find(params.phoneNumber)),
		);
	});

	server.route('POST', oneNumber, ({ params, body, state }) => {
		onlyKnown(body, ['alias', 'subaccount']);
		const record = state.verifiedCallerIds.find(params.phoneNumber);
		const alias = optionalString(body, 'alias');
		const subaccount = optionalString(body, 'subaccount');
		if (alias !== undefined) record.alias = alias;
		if (subaccount !== undefined) record.subaccount = subaccount;
		record.modified_at = state.core.now();
		return apiReply(200, state.verifiedCallerIds.toResource(record));
	});

	server.route('DELETE', oneNumber, ({ params, query, state }) => {
		onlyKnown(queryArgs(query), []);
		const record = state.verifiedCallerIds.find(params.phoneNumber);
		state.verifiedCallerIds.verified.delete(record.phone_number);
		return { status: 204 };
	});
}
