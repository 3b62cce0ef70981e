/** Activities that touch the warehouse; served only by the process that owns the DuckDB file. */
export const PIPELINE_QUEUE = 'pipeline';
/** Stateless activities (HTTP, parsing, ONNX); any number of workers on any machine. */
export const FETCH_QUEUE = 'fetch';
