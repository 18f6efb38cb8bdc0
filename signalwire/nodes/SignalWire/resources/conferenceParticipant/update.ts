import { switchField, toBody, updateFieldsCollection } from '../../../../../lib/kit/fields';
import { path } from '../../../../../lib/kit/pathSegments';
import { bodyOf, somethingToUpdate } from '../../../../../lib/kit/validation';
import {
	announceFields,
	CALL_SID,
	callSidField,
	CONFERENCE_SID,
	conferenceSidField,
	lamlUrlFields,
} from '../../shared/descriptions';
import { defineOperation } from '../../shared/routing';

const announce = announceFields('the participant');

const holdMusic = lamlUrlFields({
	urlName: 'holdUrl',
	methodName: 'holdMethod',
	urlApiName: 'HoldUrl',
	displayName: 'Hold',
	description:
		'URL of an audio file, or of LaML that plays one, for the participant to hear while on hold',
});

const waitMusic = lamlUrlFields({
	urlName: 'waitUrl',
	methodName: 'waitMethod',
	urlApiName: 'WaitUrl',
	displayName: 'Wait',
	description:
		'URL of an audio file, or of LaML that plays one, for the participant to hear until the conference starts',
});

export const update = defineOperation({
	resource: 'conferenceParticipant',
	value: 'update',
	name: 'Update',
	action: 'Update a conference participant',
	description:
		'Mute or unmute a participant, put them on hold, make them coach another participant, or play them an announcement',
	method: 'POST',
	url: path`/Conferences/${CONFERENCE_SID}/Participants/${CALL_SID}.json`,
	properties: [
		conferenceSidField('The unique ID of the conference the participant is in'),
		callSidField(),
		updateFieldsCollection([
			switchField({
				name: 'muted',
				apiName: 'Muted',
				displayName: 'Muted',
				description:
					'Whether the participant is muted: the others in the conference cannot hear them',
			}),
			switchField({
				name: 'hold',
				apiName: 'Hold',
				displayName: 'On Hold',
				description:
					'Whether the participant is on hold: they hear the hold music and nobody hears them',
			}),
			...holdMusic.fields,
			...announce.fields,
			switchField({
				name: 'coaching',
				apiName: 'Coaching',
				displayName: 'Coaching',
				description:
					'Whether the participant coaches another one, who alone hears them; set ‘Call SID to Coach’ too',
			}),
			{
				displayName: 'Call SID to Coach',
				name: 'callSidToCoach',
				type: 'string',
				default: '',
				placeholder: 'e.g. b3877c40-da60-4998-90ad-b792e98472cb',
				description:
					'The call of the participant to coach, in the same conference: only they hear the coach',
				routing: toBody('CallSidToCoach'),
			},
			...waitMusic.fields,
		]),
	],
	checks: [
		somethingToUpdate,
		// The reference: "If true, call_sid_to_coach must be defined."
		(requestOptions) => {
			const body = bodyOf(requestOptions);
			return body.Coaching === true && body.CallSidToCoach === undefined
				? '‘Coaching’ is on but ‘Call SID to Coach’ is empty: say which participant to coach.'
				: undefined;
		},
		holdMusic.check,
		announce.check,
		waitMusic.check,
	],
});
