import { loadLibrary, type Library } from '../load/loadLibrary';
import { buildLinkGraph, type LinkGraph } from './buildLinkGraph';

/**
 * Loads the library and builds its link graph, without schema validation or
 * checks: for commands that show links even while the library has problems.
 */
export async function loadGraph(root: string): Promise<{ library: Library; graph: LinkGraph }> {
  const { library } = await loadLibrary(root);
  return { library, graph: buildLinkGraph(library.entries, library.unreadableIds, library.entries.length === library.files.length) };
}
