// Live updates over GET /events (Server-Sent Events, same origin, the session cookie authenticates):
// pipeline progress, and the reader's new strong matches after each score stage. What they carry
// is typed by the server's own event types; the data arrives as JSON text.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PipelineEvent } from '../../activities/pipeline-events.js';
import type { MatchLine } from '../../warehouse/notifications.js';
import { useTRPC } from './api.js';

type StageEvent = Omit<Extract<PipelineEvent, { type: 'stage' }>, 'type' | 'workflowId'>;
interface MatchesEvent {
  runId: string;
  matches: MatchLine[];
}

export interface LiveState {
  /** The pipeline stage running now, if any. */
  running: StageEvent['stage'] | null;
  /** New jobs above the reader's alert threshold, pushed since the page opened. */
  fresh: MatchLine[];
}

/** Listens while signed in; new scores refetch the matches, a finished run the job lists, every stage the operator's runs. */
export function useLiveUpdates(signedIn: boolean): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ running: null, fresh: [] });
  useEffect(() => {
    if (!signedIn) return;
    const source = new EventSource('/events');
    source.addEventListener('pipeline', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as StageEvent;
      setState((s) => ({ ...s, running: event.state === 'started' ? event.stage : event.stage === 'publish' || event.state === 'failed' ? null : s.running }));
      if (event.state !== 'started') void queryClient.invalidateQueries({ queryKey: trpc.ops.runs.queryKey() });
      if (event.stage === 'score' && event.state === 'finished') void queryClient.invalidateQueries({ queryKey: trpc.matches.list.queryKey() });
      if (event.stage === 'publish' && event.state === 'finished') void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
    });
    source.addEventListener('matches', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as MatchesEvent;
      setState((s) => ({ ...s, fresh: [...event.matches, ...s.fresh.filter((m) => !event.matches.some((n) => n.clusterId === m.clusterId))] }));
      void queryClient.invalidateQueries({ queryKey: trpc.matches.list.queryKey() });
    });
    return () => source.close();
  }, [signedIn, queryClient, trpc]);
  return state;
}
