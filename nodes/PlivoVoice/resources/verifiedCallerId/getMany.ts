import { filtersCollection, returnAllAndLimitFields, toQuery } from '../../../../lib/kit/fields';
import { itemsFrom } from '../../../../lib/kit/routing';
import { aliasField, subaccountField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const getMany = defineOperation({
	resource: 'verifiedCallerId',
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many verified caller IDs',
	description: 'List the numbers verified on the account, one item per number',
	method: 'GET',
	// The reference's endpoint line shows `/VerifiedCallerId/{phone_number}`, which cannot be a
	// list; its curl sample and the SDK use `/VerifiedCallerId/`.
	url: '/VerifiedCallerId/',
	paged: true,
	output: [itemsFrom('objects')],
	properties: [
		...returnAllAndLimitFields(),
		filtersCollection([
			aliasField(toQuery('alias'), 'Only numbers with this alias'),
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '',
				placeholder: 'e.g. US',
				description: 'Only numbers of this country, as a two-letter ISO code',
				routing: toQuery('country'),
			},
			subaccountField(
				toQuery('subaccount'),
				'Only numbers verified for this subaccount (its Auth ID)',
			),
		]),
	],
	preSend: [
		async function countryInCapitals(requestOptions) {
			const qs = requestOptions.qs;
			if (qs && typeof qs.country === 'string') qs.country = qs.country.trim().toUpperCase();
			return requestOptions;
		},
	],
	checks: [
		(requestOptions) => {
			const country = requestOptions.qs?.country;
			if (country === undefined || /^[A-Z]{2}$/.test(String(country))) return undefined;
			return `‘${String(country)}’ in the ‘Country’ filter is not a two-letter country code (for example US or IN).`;
		},
	],
});
