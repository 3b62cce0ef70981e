// Every workflow the `pipeline` worker serves; this file is the worker's workflow bundle entry.
export { ingestSourceWorkflow } from './ingest-source.js';
export { pipelineWorkflow } from './pipeline.js';
export { reportBuildWorkflow } from './report-build.js';
export { matchAlertsWorkflow, sendEmailWorkflow, weeklyDigestWorkflow } from './notifications.js';
export { matcherVersionsWorkflow, promoteMatcherWorkflow, retrainMatcherWorkflow, rollbackMatcherWorkflow } from './retrain-matcher.js';
export { refreshSkillGapsWorkflow } from './skill-gaps.js';
export { resumeWorkflow } from './resume.js';
export { operatorsWorkflow, setOperatorWorkflow } from './operators.js';
