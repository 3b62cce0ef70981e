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

/** What a paged adapter sees of the page it just read, to say where the next one is. */
export interface PageContext {
  url: string;
  body: string;
  /** 1-based. */
  page: number;
  /** Usable items this page held. */
  items: number;
}

/** What the operator's source configuration adds to what a response says. */
export interface SourceContext {
  /** The company an ATS board belongs to, for payloads that never name it. */
  company: string | null;
}

/** Everything that is specific to one source format: how to split a response into items, how to read an item, and where the next page is. */
export interface SourceAdapter {
  kind: 'rss' | 'json_api';
  parse(body: string, context?: SourceContext): Promise<ParsedFeed>;
  extract(payload: Record<string, unknown>): ExtractedPosting;
  /** The next page's URL, or null on the last page; absent for single-page sources. */
  nextPage?(ctx: PageContext): string | null;
}
