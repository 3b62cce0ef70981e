/** One item as the source published it; `payload` is stored verbatim in raw_postings. */
export interface RawItem {
  externalId: string;
  payload: Record<string, unknown>;
}

export interface ParsedFeed {
  items: RawItem[];
  /** Items present in the payload but unusable (no id, no title); counted, not stored. */
  skipped: number;
}

/** The fields every later stage needs, read from one source's payload shape. */
export interface ExtractedPosting {
  title: string;
  company: string | null;
  location: string | null;
  postedAt: string | null;
  applyUrl: string | null;
  descriptionHtml: string;
  salaryText: string | null;
  tags: string[];
  /** The board's own employment-type value ("full_time", "Full-Time", "CONTRACTOR"), trusted before text. */
  employmentType: string | null;
  /** Structured remote metadata some boards publish; read before any free text. */
  remote: StructuredRemote | null;
}

export interface StructuredRemote {
  remoteModality?: string | null;
  workplaceType?: string | null;
  isRemote?: boolean | null;
  countries?: string[] | null;
  locationRestrictions?: string[] | null;
}

/** Everything that is specific to one source format: how to split a response into items, and how to read an item. */
export interface SourceAdapter {
  kind: 'rss' | 'json_api';
  parse(body: string): Promise<ParsedFeed>;
  extract(payload: Record<string, unknown>): ExtractedPosting;
}
