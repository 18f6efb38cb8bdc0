/**
 * Scenes for the multiparty-call tests: MPCs and participants set up in the sandbox directly,
 * the way they would be after earlier requests.
 */
import type { PlivoSandbox } from '../sandbox/plivo/index.mts';
import type { Args } from '../sandbox/plivo/arguments.mts';
import type { MpcRecord, ParticipantRecord, ParticipantRole } from '../sandbox/plivo/mpc.mts';
import { liveCall } from './plivo.mts';

let numbers = 0;

/** A participant whose call is in progress, added to the MPC through the API. */
export function joinParticipant(
	sandbox: PlivoSandbox,
	mpc: MpcRecord,
	role: ParticipantRole,
	options: Args = {},
): ParticipantRecord {
	const to = `1415555${String(1000 + (numbers++ % 9000))}`;
	return sandbox.state.mpcs.join(mpc, liveCall(sandbox, { to }), role, options);
}

/**
 * An MPC with participants of the given roles. It is active unless every participant joins with
 * start_mpc_on_enter off; `options` are the first participant's arguments (stay_alone, …).
 */
export function mpcWith(
	sandbox: PlivoSandbox,
	name: string,
	roles: ParticipantRole[],
	options: Args = {},
): { mpc: MpcRecord; participants: ParticipantRecord[] } {
	const mpc = sandbox.state.mpcs.create(name, options);
	const participants = roles.map((role) => joinParticipant(sandbox, mpc, role, options));
	return { mpc, participants };
}
