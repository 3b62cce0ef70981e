import type { ApiInputs, JobCard, Profile } from './api.js';

// The choices the forms offer, in the order they are shown; labels come from the messages.
export const SCOPES: JobCard['remoteScope'][] = ['global', 'latam', 'americas', 'brazil', 'countries', 'hybrid', 'onsite', 'unknown'];
export const SENIORITIES: NonNullable<JobCard['seniority']>[] = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'];
export const LANGUAGES: NonNullable<JobCard['language']>[] = ['pt', 'es', 'en'];
export const CONTRACTS: NonNullable<NonNullable<ApiInputs['jobs']['search']['contractTypes']>[number]>[] = ['clt', 'pj', 'contractor', 'freelance', 'internship'];
export const PROFILE_SENIORITIES: NonNullable<Profile['seniority']>[] = ['junior', 'mid', 'senior', 'lead'];
export const PROFILE_SCOPES: Profile['remoteScopes'] = ['global', 'latam', 'americas', 'brazil', 'countries'];
type SalaryFloor = NonNullable<ApiInputs['profile']['update']['salaryFloor']>;
/** Latin America's currencies first, then where many of the jobs pay. */
export const FLOOR_CURRENCIES: SalaryFloor['currency'][] = ['BRL', 'ARS', 'CLP', 'COP', 'MXN', 'PEN', 'UYU', 'USD', 'EUR', 'CAD', 'GBP'];
/** Where most users live (Latin America), then where many of the jobs are. */
export const COUNTRIES = [
  'BR', 'AR', 'BO', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'GT', 'HN', 'MX', 'NI', 'PA', 'PE', 'PR', 'PY', 'SV', 'UY', 'VE',
  'CA', 'US', 'PT', 'ES', 'GB', 'DE', 'FR', 'NL', 'IE',
];
