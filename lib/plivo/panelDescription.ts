/**
 * The description of Plivo Voice and of Plivo Voice Trigger: one text, for both.
 *
 * n8n's node panel lists a node and its trigger (`…plivoVoice` and `…plivoVoiceTrigger`) as one
 * entry, under the node's name, and shows the trigger's description for it, in the actions and in
 * the triggers view alike (editor-ui, NodeCreator/composables/useActionsGeneration.ts,
 * generateMergedNodesAndActions: `app.description = trigger.description`). So the text says what
 * the entry offers, both, as n8n's own pairs do (n8n and n8n Trigger, n8n Form and n8n Form Trigger).
 */
export const PLIVO_VOICE_DESCRIPTION =
	'Place and control phone calls with Plivo’s Voice API, and start workflows when Plivo calls back about them';
