import { z } from 'zod';
import { collectItems, parseEnvelope } from './fields.js';
import type { ExtractedPosting, ParsedFeed, SourceAdapter } from './types.js';

// Field names of Remotive's public remote-jobs API.
const job = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]),
  url: z.string().optional(),
  title: z.string().min(1),
  company_name: z.string().nullish(),
  category: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  job_type: z.string().nullish(),
  publication_date: z.string().nullish(),
  candidate_required_location: z.string().nullish(),
  salary: z.string().nullish(),
  description: z.string().nullish(),
});

const response = z.looseObject({ jobs: z.array(z.unknown()) });

async function parse(body: string): Promise<ParsedFeed> {
  const envelope = parseEnvelope(body, response, 'not a Remotive response: no "jobs" array');
  return collectItems(envelope.jobs, job, (item) => item.id);
}

function extract(payload: Record<string, unknown>): ExtractedPosting {
  const item = job.parse(payload);
  return {
    title: item.title,
    company: item.company_name ?? null,
    location: item.candidate_required_location || null,
    postedAt: item.publication_date ?? null,
    applyUrl: item.url ?? null,
    descriptionHtml: item.description ?? '',
    salaryText: item.salary || null,
    tags: item.tags ?? [],
    employmentType: item.job_type ?? null,
    // Every Remotive job is remote; who may apply is in candidate_required_location (the location above).
    remote: { isRemote: true },
  };
}

export const remotiveAdapter: SourceAdapter = { kind: 'json_api', parse, extract };
