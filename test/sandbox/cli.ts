/**
 * `npm run sandbox`: starts the local Plivo sandbox and, on the next port, the SignalWire
 * sandbox, and prints where they listen and which credentials they accept. Set PORT,
 * PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN, SIGNALWIRE_PROJECT_ID or SIGNALWIRE_API_TOKEN to change them.
 */
import { PlivoSandbox } from './plivo';
import { showVerificationCodes } from './plivo/verifiedCallerIds';
import { SignalWireSandbox } from './signalwire';

async function main(): Promise<void> {
	const port = Number(process.env.PORT ?? 8088);
	const host = process.env.HOST ?? '127.0.0.1';
	const plivo = await PlivoSandbox.start({
		port,
		host,
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
	console.log(`A call to an application comes in with POST ${plivo.url}/_sandbox/inbound-call, and its caller presses keys`);
	console.log(`with POST ${plivo.url}/_sandbox/digits?digits=1 (test/sandbox/README.md, "Controls").`);

	const signalWire = await SignalWireSandbox.start({
		port: port + 1,
		host,
		project: {
			...(process.env.SIGNALWIRE_PROJECT_ID ? { projectId: process.env.SIGNALWIRE_PROJECT_ID } : {}),
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
