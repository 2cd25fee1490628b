/** A worker thread of describeTextsInWorkers.ts: describes the texts it is given, and answers with JSON (cheaper to pass back than objects). */
import { parentPort, workerData } from 'node:worker_threads';
import { describeText } from './describeText';

const texts = workerData as { path: string; text: string }[];
parentPort!.postMessage(JSON.stringify(texts.map((t) => describeText(t.path, t.text))));
