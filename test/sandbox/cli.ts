/**
 * `npm run sandbox`: starts the local Plivo sandbox and prints where it listens and which
 * credentials it accepts. Set PORT, PLIVO_AUTH_ID or PLIVO_AUTH_TOKEN to change them.
 */
import { PlivoSandbox } from './plivo';
import type { PendingVerification } from './plivo/verifiedCallerIds';

async function main(): Promise<void> {
	const sandbox = await PlivoSandbox.start({
		port: Number(process.env.PORT ?? 8088),
		host: process.env.HOST ?? '127.0.0.1',
		account: {
			...(process.env.PLIVO_AUTH_ID ? { authId: process.env.PLIVO_AUTH_ID } : {}),
			...(process.env.PLIVO_AUTH_TOKEN ? { authToken: process.env.PLIVO_AUTH_TOKEN } : {}),
		},
	});
	const { authId, authToken } = sandbox.account;
	console.log(`Plivo sandbox listening on ${sandbox.url}`);
	console.log('In n8n, create a "Plivo Voice API" credential with:');
	console.log(`  Auth ID:      ${authId}`);
	console.log(`  Auth Token:   ${authToken}`);
	console.log(`  API Base URL: ${sandbox.url}`);
	console.log('Press Ctrl-C to stop.');
	// Stands in for the SMS or call that brings a verification code to the number's owner.
	sandbox.state.events.on('verification.initiated', (verification: PendingVerification) => {
		console.log(`Verification code for ${verification.phone_number}: ${verification.otp} (valid for 15 minutes)`);
	});
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
