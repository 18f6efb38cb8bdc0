/**
 * `npm run sandbox`: starts the local Plivo sandbox and, on the next port, the SignalWire
 * sandbox, and prints where they listen and which credentials they accept. Set PORT,
 * PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN, SIGNALWIRE_PROJECT_ID or SIGNALWIRE_API_TOKEN to change them.
 * Plivo's and SignalWire's limits apply unless changed: `npm run sandbox -- --rate-limit=600/5s
 * --cps=10 --signalwire-rate-limit=off`, or `--no-limits` for none (also PLIVO_SANDBOX_RATE_LIMIT,
 * PLIVO_SANDBOX_CPS and SIGNALWIRE_SANDBOX_RATE_LIMIT, test/sandbox/README.md).
 */
import { parseArgs } from 'node:util';

import type { RateLimit } from './core.mts';
import { parseRateLimit } from './core.mts';
import type { PlivoLimits } from './plivo/index.mts';
import { PlivoSandbox, plivoLimits } from './plivo/index.mts';
import { showVerificationCodes } from './plivo/verifiedCallerIds.mts';
import type { SignalWireLimits } from '../../signalwire/test/sandbox/index.mts';
import { SignalWireSandbox, signalWireWriteLimit } from '../../signalwire/test/sandbox/index.mts';

/**
 * The limits the command line asks for; what it leaves out comes from the environment, else
 * from the provider's documented defaults.
 */
function limitsFromArguments(): {
	plivo: PlivoLimits | false;
	signalWire: SignalWireLimits | false;
} {
	const { values } = parseArgs({
		options: {
			'rate-limit': { type: 'string' },
			cps: { type: 'string' },
			'signalwire-rate-limit': { type: 'string' },
			'no-limits': { type: 'boolean' },
		},
	});
	if (values['no-limits']) return { plivo: false, signalWire: false };
	const option = (name: 'rate-limit' | 'cps' | 'signalwire-rate-limit') => {
		const text = values[name];
		return text === undefined ? undefined : parseRateLimit(text, `--${name}`);
	};
	const requests = option('rate-limit');
	const cps = option('cps');
	const writes = option('signalwire-rate-limit');
	return {
		plivo: {
			...(requests === undefined ? {} : { requests }),
			...(cps === undefined ? {} : { callsPerSecond: cps && (cps.limit * 1000) / cps.windowMs }),
		},
		signalWire: writes === undefined ? {} : { writes },
	};
}

function describeRate(limit: RateLimit | false, what: string): string {
	return limit ? `${limit.limit} ${what} per ${limit.windowMs / 1000} s` : `no limit on ${what}`;
}

async function main(): Promise<void> {
	const port = Number(process.env.PORT ?? 8088);
	const host = process.env.HOST ?? '127.0.0.1';
	const limits = limitsFromArguments();
	const plivo = await PlivoSandbox.start({
		port,
		host,
		limits: limits.plivo,
		account: {
			...(process.env.PLIVO_AUTH_ID ? { authId: process.env.PLIVO_AUTH_ID } : {}),
			...(process.env.PLIVO_AUTH_TOKEN ? { authToken: process.env.PLIVO_AUTH_TOKEN } : {}),
		},
	});
	const { authId, authToken } = plivo.account;
	console.log(`Plivo sandbox listening on ${plivo.url}`);
	console.log('In n8n, create a "Plivo Voice API" credential with:');
	console.log(`  Auth ID:      ${authId}`);
	console.log(`  Auth Token:   ${authToken}`);
	console.log(`  API Base URL: ${plivo.url}`);
	const { requests, callsPerSecond } = plivoLimits(limits.plivo);
	const queueing = callsPerSecond
		? `${callsPerSecond} calls placed per second, the rest queued`
		: 'no call queueing';
	console.log(`Limits: ${describeRate(requests, 'API requests')}; ${queueing}.`);
	console.log(
		`A call to an application comes in with POST ${plivo.url}/_sandbox/inbound-call, and its caller presses keys`,
	);
	console.log(
		`with POST ${plivo.url}/_sandbox/digits?digits=1 (test/sandbox/README.md, "Controls").`,
	);

	const signalWire = await SignalWireSandbox.start({
		port: port + 1,
		host,
		limits: limits.signalWire,
		project: {
			...(process.env.SIGNALWIRE_PROJECT_ID
				? { projectId: process.env.SIGNALWIRE_PROJECT_ID }
				: {}),
			...(process.env.SIGNALWIRE_API_TOKEN ? { apiToken: process.env.SIGNALWIRE_API_TOKEN } : {}),
		},
	});
	// Conferences start from LaML, not from this API: a demo conference gives something to work on.
	const demo = signalWire.state.conferences.create({ friendlyName: 'Demo Room', participants: 3 });
	const { projectId, apiToken } = signalWire.project;
	console.log('');
	console.log(`SignalWire sandbox listening on ${signalWire.url}`);
	console.log('In n8n, create a "SignalWire API" credential with:');
	console.log(`  Space URL:    ${signalWire.url}`);
	console.log(`  Project ID:   ${projectId}`);
	console.log(`  API Token:    ${apiToken}`);
	console.log(`Limits: ${describeRate(signalWireWriteLimit(limits.signalWire), 'POST requests')}.`);
	console.log(`Demo conference "${demo.friendly_name}": Conference SID ${demo.sid}`);
	for (const callSid of demo.participants.keys()) console.log(`  participant Call SID ${callSid}`);
	console.log('Press Ctrl-C to stop.');
	showVerificationCodes(plivo.state, (line) => console.log(line));
	const stop = () => {
		void Promise.all([plivo.close(), signalWire.close()]).then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
