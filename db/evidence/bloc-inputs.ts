import { z } from 'zod';
import { countrySides } from './countries';

/** What the analyst may send to change the bloc mapping: a country name, and for a change its side. */
const country = z.string('name a country').trim().min(1, 'name a country').max(120, 'must be at most 120 characters');
const side = z.enum(countrySides, `must be one of ${countrySides.join(', ')}`);

export const countrySideInput = z.strictObject({ country, side });
export const countryInput = z.strictObject({ country });
