/**
 * The versions of the Plivo Voice node. A workflow keeps the version its node was added with;
 * new nodes get the latest.
 *
 * - **1**: Call UUID was one field name, `callUuid`, in Call, Audio Stream and MPC Participant,
 *   and From and To were `from` and `to` in both Call and MPC Participant.
 * - **2**: Audio Stream and MPC Participant name those fields for themselves. n8n (RoutingNode)
 *   evaluates the saved value of every field the node declares under that name, shown or not, once
 *   to build each request and, on n8n 2.x, again to check its base URL. With three declarations
 *   of Call UUID, a user's `{{ $json.call_uuid }}` in Get CDR was evaluated seven times per item;
 *   with one, three. Expression evaluation is most of what a bulk run costs n8n. The fields look
 *   and behave as in version 1; only the names workflows save them under differ.
 */
export type PlivoVoiceVersion = 1 | 2;

export const PLIVO_VOICE_VERSIONS: readonly PlivoVoiceVersion[] = [1, 2];

export const LATEST_PLIVO_VOICE_VERSION: PlivoVoiceVersion = 2;
