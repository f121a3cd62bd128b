/**
 * A worker thread of the analysis pool (analysisPool.ts): analyses the articles of each message
 * and posts the results back under the message's id.
 */
import { parentPort } from 'node:worker_threads';
import { analyseArticle, type AnalysisInput } from './articleAnalysis.ts';

parentPort!.on('message', (task: { id: number; inputs: AnalysisInput[] }) => {
  try {
    parentPort!.postMessage({
      id: task.id,
      results: task.inputs.map(analyseArticle),
    });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error });
  }
});
